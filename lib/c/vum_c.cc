// The C API (include/vum/c/vum.h) over the library: every function catches
// what could escape as a C++ exception and turns a Status into a code and a
// message, so that nothing of C++ crosses the boundary.

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "lib/json/json_string.h"
#include "lib/json/violation_json.h"
#include "vum/batch.h"
#include "vum/batch_validation.h"
#include "vum/bron_service.h"
#include "vum/c/vum.h"
#include "vum/caseload_index.h"
#include "vum/code_list.h"
#include "vum/delta.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/pc4.h"
#include "vum/pseudonym.h"
#include "vum/record.h"
#include "vum/schema.h"
#include "vum/selection.h"
#include "vum/selection_service.h"
#include "vum/validator.h"
#include "vum/version.h"
#include "vum/view.h"

struct vum_validator {
  // Declared first: the validator points into it.
  vum::CodeListRegistry lists;
  std::unique_ptr<vum::Validator> validator;
};

struct vum_caseload {
  // Declared in the order they point into each other.
  std::unique_ptr<vum::Pc4Register> pc4;
  std::unique_ptr<vum::QuestionCompiler> compiler;
  std::unique_ptr<vum::CaseloadIndex> index;
};

namespace {

// A copy the caller releases with vum_free (malloc, so that any language's
// binding can hand it back to the same allocator through vum_free).
char* Copy(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

vum_status Fail(const absl::Status& status, char** error) {
  if (error != nullptr) *error = Copy(std::string(status.message()));
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
      return VUM_INVALID_ARGUMENT;
    case absl::StatusCode::kNotFound:
      return VUM_NOT_FOUND;
    case absl::StatusCode::kFailedPrecondition:
      return VUM_FAILED_PRECONDITION;
    default:
      return VUM_INTERNAL;
  }
}

// Runs `body`, turning an exception (std::bad_alloc, mostly) into
// VUM_INTERNAL.
template <typename Body>
vum_status Guard(char** error, Body body) {
  if (error != nullptr) *error = nullptr;
  try {
    return body();
  } catch (const std::exception&) {
    return Fail(absl::InternalError("vum: out of memory or internal error"), error);
  } catch (...) {
    return Fail(absl::InternalError("vum: internal error"), error);
  }
}

absl::Status Bad(std::string_view option, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("option \"", std::string(option), "\": ", why));
}

// The folders of a "codelists" option, appended to `dirs`.
absl::Status ReadFolders(std::string_view key, simdjson::dom::element value,
                         std::vector<std::string>* dirs) {
  simdjson::dom::array list;
  if (value.get(list)) return Bad(key, "expected a list of folders");
  for (simdjson::dom::element dir : list) {
    std::string_view text;
    if (dir.get(text)) return Bad(key, "expected a list of folders");
    dirs->emplace_back(text);
  }
  return absl::OkStatus();
}

// Reads the options object of vum_validator_create into `options` and the
// code-list folders into `dirs`.
absl::Status ReadOptions(const char* json, vum::ValidatorOptions* options,
                         std::vector<std::string>* dirs) {
  if (json == nullptr || *json == '\0') return absl::OkStatus();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object object;
  if (parser.parse(json, std::strlen(json)).get(root) || root.get(object)) {
    return absl::InvalidArgumentError("the options are not a JSON object");
  }
  for (auto [key, value] : object) {
    std::string_view text;
    if (key == "codelists") {
      if (absl::Status s = ReadFolders(key, value, dirs); !s.ok()) return s;
    } else if (key == "referenceDate") {
      absl::CivilDay day;
      if (value.get(text) || text.size() != 10 ||
          !absl::ParseCivilTime(absl::string_view(text.data(), text.size()), &day)) {
        return Bad(key, "expected a day YYYY-MM-DD");
      }
      options->reference_date = day;
    } else if (key == "language") {
      if (value.get(text) || (text != "nl" && text != "en")) {
        return Bad(key, "expected \"nl\" or \"en\"");
      }
      options->language = text == "en" ? vum::Language::kEnglish : vum::Language::kDutch;
    } else if (key == "minSeverity") {
      if (value.get(text) || (text != "info" && text != "warning" && text != "error")) {
        return Bad(key, "expected \"info\", \"warning\" or \"error\"");
      }
      options->min_severity = text == "error"     ? vum::Severity::kError
                              : text == "warning" ? vum::Severity::kWarning
                                                  : vum::Severity::kInfo;
    } else if (key == "pilotTransition") {
      bool on;
      if (value.get(on)) return Bad(key, "expected true or false");
      options->pilot_transition = on;
    } else {
      // Named only when it could be an option's name: never echo a value.
      const bool plain =
          !key.empty() && key.size() <= 40 &&
          std::all_of(key.begin(), key.end(), [](char c) { return std::isalnum(c); });
      return absl::InvalidArgumentError(
          plain ? absl::StrCat("unknown option \"", std::string(key), "\"")
                : "an unknown option");
    }
  }
  return absl::OkStatus();
}

