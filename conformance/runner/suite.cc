#include "runner/suite.h"

#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "google/protobuf/text_format.h"
#include "runner/testee_process.h"

namespace vum::conformance {
namespace {

std::string KindOf(const ConformanceResponse& r) {
  switch (r.result_case()) {
    case ConformanceResponse::kValidate:
      return "validate";
    case ConformanceResponse::kJson:
      return "json";
    case ConformanceResponse::kBinary:
      return "binary";
    case ConformanceResponse::kBatch:
      return "batch";
    case ConformanceResponse::kDelta:
      return "delta";
    case ConformanceResponse::kSelection:
      return "selection";
    case ConformanceResponse::kRuntimeError:
      return "runtime_error";
    case ConformanceResponse::kSkipped:
      return "skipped";
    default:
      return "nothing";
  }
}

std::vector<std::string> Findings(const ValidateResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings())
    out.push_back(absl::StrCat(f.rule_id(), " ", f.severity(), " at \"", f.path(), "\""));
  std::sort(out.begin(), out.end());
  return out;
}

// Empty when one answer of a selection fits the expected one: as many
// results as expected, each the view of a matching record, the flags and the
// ignored criteria as expected, no source key.
std::string CompareSelectionAnswer(const SelectionAnswer& e, const SelectionAnswer& a) {
  if (e.fewer_than_k() != a.fewer_than_k()) {
    return e.fewer_than_k() ? "expected \"fewer than k\"" : "answered \"fewer than k\"";
  }
  if (std::vector<std::string>(e.ignored().begin(), e.ignored().end()) !=
      std::vector<std::string>(a.ignored().begin(), a.ignored().end())) {
    return absl::StrCat("ignored criteria ", absl::StrJoin(a.ignored(), ","),
                        ", expected ", absl::StrJoin(e.ignored(), ","));
  }
  if (a.result_json_size() != e.returned()) {
    return absl::StrCat(a.result_json_size(), " results, expected ", e.returned());
  }
  if (e.maximum_reached() != a.maximum_reached()) {
    return absl::StrCat("maximum reached is ", a.maximum_reached() ? "true" : "false",
                        ", expected ", e.maximum_reached() ? "true" : "false");
  }
  std::multiset<std::string> matching(e.result_json().begin(), e.result_json().end());
  for (const std::string& json : a.result_json()) {
    if (absl::StrContains(json, "\"idWerkzoekende\""))
      return "a result carries the source's key";
    auto it = matching.find(json);
    if (it == matching.end()) return "a result is not a matching record's view";
    matching.erase(it);
  }
  return "";
}

// A selection: refused or not as expected, every answer fitting, vumIDs
// unique, and (asked several times) a different choice or order each time.
std::string CompareSelection(const SelectionResult& e, const SelectionResult& a) {
  if (e.refused() != a.refused()) return e.refused() ? "expected a refusal" : "refused";
  if (e.refused()) {
    std::vector<std::string> want(e.rule_ids().begin(), e.rule_ids().end());
    std::vector<std::string> got(a.rule_ids().begin(), a.rule_ids().end());
    std::sort(got.begin(), got.end());
    return want == got ? ""
                       : absl::StrCat("refused for ", absl::StrJoin(got, ","),
                                      ", expected ", absl::StrJoin(want, ","));
  }
  if (a.answer_size() == 0) return "no answer";
  std::set<std::string> vum_ids;
  std::set<std::vector<std::string>> orders;
  for (const SelectionAnswer& answer : a.answer()) {
    if (std::string why = CompareSelectionAnswer(e.answer(0), answer); !why.empty())
      return why;
    for (const std::string& id : answer.vum_id()) {
      if (!vum_ids.insert(id).second) return "a vumID appears twice";
    }
    orders.insert({answer.result_json().begin(), answer.result_json().end()});
  }
  const int returned = e.answer(0).returned();
  if (a.answer_size() >= 5 && returned >= 3 && orders.size() == 1) {
    return "every answer holds the same results in the same order: not a random choice";
  }
  return "";
}

// Empty when `actual` is what `expected` says; otherwise why not.
}  // namespace

