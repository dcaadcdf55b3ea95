// The checks of a source's Bron interface (lib/accredit/accreditation.h).

#include <httplib.h>

#include <algorithm>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/accredit/accreditation.h"
#include "lib/ask/mutual_tls.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/wire.h"
#include "lib/hub/source_answer.h"
#include "lib/io/markup.h"
#include "lib/json/json_string.h"
#include "vum/first_round.h"
#include "vum/json.h"

namespace vum::accredit {
namespace {

constexpr v1::SoortSelectie kVacancies = v1::SOORT_SELECTIE_VACATURES;

void ClearId(v1::Werkzoekende* p) { p->clear_id_werkzoekende(); }
void ClearId(v1::Vacature* v) { v->clear_id_vacature(); }

// Each record's first round (without its id) and detail as VUM JSON, by id.
struct Expected {
  absl::flat_hash_map<std::string, std::string> first_round, detail;

  template <typename Message>
  void Add(const std::string& id, const Message& record) {
    Message match = record;
    KeepFirstRound(&match);
    ClearId(&match);
    PrintJsonFast(match, &first_round[id]);
    PrintJsonFast(record, &detail[id]);
  }
};

class Checker {
 public:
  Checker(const UploadSet& set, const SourceTarget& target) : set_(set), target_(target) {
    for (const v1::Werkzoekende& p : set.profiles) profiles_.Add(p.id_werkzoekende(), p);
    for (const v1::Vacature& v : set.vacancies) vacancies_.Add(v.id_vacature(), v);
  }

  std::vector<CaseResult> Run() {
    for (const QuestionCase& q : set_.questions) Question(q);
    Protocol();
    return std::move(results_);
  }

 private:
  httplib::Headers Headers() const {
    return {{exchange::kBerichtVersieHeader, exchange::kKoppelvlakVersion},
            {exchange::kApiVersionHeader, exchange::kKoppelvlakVersion},
            {exchange::kFromPartyHeader, target_.facility.from_oin},
            {exchange::kToPartyHeader, target_.source.oin},
            {exchange::kViaPartyHeader, target_.facility_oin},
            {exchange::kSuwiPartyHeaderV3, target_.facility.suwi ? "true" : "false"}};
  }
  httplib::Result Post(const std::string& body, const httplib::Headers& headers,
                       v1::SoortSelectie kind = v1::SOORT_SELECTIE_WERKZOEKENDEN) const {
    return ask::MutualTlsClient(target_.source, target_.facility, target_.timeout)
        ->Post(exchange::V3CollectionPath(kind) + exchange::kV3MatchesSuffix, headers,
               body, exchange::kJsonType);
  }
  httplib::Result Get(const std::string& id, const httplib::Headers& headers,
                      v1::SoortSelectie kind = v1::SOORT_SELECTIE_WERKZOEKENDEN) const {
    return ask::MutualTlsClient(target_.source, target_.facility, target_.timeout)
        ->Get(absl::StrCat(exchange::V3CollectionPath(kind), "/", id), headers);
  }
  const Expected& ExpectedOf(v1::SoortSelectie kind) const {
    return kind == kVacancies ? vacancies_ : profiles_;
  }
  void Result(const std::string& id, const std::string& failure) {
    results_.push_back({id, failure.empty(), failure});
  }

  // What is wrong with a 200 answer's status and headers; empty if nothing.
  std::string AnswerHeaders(const httplib::Result& r) const {
    if (!r) return absl::StrCat("no answer (", httplib::to_string(r.error()), ")");
    if (r->status != 200) {
      absl::StatusOr<exchange::V3ErrorBody> e = exchange::ParseV3Error(r->body);
      return absl::StrCat("expected status 200, observed ", r->status,
                          e.ok() ? absl::StrCat(" (", e->code, ")") : "");
    }
    for (const char* h : {exchange::kApiVersionHeader, exchange::kBerichtVersieHeader}) {
      if (r->get_header_value(h) != exchange::kKoppelvlakVersion)
        return absl::StrCat("expected the header ", h, ": 3.0.0");
    }
    if (r->get_header_value(exchange::kFromPartyHeader) != target_.source.oin)
      return "expected X-VUM-fromParty to be the source's OIN";
    return "";
  }