absl::Status Read(vum_format format, absl::string_view bytes,
                  google::protobuf::Message* record,
                  std::vector<vum::FieldPath>* absent) {
  switch (format) {
    case VUM_FORMAT_JSON: {
      // One parser per thread: it keeps its buffers between documents.
      thread_local vum::JsonParser parser;
      return parser.Parse(bytes, record, absent);
    }
    case VUM_FORMAT_BINARY:
      return vum::ParseBinary(bytes, record);
  }
  return absl::InvalidArgumentError("the format is neither VUM_FORMAT_JSON nor BINARY");
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> NewRecordNamed(
    const char* record_type) {
  if (record_type == nullptr) return absl::InvalidArgumentError("no record type");
  return vum::NewRecord(record_type);
}

std::string ResultJson(const vum::ValidationResult& result) {
  std::vector<std::string> violations, unchecked;
  for (const vum::Violation& v : result.violations()) {
    violations.push_back(vum::json_internal::ViolationJson(v));
  }
  for (const std::string& id : result.unchecked_rule_ids()) {
    unchecked.push_back(vum::json_internal::JsonString(id));
  }
  return absl::StrCat("{\"conforms\":", result.conforms() ? "true" : "false",
                      ",\"errors\":", result.count(vum::Severity::kError),
                      ",\"warnings\":", result.count(vum::Severity::kWarning),
                      ",\"infos\":", result.count(vum::Severity::kInfo),
                      ",\"violations\":[", absl::StrJoin(violations, ","),
                      "],\"unchecked\":[", absl::StrJoin(unchecked, ","), "]}");
}

// The options of vum_caseload_create.
absl::Status ReadCaseloadOptions(const char* json, std::vector<std::string>* dirs,
                                 vum::v1::SoortSelectie* kind) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (json == nullptr || parser.parse(json, std::strlen(json)).get(object)) {
    return absl::InvalidArgumentError("the options are not a JSON object");
  }
  for (auto [key, value] : object) {
    std::string_view text;
    if (key == "codelists") {
      if (absl::Status s = ReadFolders(key, value, dirs); !s.ok()) return s;
    } else if (key == "kind") {
      if (value.get(text) || (text != "werkzoekenden" && text != "vacatures"))
        return Bad(key, "expected \"werkzoekenden\" or \"vacatures\"");
      *kind = text == "vacatures" ? vum::v1::SOORT_SELECTIE_VACATURES
                                  : vum::v1::SOORT_SELECTIE_WERKZOEKENDEN;
    } else {
      return absl::InvalidArgumentError("an unknown option");
    }
  }
  return absl::OkStatus();
}

struct SelectOptions {
  bool vum_form = false;
  absl::Time at = absl::Now();
  bool legal_basis = false;
  int max_results = 100;
  int k = 10;
  bool vum_extensions = false;
};