std::string Compare(const ConformanceResponse& expected,
                    const ConformanceResponse& actual) {
  if (actual.has_runtime_error())
    return absl::StrCat("runtime error: ", actual.runtime_error());
  if (actual.has_skipped()) return absl::StrCat("skipped: ", actual.skipped());
  if (expected.result_case() != actual.result_case()) {
    return absl::StrCat("expected a ", KindOf(expected), " answer, got ", KindOf(actual));
  }
  switch (expected.result_case()) {
    case ConformanceResponse::kValidate: {
      if (expected.validate().parse_error() != actual.validate().parse_error()) {
        return expected.validate().parse_error()
                   ? "expected a parse error, the input was read"
                   : "expected the input to be read, got a parse error";
      }
      const auto want = Findings(expected.validate()), got = Findings(actual.validate());
      if (want == got) return "";
      std::vector<std::string> missing, unexpected;
      std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                          std::back_inserter(missing));
      std::set_difference(got.begin(), got.end(), want.begin(), want.end(),
                          std::back_inserter(unexpected));
      std::string why;
      if (!missing.empty())
        absl::StrAppend(&why, "missing: ", absl::StrJoin(missing, "; "));
      if (!unexpected.empty()) {
        absl::StrAppend(&why, why.empty() ? "" : "; ",
                        "unexpected: ", absl::StrJoin(unexpected, "; "));
      }
      return why;
    }
    case ConformanceResponse::kJson:
      return expected.json() == actual.json()
                 ? ""
                 : absl::StrCat("JSON differs; expected ",
                                expected.json().substr(0, 200));
    case ConformanceResponse::kBinary:
      return expected.binary() == actual.binary() ? "" : "binary output differs";
    case ConformanceResponse::kBatch: {
      const BatchResult& e = expected.batch();
      const BatchResult& a = actual.batch();
      if (e.status() != a.status())
        return absl::StrCat("status ", a.status(), ", expected ", e.status());
      if (e.records() != a.records())
        return absl::StrCat(a.records(), " records, expected ", e.records());
      if (std::vector<uint64_t>(e.rejected().begin(), e.rejected().end()) !=
          std::vector<uint64_t>(a.rejected().begin(), a.rejected().end())) {
        return absl::StrCat("rejected records ", absl::StrJoin(a.rejected(), ","),
                            ", expected ", absl::StrJoin(e.rejected(), ","));
      }
      return "";
    }
    case ConformanceResponse::kDelta: {
      const DeltaResult& e = expected.delta();
      const DeltaResult& a = actual.delta();
      if (e.status() != a.status())
        return absl::StrCat("status ", a.status(), ", expected ", e.status());
      if (e.sequence() != a.sequence())
        return absl::StrCat("sequence ", a.sequence(), ", expected ", e.sequence());
      if (std::vector<std::string>(e.ids().begin(), e.ids().end()) !=
          std::vector<std::string>(a.ids().begin(), a.ids().end())) {
        return absl::StrCat("records ", absl::StrJoin(a.ids(), ","), ", expected ",
                            absl::StrJoin(e.ids(), ","));
      }
      return "";
    }
    case ConformanceResponse::kSelection:
      return CompareSelection(expected.selection(), actual.selection());
    default:
      return "the vector expects nothing comparable";
  }
}

const char* OutcomeName(Result::Outcome o) {
  switch (o) {
    case Result::Outcome::kPass:
      return "pass";
    case Result::Outcome::kFail:
      return "fail";
    case Result::Outcome::kCrash:
      return "crash";
    case Result::Outcome::kTimeout:
      return "timeout";
    case Result::Outcome::kNotRun:
      return "not-run";
  }
  return "";
}

absl::StatusOr<Suites> LoadSuites(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".textproto") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) return absl::NotFoundError(absl::StrCat("no vectors in ", dir));
  Suites suites;
  for (const std::string& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    TestSuite suite;
    if (!google::protobuf::TextFormat::ParseFromString(text.str(), &suite)) {
      return absl::InvalidArgumentError(absl::StrCat("cannot read ", file));
    }
    suites.emplace_back(std::filesystem::path(file).stem().string(), std::move(suite));
  }
  return suites;
}

absl::StatusOr<std::map<std::string, std::string>> ReadFailureList(
    const std::string& path) {
  std::map<std::string, std::string> listed;
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view l = absl::StripAsciiWhitespace(line);
    if (l.empty() || l[0] == '#') continue;
    const size_t end = l.find_first_of(" \t#");
    const std::string id(l.substr(0, end));
    listed[id] = end == absl::string_view::npos
                     ? ""
                     : std::string(absl::StripAsciiWhitespace(l.substr(end)));
  }
  return listed;
}

