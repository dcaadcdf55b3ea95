#include "lib/server/https_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/exchange/test_pki.h"
#include "lib/server/test_client.h"

namespace vum::server {
namespace {

using ::testing::HasSubstr;
using testing::RawConnection;
using ::testing::StartsWith;

constexpr char kServerOin[] = "00000001000000000001";
constexpr char kAliceOin[] = "00000001000000000002";
constexpr char kBobOin[] = "00000001000000000003";

std::string Get(const std::string& path) {
  return absl::StrCat("GET ", path, " HTTP/1.1\r\nHost: test\r\n\r\n");
}

std::string Post(const std::string& path, const std::string& body) {
  return absl::StrCat("POST ", path,
                      " HTTP/1.1\r\nHost: test\r\nContent-Length: ", body.size(),
                      "\r\n\r\n", body);
}

class HttpsServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest runs the tests as processes in parallel.
    dir_ = new std::string(
        absl::StrCat(::testing::TempDir(), "/https-server-test-", getpid()));
    std::filesystem::create_directories(*dir_);
    absl::StatusOr<exchange::TestPki> pki = exchange::MakeTestPki(
        *dir_, {{"server", kServerOin}, {"alice", kAliceOin}, {"bob", kBobOin}});
    ASSERT_TRUE(pki.ok()) << pki.status();
    pki_ = new exchange::TestPki(*std::move(pki));
  }

  // A server with short deadlines and these routes:
  //   GET  /ping           "pong"
  //   GET  /sleep/N        sleeps N ms, then "slept N"
  //   GET  /throw          throws
  //   GET  /who            the requester's OIN
  //   POST /echo           "<bytes> bytes in <pieces> pieces, sum <sum of bytes>"
  void StartServer(ServerLimits limits = Limits()) {
    Router router;
    router.Get("/ping", [this](const httplib::Request&, httplib::Response& res) {
      ++handled_;
      res.status = 200;
      res.set_content("pong", "text/plain");
    });
    router.Get("/sleep/([0-9]+)",
               [this](const httplib::Request& req, httplib::Response& res) {
                 ++handled_;
                 int ms = 0;
                 (void)absl::SimpleAtoi(std::string(req.matches[1]), &ms);
                 absl::SleepFor(absl::Milliseconds(ms));
                 res.status = 200;
                 res.set_content(absl::StrCat("slept ", ms), "text/plain");
               });
    router.Get("/throw", [this](const httplib::Request&, httplib::Response&) {
      ++handled_;
      throw std::runtime_error("handler failed");
    });
    router.Get("/who", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 200;
      res.set_content(PeerCertificateOin(req.ssl), "text/plain");
    });
    router.Post("/echo", [this](const httplib::Request&, httplib::Response& res,
                                const httplib::ContentReader& reader) {
      ++handled_;
      size_t bytes = 0, pieces = 0, sum = 0;
      const bool whole = reader([&](const char* data, size_t n) {
        bytes += n;
        ++pieces;
        for (size_t i = 0; i < n; ++i) sum += static_cast<unsigned char>(data[i]);
        return true;
      });
      res.status = whole ? 200 : 400;
      res.set_content(absl::StrCat(bytes, " bytes in ", pieces, " pieces, sum ", sum),
                      "text/plain");
    });
    HttpsServer::Options options;
    options.tls = {File("server.crt"), File("server.key"), pki_->ca_certificate};
    options.limits = limits;
    options.spool_folder = spool_folder_;
    options.default_headers = {{"X-Test-Version", "1"}};
    options.complete_error = [](const httplib::Request&, httplib::Response& res) {
      res.set_content(absl::StrCat("{\"status\":", res.status, "}"), "application/json");
    };
    absl::StatusOr<std::unique_ptr<HttpsServer>> server =
        HttpsServer::Create(std::move(options), std::move(router));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    absl::StatusOr<int> port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
  }

  static ServerLimits Limits() {
    ServerLimits l;
    l.workers = 2;
    l.handshake_deadline = absl::Seconds(1);
    l.header_deadline = absl::Seconds(1);
    l.body_deadline = absl::Seconds(1);
    l.max_connections = 500;
    l.max_connections_per_address = 400;
    l.max_body_bytes = size_t{16} << 20;
    l.body_in_memory_bytes = 64 * 1024;
    return l;
  }

  static std::string File(const std::string& name) { return *dir_ + "/" + name; }

  using Connections = std::vector<std::unique_ptr<RawConnection>>;

  // Three rounds in which bob's ping must be answered within a second while
  // every connection of `tricklers` sends one more byte; `check` runs in each.
  void PingWhileTheyTrickle(
      std::initializer_list<Connections*> tricklers,
      const std::function<void()>& check = [] {}) {
    std::unique_ptr<RawConnection> bob =
        RawConnection::Tls(port_, File("bob.crt"), File("bob.key"));
    ASSERT_NE(bob, nullptr);
    for (int round = 0; round < 3; ++round) {
      std::string out;
      const absl::Time start = absl::Now();
      ASSERT_TRUE(bob->Send(Get("/ping")));
      EXPECT_TRUE(bob->ReadUntil("pong", absl::Seconds(3), &out)) << "round " << round;
      EXPECT_LT(absl::Now() - start, absl::Seconds(1)) << "round " << round;
      for (Connections* group : tricklers) {
        for (auto& c : *group) (void)c->Send("s");  // one more byte each
      }
      check();
      absl::SleepFor(absl::Milliseconds(100));
    }
  }

  // A new empty folder for the server's spool.
  std::string SpoolFolder(const std::string& name) {
    spool_folder_ = File(name);
    std::filesystem::remove_all(spool_folder_);
    std::filesystem::create_directories(spool_folder_);
    return spool_folder_;
  }

  std::unique_ptr<RawConnection> Alice() {
    return RawConnection::Tls(port_, File("alice.crt"), File("alice.key"));
  }

  // One request on a new connection as alice; the whole answer.
  std::string Exchange(const std::string& request, absl::Duration wait = absl::Seconds(2),
                       absl::Duration* first_byte = nullptr) {
    std::unique_ptr<RawConnection> c = Alice();
    if (c == nullptr || !c->Send(request)) return "";
    std::string out;
    const absl::Time start = absl::Now();
    if (!c->ReadUntil("\r\n\r\n", wait, &out)) return out;
    if (first_byte != nullptr) *first_byte = absl::Now() - start;
    size_t length = 0;
    const size_t at = out.find("Content-Length: ");
    if (at != std::string::npos) {
      (void)absl::SimpleAtoi(out.substr(at + 16, out.find("\r\n", at) - at - 16),
                             &length);
    }
    (void)c->ReadBytes(out.find("\r\n\r\n") + 4 + length, wait, &out);
    return out;
  }

  static std::string* dir_;
  static exchange::TestPki* pki_;
  std::unique_ptr<HttpsServer> server_;
  int port_ = 0;
  std::string spool_folder_;  // empty: the system's temporary folder
  std::atomic<int> handled_{0};
};