absl::Status ReadSelectOptions(const char* json, SelectOptions* o) {
  if (json == nullptr || *json == '\0') return absl::OkStatus();
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json, std::strlen(json)).get(object)) {
    return absl::InvalidArgumentError("the options are not a JSON object");
  }
  for (auto [key, value] : object) {
    std::string_view text;
    int64_t n;
    if (key == "form") {
      if (value.get(text) || (text != "bron" && text != "vum"))
        return Bad(key, "expected \"bron\" or \"vum\"");
      o->vum_form = text == "vum";
    } else if (key == "at") {
      std::string error;
      if (value.get(text) ||
          !absl::ParseTime(absl::RFC3339_full, std::string(text), &o->at, &error)) {
        return Bad(key, "expected an RFC 3339 moment");
      }
    } else if (key == "legalBasis") {
      if (value.get(o->legal_basis)) return Bad(key, "expected true or false");
    } else if (key == "vumExtensions") {
      if (value.get(o->vum_extensions)) return Bad(key, "expected true or false");
    } else if (key == "maxResults" || key == "k") {
      if (value.get(n) || n < 1 || n > 1000000) return Bad(key, "expected 1 to 1000000");
      (key == "k" ? o->k : o->max_results) = static_cast<int>(n);
    } else {
      return absl::InvalidArgumentError("an unknown option");
    }
  }
  return absl::OkStatus();
}

std::string AnswerWrapper(const std::vector<vum::Violation>& violations,
                          const std::vector<vum::v1::GenegeerdCriterium>& ignored,
                          bool refused, const std::string& answer) {
  std::vector<std::string> v, g;
  for (const vum::Violation& x : violations)
    v.push_back(vum::json_internal::ViolationJson(x));
  for (const vum::v1::GenegeerdCriterium& x : ignored) {
    const auto* reason =
        vum::v1::RedenGenegeerd_descriptor()->FindValueByNumber(x.reden());
    g.push_back(vum::json_internal::JsonString(
        absl::StrCat(x.index(), ":", reason ? vum::InfoOf(*reason).label() : "?")));
  }
  return absl::StrCat("{\"refused\":", refused ? "true" : "false", ",\"violations\":[",
                      absl::StrJoin(v, ","), "],\"ignored\":[", absl::StrJoin(g, ","),
                      "]", refused ? "" : absl::StrCat(",\"answer\":", answer), "}");
}

// vum_select for form "bron".
absl::StatusOr<std::string> SelectBron(const vum_caseload& c,
                                       const vum::v1::Selectievraag& q,
                                       const SelectOptions& o) {
  absl::StatusOr<std::unique_ptr<vum::BronService>> bron = vum::BronService::Create(
      c.index.get(), c.compiler.get(),
      {.max_results = o.max_results, .vum_extensions = o.vum_extensions});
  if (!bron.ok()) return bron.status();
  absl::StatusOr<vum::BronAnswer> a = (*bron)->Answer(
      q, {.oin = std::string(20, '1'), .legal_basis = o.legal_basis}, o.at);
  if (!a.ok()) return a.status();
  return AnswerWrapper(a->violations, a->ignored, a->refused(), a->body);
}

// vum_select for form "vum": vum's own answer, with vumIDs under a key made
// for this call.
absl::StatusOr<std::string> SelectVum(const vum_caseload& c,
                                      const vum::v1::Selectievraag& q,
                                      const SelectOptions& o) {
  std::random_device random;
  std::string key(vum::kMinimumKeyBytes, '\0');
  for (char& b : key) b = static_cast<char>(random());
  absl::StatusOr<vum::Pseudonymizer> pseudonymizer = vum::Pseudonymizer::Create(key);
  if (!pseudonymizer.ok()) return pseudonymizer.status();
  absl::StatusOr<std::unique_ptr<vum::SelectionService>> service =
      vum::SelectionService::Create(
          c.index.get(), c.compiler.get(), *std::move(pseudonymizer),
          {.source_oin = std::string(20, '0'), .max_results = o.max_results, .k = o.k});
  if (!service.ok()) return service.status();
  absl::StatusOr<vum::SelectionAnswer> a = (*service)->Answer(
      q, {.oin = std::string(20, '1'), .legal_basis = o.legal_basis}, o.at);
  if (!a.ok()) return a.status();
  std::string json;
  if (!a->refused()) vum::PrintJsonFast(a->result(), &json);
  std::vector<vum::v1::GenegeerdCriterium> ignored(
      a->result().genegeerd_criterium().begin(), a->result().genegeerd_criterium().end());
  return AnswerWrapper(a->violations, ignored, a->refused(), json);
}

