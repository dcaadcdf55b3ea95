// The conformance suite as the runner holds it: the cases (the vector files),
// the failure list, running every case against a testee and judging each
// answer, and the tally.
#ifndef VUM_CONFORMANCE_RUNNER_SUITE_H_
#define VUM_CONFORMANCE_RUNNER_SUITE_H_

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "conformance.pb.h"

namespace vum::conformance {

inline constexpr uint32_t kProtocolVersion = 2;

// The suites of a vector folder, by file name (without .textproto), in name
// order. NOT_FOUND without vectors; INVALID_ARGUMENT for an unreadable file.
using Suites = std::vector<std::pair<std::string, TestSuite>>;
[[nodiscard]] absl::StatusOr<Suites> LoadSuites(const std::string& dir);

// A failure list: case id -> reason ("ID  # reason" per line, # comments).
[[nodiscard]] absl::StatusOr<std::map<std::string, std::string>> ReadFailureList(
    const std::string& path);

struct Result {
  const TestCase* test_case;
  std::string suite;
  enum class Outcome { kPass, kFail, kCrash, kTimeout, kNotRun } outcome;
  std::string detail;
  bool listed = false;  // in the failure list
};

const char* OutcomeName(Result::Outcome o);
inline bool Failed(const Result& r) { return r.outcome != Result::Outcome::kPass; }

// Why `actual` is not the answer `expected` asks for; empty when it is.
[[nodiscard]] std::string Compare(const ConformanceResponse& expected,
                                  const ConformanceResponse& actual);

struct RunOptions {
  std::string testee_command;
  std::string filter;  // only the cases whose id starts with it
  std::chrono::milliseconds timeout{5000};
};

// Runs every case of `suites` that `options.filter` selects against one
// testee, restarting it after a crash, a timeout or an answer out of step,
// and reporting the rest as not run after three unanswered cases in a row.
// FAILED_PRECONDITION (with why) when the testee cannot be started or never
// answers.
[[nodiscard]] absl::StatusOr<std::vector<Result>> RunCases(
    const Suites& suites, const std::map<std::string, std::string>& listed,
    const RunOptions& options);

// The outcome of a run: counts, and the lines to show people.
struct Tally {
  int passed = 0, expected_failures = 0, unexpected_failures = 0, unexpected_passes = 0,
      recommended_failures = 0, stale = 0;
  std::vector<std::string> lines;
  [[nodiscard]] bool as_expected() const {
    return unexpected_failures + unexpected_passes + stale == 0;
  }
};
[[nodiscard]] Tally TallyResults(const std::vector<Result>& results,
                                 const std::map<std::string, std::string>& listed,
                                 const std::set<std::string>& all_ids);

}  // namespace vum::conformance

#endif  // VUM_CONFORMANCE_RUNNER_SUITE_H_
