// JudgeMediator (lib/accredit/mediator.h): the cases for what an asking
// client sent the facility.

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/accredit/mediator.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/wire.h"

namespace vum::accredit {
namespace {

// The header's value; nullopt when the request lacks it.
std::optional<std::string> HeaderOf(const hub::ObservedRequest& r,
                                    absl::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (absl::EqualsIgnoreCase(n, name)) return v;
  }
  return std::nullopt;
}

// What is wrong with a request's headers, or "". Names headers, never
// values.
std::string HeaderProblem(const hub::ObservedRequest& r, const ClientSetup& c) {
  for (const char* version :
       {exchange::kBerichtVersieHeader, exchange::kApiVersionHeader}) {
    const std::optional<std::string> v = HeaderOf(r, version);
    if (!v) return absl::StrCat(version, " is missing");
    if (*v != exchange::kKoppelvlakVersion) {
      return absl::StrCat(version, " is not ", exchange::kKoppelvlakVersion);
    }
  }
  const std::pair<const char*, std::string> parties[] = {
      {exchange::kFromPartyHeader, c.client_oin},
      {exchange::kToPartyHeader, c.facility_oin},
      // A mediator asking for itself names itself as the processor.
      {exchange::kViaPartyHeader, r.certificate_oin}};
  for (const auto& [name, expected] : parties) {
    const std::optional<std::string> v = HeaderOf(r, name);
    if (!v) return absl::StrCat(name, " is missing");
    if (*v != expected) return absl::StrCat(name, " is not ", expected);
  }
  const std::optional<std::string> suwi = HeaderOf(r, exchange::kSuwiPartyHeaderV3);
  if (suwi && *suwi != "true" && *suwi != "false") {
    return absl::StrCat(exchange::kSuwiPartyHeaderV3, " is neither true nor false");
  }
  return "";
}

// What is wrong with a question as the standard reads it, or "".
std::string QuestionProblem(const hub::ObservedRequest& r,
                            const QuestionCompiler& compiler) {
  const v1::SoortSelectie kind = r.collection == "vacatures"
                                     ? v1::SOORT_SELECTIE_VACATURES
                                     : v1::SOORT_SELECTIE_WERKZOEKENDEN;
  absl::StatusOr<v1::Selectievraag> q =
      ReadSelectionQuestion(r.question, {.default_kind = kind});
  if (!q.ok()) return absl::StrCat("the question cannot be read: ", q.status().message());
  absl::StatusOr<QuestionCheck> check = compiler.Compile(*q, {.vum_extensions = false});
  if (!check.ok())
    return absl::StrCat("the question cannot be checked: ", check.status().message());
  for (const Violation& v : check->violations) {
    if (v.severity == Severity::kError) {
      return absl::StrCat("the question breaks ", v.rule_id, " at ", v.path.ToString());
    }
  }
  if (!check->ignored.empty()) {
    return absl::StrCat("criterion ", check->ignored[0].index(), " (",
                        check->ignored[0].pad(),
                        ") is not described by the koppelvlak 3.0 for ", r.collection,
                        ": every source ignores it");
  }
  return "";
}

// What is wrong with the facility's answer, or "": a refusal the client
// caused. The facility's own limits (429.01 for the day's questions, 429.02
// for a question's details) and its sources' failures (503.02) are no fault
// of the client's.
std::string AnswerProblem(const hub::ObservedRequest& r) {
  if (r.status == 200 || (!r.detail && r.error_code == "429.01") ||
      (r.detail && r.error_code == "429.02") || r.error_code == "503.02") {
    return "";
  }
  return absl::StrCat("expected status 200, observed ", r.status,
                      r.error_code.empty() ? "" : absl::StrCat(" (", r.error_code, ")"));
}

}  // namespace

std::vector<CaseResult> JudgeMediator(const std::vector<hub::ObservedRequest>& requests,
                                      const ClientSetup& client,
                                      const QuestionCompiler& compiler) {
  std::vector<CaseResult> cases;
  bool asked = false, fetched = false, told_to_stop = false, without_sources = false;
  for (size_t i = 0; i < requests.size(); ++i) {
    const hub::ObservedRequest& r = requests[i];
    CaseResult c{absl::StrCat("verzoek.", i + 1, r.detail ? ".detail" : ".vraag"), true,
                 ""};
    if (!r.detail && told_to_stop) {
      c.message =
          "asked again after the facility's 429.01 (the day's questions are used)";
    }
    told_to_stop |= !r.detail && r.error_code == "429.01";
    if (c.message.empty()) c.message = HeaderProblem(r, client);
    // A question refused before its body was read has none to judge.
    if (c.message.empty() && !r.detail && !(r.question.empty() && r.status != 200)) {
      c.message = QuestionProblem(r, compiler);
    }
    if (c.message.empty()) c.message = AnswerProblem(r);
    c.passed = c.message.empty();
    asked |= c.passed && !r.detail && r.status == 200;
    fetched |= c.passed && r.detail && r.status == 200;
    without_sources |= c.passed && !r.detail && r.error_code == "503.02";
    cases.push_back(std::move(c));
  }
  cases.push_back(
      {"sessie.vraag", asked,
       asked ? "" : "expected at least one question answered, observed none"});
  cases.push_back({"sessie.detail", fetched,
                   fetched ? "" : "expected at least one detail given, observed none"});
  cases.push_back({"sessie.geen-bron", without_sources,
                   without_sources ? ""
                                   : "expected at least one question to the facility "
                                     "without sources (503.02), observed none"});
  return cases;
}

}  // namespace vum::accredit
