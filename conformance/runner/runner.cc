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

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "conformance.pb.h"
#include "google/protobuf/text_format.h"
#include "lib/io/install_dir.h"
#include "tools/vum/json_writer.h"

namespace vum::conformance {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint32_t kProtocolVersion = 2;
// A larger length prefix is no answer: text written to standard output, most
// likely.
constexpr uint32_t kMaxAnswerBytes = 64u << 20;

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

// Ends every process the runner started that is still there: the testee's
// descendants that left its process group come to the runner, their
// subreaper, when their parents end.
void EndOrphans() {
  for (int round = 0; round < 50; ++round) {
    bool any = false;
    if (DIR* proc = opendir("/proc")) {
      while (dirent* e = readdir(proc)) {
        const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        if (pid <= 0) continue;
        std::ifstream stat(absl::StrCat("/proc/", pid, "/stat"));
        std::string line;
        std::getline(stat, line);
        const size_t close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 2));
        char state;
        pid_t ppid = 0;
        rest >> state >> ppid;
        if (ppid != getpid()) continue;
        any = true;
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
      closedir(proc);
    }
    if (!any) return;
  }
}

// ------------------------------------------------------------------ testee

class Testee {
 public:
  explicit Testee(std::string command) : command_(std::move(command)) {}
  ~Testee() { Stop(); }

  bool Start() {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return false;
    pid_ = fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      // Its own process group, so that Stop() reaches whatever the command
      // starts, not just the shell.
      setpgid(0, 0);
      dup2(in[0], STDIN_FILENO);
      dup2(out[1], STDOUT_FILENO);
      close(in[0]);
      close(in[1]);
      close(out[0]);
      close(out[1]);
      const std::string exec = "exec " + command_;
      execl("/bin/sh", "sh", "-c", exec.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    setpgid(pid_, pid_);  // also here, against a race with the child
    close(in[0]);
    close(out[1]);
    to_ = in[1];
    from_ = out[0];
    fcntl(to_, F_SETFL, O_NONBLOCK);
    fcntl(from_, F_SETFL, O_NONBLOCK);
    return true;
  }

  // Kills the testee's process group and reaps it. Returns how the testee
  // ended, a waitpid() status; for a testee that had already exited (a crash,
  // a command that does not exist) that is its own exit.
  int Stop() {
    int status = 0;
    if (pid_ > 0) {
      kill(-pid_, SIGKILL);  // the whole group
      waitpid(pid_, &status, 0);
      EndOrphans();  // and whatever left the group
      pid_ = -1;
    }
    if (to_ >= 0) close(to_);
    if (from_ >= 0) close(from_);
    to_ = from_ = -1;
    return status;
  }

  enum class Result { kOk, kCrashed, kTimedOut, kGarbled };

  Result Call(const std::string& request, std::string* response,
              std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    const uint32_t n = static_cast<uint32_t>(request.size());
    std::string frame = {static_cast<char>(n), static_cast<char>(n >> 8),
                         static_cast<char>(n >> 16), static_cast<char>(n >> 24)};
    frame += request;
    if (Result r = Transfer(frame.data(), frame.size(), true, deadline); r != Result::kOk)
      return r;
    char size[4];
    if (Result r = Transfer(size, 4, false, deadline); r != Result::kOk) return r;
    const uint32_t m = static_cast<unsigned char>(size[0]) |
                       (static_cast<unsigned char>(size[1]) << 8) |
                       (static_cast<unsigned char>(size[2]) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(size[3])) << 24);
    if (m > kMaxAnswerBytes) return Result::kGarbled;
    response->resize(m);
    return Transfer(response->data(), m, false, deadline);
  }

 private:
  // Writes (or reads) exactly `n` bytes before the deadline.
  Result Transfer(char* data, size_t n, bool write_side, Clock::time_point deadline) {
    const int fd = write_side ? to_ : from_;
    while (n > 0) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Result::kTimedOut;
      pollfd p{fd, static_cast<short>(write_side ? POLLOUT : POLLIN), 0};
      const int ready = poll(&p, 1, static_cast<int>(left.count()));
      if (ready == 0) return Result::kTimedOut;
      if (ready < 0) {
        if (errno == EINTR) continue;
        return Result::kCrashed;
      }
      const ssize_t done = write_side ? write(fd, data, n) : read(fd, data, n);
      if (done < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (done <= 0) return Result::kCrashed;  // closed: the testee is gone
      data += done;
      n -= static_cast<size_t>(done);
    }
    return Result::kOk;
  }