// The options of vum_batch_write into `header` (a delta when "basis" and
// "volgnummer" are given) and `compress`.
absl::Status ReadBatchOptions(const char* json, vum::v1::BatchKop* header,
                              bool* compress) {
  if (json == nullptr || *json == '\0') return absl::OkStatus();
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json, std::strlen(json)).get(object)) {
    return absl::InvalidArgumentError("the options are not a JSON object");
  }
  for (auto [key, value] : object) {
    std::string_view text;
    if (key == "afzender" || key == "ontvanger") {
      if (value.get(text) || text.size() != 20 ||
          !std::all_of(text.begin(), text.end(),
                       [](char c) { return c >= '0' && c <= '9'; }))
        return Bad(key, "expected an OIN of 20 digits");
      (key == "afzender" ? header->mutable_afzender_oin()
                         : header->mutable_ontvanger_oin())
          ->assign(text);
    } else if (key == "compress") {
      if (value.get(*compress)) return Bad(key, "expected true or false");
    } else if (key == "basis") {
      if (value.get(text) || text.empty()) return Bad(key, "expected a full batch's id");
      header->set_basis_batch_id(std::string(text));
    } else if (key == "volgnummer") {
      uint64_t number = 0;
      if (value.get(number) || number == 0) return Bad(key, "expected a number from 1");
      header->set_volgnummer(number);
    } else {
      return absl::InvalidArgumentError("an unknown option");
    }
  }
  if (header->basis_batch_id().empty() != (header->volgnummer() == 0)) {
    return absl::InvalidArgumentError("a delta needs both basis and volgnummer");
  }
  return absl::OkStatus();
}

std::string RejectedJson(const vum::RecordVerdict& v) {
  return absl::StrCat("{\"index\":", v.position.index,
                      ",\"kind\":", vum::json_internal::JsonString(v.kind),
                      ",\"problem\":", vum::json_internal::JsonString(v.problem),
                      ",\"errors\":", v.result.count(vum::Severity::kError), "}");
}

absl::Status ReadViewOptions(const char* json, vum::ViewOptions* o) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (json == nullptr || parser.parse(json, std::strlen(json)).get(object)) {
    return absl::InvalidArgumentError("the options are not a JSON object");
  }
  bool has_view = false;
  for (auto [key, value] : object) {
    std::string_view text;
    if (key == "view") {
      if (value.get(text) ||
          (text != "employer" && text != "mediator" && text != "owner"))
        return Bad(key, "expected \"employer\", \"mediator\" or \"owner\"");
      o->view = text == "employer"   ? vum::v1::VIEW_EMPLOYER
                : text == "mediator" ? vum::v1::VIEW_MEDIATOR
                                     : vum::v1::VIEW_OWNER;
      has_view = true;
    } else if (key == "specialCategoryConsent") {
      if (value.get(o->special_category_consent))
        return Bad(key, "expected true or false");
    } else {
      return absl::InvalidArgumentError("an unknown option");
    }
  }
  return has_view ? absl::OkStatus() : Bad("view", "is missing");
}

// A private folder for the files a delta is applied in, removed with it.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "vum-c-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code error;
    if (!path_.empty()) std::filesystem::remove_all(path_, error);
  }
  [[nodiscard]] bool ok() const { return !path_.empty(); }
  [[nodiscard]] std::string File(const char* name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

absl::Status WriteFile(const std::string& path, absl::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out ? absl::OkStatus() : absl::InternalError("cannot write a scratch file");
}

}  // namespace

