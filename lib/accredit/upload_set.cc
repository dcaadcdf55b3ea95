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
#include "vum/schema.h"
#include "vum/selection.h"

namespace vum::accredit {
namespace {

using json_internal::JsonString;

constexpr char kProfiles[] = "profielen.ndjson";
constexpr char kProcess[] = "procesgegevens.ndjson";
constexpr char kVacancies[] = "vacatures.ndjson";
constexpr char kQuestions[] = "vragen.json";

// A question of the koppelvlak 3.0's described forms: its id, what it asks,
// the area and the criteria (JSON members, possibly none).
struct Form {
  v1::SoortSelectie kind;
  const char* id;
  const char* description;
  const char* postcode;
  int km;
  std::string criteria;
};

constexpr v1::SoortSelectie kSeekers = v1::SOORT_SELECTIE_WERKZOEKENDEN;
constexpr v1::SoortSelectie kVacancyKind = v1::SOORT_SELECTIE_VACATURES;

std::vector<Form> ProfileForms(const std::vector<v1::Werkzoekende>& profiles) {
  // An occupation that the caseload holds, so that the question has answers.
  std::string occupation = "https://competentnl.nl/id/beroep/onbekend";
  for (const v1::Werkzoekende& p : profiles) {
    if (p.bemiddelingsberoep_size() > 0) {
      occupation = p.bemiddelingsberoep(0).code_beroepsnaam();
      break;
    }
  }
  return {
      {kSeekers, "vraag.gebied", "the area only: 25 km around Utrecht", "3511AA", 25, ""},
      {kSeekers, "vraag.gebied-0km",
       "distance 0: the question's own four-digit area only", "5611AB", 0, ""},
      {kSeekers, "vraag.heel-land",
       "the whole country (999 km): more matches than the cap", "3511AA", 999, ""},
      {kSeekers, "vraag.kantoortijden", "office hours ($eq)", "3511AA", 150,
       R"("werktijden.indicatieKantoortijden":{"$eq":1})"},
      {kSeekers, "vraag.onregelmatig",
       "irregular hours or shifts ($eq): none in the set, none fit", "5611AB", 200,
       R"("flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst":{"$eq":1})"},
      {kSeekers, "vraag.beschikbaar",
       "available for work from mid-2026 at the latest ($lte on a date)", "5611AB", 200,
       R"("flexibiliteit.datumAanvangBeschikbaarVoorWerk":{"$lte":"2026-06-30"})"},
      {kSeekers, "vraag.contractvorm-of",
       "a contract form, one of two ($elemMatch of $or of $eq)", "9711AA", 150,
       R"("contractvorm":{"$elemMatch":{"$or":[{"codeTypeArbeidscontract":{"$eq":"O"}},)"
       R"({"codeTypeArbeidscontract":{"$eq":"B"}}]}})"},
      {kSeekers, "vraag.rijbewijs", "a driving licence ($all of $elemMatch)", "3511AA",
       100,
       R"("arbeidsmarktkwalificatie.rijbewijs":{"$all":[{"$elemMatch":)"
       R"({"codeSoortRijbewijs":{"$eq":"B"}}}]})"},
      {kSeekers, "vraag.taal",
       "Dutch spoken at level 3 or more ($all of $elemMatch, $gte)", "3511AA", 100,
       R"("arbeidsmarktkwalificatie.taalbeheersing":{"$all":[{"$elemMatch":)"
       R"({"codeTaal":{"$eq":"nld"},"codeNiveauTaalbeheersingMondeling":{"$gte":3}}}]})"},
      {kSeekers, "vraag.uren",
       "hours: at most 32 as minimum, at least 24 as maximum ($lte, $gte)", "3511AA", 200,
       R"("werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":32},)"
       R"("werktijden.aantalWerkurenPerWeekMaximaal":{"$gte":24})"},
      {kSeekers, "vraag.beroep",
       "an occupation of the caseload ($elemMatch, $eq on a URI)", "3511AA", 300,
       absl::StrCat(R"("bemiddelingsberoep":{"$elemMatch":{"codeBeroepsnaam":{"$eq":)",
                    JsonString(occupation), "}}}")},
      {kSeekers, "vraag.onbekend-criterium",
       "a criterion of a later version: ignored, the question answered", "3511AA", 25,
       R"("eenLaterGegeven":{"$eq":1})"},
  };
}

// The vacancy questions: keys the contract describes for vacancies, with
// operators it describes for them, and one that nothing in the set fits.
std::vector<Form> VacancyForms(const std::vector<v1::Vacature>& vacancies) {
  std::string occupation = "https://competentnl.nl/id/beroep/onbekend";
  if (!vacancies.empty()) occupation = vacancies[0].beroep().code_beroepsnaam();
  return {
      {kVacancyKind, "vacature.gebied", "vacancies, the area only: 25 km around Utrecht",
       "3511AA", 25, ""},
      {kVacancyKind, "vacature.heel-land",
       "vacancies over the whole country (999 km): more than the cap", "3511AA", 999, ""},
      {kVacancyKind, "vacature.niveau-vanaf",
       "a minimum level of work and thinking of 4 or more ($gte on a code)", "5611AB",
       150, R"("codeWerkEnDenkniveauMinimaal":{"$gte":"4"})"},
      {kVacancyKind, "vacature.niveau-onder",
       "a minimum level of work and thinking below 3 ($lt on a code)", "5611AB", 150,
       R"("codeWerkEnDenkniveauMinimaal":{"$lt":"3"})"},
      {kVacancyKind, "vacature.beroep", "an occupation of the set ($eq on a URI)",
       "3511AA", 300,
       absl::StrCat(R"("beroep.codeBeroepsnaam":{"$eq":)", JsonString(occupation), "}")},
      {kVacancyKind, "vacature.rijbewijs",
       "a driving licence ($elemMatch): none in the set, none fit", "3511AA", 300,
       R"("rijbewijs":{"$elemMatch":{"codeSoortRijbewijs":{"$eq":"B"}}})"},
  };
}

// The question's "soort" in vragen.json, as in a question's own "soort":
// the schema's label of the kind.
const std::string& KindName(v1::SoortSelectie kind) {
  return InfoOf(*v1::SoortSelectie_descriptor()->FindValueByNumber(kind)).label();
}

template <typename Message>
std::string Ndjson(const std::vector<Message>& records) {
  std::string out, json;
  for (const Message& m : records) {
    PrintJsonFast(m, &json);
    absl::StrAppend(&out, json, "\n");
  }
  return out;
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

// Each form as a case with every record of `index` that fits it: the
// reference's answer without a cap, at `at`.
absl::Status AnswerAll(const CaseloadIndex& index, const QuestionCompiler& compiler,
                       const std::vector<Form>& forms, absl::Time at,
                       std::vector<QuestionCase>* out) {
  absl::StatusOr<std::unique_ptr<BronService>> reference =
      BronService::Create(&index, &compiler, {.max_results = 1 << 30});
  if (!reference.ok()) return reference.status();
  for (const Form& f : forms) {
    QuestionCase c{f.id, f.kind, f.description, QuestionJson(f), {}};
    absl::StatusOr<v1::Selectievraag> q =
        ReadSelectionQuestion(c.question_json, {.default_kind = f.kind});
    if (!q.ok()) return q.status();
    absl::StatusOr<BronAnswer> a =
        (*reference)->Answer(*q, {.oin = std::string(20, '0'), .legal_basis = true}, at);
    if (!a.ok()) return a.status();
    if (a->refused()) {
      return absl::InternalError(absl::StrCat("the reference refuses question ", f.id));
    }
    c.expected_ids = a->record_ids;
    std::sort(c.expected_ids.begin(), c.expected_ids.end());
    out->push_back(std::move(c));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<UploadSet> MakeUploadSet(const Pc4Register& pc4,
                                        const UploadSetOptions& options) {
  UploadSet set;
  set.made_at = Rfc3339(options.at);
  RecordGenerator generator({.seed = options.seed, .pc4 = &pc4});
  absl::StatusOr<std::unique_ptr<CaseloadIndex>> profiles =
      CaseloadIndex::Create(&pc4, kSeekers);
  if (!profiles.ok()) return profiles.status();
  for (int i = 0; i < options.count; ++i) {
    v1::Werkzoekende profile;
    generator.NextProfile(&profile);
    v1::Procesgegevens process;
    generator.NextProcessData(profile, &process);
    if (absl::Status s = (*profiles)->Put(profile).status(); !s.ok()) return s;
    if (absl::Status s = (*profiles)->PutProcessData(process); !s.ok()) return s;
    set.profiles.push_back(std::move(profile));
    set.process.push_back(std::move(process));
  }
  absl::StatusOr<std::unique_ptr<CaseloadIndex>> vacancies =
      CaseloadIndex::Create(&pc4, kVacancyKind);
  if (!vacancies.ok()) return vacancies.status();
  for (int i = 0; i < options.vacancy_count; ++i) {
    v1::Vacature vacancy;
    generator.NextVacancy(&vacancy);
    if (absl::Status s = (*vacancies)->Put(vacancy).status(); !s.ok()) return s;
    set.vacancies.push_back(std::move(vacancy));
  }
  absl::StatusOr<std::unique_ptr<QuestionCompiler>> compiler =
      QuestionCompiler::Create(&pc4);
  if (!compiler.ok()) return compiler.status();
  for (const auto& [index, forms] :
       {std::pair{profiles->get(), ProfileForms(set.profiles)},
        std::pair{vacancies->get(), VacancyForms(set.vacancies)}}) {
    if (absl::Status s = AnswerAll(*index, **compiler, forms, options.at, &set.questions);
        !s.ok())
      return s;
  }
  return set;
}

absl::Status WriteUploadSet(const UploadSet& set, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  const std::string profiles = Ndjson(set.profiles);
  const std::string process = Ndjson(set.process);
  const std::string vacancies = Ndjson(set.vacancies);
  std::vector<std::string> questions;
  for (const QuestionCase& q : set.questions) {
    std::vector<std::string> ids;
    for (const std::string& id : q.expected_ids) ids.push_back(JsonString(id));
    questions.push_back(absl::StrCat(
        "{\"id\":", JsonString(q.id), ",\"soort\":\"", KindName(q.kind),
        "\",\"omschrijving\":", JsonString(q.description), ",\"vraag\":", q.question_json,
        ",\"verwacht\":[", absl::StrJoin(ids, ","), "]}"));
  }
  const std::string all =
      absl::StrCat("{\"plafond\":", set.cap, ",\"gemaaktOp\":", JsonString(set.made_at),
                   ",\"vragen\":[\n", absl::StrJoin(questions, ",\n"), "\n]}\n");
  for (const auto& [name, text] :
       {std::pair{kProfiles, &profiles}, std::pair{kProcess, &process},
        std::pair{kVacancies, &vacancies}, std::pair{kQuestions, &all}}) {
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
  if (absl::Status s = ReadNdjson(absl::StrCat(dir, "/", kVacancies), &set.vacancies);
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
    std::string_view id, kind, description;
    simdjson::dom::object question;
    simdjson::dom::array expected;
    if (q["id"].get(id) || q["soort"].get(kind) || q["omschrijving"].get(description) ||
        q["vraag"].get(question) || q["verwacht"].get(expected)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": a question lacks a member"));
    }
    c.id = std::string(id);
    if (kind == KindName(kVacancyKind)) {
      c.kind = kVacancyKind;
    } else if (kind != KindName(kSeekers)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": question ", c.id, " asks for an unknown kind of record"));
    }
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