std::string* HttpsServerTest::dir_ = nullptr;
exchange::TestPki* HttpsServerTest::pki_ = nullptr;

TEST_F(HttpsServerTest, AnswersWithTheDefaultHeadersAndKnowsTheRequester) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::unique_ptr<RawConnection> c = Alice();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Send(Get("/who")));
  std::string out;
  ASSERT_TRUE(c->ReadUntil(kAliceOin, absl::Seconds(2), &out)) << out;
  EXPECT_THAT(out, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(out, HasSubstr("X-Test-Version: 1\r\n"));
  // The connection stays open for the next request.
  ASSERT_TRUE(c->Send(Get("/ping")));
  ASSERT_TRUE(c->ReadUntil("pong", absl::Seconds(2), &out)) << out;
}

TEST_F(HttpsServerTest, AClientWithoutACertificateIsRefusedInTheHandshake) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::unique_ptr<RawConnection> c = RawConnection::Tls(port_, "", "");
  if (c != nullptr) {  // TLS 1.3: the refusal arrives at the first read
    (void)c->Send(Get("/ping"));
    EXPECT_EQ(c->ReadUntilClosed(absl::Seconds(2)), "");
  }
  EXPECT_EQ(handled_, 0);
  for (int i = 0; i < 100 && server_->counters().handshake_failed == 0; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(server_->counters().handshake_failed, 1u);
}