extern "C" {

const char* vum_version(void) { return vum::kLibraryVersion; }

const char* vum_standard_version(void) { return vum::StandardVersion().c_str(); }

int vum_c_api_version(void) { return VUM_C_API_VERSION; }

vum_status vum_validator_create(const char* options_json, vum_validator** out,
                                char** error) {
  return Guard(error, [&] {
    if (out == nullptr) return Fail(absl::InvalidArgumentError("out is NULL"), error);
    *out = nullptr;
    auto made = std::make_unique<vum_validator>();
    vum::ValidatorOptions options;
    std::vector<std::string> dirs;
    if (absl::Status s = ReadOptions(options_json, &options, &dirs); !s.ok()) {
      return Fail(s, error);
    }
    for (const std::string& dir : dirs) {
      if (absl::Status s = made->lists.LoadDirectory(dir); !s.ok()) return Fail(s, error);
    }
    if (!dirs.empty()) options.code_lists = &made->lists;
    absl::StatusOr<std::unique_ptr<vum::Validator>> validator =
        vum::Validator::Create(options);
    if (!validator.ok()) return Fail(validator.status(), error);
    made->validator = *std::move(validator);
    *out = made.release();
    return VUM_OK;
  });
}

void vum_validator_free(vum_validator* validator) { delete validator; }

vum_status vum_validate(const vum_validator* validator, const char* record_type,
                        vum_format format, const char* data, size_t size,
                        char** result_json, char** error) {
  return Guard(error, [&] {
    if (validator == nullptr || result_json == nullptr || (data == nullptr && size > 0)) {
      return Fail(absl::InvalidArgumentError("validator, result_json or data is NULL"),
                  error);
    }
    *result_json = nullptr;
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
        NewRecordNamed(record_type);
    if (!record.ok()) return Fail(record.status(), error);
    std::vector<vum::FieldPath> absent;
    if (absl::Status s =
            Read(format, absl::string_view(data, size), record->get(), &absent);
        !s.ok()) {
      return Fail(s, error);
    }
    absl::StatusOr<vum::ValidationResult> result =
        validator->validator->Validate(**record, std::move(absent));
    if (!result.ok()) return Fail(result.status(), error);
    *result_json = Copy(ResultJson(*result));
    return *result_json != nullptr ? VUM_OK
                                   : Fail(absl::InternalError("out of memory"), error);
  });
}

vum_status vum_convert(const char* record_type, vum_format from, const char* data,
                       size_t size, vum_format to, char** out, size_t* out_size,
                       char** error) {
  return Guard(error, [&] {
    if (out == nullptr || out_size == nullptr || (data == nullptr && size > 0)) {
      return Fail(absl::InvalidArgumentError("out, out_size or data is NULL"), error);
    }
    *out = nullptr;
    *out_size = 0;
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
        NewRecordNamed(record_type);
    if (!record.ok()) return Fail(record.status(), error);
    if (absl::Status s =
            Read(from, absl::string_view(data, size), record->get(), nullptr);
        !s.ok()) {
      return Fail(s, error);
    }
    std::string bytes;
    if (to == VUM_FORMAT_BINARY) {
      bytes = (*record)->SerializeAsString();
    } else if (to == VUM_FORMAT_JSON) {
      absl::StatusOr<std::string> json = vum::PrintJson(**record);
      if (!json.ok()) return Fail(json.status(), error);
      bytes = *std::move(json);
    } else {
      return Fail(
          absl::InvalidArgumentError("the output format is neither JSON nor BINARY"),
          error);
    }
    *out = Copy(bytes);
    if (*out == nullptr) return Fail(absl::InternalError("out of memory"), error);
    *out_size = bytes.size();
    return VUM_OK;
  });
}

vum_status vum_caseload_create(const char* options_json, vum_caseload** out,
                               char** error) {
  return Guard(error, [&] {
    if (out == nullptr) return Fail(absl::InvalidArgumentError("out is NULL"), error);
    *out = nullptr;
    std::vector<std::string> dirs;
    vum::v1::SoortSelectie kind = vum::v1::SOORT_SELECTIE_WERKZOEKENDEN;
    if (absl::Status s = ReadCaseloadOptions(options_json, &dirs, &kind); !s.ok())
      return Fail(s, error);
    auto made = std::make_unique<vum_caseload>();
    for (const std::string& dir : dirs) {
      absl::StatusOr<vum::Pc4Register> pc4 = vum::Pc4Register::Load(dir + "/pc4.tsv");
      if (pc4.ok()) {
        made->pc4 = std::make_unique<vum::Pc4Register>(*std::move(pc4));
        break;
      }
    }
    if (made->pc4 == nullptr) {
      return Fail(
          absl::NotFoundError("no folder of \"codelists\" holds a PC4 list (pc4.tsv)"),
          error);
    }
    absl::StatusOr<std::unique_ptr<vum::QuestionCompiler>> compiler =
        vum::QuestionCompiler::Create(made->pc4.get());
    if (!compiler.ok()) return Fail(compiler.status(), error);
    made->compiler = *std::move(compiler);
    absl::StatusOr<std::unique_ptr<vum::CaseloadIndex>> index =
        vum::CaseloadIndex::Create(made->pc4.get(), kind);
    if (!index.ok()) return Fail(index.status(), error);
    made->index = *std::move(index);
    *out = made.release();
    return VUM_OK;
  });
}

void vum_caseload_free(vum_caseload* caseload) { delete caseload; }

vum_status vum_caseload_put(vum_caseload* caseload, vum_format format, const char* data,
                            size_t size, char** error) {
  return Guard(error, [&] {
    if (caseload == nullptr || (data == nullptr && size > 0))
      return Fail(absl::InvalidArgumentError("caseload or data is NULL"), error);
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record = vum::NewRecord(
        caseload->index->kind() == vum::v1::SOORT_SELECTIE_VACATURES ? "vacature"
                                                                     : "werkzoekende");
    if (!record.ok()) return Fail(record.status(), error);
    if (absl::Status s =
            Read(format, absl::string_view(data, size), record->get(), nullptr);
        !s.ok()) {
      return Fail(s, error);
    }
    absl::StatusOr<vum::PutOutcome> put = caseload->index->Put(**record);
    return put.ok() ? VUM_OK : Fail(put.status(), error);
  });
}

vum_status vum_caseload_put_process(vum_caseload* caseload, vum_format format,
                                    const char* data, size_t size, char** error) {
  return Guard(error, [&] {
    if (caseload == nullptr || (data == nullptr && size > 0))
      return Fail(absl::InvalidArgumentError("caseload or data is NULL"), error);
    vum::v1::Procesgegevens process;
    if (absl::Status s = Read(format, absl::string_view(data, size), &process, nullptr);
        !s.ok()) {
      return Fail(s, error);
    }
    absl::Status put = caseload->index->PutProcessData(process);
    return put.ok() ? VUM_OK : Fail(put, error);
  });
}

vum_status vum_select(const vum_caseload* caseload, const char* question_json,
                      const char* options_json, char** answer_json, char** error) {
  return Guard(error, [&] {
    if (caseload == nullptr || question_json == nullptr || answer_json == nullptr) {
      return Fail(
          absl::InvalidArgumentError("caseload, question_json or answer_json is NULL"),
          error);
    }
    *answer_json = nullptr;
    SelectOptions options;
    if (absl::Status s = ReadSelectOptions(options_json, &options); !s.ok())
      return Fail(s, error);
    absl::StatusOr<vum::v1::Selectievraag> q = vum::ReadSelectionQuestion(
        question_json, {.default_kind = caseload->index->kind()});
    if (!q.ok()) return Fail(q.status(), error);
    absl::StatusOr<std::string> answer = options.vum_form
                                             ? SelectVum(*caseload, *q, options)
                                             : SelectBron(*caseload, *q, options);
    if (!answer.ok()) return Fail(answer.status(), error);
    *answer_json = Copy(*answer);
    return *answer_json != nullptr ? VUM_OK
                                   : Fail(absl::InternalError("out of memory"), error);
  });
}

vum_status vum_batch_read(const vum_validator* validator, const char* data, size_t size,
                          char** result_json, char** error) {
  return Guard(error, [&] {
    if (validator == nullptr || result_json == nullptr || (data == nullptr && size > 0)) {
      return Fail(absl::InvalidArgumentError("validator, result_json or data is NULL"),
                  error);
    }
    *result_json = nullptr;
    absl::StatusOr<std::unique_ptr<vum::BatchReader>> reader =
        vum::BatchReader::FromBytes(std::string(data, size));
    std::string json;
    if (!reader.ok()) {
      json = absl::StrCat(
          "{\"status\":",
          vum::json_internal::JsonString(
              vum::BatchDamageName(vum::BatchDamageOf(reader.status()))),
          ",\"read\":0,\"accepted\":0,\"rejected\":0,\"rejectedRecords\":[]}");
    } else {
      std::vector<std::string> rejected;
      absl::StatusOr<vum::BatchReport> report = vum::ValidateBatch(
          **reader, *validator->validator, [&](const vum::RecordVerdict& v) {
            if (!v.accepted) rejected.push_back(RejectedJson(v));
          });
      if (!report.ok()) return Fail(report.status(), error);
      std::string header;
      vum::PrintJsonFast(report->header, &header);
      json = absl::StrCat(
          "{\"status\":",
          vum::json_internal::JsonString(
              report->file_status.ok()
                  ? "whole"
                  : vum::BatchDamageName(vum::BatchDamageOf(report->file_status))),
          ",\"header\":", header, ",\"read\":", report->read,
          ",\"accepted\":", report->accepted, ",\"rejected\":", report->rejected,
          ",\"rejectedRecords\":[", absl::StrJoin(rejected, ","), "]}");
    }
    *result_json = Copy(json);
    return *result_json != nullptr ? VUM_OK
                                   : Fail(absl::InternalError("out of memory"), error);
  });
}

vum_status vum_batch_write(const char* record_type, const char* ndjson, size_t size,
                           const char* options_json, char** out, size_t* out_size,
                           char** error) {
  return Guard(error, [&] {
    if (out == nullptr || out_size == nullptr || (ndjson == nullptr && size > 0) ||
        record_type == nullptr) {
      return Fail(
          absl::InvalidArgumentError("record_type, ndjson, out or out_size is NULL"),
          error);
    }
    *out = nullptr;
    *out_size = 0;
    const std::string type = record_type;
    if (type != "werkzoekende" && type != "vacature") {
      return Fail(absl::NotFoundError("a batch holds werkzoekende or vacature records"),
                  error);
    }
    vum::v1::BatchKop header;
    bool compress = false;
    if (absl::Status s = ReadBatchOptions(options_json, &header, &compress); !s.ok())
      return Fail(s, error);
    header.set_batch_id(vum::NewUuid());
    header.set_aangemaakt_op(vum::Rfc3339(absl::Now()));
    header.set_standaardversie(vum::StandardVersion());
    header.set_soort(header.basis_batch_id().empty() ? vum::v1::SOORT_BATCH_VOLLEDIG
                                                     : vum::v1::SOORT_BATCH_DELTA);
    header.set_inhoud(type == "vacature" ? vum::v1::SOORT_INHOUD_VACATURES
                                         : vum::v1::SOORT_INHOUD_WERKZOEKENDEN);
    std::string bytes;
    absl::StatusOr<std::unique_ptr<vum::BatchWriter>> writer =
        vum::BatchWriter::CreateInMemory(
            &bytes, header,
            {.compression =
                 compress ? vum::Compression::kZstd : vum::Compression::kNone});
    if (!writer.ok()) return Fail(writer.status(), error);
    vum::v1::BatchRecord record;
    int line = 0;
    for (absl::string_view text : absl::StrSplit(absl::string_view(ndjson, size), '\n')) {
      ++line;
      if (text.find_first_not_of(" \t\r") == absl::string_view::npos) continue;
      google::protobuf::Message* target =
          type == "vacature"
              ? static_cast<google::protobuf::Message*>(record.mutable_vacature())
              : record.mutable_werkzoekende();
      if (absl::Status s = Read(VUM_FORMAT_JSON, text, target, nullptr); !s.ok()) {
        return Fail(
            absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", s.message())),
            error);
      }
      if (absl::Status s = (*writer)->Write(record); !s.ok()) return Fail(s, error);
    }
    if (absl::Status s = (*writer)->Finish(); !s.ok()) return Fail(s, error);
    *out = Copy(bytes);
    if (*out == nullptr) return Fail(absl::InternalError("out of memory"), error);
    *out_size = bytes.size();
    return VUM_OK;
  });
}

vum_status vum_view(const char* record_type, vum_format format, const char* data,
                    size_t size, const char* options_json, char** out_json,
                    char** error) {
  return Guard(error, [&] {
    if (out_json == nullptr || (data == nullptr && size > 0))
      return Fail(absl::InvalidArgumentError("out_json or data is NULL"), error);
    *out_json = nullptr;
    vum::ViewOptions options;
    if (absl::Status s = ReadViewOptions(options_json, &options); !s.ok())
      return Fail(s, error);
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
        NewRecordNamed(record_type);
    if (!record.ok()) return Fail(record.status(), error);
    if (absl::Status s =
            Read(format, absl::string_view(data, size), record->get(), nullptr);
        !s.ok()) {
      return Fail(s, error);
    }
    vum::ReduceToView(record->get(), options);
    vum::Generalise(record->get(), options.view, {});
    std::string json;
    vum::PrintJsonFast(**record, &json);
    *out_json = Copy(json);
    return *out_json != nullptr ? VUM_OK
                                : Fail(absl::InternalError("out of memory"), error);
  });
}

vum_status vum_delta_apply(const char* full, size_t full_size, const char* delta,
                           size_t delta_size, char** result_json, char** out,
                           size_t* out_size, char** error) {
  return Guard(error, [&] {
    if (result_json == nullptr || out == nullptr || out_size == nullptr ||
        (full == nullptr && full_size > 0) || (delta == nullptr && delta_size > 0)) {
      return Fail(absl::InvalidArgumentError("an argument is NULL"), error);
    }
    *result_json = nullptr;
    *out = nullptr;
    *out_size = 0;
    ScratchFolder scratch;
    if (!scratch.ok()) return Fail(absl::InternalError("no temporary folder"), error);
    for (const auto& [name, bytes] :
         {std::pair{"full", absl::string_view(full, full_size)},
          std::pair{"delta", absl::string_view(delta, delta_size)}}) {
      if (absl::Status s = WriteFile(scratch.File(name), bytes); !s.ok())
        return Fail(s, error);
    }
    absl::StatusOr<vum::DeltaResult> applied =
        vum::ApplyDelta(scratch.File("full"), scratch.File("delta"), scratch.File("out"));
    if (!applied.ok()) {
      const vum::DeltaRefusal refusal = vum::DeltaRefusalOf(applied.status());
      *result_json = Copy(absl::StrCat(
          "{\"status\":",
          vum::json_internal::JsonString(refusal == vum::DeltaRefusal::kNone
                                             ? "damaged"
                                             : vum::DeltaRefusalName(refusal)),
          "}"));
      return *result_json != nullptr ? VUM_OK
                                     : Fail(absl::InternalError("out of memory"), error);
    }
    std::ifstream in(scratch.File("out"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    absl::StatusOr<std::unique_ptr<vum::BatchReader>> reader =
        vum::BatchReader::FromBytes(bytes);
    if (!reader.ok()) return Fail(reader.status(), error);
    std::vector<std::string> ids;
    vum::v1::BatchRecord record;
    vum::RecordPosition position;
    while (true) {
      absl::StatusOr<bool> more = (*reader)->Next(&record, &position);
      if (!more.ok()) return Fail(more.status(), error);
      if (!*more) break;
      ids.push_back(vum::json_internal::JsonString(vum::RecordId(record)));
    }
    std::sort(ids.begin(), ids.end());
    *result_json = Copy(absl::StrCat(
        "{\"status\":\"applied\",\"sequence\":", applied->header.volgnummer(),
        ",\"ids\":[", absl::StrJoin(ids, ","), "]}"));
    *out = Copy(bytes);
    if (*result_json == nullptr || *out == nullptr)
      return Fail(absl::InternalError("out of memory"), error);
    *out_size = bytes.size();
    return VUM_OK;
  });
}

void vum_free(void* p) { std::free(p); }

}  // extern "C"