  std::string command_;
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
};

// ----------------------------------------------------------------- compare

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

// ----------------------------------------------------------------- reports

struct Result {
  const TestCase* test_case;
  std::string suite;
  enum class Outcome { kPass, kFail, kCrash, kTimeout, kNotRun } outcome;
  std::string detail;
  bool listed = false;  // in the failure list
};

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

std::string Xml(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

bool Failed(const Result& r) { return r.outcome != Result::Outcome::kPass; }

void WriteJUnit(const std::string& path, const std::vector<Result>& results) {
  int failures = 0;
  for (const Result& r : results) failures += Failed(r) && !r.listed;
  std::ofstream out(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite "
         "name=\"vum-conformance\" tests=\""
      << results.size() << "\" failures=\"" << failures << "\">\n";
  for (const Result& r : results) {
    out << "  <testcase classname=\"vum.conformance." << Xml(r.suite) << "\" name=\""
        << Xml(r.test_case->id()) << "\">";
    if (Failed(r) && r.listed) {
      out << "<skipped message=\"in the failure list\"/>";
    } else if (Failed(r)) {
      out << "<failure message=\"" << OutcomeName(r.outcome) << "\">" << Xml(r.detail)
          << "</failure>";
    } else if (r.listed) {
      out << "<failure message=\"unexpected pass\">in the failure list, but "
             "passed</failure>";
    }
    out << "</testcase>\n";
  }
  out << "</testsuite>\n</testsuites>\n";
}

void WriteJson(const std::string& path, const std::vector<Result>& results,
               int unexpected_failures, int unexpected_passes) {
  std::ofstream out(path);
  out << "{\"summary\":{\"cases\":" << results.size()
      << ",\"unexpectedFailures\":" << unexpected_failures
      << ",\"unexpectedPasses\":" << unexpected_passes << "},\"cases\":[";
  for (size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    out << (i ? "," : "") << "{\"id\":" << cli::JsonString(r.test_case->id())
        << ",\"outcome\":\"" << OutcomeName(r.outcome)
        << "\",\"inFailureList\":" << (r.listed ? "true" : "false")
        << ",\"detail\":" << cli::JsonString(r.detail) << "}";
  }
  out << "]}\n";
}

// ------------------------------------------------------------------- main

// The vectors installed beside the runner (PREFIX/bin/.. /share/vum/...), or,
// for a runner in a build tree, the source tree's.
std::string DefaultVectorsDir() {
  std::error_code error;
  const std::optional<std::string> installed =
      vum::io_internal::InstalledDataDir("conformance/vectors");
  if (installed && std::filesystem::is_directory(*installed, error)) return *installed;
  return VUM_VECTORS_DIR;
}

int Run(int argc, char** argv) {
  std::string testee_command, vectors = DefaultVectorsDir(), failure_list,
                              write_failure_list, junit, json, filter;
  int timeout_ms = 5000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--testee")
      testee_command = value();
    else if (arg == "--vectors")
      vectors = value();
    else if (arg == "--failure-list")
      failure_list = value();
    else if (arg == "--write-failure-list")
      write_failure_list = value();
    else if (arg == "--timeout-ms")
      timeout_ms = std::atoi(value().c_str());
    else if (arg == "--junit")
      junit = value();
    else if (arg == "--json")
      json = value();
    else if (arg == "--filter")
      filter = value();
    else {
      std::cerr << "vum_conformance_runner: unknown argument \"" << arg << "\"\n";
      return 2;
    }
  }
  if (testee_command.empty() || timeout_ms <= 0) {
    std::cerr << kUsage;
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  // Descendants of the testee that leave its group are reparented here, so
  // that they can be ended with it.
  prctl(PR_SET_CHILD_SUBREAPER, 1);

  // The cases, suite by suite in name order.
  std::vector<std::pair<std::string, TestSuite>> suites;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(vectors)) {
    if (entry.path().extension() == ".textproto") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "vum_conformance_runner: no vectors in " << vectors << "\n";
    return 2;
  }
  for (const std::string& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    TestSuite suite;
    if (!google::protobuf::TextFormat::ParseFromString(text.str(), &suite)) {
      std::cerr << "vum_conformance_runner: cannot read " << file << "\n";
      return 2;
    }
    suites.emplace_back(std::filesystem::path(file).stem().string(), std::move(suite));
  }

  std::map<std::string, std::string> listed;  // id -> reason
  if (!failure_list.empty()) {
    std::ifstream in(failure_list);
    if (!in) {
      std::cerr << "vum_conformance_runner: cannot read " << failure_list << "\n";
      return 2;
    }
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
  }

  // Every case id, to judge the filter and the failure list against.
  std::set<std::string> all_ids;
  size_t matching = 0;
  for (const auto& [name, suite] : suites) {
    for (const TestCase& c : suite.test_case()) {
      all_ids.insert(c.id());
      matching += absl::StartsWith(c.id(), filter);
    }
  }
  if (matching == 0) {
    std::cerr << "vum_conformance_runner: --filter \"" << filter
              << "\" matches no case of the " << all_ids.size() << "\n";
    return 2;
  }

  Testee testee(testee_command);
  if (!testee.Start()) {
    std::cerr << "vum_conformance_runner: cannot start the testee\n";
    return 2;
  }
  std::vector<Result> results;
  int unanswered_in_a_row = 0, crashes_before_any_answer = 0;
  bool given_up = false, answered_any = false;
  std::set<std::string> seen;
  for (const auto& [name, suite] : suites) {
    for (const TestCase& c : suite.test_case()) {
      if (!absl::StartsWith(c.id(), filter)) continue;
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
          testee.Call(request.SerializeAsString(), &response_bytes,
                      std::chrono::milliseconds(timeout_ms));
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
                            : absl::StrCat("no answer within ", timeout_ms,
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
          std::cerr << "vum_conformance_runner: the testee never answered; it "
                    << (WIFSIGNALED(status)
                            ? absl::StrCat("was killed by signal ", WTERMSIG(status))
                            : absl::StrCat("exited with status ", WEXITSTATUS(status)))
                    << " (see its messages above)\n";
          return 2;
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

  int passed = 0, expected_failures = 0, unexpected_failures = 0, unexpected_passes = 0,
      recommended_failures = 0;
  std::vector<std::string> lines;
  for (const Result& r : results) {
    if (!Failed(r)) {
      ++passed;
      if (r.listed) {
        ++unexpected_passes;
        lines.push_back(absl::StrCat("UNEXPECTED PASS  ", r.test_case->id(),
                                     " (remove it from the failure list)"));
      }
    } else if (r.listed) {
      ++expected_failures;
    } else if (r.test_case->level() == RECOMMENDED) {
      ++recommended_failures;
      lines.push_back(absl::StrCat("recommended      ", r.test_case->id(), ": ",
                                   OutcomeName(r.outcome), ": ", r.detail));
    } else {
      ++unexpected_failures;
      lines.push_back(absl::StrCat("UNEXPECTED ",
                                   absl::AsciiStrToUpper(OutcomeName(r.outcome)), "  ",
                                   r.test_case->id(), ": ", r.detail));
    }
  }
  int stale = 0;
  for (const auto& [id, reason] : listed) {
    if (!all_ids.count(id)) {
      ++stale;
      lines.push_back(
          absl::StrCat("STALE LIST ENTRY ", id,
                       ": no such case in the suite (remove it from the failure list)"));
    }
  }
  const size_t shown = std::min<size_t>(lines.size(), 50);
  for (size_t i = 0; i < shown; ++i) std::cout << lines[i] << "\n";
  if (lines.size() > shown) std::cout << "... and " << lines.size() - shown << " more\n";
  std::cout << "VUM conformance: " << results.size() << " cases; " << passed
            << " passed, " << expected_failures << " failed as listed, "
            << unexpected_failures << " unexpected failure(s), " << unexpected_passes
            << " unexpected pass(es), " << recommended_failures
            << " recommended case(s) failed"
            << (stale ? absl::StrCat(", ", stale, " stale failure-list entr",
                                     stale == 1 ? "y" : "ies")
                      : "")
            << "\n";
  if (!junit.empty()) WriteJUnit(junit, results);
  if (!json.empty()) WriteJson(json, results, unexpected_failures, unexpected_passes);
  if (!write_failure_list.empty()) {
    std::ofstream out(write_failure_list);
    out << "# Cases this testee fails; give each a reason after '#'.\n";
    for (const Result& r : results) {
      if (Failed(r)) out << r.test_case->id() << "  # " << OutcomeName(r.outcome) << "\n";
    }
  }
  return unexpected_failures + unexpected_passes + stale > 0 ? 1 : 0;
}

}  // namespace
}  // namespace vum::conformance

int main(int argc, char** argv) { return vum::conformance::Run(argc, argv); }
