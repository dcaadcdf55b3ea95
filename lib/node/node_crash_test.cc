// The fault test: the vum-node process is killed (SIGKILL) at chosen moments
// while deltas are uploaded, and started again. Every acknowledged delta is
// there exactly once; the one in flight is there whole or not at all.

#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/ask/uploader.h"
#include "lib/node/test_network.h"

namespace vum::node {
namespace {

using namespace vum::node::testing;

constexpr int kBase = 200;
constexpr int kPerDelta = 400;
constexpr int kRounds = 12;

std::string Codelists() { return std::string(VUM_SOURCE_DIR) + "/codelists"; }

int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(fd);
  return ntohs(a.sin_port);
}

class NodeProcess {
 public:
  NodeProcess(const std::string& config, const TestNetwork& net, int port)
      : net_(net), port_(port) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(VUM_NODE_EXECUTABLE, "vum-node", "--config", config.c_str(), "--quiet",
              nullptr);
      ::_exit(127);
    }
  }
  ~NodeProcess() { Kill(); }

  // The records the node holds, once it answers; -1 if it never does.
  int Records() const {
    httplib::SSLClient c("127.0.0.1", port_, net_.dir() + "/gemeente-a.crt",
                         net_.dir() + "/gemeente-a.key");
    c.set_ca_cert_path(net_.pki().ca_certificate.c_str());
    c.enable_server_certificate_verification(true);
    for (int i = 0; i < 200; ++i) {  // up to 10 s
      if (httplib::Result r = c.Get("/health"); r && r->status == 200) {
        const size_t at = r->body.find("\"werkzoekenden\":");
        return std::stoi(r->body.substr(at + 16));
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    return -1;
  }
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  const TestNetwork& net_;
  const int port_;
  pid_t pid_ = -1;
};

// The spooled uploads ("<database>.upload-*") in the store's folder.
int SpoolFiles(const std::string& database) {
  int n = 0;
  const std::filesystem::path db(database);
  for (const auto& e : std::filesystem::directory_iterator(db.parent_path())) {
    n += e.path().filename().string().rfind(db.filename().string() + ".upload-", 0) == 0;
  }
  return n;
}

// Runs `command` and gives its standard output and error, and exit status.
std::pair<std::string, int> RunCommand(const std::string& command) {
  std::string out;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  char buffer[512];
  while (p != nullptr && std::fgets(buffer, sizeof buffer, p) != nullptr) out += buffer;
  const int status = p == nullptr ? -1 : ::pclose(p);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

int64_t DistinctAndAll(const std::string& db, int64_t* all) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(h, "SELECT count(*), count(DISTINCT id) FROM records", -1, &s,
                     nullptr);
  int64_t distinct = -1;
  if (sqlite3_step(s) == SQLITE_ROW) {
    *all = sqlite3_column_int64(s, 0);
    distinct = sqlite3_column_int64(s, 1);
  }
  sqlite3_finalize(s);
  sqlite3_close(h);
  return distinct;
}

TEST(NodeCrashTest, AKilledNodeLosesNoAcknowledgedDeltaAndHalfAppliesNone) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/vum-crash-", getpid());
  std::filesystem::remove_all(dir);
  absl::StatusOr<TestNetwork> net = TestNetwork::Create(dir, Codelists());
  ASSERT_TRUE(net.ok()) << net.status();
  const int port = FreePort();
  absl::StatusOr<std::string> config = net->WriteConfig("gemeente-a", port);
  ASSERT_TRUE(config.ok());
  const ask::NodeAddress node{kGemeenteA, "a", "127.0.0.1", port};
  const ask::Identity me = net->IdentityOf("gemeente-a");

  BatchSpec full{dir + "/full.vumb",       "", kGemeenteA, kGemeenteA, kBase, 1,
                 v1::SOORT_BATCH_VOLLEDIG, "", 0,          Codelists()};
  absl::StatusOr<std::string> base = WriteProfileBatch(full);
  ASSERT_TRUE(base.ok());
  auto process = std::make_unique<NodeProcess>(*config, *net, port);
  ASSERT_EQ(process->Records(), 0);
  ASSERT_EQ(ask::Upload(node, me, full.path)->http_status, 200);

  int expected = kBase;
  uint64_t next = 1;
  int whole = 0, absent = 0, acknowledged = 0, left_behind = 0;
  const std::string database = net->ConfigFor("gemeente-a").database;
  for (int round = 0; round < kRounds; ++round) {
    BatchSpec delta{absl::StrCat(dir, "/delta-", next, ".vumb"),
                    "",
                    kGemeenteA,
                    kGemeenteA,
                    kPerDelta,
                    100 + next,
                    v1::SOORT_BATCH_DELTA,
                    *base,
                    next,
                    Codelists()};
    ASSERT_TRUE(WriteProfileBatch(delta).ok());
    // Kill at a different moment each round: from at once to after the commit.
    int status = 0;
    std::thread upload([&] {
      absl::StatusOr<ask::UploadReceipt> r =
          ask::Upload(node, me, delta.path, absl::Seconds(10));
      status = r.ok() ? r->http_status : 0;
    });
    absl::SleepFor(absl::Milliseconds(round * 8));
    process->Kill();
    upload.join();
    left_behind += SpoolFiles(database);
    process = std::make_unique<NodeProcess>(*config, *net, port);
    const int after = process->Records();
    // What a killed node spooled is personal data: gone once it runs again.
    EXPECT_EQ(SpoolFiles(database), 0) << "round " << round;
    if (status == 200) {
      ++acknowledged;
      expected += kPerDelta;
      EXPECT_EQ(after, expected)
          << "round " << round << ": an acknowledged delta is lost";
    } else {
      // Not acknowledged: whole or absent, never in part. Sending it again
      // tells which (a replay is recognised).
      ASSERT_TRUE(after == expected || after == expected + kPerDelta)
          << "round " << round << ": " << after << " records, expected " << expected
          << " or " << expected + kPerDelta;
      absl::StatusOr<ask::UploadReceipt> again = ask::Upload(node, me, delta.path);
      ASSERT_TRUE(again.ok());
      if (after == expected) {
        ++absent;
        EXPECT_EQ(again->http_status, 200) << again->body;
      } else {
        ++whole;
        EXPECT_EQ(again->http_status, 409);
        EXPECT_THAT(again->body, ::testing::HasSubstr("delta-al-toegepast"));
      }
      expected += kPerDelta;
      EXPECT_EQ(process->Records(), expected);
    }
    ++next;
  }
  process->Kill();
  int64_t all = 0;
  EXPECT_EQ(DistinctAndAll(net->ConfigFor("gemeente-a").database, &all), all);
  EXPECT_EQ(all, expected);
  // The rounds must have covered both sides of the commit.
  std::cout << "acknowledged " << acknowledged << ", unacknowledged whole " << whole
            << ", unacknowledged absent " << absent << ", spooled uploads left by a kill "
            << left_behind << "\n";
  EXPECT_GT(absent + whole, 0) << "no kill landed during an upload";
  std::filesystem::remove_all(dir);
}