TEST_F(HttpsServerTest, PipelinedRequestsAreAnsweredInOrder) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::unique_ptr<RawConnection> c = Alice();
  ASSERT_NE(c, nullptr);
  // The slow one first: a server answering in parallel would answer it last.
  ASSERT_TRUE(c->Send(Get("/sleep/200") + Get("/ping") + Get("/sleep/5") + Get("/who")));
  std::string out;
  ASSERT_TRUE(c->ReadUntil(kAliceOin, absl::Seconds(3), &out)) << out;
  const size_t first = out.find("slept 200"), second = out.find("pong"),
               third = out.find("slept 5"), fourth = out.find(kAliceOin);
  ASSERT_NE(first, std::string::npos) << out;
  ASSERT_NE(second, std::string::npos) << out;
  ASSERT_NE(third, std::string::npos) << out;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_LT(third, fourth);
  EXPECT_EQ(handled_, 3);
}

TEST_F(HttpsServerTest, RefusesBeforeAnyHandlerRuns) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  absl::Duration took;
  EXPECT_THAT(
      Exchange("POST /echo HTTP/1.1\r\nHost: t\r\n\r\nbody", absl::Seconds(2), &took),
      StartsWith("HTTP/1.1 411"));
  EXPECT_LT(took, absl::Milliseconds(500));
  EXPECT_THAT(
      Exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 999999999\r\n\r\n"),
      StartsWith("HTTP/1.1 413"));
  const std::string missing = Exchange(Get("/nothing"));
  EXPECT_THAT(missing, StartsWith("HTTP/1.1 404"));
  EXPECT_THAT(missing, HasSubstr("{\"status\":404}"));  // completed by the service
  const std::string wrong = Exchange(Post("/ping", "x"));
  EXPECT_THAT(wrong, StartsWith("HTTP/1.1 405"));
  EXPECT_THAT(wrong, HasSubstr("Allow: GET\r\n"));
  EXPECT_THAT(Exchange("DELETE /echo HTTP/1.1\r\nHost: t\r\n\r\n"),
              HasSubstr("Allow: POST\r\n"));
  EXPECT_THAT(Exchange("GET /ping HTTP/1.1\r\nHost: t\r\n" + std::string(20000, 'X') +
                       "\r\n\r\n"),
              StartsWith("HTTP/1.1 431"));
  EXPECT_THAT(Exchange("NOT HTTP AT ALL\r\n\r\n"), StartsWith("HTTP/1.1 400"));
  EXPECT_EQ(handled_, 0);
}

TEST_F(HttpsServerTest, HeadIsServedByTheGetRouteWithoutItsBody) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::unique_ptr<RawConnection> c = Alice();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Send("HEAD /ping HTTP/1.1\r\nHost: t\r\n\r\n" + Get("/ping")));
  std::string out;
  ASSERT_TRUE(c->ReadUntil("pong", absl::Seconds(2), &out));
  EXPECT_THAT(out, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(out, HasSubstr("Content-Length: 4\r\n"));
  // The first answer has no body: the next answer follows its header.
  EXPECT_EQ(out.find("pong"), out.rfind("pong"));
  EXPECT_THAT(out.substr(0, out.find("pong")), HasSubstr("\r\n\r\nHTTP/1.1 200"));
}

TEST_F(HttpsServerTest, AHandlerThatThrowsGivesA500) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string out = Exchange(Get("/throw"));
  EXPECT_THAT(out, StartsWith("HTTP/1.1 500"));
  EXPECT_THAT(out, HasSubstr("{\"status\":500}"));
  EXPECT_THAT(Exchange(Get("/ping")), HasSubstr("pong"));  // still serving
}

TEST_F(HttpsServerTest, SmallBodiesArriveWholeLargeOnesInPieces) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  EXPECT_THAT(Exchange(Post("/echo", std::string(1000, 'a'))),
              HasSubstr("1000 bytes in 1 pieces"));
  const std::string large(size_t{5} << 20, 'b');
  const std::string out = Exchange(Post("/echo", large), absl::Seconds(10));
  EXPECT_THAT(out, HasSubstr(absl::StrCat(large.size(), " bytes in ")));
  EXPECT_EQ(out.find(" in 1 pieces"), std::string::npos) << out;
  // Chunked: no length, read as it comes.
  EXPECT_THAT(
      Exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
               "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
      HasSubstr("11 bytes in "));
}

