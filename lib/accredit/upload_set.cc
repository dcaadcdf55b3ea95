// The upload set of the local accreditation: profiles, consents, questions
// and the answers vum's reference gives (lib/accredit/accreditation.h).

#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/accredit/accreditation.h"
#include "lib/json/json_string.h"
#include "vum/bron_service.h"
#include "vum/caseload_index.h"
#include "vum/generator.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/selection.h"

namespace vum::accredit {
namespace {

using json_internal::JsonString;

constexpr char kProfiles[] = "profielen.ndjson";
constexpr char kProcess[] = "procesgegevens.ndjson";
constexpr char kQuestions[] = "vragen.json";

// A question of the koppelvlak 3.0's described forms: its id, what it asks,
// the area and the criteria (JSON members, possibly none).
struct Form {
  const char* id;
  const char* description;
  const char* postcode;
  int km;
  std::string criteria;
};

std::vector<Form> Forms(const std::vector<v1::Werkzoekende>& profiles) {
  // An occupation that the caseload holds, so that the question has answers.
  std::string occupation = "https://competentnl.nl/id/beroep/onbekend";
  for (const v1::Werkzoekende& p : profiles) {
    if (p.bemiddelingsberoep_size() > 0) {
      occupation = p.bemiddelingsberoep(0).code_beroepsnaam();
      break;
    }
  }
  return {
      {"vraag.gebied", "the area only: 25 km around Utrecht", "3511AA", 25, ""},
      {"vraag.gebied-0km", "distance 0: the question's own four-digit area only",
       "5611AB", 0, ""},
      {"vraag.heel-land", "the whole country (999 km): more matches than the cap",
       "3511AA", 999, ""},
      {"vraag.kantoortijden", "office hours ($eq)", "3511AA", 150,
       R"("werktijden.indicatieKantoortijden":{"$eq":1})"},
      {"vraag.onregelmatig", "irregular hours or shifts ($eq): none in the set, none fit",
       "5611AB", 200,
       R"("flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst":{"$eq":1})"},
      {"vraag.beschikbaar",
       "available for work from mid-2026 at the latest ($lte on a date)", "5611AB", 200,
       R"("flexibiliteit.datumAanvangBeschikbaarVoorWerk":{"$lte":"2026-06-30"})"},
      {"vraag.contractvorm-of", "a contract form, one of two ($elemMatch of $or of $eq)",
       "9711AA", 150,
       R"("contractvorm":{"$elemMatch":{"$or":[{"codeTypeArbeidscontract":{"$eq":"O"}},)"
       R"({"codeTypeArbeidscontract":{"$eq":"B"}}]}})"},
      {"vraag.rijbewijs", "a driving licence ($all of $elemMatch)", "3511AA", 100,
       R"("arbeidsmarktkwalificatie.rijbewijs":{"$all":[{"$elemMatch":)"
       R"({"codeSoortRijbewijs":{"$eq":"B"}}}]})"},
      {"vraag.taal", "Dutch spoken at level 3 or more ($all of $elemMatch, $gte)",
       "3511AA", 100,
       R"("arbeidsmarktkwalificatie.taalbeheersing":{"$all":[{"$elemMatch":)"
       R"({"codeTaal":{"$eq":"nld"},"codeNiveauTaalbeheersingMondeling":{"$gte":3}}}]})"},
      {"vraag.uren", "hours: at most 32 as minimum, at least 24 as maximum ($lte, $gte)",
       "3511AA", 200,
       R"("werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":32},)"
       R"("werktijden.aantalWerkurenPerWeekMaximaal":{"$gte":24})"},
      {"vraag.beroep", "an occupation of the caseload ($elemMatch, $eq on a URI)",
       "3511AA", 300,
       absl::StrCat(R"("bemiddelingsberoep":{"$elemMatch":{"codeBeroepsnaam":{"$eq":)",
                    JsonString(occupation), "}}}")},
      {"vraag.onbekend-criterium",
       "a criterion of a later version: ignored, the question answered", "3511AA", 25,
       R"("eenLaterGegeven":{"$eq":1})"},
  };
}

std::string QuestionJson(const Form& f) {
  return absl::StrCat(R"({"vraagObject":{"selectiegebied":{"postcode":")", f.postcode,
                      R"(","afstand":)", f.km, "}", f.criteria.empty() ? "" : ",",
                      f.criteria, "}}");
}

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

