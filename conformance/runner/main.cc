// The VUM conformance runner. It holds the cases (conformance/vectors), starts
// the implementation under test once, sends it each case over its standard
// input and reads the answer from its standard output (length-prefixed
// protobuf messages, conformance.proto), and compares. A testee that crashes
// is reported and restarted; one that does not answer within the timeout is
// killed, reported and restarted; after three unanswered cases in a row the
// rest is reported as not run, so the runner never hangs.
//
// Usage: vum_conformance_runner --testee "COMMAND" [options]
//   --vectors DIR            the vector files (default: the suite's own)
//   --failure-list FILE      case ids the testee knowingly fails, "ID  # reason"
//   --write-failure-list F   write the ids that failed, as a starting list
//   --timeout-ms N           per case (default 5000)
//   --filter PREFIX          only the cases whose id starts with PREFIX
//   --junit FILE, --json FILE  reports for CI systems and programs
//   -h, --help               this text
// Protocol version 2: every answer echoes its case id; an answer to another
// case (a testee out of step) is reported and the testee restarted. The
// testee and everything it starts are ended with it, even a process that
// left its group (the runner is their subreaper).
// Exit status: 0 every result as expected, 1 an unexpected failure or pass,
// or a failure list naming cases that do not exist, 2 could not run (also: a
// filter that matches no case).

#include <signal.h>
#include <sys/prctl.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/io/install_dir.h"
#include "runner/reports.h"
#include "runner/suite.h"

namespace vum::conformance {
namespace {

constexpr char kUsage[] =
    "usage: vum_conformance_runner --testee \"COMMAND\" [--vectors DIR] [--failure-list "
    "FILE]\n"
    "       [--write-failure-list FILE] [--timeout-ms N] [--filter PREFIX] [--junit "
    "FILE]\n"
    "       [--json FILE]\n"
    "Runs the VUM conformance suite against COMMAND, which reads requests from its\n"
    "standard input and writes answers to its standard output (4-byte little-endian\n"
    "length, then a protobuf message; conformance.proto, protocol version 2: echo\n"
    "case_id). See docs/conformance.md.\n"
    "Exit status: 0 every result as expected, 1 unexpected results or a stale\n"
    "failure list, 2 could not run.\n";

// The vectors installed beside the runner (PREFIX/bin/.. /share/vum/...), or,
// for a runner in a build tree, the source tree's.
std::string DefaultVectorsDir() {
  std::error_code error;
  const std::optional<std::string> installed =
      vum::io_internal::InstalledDataDir("conformance/vectors");
  if (installed && std::filesystem::is_directory(*installed, error)) return *installed;
  return VUM_VECTORS_DIR;
}

int CannotRun(absl::string_view why) {
  std::cerr << "vum_conformance_runner: " << why << "\n";
  return 2;
}

int Run(int argc, char** argv) {
  std::string vectors = DefaultVectorsDir(), failure_list, write_failure_list, junit,
              json;
  RunOptions options;
  int timeout_ms = 5000;
  CLI::App app("vum_conformance_runner", "vum_conformance_runner");
  app.set_help_flag();  // -h/--help print kUsage below
  bool help = false;
  app.add_flag("-h,--help", help);
  app.add_option("--testee", options.testee_command);
  app.add_option("--vectors", vectors);
  app.add_option("--failure-list", failure_list);
  app.add_option("--write-failure-list", write_failure_list);
  app.add_option("--timeout-ms", timeout_ms);
  app.add_option("--filter", options.filter);
  app.add_option("--junit", junit);
  app.add_option("--json", json);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::cerr << "vum_conformance_runner: " << e.what() << "\n" << kUsage;
    return 2;
  }
  if (help) {
    std::cout << kUsage;
    return 0;
  }
  if (options.testee_command.empty() || timeout_ms <= 0) {
    std::cerr << kUsage;
    return 2;
  }
  options.timeout = std::chrono::milliseconds(timeout_ms);
  signal(SIGPIPE, SIG_IGN);
  // Descendants of the testee that leave its group are reparented here, so
  // that they can be ended with it.
  prctl(PR_SET_CHILD_SUBREAPER, 1);

  absl::StatusOr<Suites> suites = LoadSuites(vectors);
  if (!suites.ok()) return CannotRun(suites.status().message());
  std::map<std::string, std::string> listed;
  if (!failure_list.empty()) {
    absl::StatusOr<std::map<std::string, std::string>> read =
        ReadFailureList(failure_list);
    if (!read.ok()) return CannotRun(read.status().message());
    listed = *std::move(read);
  }
  // Every case id, to judge the filter and the failure list against.
  std::set<std::string> all_ids;
  size_t matching = 0;
  for (const auto& [name, suite] : *suites) {
    for (const TestCase& c : suite.test_case()) {
      all_ids.insert(c.id());
      matching += absl::StartsWith(c.id(), options.filter);
    }
  }
  if (matching == 0) {
    return CannotRun(absl::StrCat("--filter \"", options.filter,
                                  "\" matches no case of the ", all_ids.size()));
  }
  absl::StatusOr<std::vector<Result>> results = RunCases(*suites, listed, options);
  if (!results.ok()) return CannotRun(results.status().message());

  const Tally t = TallyResults(*results, listed, all_ids);
  const size_t shown = std::min<size_t>(t.lines.size(), 50);
  for (size_t i = 0; i < shown; ++i) std::cout << t.lines[i] << "\n";
  if (t.lines.size() > shown)
    std::cout << "... and " << t.lines.size() - shown << " more\n";
  std::cout << "VUM conformance: " << results->size() << " cases; " << t.passed
            << " passed, " << t.expected_failures << " failed as listed, "
            << t.unexpected_failures << " unexpected failure(s), " << t.unexpected_passes
            << " unexpected pass(es), " << t.recommended_failures
            << " recommended case(s) failed"
            << (t.stale ? absl::StrCat(", ", t.stale, " stale failure-list entr",
                                       t.stale == 1 ? "y" : "ies")
                        : "")
            << "\n";
  if (!junit.empty()) WriteJUnit(junit, *results);
  if (!json.empty()) WriteJson(json, *results, t);
  if (!write_failure_list.empty()) WriteFailureList(write_failure_list, *results);
  return t.as_expected() ? 0 : 1;
}

}  // namespace
}  // namespace vum::conformance

int main(int argc, char** argv) { return vum::conformance::Run(argc, argv); }