absl::StatusOr<std::vector<Result>> RunCases(
    const Suites& suites, const std::map<std::string, std::string>& listed,
    const RunOptions& options) {
  Testee testee(options.testee_command);
  if (!testee.Start()) return absl::FailedPreconditionError("cannot start the testee");
  std::vector<Result> results;
  int unanswered_in_a_row = 0, crashes_before_any_answer = 0;
  bool given_up = false, answered_any = false;
  std::set<std::string> seen;
  for (const auto& [name, suite] : suites) {
    for (const TestCase& c : suite.test_case()) {
      if (!absl::StartsWith(c.id(), options.filter)) continue;
      seen.insert(c.id());
      Result result{&c, name, Result::Outcome::kPass, "", listed.count(c.id()) > 0};
      if (given_up) {
        result.outcome = Result::Outcome::kNotRun;
        result.detail = "not run: the testee stopped answering";
        results.push_back(result);
        continue;
      }
      std::string response_bytes;
      ConformanceRequest request = c.request();
      request.set_case_id(c.id());
      request.set_protocol_version(kProtocolVersion);
      const Testee::Result call =
          testee.Call(request.SerializeAsString(), &response_bytes, options.timeout);
      if (call == Testee::Result::kGarbled) {
        // Not an answer at all: the stream cannot be trusted any more.
        result.outcome = Result::Outcome::kCrash;
        result.detail =
            "not a length-prefixed answer (did the testee write text to its standard "
            "output?); "
            "restarted";
        testee.Stop();
        if (!testee.Start()) given_up = true;
      } else if (call != Testee::Result::kOk) {
        const bool crashed = call == Testee::Result::kCrashed;
        result.outcome = crashed ? Result::Outcome::kCrash : Result::Outcome::kTimeout;
        result.detail = crashed
                            ? "the testee crashed or closed its output; restarted"
                            : absl::StrCat("no answer within ", options.timeout.count(),
                                           " ms; the testee was killed and restarted");
        unanswered_in_a_row = crashed ? 0 : unanswered_in_a_row + 1;
        const int status = testee.Stop();
        // A testee that never answers anything cannot be judged case by case:
        // the shell's 126 and 127 (not executable, not found) at once, any
        // other end after three tries.
        const bool not_runnable = WIFEXITED(status) && (WEXITSTATUS(status) == 126 ||
                                                        WEXITSTATUS(status) == 127);
        if (crashed && !answered_any &&
            (not_runnable || ++crashes_before_any_answer >= 3)) {
          return absl::FailedPreconditionError(
              absl::StrCat("the testee never answered; it ",
                           WIFSIGNALED(status)
                               ? absl::StrCat("was killed by signal ", WTERMSIG(status))
                               : absl::StrCat("exited with status ", WEXITSTATUS(status)),
                           " (see its messages above)"));
        }
        if (unanswered_in_a_row >= 3 || !testee.Start()) given_up = true;
      } else {
        unanswered_in_a_row = 0;
        answered_any = true;
        ConformanceResponse response;
        if (!response.ParseFromString(response_bytes)) {
          result.outcome = Result::Outcome::kFail;
          result.detail = "the answer is not a ConformanceResponse";
        } else if (response.case_id().empty()) {
          result.outcome = Result::Outcome::kFail;
          result.detail =
              "the answer does not echo its case_id (conformance protocol version 2)";
        } else if (response.case_id() != c.id()) {
          // Out of step: every later answer would be judged against the wrong
          // case. Start again.
          result.outcome = Result::Outcome::kFail;
          result.detail = absl::StrCat("out of step: the answer is to case ",
                                       response.case_id(), "; the testee was restarted");
          testee.Stop();
          if (!testee.Start()) given_up = true;
        } else if (std::string why = Compare(c.expected(), response); !why.empty()) {
          result.outcome = Result::Outcome::kFail;
          result.detail = why;
        }
      }
      results.push_back(result);
    }
  }
  testee.Stop();
  return results;
}

Tally TallyResults(const std::vector<Result>& results,
                   const std::map<std::string, std::string>& listed,
                   const std::set<std::string>& all_ids) {
  Tally t;
  for (const Result& r : results) {
    if (!Failed(r)) {
      ++t.passed;
      if (r.listed) {
        ++t.unexpected_passes;
        t.lines.push_back(absl::StrCat("UNEXPECTED PASS  ", r.test_case->id(),
                                       " (remove it from the failure list)"));
      }
    } else if (r.listed) {
      ++t.expected_failures;
    } else if (r.test_case->level() == RECOMMENDED) {
      ++t.recommended_failures;
      t.lines.push_back(absl::StrCat("recommended      ", r.test_case->id(), ": ",
                                     OutcomeName(r.outcome), ": ", r.detail));
    } else {
      ++t.unexpected_failures;
      t.lines.push_back(absl::StrCat("UNEXPECTED ",
                                     absl::AsciiStrToUpper(OutcomeName(r.outcome)), "  ",
                                     r.test_case->id(), ": ", r.detail));
    }
  }
  for (const auto& [id, reason] : listed) {
    if (!all_ids.count(id)) {
      ++t.stale;
      t.lines.push_back(
          absl::StrCat("STALE LIST ENTRY ", id,
                       ": no such case in the suite (remove it from the failure list)"));
    }
  }
  return t;
}

}  // namespace vum::conformance