// One node per store: a second vum-node on the same configuration refuses to
// start and names the first; a spool file a killed node left is removed at
// the next start.
TEST(NodeCrashTest, OneNodePerStoreAndNoSpoolLeftBehind) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/vum-lock-", getpid());
  std::filesystem::remove_all(dir);
  absl::StatusOr<TestNetwork> net = TestNetwork::Create(dir, Codelists());
  ASSERT_TRUE(net.ok()) << net.status();
  const int port = FreePort();
  absl::StatusOr<std::string> config = net->WriteConfig("gemeente-a", port);
  ASSERT_TRUE(config.ok());
  const std::string database = net->ConfigFor("gemeente-a").database;
  { std::ofstream(database + ".upload-0123456789abcdef") << "profiles of people"; }
  ASSERT_EQ(SpoolFiles(database), 1);
  auto first = std::make_unique<NodeProcess>(*config, *net, port);
  ASSERT_EQ(first->Records(), 0);
  EXPECT_EQ(SpoolFiles(database), 0);
  const auto [out, status] =
      RunCommand(absl::StrCat(VUM_NODE_EXECUTABLE, " --config ", *config, " --check"));
  EXPECT_EQ(status, 2) << out;
  EXPECT_THAT(out, ::testing::HasSubstr("is in use by another vum service (process "));
  first->Kill();
  // The lock goes with the process: a killed node leaves none.
  const auto [again, status_again] =
      RunCommand(absl::StrCat(VUM_NODE_EXECUTABLE, " --config ", *config, " --check"));
  EXPECT_EQ(status_again, 0) << again;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vum::node
