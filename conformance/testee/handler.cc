#include "testee/handler.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "vum/batch.h"
#include "vum/batch_validation.h"
#include "vum/caseload_index.h"
#include "vum/delta.h"
#include "vum/json.h"
#include "vum/record.h"
#include "vum/schema.h"
#include "vum/selection_service.h"
#include "vum/view.h"

namespace vum::conformance {
namespace {

ConformanceResponse RuntimeError(absl::string_view why) {
  ConformanceResponse response;
  response.set_runtime_error(std::string(why));
  return response;
}

// Parses the request's input into `record`; `absent`, when given, receives
// the JSON properties read as absent for their empty value.
template <typename Request>
absl::Status ParseInput(const Request& request, google::protobuf::Message* record,
                        std::vector<FieldPath>* absent = nullptr) {
  if (absent != nullptr) absent->clear();
  return request.has_json() ? ParseJson(request.json(), record, absent)
                            : ParseBinary(request.binary(), record);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Handler>> Handler::Create(
    const std::vector<std::string>& codelist_dirs) {
  std::unique_ptr<Handler> handler(new Handler);
  for (const std::string& dir : codelist_dirs) {
    if (absl::Status s = handler->lists_.LoadDirectory(dir); !s.ok()) return s;
    const std::string pc4 = dir + "/pc4.tsv";
    if (handler->pc4_ == nullptr && std::filesystem::is_regular_file(pc4)) {
      absl::StatusOr<Pc4Register> loaded = Pc4Register::Load(pc4);
      if (!loaded.ok()) return loaded.status();
      handler->pc4_ = std::make_unique<Pc4Register>(*std::move(loaded));
      absl::StatusOr<std::unique_ptr<QuestionCompiler>> compiler =
          QuestionCompiler::Create(handler->pc4_.get());
      if (!compiler.ok()) return compiler.status();
      handler->compiler_ = *std::move(compiler);
    }
  }
  return handler;
}

absl::StatusOr<const Validator*> Handler::ValidatorFor(const std::string& date,
                                                       bool pilot_transition) {
  const std::string key = absl::StrCat(date, pilot_transition ? "+pilot" : "");
  auto it = validators_.find(key);
  if (it != validators_.end()) return it->second.get();
  absl::CivilDay day;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &day)) {
    return absl::InvalidArgumentError("the reference date is not YYYY-MM-DD");
  }
  absl::StatusOr<std::unique_ptr<Validator>> validator =
      Validator::Create({.reference_date = day,
                         .code_lists = &lists_,
                         .pilot_transition = pilot_transition});
  if (!validator.ok()) return validator.status();
  return (validators_[key] = *std::move(validator)).get();
}

ConformanceResponse Handler::Handle(const ConformanceRequest& request) {
  ConformanceResponse response = Answer(request);
  response.set_case_id(request.case_id());  // protocol version 2
  return response;
}

ConformanceResponse Handler::Answer(const ConformanceRequest& request) {
  switch (request.kind_case()) {
    case ConformanceRequest::kValidate:
      return Validate(request.validate());
    case ConformanceRequest::kRoundTrip:
      return RoundTrip(request.round_trip());
    case ConformanceRequest::kBatch:
      return Batch(request.batch());
    case ConformanceRequest::kDelta:
      return Delta(request.delta());
    case ConformanceRequest::kView:
      return View(request.view());
    case ConformanceRequest::kSelection:
      return Selection(request.selection());
    default: {
      ConformanceResponse response;
      response.set_skipped("unknown request kind");
      return response;
    }
  }
}

ConformanceResponse Handler::Validate(const ValidateRequest& request) {
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
      NewRecord(request.record_type());
  if (!record.ok()) return RuntimeError(record.status().message());
  ConformanceResponse response;
  ValidateResult* result = response.mutable_validate();
  std::vector<FieldPath> absent;
  if (!ParseInput(request, record->get(), &absent).ok()) {
    result->set_parse_error(true);
    return response;
  }
  absl::StatusOr<const Validator*> validator =
      ValidatorFor(request.reference_date(), request.pilot_transition());
  if (!validator.ok()) return RuntimeError(validator.status().message());
  absl::StatusOr<ValidationResult> verdict = (*validator)->Validate(**record, absent);
  if (!verdict.ok()) return RuntimeError(verdict.status().message());
  for (const Violation& v : verdict->violations()) {
    Finding* finding = result->add_findings();
    finding->set_rule_id(v.rule_id);
    finding->set_path(v.path.ToString());
    finding->set_severity(std::string(SeverityName(v.severity)));
  }
  return response;
}

ConformanceResponse Handler::RoundTrip(const RoundTripRequest& request) {
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
      NewRecord(request.record_type());
  if (!record.ok()) return RuntimeError(record.status().message());
  if (absl::Status s = ParseInput(request, record->get()); !s.ok()) {
    return RuntimeError(absl::StrCat("input does not parse: ", s.message()));
  }
  ConformanceResponse response;
  if (request.output() == BINARY) {
    response.set_binary((*record)->SerializeAsString());
  } else {
    PrintJsonFast(**record, response.mutable_json());
  }
  return response;
}

ConformanceResponse Handler::Batch(const BatchRequest& request) {
  ConformanceResponse response;
  BatchResult* result = response.mutable_batch();
  absl::StatusOr<std::unique_ptr<BatchReader>> reader =
      BatchReader::FromBytes(request.file());
  if (!reader.ok()) {
    result->set_status(std::string(BatchDamageName(BatchDamageOf(reader.status()))));
    return response;
  }
  absl::StatusOr<const Validator*> validator =
      ValidatorFor(request.reference_date(), false);
  if (!validator.ok()) return RuntimeError(validator.status().message());
  absl::StatusOr<BatchReport> report =
      ValidateBatch(**reader, **validator, [&](const RecordVerdict& verdict) {
        if (!verdict.accepted) result->add_rejected(verdict.position.index);
      });
  if (!report.ok()) return RuntimeError(report.status().message());
  result->set_records(report->read);
  result->set_status(report->file_status.ok() ? "whole"
                                              : std::string(BatchDamageName(
                                                    BatchDamageOf(report->file_status))));
  return response;
}

ConformanceResponse Handler::Delta(const DeltaRequest& request) {
  // The library applies deltas to files; give it temporary ones.
  const auto dir =
      std::filesystem::temp_directory_path() / absl::StrCat("vum-testee-", getpid());
  std::filesystem::create_directories(dir);
  std::ofstream((dir / "full").string(), std::ios::binary) << request.full();
  std::ofstream((dir / "delta").string(), std::ios::binary) << request.delta();
  ConformanceResponse response;
  DeltaResult* result = response.mutable_delta();
  absl::StatusOr<vum::DeltaResult> outcome = ApplyDelta(
      (dir / "full").string(), (dir / "delta").string(), (dir / "out").string());
  if (!outcome.ok()) {
    const DeltaRefusal refusal = DeltaRefusalOf(outcome.status());
    result->set_status(refusal == DeltaRefusal::kNone
                           ? "damaged"
                           : std::string(DeltaRefusalName(refusal)));
  } else {
    result->set_status("applied");
    result->set_sequence(outcome->header.volgnummer());
    auto reader = BatchReader::Open((dir / "out").string());
    v1::BatchRecord record;
    RecordPosition position;
    std::vector<std::string> ids;
    while (reader.ok() && *(*reader)->Next(&record, &position))
      ids.emplace_back(RecordId(record));
    std::sort(ids.begin(), ids.end());
    for (const std::string& id : ids) result->add_ids(id);
  }
  std::filesystem::remove_all(dir);
  return response;
}

ConformanceResponse Handler::View(const ViewRequest& request) {
  v1::Werkzoekende profile;
  if (absl::Status s = ParseJson(request.profile_json(), &profile); !s.ok()) {
    return RuntimeError(absl::StrCat("profile does not parse: ", s.message()));
  }
  if (request.view() < v1::VIEW_EMPLOYER || request.view() > v1::VIEW_OWNER) {
    return RuntimeError("unknown view");
  }
  const auto view = static_cast<v1::View>(request.view());
  ReduceToView(
      &profile,
      {.view = view, .special_category_consent = request.special_category_consent()});
  Generalise(&profile, view, {});
  ConformanceResponse response;
  PrintJsonFast(profile, response.mutable_json());
  return response;
}

bool ReadMessage(FILE* in, std::string* bytes) {
  unsigned char size[4];
  if (fread(size, 1, 4, in) != 4) return false;
  const uint32_t n =
      size[0] | (size[1] << 8) | (size[2] << 16) | (static_cast<uint32_t>(size[3]) << 24);
  bytes->resize(n);
  return n == 0 || fread(bytes->data(), 1, n, in) == n;
}

bool WriteMessage(FILE* out, const std::string& bytes) {
  const uint32_t n = static_cast<uint32_t>(bytes.size());
  const unsigned char size[4] = {
      static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
      static_cast<unsigned char>(n >> 16), static_cast<unsigned char>(n >> 24)};
  return fwrite(size, 1, 4, out) == 4 && fwrite(bytes.data(), 1, n, out) == n &&
         fflush(out) == 0;
}

ConformanceResponse Handler::Selection(const SelectionRequest& request) {
  if (pc4_ == nullptr) return RuntimeError("no PC4 list (pc4.tsv) among the code lists");
  absl::StatusOr<v1::Selectievraag> question =
      ReadSelectionQuestion(request.question_json());
  if (!question.ok()) return RuntimeError(question.status().message());
  absl::StatusOr<std::unique_ptr<CaseloadIndex>> index =
      CaseloadIndex::Create(pc4_.get(), v1::SOORT_SELECTIE_WERKZOEKENDEN);
  if (!index.ok()) return RuntimeError(index.status().message());
  for (const std::string& json : request.profile_json()) {
    v1::Werkzoekende profile;
    if (absl::Status s = ParseJson(json, &profile); !s.ok())
      return RuntimeError(s.message());
    if (absl::StatusOr<PutOutcome> put = (*index)->Put(profile); !put.ok()) {
      return RuntimeError(put.status().message());
    }
  }
  for (const std::string& json : request.process_json()) {
    v1::Procesgegevens process;
    if (absl::Status s = ParseJson(json, &process); !s.ok())
      return RuntimeError(s.message());
    if (absl::Status s = (*index)->PutProcessData(process); !s.ok())
      return RuntimeError(s.message());
  }
  // A test key: the vumIDs of a conformance run mean nothing elsewhere.
  absl::StatusOr<Pseudonymizer> key =
      Pseudonymizer::Create(std::string(kMinimumKeyBytes, 't'));
  absl::StatusOr<std::unique_ptr<SelectionService>> service =
      SelectionService::Create(index->get(), compiler_.get(), *std::move(key),
                               {.source_oin = std::string(20, '0'),
                                .max_results = request.max_results(),
                                .k = request.k()});
  if (!service.ok()) return RuntimeError(service.status().message());
  absl::Time at;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, request.at(), &at, &error)) {
    return RuntimeError("the moment is not RFC 3339");
  }
  ConformanceResponse response;
  SelectionResult* result = response.mutable_selection();
  for (int i = 0; i < std::max(1, request.repeat()); ++i) {
    absl::StatusOr<vum::SelectionAnswer> answer = (*service)->Answer(
        *question, {.oin = std::string(20, '1'), .legal_basis = request.legal_basis()},
        at);
    if (!answer.ok()) return RuntimeError(answer.status().message());
    if (answer->refused()) {
      result->set_refused(true);
      for (const Violation& v : answer->violations) {
        if (v.severity == Severity::kError) result->add_rule_ids(v.rule_id);
      }
      std::sort(result->mutable_rule_ids()->begin(), result->mutable_rule_ids()->end());
      return response;
    }
    vum::conformance::SelectionAnswer* out = result->add_answer();
    for (const v1::Selectieresultaatregel& r : answer->result().resultaat()) {
      PrintJsonFast(r.werkzoekende(), out->add_result_json());
      out->add_vum_id(r.vum_id());
    }
    out->set_maximum_reached(answer->result().maximum_aantal_resultaten_bereikt());
    out->set_fewer_than_k(answer->result().minder_dan_k());
    for (const v1::GenegeerdCriterium& g : answer->result().genegeerd_criterium()) {
      const auto* reason = v1::RedenGenegeerd_descriptor()->FindValueByNumber(g.reden());
      out->add_ignored(
          absl::StrCat(g.index(), ":", reason ? InfoOf(*reason).label() : "?"));
    }
  }
  return response;
}

}  // namespace vum::conformance