TEST_F(HttpsServerTest, AnExpectContinueIsAnsweredBeforeTheBody) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::unique_ptr<RawConnection> c = Alice();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(
      c->Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: "
              "100-continue\r\n\r\n"));
  std::string out;
  ASSERT_TRUE(c->ReadUntil("HTTP/1.1 100 Continue\r\n\r\n", absl::Seconds(2), &out))
      << out;
  ASSERT_TRUE(c->Send("abc"));
  EXPECT_TRUE(c->ReadUntil("3 bytes in 1 pieces", absl::Seconds(2), &out)) << out;
}

// Connections that trickle a TLS handshake, or a header or a body once
// authenticated, hold no worker: with one worker, another requester's request
// is answered at once while they trickle, and each is closed at its deadline
// however it trickles.
TEST_F(HttpsServerTest, SlowPeersHoldNoWorker) {
  ServerLimits limits = Limits();
  limits.workers = 1;
  limits.handshake_deadline = limits.header_deadline = limits.body_deadline =
      absl::Seconds(2);
  ASSERT_NO_FATAL_FAILURE(StartServer(limits));
  std::vector<std::unique_ptr<RawConnection>> handshakes, headers, bodies;
  for (int i = 0; i < 100; ++i) {
    handshakes.push_back(RawConnection::Tcp(port_));
    ASSERT_NE(handshakes.back(), nullptr);
    ASSERT_TRUE(handshakes.back()->Send("\x16"));  // a ClientHello's first byte
  }
  for (int i = 0; i < 50; ++i) {
    headers.push_back(Alice());
    ASSERT_NE(headers.back(), nullptr);
    ASSERT_TRUE(headers.back()->Send("GET /ping HTTP/1.1\r\nHo"));
    bodies.push_back(Alice());
    ASSERT_NE(bodies.back(), nullptr);
    ASSERT_TRUE(
        bodies.back()->Send("POST /echo HTTP/1.1\r\nContent-Length: 100\r\n\r\nab"));
  }
  ASSERT_NO_FATAL_FAILURE(PingWhileTheyTrickle({&headers, &bodies}));
  // At their deadlines every one of them is closed.
  for (auto* group : {&handshakes, &headers, &bodies}) {
    for (auto& c : *group) EXPECT_TRUE(c->ClosedWithin(absl::Seconds(4)));
  }
  // A deadline closes the socket before its handler counts it; a connection
  // is released after that. Bob's may remain (idle, not counted), so the
  // wait is for the counts too (under load the last one came later).
  const auto settled = [](const ConnectionCounters& c) {
    return c.open <= 1 &&
           c.handshake_timed_out + c.header_timed_out + c.body_timed_out >= 200;
  };
  for (int i = 0; i < 300 && !settled(server_->counters()); ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  const ConnectionCounters n = server_->counters();
  EXPECT_LE(n.open, 1u);
  EXPECT_EQ(n.handshake_timed_out, 100u);
  EXPECT_EQ(n.header_timed_out, 50u);
  EXPECT_EQ(n.body_timed_out, 50u) << CountersText(n);
  EXPECT_EQ(handled_, 3);
}

// A large body (over body_in_memory_bytes, or chunked) is read into an
// unnamed file by the I/O threads before its handler runs: peers that trickle
// one hold no worker, and no spooled body is ever a file anyone can open.
TEST_F(HttpsServerTest, LargeBodiesTrickledHoldNoWorkerAndLeaveNoFile) {
  const std::string spool = SpoolFolder("spool-trickled");
  ServerLimits limits = Limits();
  limits.workers = 1;
  limits.body_deadline = absl::Seconds(2);
  ASSERT_NO_FATAL_FAILURE(StartServer(limits));
  const std::string part(1000, 'p');
  std::vector<std::unique_ptr<RawConnection>> bodies;
  for (int i = 0; i < 20; ++i) {
    bodies.push_back(Alice());
    ASSERT_NE(bodies.back(), nullptr);
    const std::string start =
        i % 4 == 0 ? "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n"
                   : "POST /echo HTTP/1.1\r\nContent-Length: 200000\r\n\r\n";
    ASSERT_TRUE(bodies.back()->Send(start + part));
  }
  ASSERT_NO_FATAL_FAILURE(PingWhileTheyTrickle(
      {&bodies}, [&] { EXPECT_TRUE(std::filesystem::is_empty(spool)); }));
  for (auto& c : bodies) EXPECT_TRUE(c->ClosedWithin(absl::Seconds(4)));
  EXPECT_EQ(handled_, 3);  // the pings only: no handler saw a body cut short
  // A whole one reaches its handler intact, in pieces.
  std::string varied(300000, '\0');
  size_t sum = 0;
  for (size_t i = 0; i < varied.size(); ++i) {
    varied[i] = static_cast<char>(i * 7 % 251);
    sum += static_cast<unsigned char>(varied[i]);
  }
  EXPECT_THAT(Exchange(Post("/echo", varied), absl::Seconds(10)),
              HasSubstr(absl::StrCat("300000 bytes in 5 pieces, sum ", sum)));
  EXPECT_TRUE(std::filesystem::is_empty(spool));
}

// A body that cannot be spooled (the folder gone, the disk full) is refused
// with 503 and its completed error body; the handler never sees it.
TEST_F(HttpsServerTest, ABodyThatCannotBeSpooledIsA503) {
  const std::string spool = SpoolFolder("spool-gone");
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::filesystem::remove_all(spool);
  const std::string out = Exchange(Post("/echo", std::string(200000, 'x')));
  EXPECT_THAT(out, StartsWith("HTTP/1.1 503"));
  EXPECT_THAT(out, HasSubstr("{\"status\":503}"));
  EXPECT_EQ(handled_, 0);
  EXPECT_THAT(Exchange(Post("/echo", "small")), HasSubstr("5 bytes in 1 pieces"));
}

// A peer still sending a body the server refused (here 413, over the limit)
// reads the refusal whole: the server reads on and discards what comes within
// the linger deadline instead of closing with bytes unread, which would reset
// the connection and lose the answer. 24 MiB fill every socket buffer.
TEST_F(HttpsServerTest, APeerStillSendingARefusedBodyReadsTheRefusal) {
  ServerLimits limits = Limits();
  limits.max_body_bytes = 64 * 1024;
  limits.linger_deadline = absl::Seconds(5);
  ASSERT_NO_FATAL_FAILURE(StartServer(limits));
  std::unique_ptr<RawConnection> c = Alice();
  ASSERT_NE(c, nullptr);
  const size_t size = size_t{24} << 20;
  ASSERT_TRUE(
      c->Send(absl::StrCat("POST /echo HTTP/1.1\r\nContent-Length: ", size, "\r\n\r\n")));
  const std::string megabyte(size_t{1} << 20, 'x');
  for (size_t sent = 0; sent < size; sent += megabyte.size()) {
    ASSERT_TRUE(c->Send(megabyte)) << "reset after " << sent << " bytes";
  }
  const std::string out = c->ReadUntilClosed(absl::Seconds(4));
  EXPECT_THAT(out, StartsWith("HTTP/1.1 413"));
  EXPECT_THAT(out, HasSubstr("{\"status\":413}"));
  EXPECT_EQ(handled_, 0);
}

// The linger is bounded: a peer that sends on and on is cut off at the
// deadline, and its connection no longer counts as open.
TEST_F(HttpsServerTest, ALingerEndsAtItsDeadline) {
  ServerLimits limits = Limits();
  limits.max_body_bytes = 64 * 1024;
  limits.linger_deadline = absl::Milliseconds(300);
  ASSERT_NO_FATAL_FAILURE(StartServer(limits));
  std::unique_ptr<RawConnection> c = Alice();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Send("POST /echo HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n"));
  const absl::Time start = absl::Now();
  bool cut = false;
  for (int i = 0; i < 400 && !cut; ++i) {  // at most 400 KiB at 10 ms a piece
    cut = !c->Send(std::string(1024, 'x'));
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE(cut);
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  for (int i = 0; i < 100 && server_->counters().open > 0; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(server_->counters().open, 0u);
}

TEST_F(HttpsServerTest, ASpoolFolderThatIsNotThereIsRefused) {
  HttpsServer::Options options;
  options.tls = {File("server.crt"), File("server.key"), pki_->ca_certificate};
  options.spool_folder = File("no-such-folder");
  EXPECT_EQ(HttpsServer::Create(std::move(options), Router()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(HttpsServerTest, ConnectionsOverACapAreClosedAtOnce) {
  ServerLimits limits = Limits();
  limits.max_connections_per_address = 5;
  ASSERT_NO_FATAL_FAILURE(StartServer(limits));
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 5; ++i) held.push_back(RawConnection::Tcp(port_));
  for (int i = 0; i < 100 && server_->counters().open < 5; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_EQ(server_->counters().open, 5u);
  std::unique_ptr<RawConnection> over = RawConnection::Tcp(port_);
  ASSERT_NE(over, nullptr);
  EXPECT_TRUE(over->ClosedWithin(absl::Milliseconds(500)));
  EXPECT_EQ(server_->counters().refused_address_cap, 1u);
  held.clear();  // the cap frees as they close
  for (int i = 0; i < 100 && server_->counters().open > 0; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_THAT(Exchange(Get("/ping")), HasSubstr("pong"));
}

TEST_F(HttpsServerTest, AConnectionOverTheTotalCapIsClosedAtOnce) {
  ServerLimits limits = Limits();
  limits.max_connections = 3;
  ASSERT_NO_FATAL_FAILURE(StartServer(limits));
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) held.push_back(RawConnection::Tcp(port_));
  for (int i = 0; i < 100 && server_->counters().open < 3; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  std::unique_ptr<RawConnection> over = RawConnection::Tcp(port_);
  EXPECT_TRUE(over->ClosedWithin(absl::Milliseconds(500)));
  EXPECT_EQ(server_->counters().refused_total_cap, 1u);
  EXPECT_THAT(server_->counters().refused_address_cap, 0u);
}

// Workers take turns between requesters: bob's one request is not queued
// behind alice's twenty.
TEST_F(HttpsServerTest, WorkersTakeTurnsBetweenRequesters) {
  ServerLimits limits = Limits();
  limits.workers = 1;
  ASSERT_NO_FATAL_FAILURE(StartServer(limits));
  std::vector<std::unique_ptr<RawConnection>> alice;
  for (int i = 0; i < 20; ++i) {
    alice.push_back(Alice());
    ASSERT_NE(alice.back(), nullptr);
    ASSERT_TRUE(alice.back()->Send(Get("/sleep/50")));
  }
  absl::SleepFor(absl::Milliseconds(100));  // alice's requests are queued
  std::unique_ptr<RawConnection> bob =
      RawConnection::Tls(port_, File("bob.crt"), File("bob.key"));
  ASSERT_NE(bob, nullptr);
  const absl::Time start = absl::Now();
  ASSERT_TRUE(bob->Send(Get("/ping")));
  std::string out;
  ASSERT_TRUE(bob->ReadUntil("pong", absl::Seconds(3), &out));
  // FIFO would put bob behind ~18 requests of 50 ms; turns put him next.
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(300));
  for (auto& c : alice) EXPECT_TRUE(c->ReadUntil("slept 50", absl::Seconds(3), &out));
}

TEST_F(HttpsServerTest, StopLetsTheRequestsBeingHandledFinish) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::unique_ptr<RawConnection> c = Alice();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Send(Get("/sleep/300")));
  absl::SleepFor(absl::Milliseconds(100));
  server_->Stop();
  std::string out;
  EXPECT_TRUE(c->ReadUntil("slept 300", absl::Seconds(2), &out)) << out;
  EXPECT_TRUE(c->ClosedWithin(absl::Seconds(1)));  // then the connection closes
  EXPECT_EQ(server_->counters().open, 0u);
  EXPECT_EQ(RawConnection::Tcp(port_), nullptr);  // no longer listening
}

TEST_F(HttpsServerTest, ASecondServerOnThePortFailsToStart) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Router router;
  HttpsServer::Options options;
  options.tls = {File("server.crt"), File("server.key"), pki_->ca_certificate};
  absl::StatusOr<std::unique_ptr<HttpsServer>> second =
      HttpsServer::Create(std::move(options), std::move(router));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)->Start("127.0.0.1", port_).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(HttpsServerTest, UnusableTlsFilesAreRefused) {
  HttpsServer::Options options;
  options.tls = {File("server.crt"), File("alice.key"), pki_->ca_certificate};
  EXPECT_EQ(HttpsServer::Create(std::move(options), Router()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vum::server