  // One question: every answer's matches are expected records in their first
  // round, as many as the cap allows, the flag right; over the cap, not the
  // same choice every time.
  void Question(const QuestionCase& q) {
    const std::set<std::string> expected(q.expected_ids.begin(), q.expected_ids.end());
    const size_t want = std::min<size_t>(expected.size(), set_.cap);
    const bool over = expected.size() > static_cast<size_t>(set_.cap);
    std::set<std::string> seen;
    const int asks = over ? std::max(2, target_.repeats) : 1;
    for (int i = 0; i < asks; ++i) {
      httplib::Result r = Post(q.question_json, Headers(), q.kind);
      if (std::string wrong = AnswerHeaders(r); !wrong.empty())
        return Result(q.id, wrong);
      absl::StatusOr<hub::SourceAnswer> a =
          hub::ReadSourceAnswer(r->body, q.kind, static_cast<size_t>(set_.cap));
      if (!a.ok()) return Result(q.id, std::string(a.status().message()));
      std::set<std::string> ids;
      for (const hub::SourceMatch& m : a->matches) {
        if (!expected.count(m.source_id))
          return Result(q.id, "a match is not a record that fits the question");
        if (!ids.insert(m.source_id).second)
          return Result(q.id, "a record is matched twice");
        if (m.json_without_id != ExpectedOf(q.kind).first_round.at(m.source_id))
          return Result(q.id, "a match differs from the uploaded record's first round");
      }
      if (ids.size() != want) {
        return Result(q.id, absl::StrCat("expected ", want, " matches (", expected.size(),
                                         " fit, the cap is ", set_.cap, "), observed ",
                                         ids.size()));
      }
      if (a->capped != over) {
        return Result(q.id, absl::StrCat("expected maximumAantalResultatenBereikt ",
                                         over ? "true" : "false"));
      }
      seen.insert(ids.begin(), ids.end());
    }
    if (over && seen.size() <= static_cast<size_t>(set_.cap)) {
      return Result(q.id,
                    absl::StrCat("asked ", asks, " times, every answer held the same ",
                                 set_.cap, " records: not a random choice"));
    }
    Result(q.id, "");
  }

  // An error answer as the contract has it: `status` and an Error body.
  std::string Refusal(const httplib::Result& r, int status) const {
    if (!r) return "no answer";
    if (r->status != status)
      return absl::StrCat("expected status ", status, ", observed ", r->status);
    if (!exchange::ParseV3Error(r->body).ok())
      return "expected the contract's Error body";
    return "";
  }

  // The detail of the first record that fits a question of `kind`: the
  // whole record, as uploaded.
  void Detail(v1::SoortSelectie kind, const char* case_id) {
    const QuestionCase* with = nullptr;
    for (const QuestionCase& q : set_.questions) {
      if (q.kind == kind && !q.expected_ids.empty()) {
        with = &q;
        break;
      }
    }
    if (with == nullptr) return;
    const std::string& id = with->expected_ids.front();
    httplib::Result d = Get(id, Headers(), kind);
    std::string wrong = AnswerHeaders(d);
    if (wrong.empty()) {
      absl::StatusOr<std::string> detail = hub::ReadSourceDetail(d->body, kind, id);
      wrong = !detail.ok() ? std::string(detail.status().message())
              : *detail != ExpectedOf(kind).detail.at(id)
                  ? "the detail differs from the uploaded record"
                  : "";
    }
    Result(case_id, wrong);
  }

  void Protocol() {
    Detail(v1::SOORT_SELECTIE_WERKZOEKENDEN, "detail.een-record");
    Detail(kVacancies, "detail.een-vacature");
    Result("detail.onbekend-id", Refusal(Get("bestaat-niet-0", Headers()), 400));
    Result("detail.onbekende-vacature",
           Refusal(Get("bestaat-niet-0", Headers(), kVacancies), 400));
    httplib::Headers old = Headers();
    old.erase(exchange::kApiVersionHeader);
    old.emplace(exchange::kApiVersionHeader, "2.0.0");
    const std::string question =
        set_.questions.empty() ? "{}" : set_.questions[0].question_json;
    Result("verzoek.andere-versie", Refusal(Post(question, old), 400));
    httplib::Headers no_to = Headers();
    no_to.erase(exchange::kToPartyHeader);
    Result("verzoek.zonder-toParty", Refusal(Post(question, no_to), 400));
    Result("verzoek.geen-json", Refusal(Post("geen json", Headers()), 400));
  }

  const UploadSet& set_;
  const SourceTarget& target_;
  Expected profiles_, vacancies_;
  std::vector<CaseResult> results_;
};

}  // namespace

std::vector<CaseResult> CheckSource(const UploadSet& set, const SourceTarget& target) {
  return Checker(set, target).Run();
}

}  // namespace vum::accredit