template <typename Message>
absl::Status ReadNdjson(const std::string& path, std::vector<Message>* out) {
  absl::StatusOr<std::string> text = ReadAll(path);
  if (!text.ok()) return text.status();
  std::istringstream lines(*text);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.empty()) continue;
    Message m;
    if (absl::Status s = ParseJson(line, &m); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": line ", n, ": ", s.message()));
    }
    out->push_back(std::move(m));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<UploadSet> MakeUploadSet(const Pc4Register& pc4,
                                        const UploadSetOptions& options) {
  UploadSet set;
  set.made_at = Rfc3339(options.at);
  RecordGenerator generator({.seed = options.seed, .pc4 = &pc4});
  absl::StatusOr<std::unique_ptr<CaseloadIndex>> index =
      CaseloadIndex::Create(&pc4, v1::SOORT_SELECTIE_WERKZOEKENDEN);
  if (!index.ok()) return index.status();
  for (int i = 0; i < options.count; ++i) {
    v1::Werkzoekende profile;
    generator.NextProfile(&profile);
    v1::Procesgegevens process;
    generator.NextProcessData(profile, &process);
    if (absl::Status s = (*index)->Put(profile).status(); !s.ok()) return s;
    if (absl::Status s = (*index)->PutProcessData(process); !s.ok()) return s;
    set.profiles.push_back(std::move(profile));
    set.process.push_back(std::move(process));
  }
  absl::StatusOr<std::unique_ptr<QuestionCompiler>> compiler =
      QuestionCompiler::Create(&pc4);
  if (!compiler.ok()) return compiler.status();
  // Every record that fits: the reference's answer without a cap.
  absl::StatusOr<std::unique_ptr<BronService>> reference =
      BronService::Create(index->get(), compiler->get(), {.max_results = 1 << 30});
  if (!reference.ok()) return reference.status();
  for (const Form& f : Forms(set.profiles)) {
    QuestionCase c{f.id, f.description, QuestionJson(f), {}};
    absl::StatusOr<v1::Selectievraag> q = ReadSelectionQuestion(c.question_json);
    if (!q.ok()) return q.status();
    absl::StatusOr<BronAnswer> a =
        (*reference)
            ->Answer(*q, {.oin = std::string(20, '0'), .legal_basis = true}, options.at);
    if (!a.ok()) return a.status();
    if (a->refused()) {
      return absl::InternalError(absl::StrCat("the reference refuses question ", f.id));
    }
    c.expected_ids = a->record_ids;
    std::sort(c.expected_ids.begin(), c.expected_ids.end());
    set.questions.push_back(std::move(c));
  }
  return set;
}

absl::Status WriteUploadSet(const UploadSet& set, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  std::string profiles, process, json;
  for (const v1::Werkzoekende& p : set.profiles) {
    PrintJsonFast(p, &json);
    absl::StrAppend(&profiles, json, "\n");
  }
  for (const v1::Procesgegevens& p : set.process) {
    PrintJsonFast(p, &json);
    absl::StrAppend(&process, json, "\n");
  }
  std::vector<std::string> questions;
  for (const QuestionCase& q : set.questions) {
    std::vector<std::string> ids;
    for (const std::string& id : q.expected_ids) ids.push_back(JsonString(id));
    questions.push_back(absl::StrCat("{\"id\":", JsonString(q.id),
                                     ",\"omschrijving\":", JsonString(q.description),
                                     ",\"vraag\":", q.question_json, ",\"verwacht\":[",
                                     absl::StrJoin(ids, ","), "]}"));
  }
  std::string all =
      absl::StrCat("{\"plafond\":", set.cap, ",\"gemaaktOp\":", JsonString(set.made_at),
                   ",\"vragen\":[\n", absl::StrJoin(questions, ",\n"), "\n]}\n");
  for (const auto& [name, text] :
       {std::pair{kProfiles, &profiles}, std::pair{kProcess, &process},
        std::pair{kQuestions, &all}}) {
    std::ofstream out(absl::StrCat(dir, "/", name), std::ios::binary | std::ios::trunc);
    out << *text;
    if (!out)
      return absl::UnavailableError(absl::StrCat("cannot write ", dir, "/", name));
  }
  return absl::OkStatus();
}

absl::StatusOr<UploadSet> ReadUploadSet(const std::string& dir) {
  UploadSet set;
  if (absl::Status s = ReadNdjson(absl::StrCat(dir, "/", kProfiles), &set.profiles);
      !s.ok())
    return s;
  if (absl::Status s = ReadNdjson(absl::StrCat(dir, "/", kProcess), &set.process);
      !s.ok())
    return s;
  const std::string path = absl::StrCat(dir, "/", kQuestions);
  absl::StatusOr<std::string> text = ReadAll(path);
  if (!text.ok()) return text.status();
  simdjson::dom::parser parser;
  simdjson::dom::object top;
  simdjson::dom::array questions;
  int64_t cap = 0;
  std::string_view made_at;
  if (parser.parse(*text).get(top) || top["plafond"].get(cap) ||
      top["gemaaktOp"].get(made_at) || top["vragen"].get(questions)) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is not an accreditation set"));
  }
  set.cap = static_cast<int>(cap);
  set.made_at = std::string(made_at);
  for (simdjson::dom::element q : questions) {
    QuestionCase c;
    std::string_view id, description;
    simdjson::dom::object question;
    simdjson::dom::array expected;
    if (q["id"].get(id) || q["omschrijving"].get(description) ||
        q["vraag"].get(question) || q["verwacht"].get(expected)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": a question lacks a member"));
    }
    c.id = std::string(id);
    c.description = std::string(description);
    c.question_json = simdjson::minify(question);
    for (simdjson::dom::element e : expected) {
      std::string_view expected_id;
      if (e.get(expected_id))
        return absl::InvalidArgumentError(path + ": an id is no text");
      c.expected_ids.emplace_back(expected_id);
    }
    set.questions.push_back(std::move(c));
  }
  return set;
}

}  // namespace vum::accredit
