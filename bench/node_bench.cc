// The exchange node under load: one node (vum-node's library, in this
// process) holding a generated caseload, asked by concurrent mediators over
// mutual TLS on loopback, each on its own keep-alive connection. Reports the
// caseload's upload, the rebuild of the selection index at restart, and
// questions per second with p50/p99 latency (and their ratio: fairness) at 1, 8,
// 64 and 256 connections. The node runs with its default settings except
// those the benchmark prints (the daily quota, the per-address cap: every
// mediator here comes from 127.0.0.1).
//
// The peer, in the same run: the same questions answered in process by the
// selection service over the same records, without TLS, HTTP, SQLite or the
// processing log: what the exchange costs on top of the engine.
//
//   VUM_BENCH_RECORDS=100000 VUM_BENCH_SECONDS=10 build/bench/vum_node_bench
//
// VUM_BENCH_RESTARTS=N restarts the node N times (default 1) and prints each
// rebuild's time: one restart alone is at the mercy of the machine's moment.
//
// docs/performance.md has the results.

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "lib/ask/uploader.h"
#include "lib/node/node.h"
#include "lib/node/test_network.h"
#include "vum/batch.h"
#include "vum/caseload_index.h"
#include "vum/json.h"
#include "vum/pc4.h"
#include "vum/selection.h"
#include "vum/selection_service.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace vum::node::testing;

const char* const kQuestions[] = {
    R"({"selectiegebied":{"postcode":"3511AB","afstand":10}})",
    R"({"selectiegebied":{"postcode":"5611AB","afstand":25},
        "arbeidsmarktkwalificatie.rijbewijs.codeSoortRijbewijs":{"$in":["B","C"]},
        "werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":24}})",
    R"({"selectiegebied":{"postcode":"3011AA","afstand":30},
        "arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende":{"$gte":4}})",
    R"({"selectiegebied":{"postcode":"8011AA","afstand":50},
        "contractvorm.codeTypeArbeidscontract":{"$eq":"O"}})",
    R"({"selectiegebied":{"postcode":"1011AB","afstand":40},
        "arbeidsmarktkwalificatie.competentiebeheersing.codeCompetentie":
          {"$eq":"https://linkeddata.competentnl.nl/uwv/id/skill/5B00000003"}})",
    R"({"selectiegebied":{"postcode":"3511AB","afstand":300},
        "arbeidsmarktkwalificatie.rijbewijs.codeSoortRijbewijs":{"$all":["B","C"]}})",
};
constexpr int kQuestionCount = sizeof kQuestions / sizeof kQuestions[0];

int Fail(const std::string& why) {
  std::fprintf(stderr, "ERROR OCCURRED: %s\n", why.c_str());
  return 1;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct Figures {
  long questions = 0;
  long failures = 0;
  double seconds = 0;
  std::vector<double> millis;
  double Percentile(double p) {
    if (millis.empty()) return 0;
    std::sort(millis.begin(), millis.end());
    return millis[std::min(millis.size() - 1, static_cast<size_t>(p * millis.size()))];
  }
};

// `connections` mediators asking for `seconds`, each on one connection.
Figures Load(const TestNetwork& net, int port, int connections, double seconds) {
  Figures f;
  std::mutex mu;
  std::vector<std::thread> threads;
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  const auto start = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      httplib::SSLClient client("127.0.0.1", port, net.dir() + "/wsp.crt",
                                net.dir() + "/wsp.key");
      client.set_ca_cert_path(net.pki().ca_certificate.c_str());
      client.enable_server_certificate_verification(true);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(30);
      const httplib::Headers headers{{"X-VUM-fromParty", kWsp},
                                     {"X-VUM-toParty", kGemeenteA},
                                     {"X-VUM-SUWIParty", "true"}};
      std::vector<double> mine;
      long failures = 0;
      for (int i = c; Clock::now() < until; ++i) {
        const auto t0 = Clock::now();
        httplib::Result r =
            client.Post("/vum/v2/werkzoekenden/selecties", headers,
                        kQuestions[i % kQuestionCount], "application/json");
        mine.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!r || r->status != 200) ++failures;
      }
      std::lock_guard lock(mu);
      f.questions += static_cast<long>(mine.size());
      f.failures += failures;
      f.millis.insert(f.millis.end(), mine.begin(), mine.end());
    });
  }
  for (std::thread& t : threads) t.join();
  f.seconds = Seconds(Clock::now() - start);
  return f;
}

// The peer: the same records and questions in process, one thread.
Figures InProcess(const std::string& batch, const std::string& consents,
                  const std::string& codelists, double seconds) {
  Figures f;
  auto pc4 = vum::Pc4Register::Load(codelists + "/pc4.tsv");
  auto index = vum::CaseloadIndex::Create(&*pc4, vum::v1::SOORT_SELECTIE_WERKZOEKENDEN);
  auto compiler = vum::QuestionCompiler::Create(&*pc4);
  auto reader = vum::BatchReader::Open(batch);
  vum::v1::BatchRecord record;
  vum::RecordPosition pos;
  for (auto more = (*reader)->Next(&record, &pos); more.ok() && *more;
       more = (*reader)->Next(&record, &pos)) {
    (*index)->Put(record.werkzoekende()).IgnoreError();
  }
  std::ifstream in(consents);
  std::string line;
  while (std::getline(in, line)) {
    vum::v1::Procesgegevens p;
    if (vum::ParseJson(line, &p).ok()) (*index)->PutProcessData(p).IgnoreError();
  }
  auto key = vum::Pseudonymizer::Create(std::string(32, 'k'));
  auto service = vum::SelectionService::Create(index->get(), compiler->get(), *key,
                                               {.source_oin = kGemeenteA});
  std::vector<vum::v1::Selectievraag> questions;
  for (const char* q : kQuestions) questions.push_back(*vum::ReadSelectionQuestion(q));
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  const auto start = Clock::now();
  for (int i = 0; Clock::now() < until; ++i) {
    const auto t0 = Clock::now();
    auto a = (*service)->Answer(questions[i % kQuestionCount], {kWsp, true}, absl::Now());
    f.millis.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!a.ok() || a->refused()) ++f.failures;
    ++f.questions;
  }
  f.seconds = Seconds(Clock::now() - start);
  return f;
}

void Print(const char* who, Figures f) {
  const double p50 = f.Percentile(0.50), p99 = f.Percentile(0.99);
  std::printf("%-28s %9ld %9.0f %8.2f %8.2f %8.1f %6ld\n", who, f.questions,
              f.questions / f.seconds, p50, p99, p50 > 0 ? p99 / p50 : 0, f.failures);
}

// What the node keeps in memory of the answers it gave (its /metrics).
void PrintLedger(const TestNetwork& net, int port) {
  httplib::SSLClient client("127.0.0.1", port, net.dir() + "/wsp.crt",
                            net.dir() + "/wsp.key");
  client.set_ca_cert_path(net.pki().ca_certificate.c_str());
  client.enable_server_certificate_verification(true);
  httplib::Result r = client.Get("/metrics");
  if (!r || r->status != 200) {
    std::printf("kept answers in memory: /metrics did not answer\n");
    return;
  }
  double vum_ids = 0, bytes = 0;
  for (absl::string_view line : absl::StrSplit(r->body, '\n')) {
    if (absl::ConsumePrefix(&line, "vum_ledger_vumids ")) {
      vum_ids = std::atof(std::string(line).c_str());
    } else if (absl::ConsumePrefix(&line, "vum_ledger_bytes ")) {
      bytes = std::atof(std::string(line).c_str());
    }
  }
  std::printf(
      "kept answers in memory: %.0f vumIDs in %.0f bytes (%.1f bytes per vumID, %.0f "
      "per answer of 100 results)\n",
      vum_ids, bytes, vum_ids > 0 ? bytes / vum_ids : 0,
      vum_ids > 0 ? 100 * bytes / vum_ids : 0);
}

}  // namespace

int main() {
  const int records = static_cast<int>(vum::bench::EnvLong("VUM_BENCH_RECORDS", 100000));
  const double seconds = vum::bench::EnvDouble("VUM_BENCH_SECONDS", 10);
  const int restarts =
      static_cast<int>(std::max(vum::bench::EnvLong("VUM_BENCH_RESTARTS", 1), 1L));
  const char* conn_env = std::getenv("VUM_BENCH_CONNECTIONS");
  std::vector<int> levels;
  for (absl::string_view n : absl::StrSplit(conn_env ? conn_env : "1,8,64,256", ',')) {
    levels.push_back(std::atoi(std::string(n).c_str()));
  }
  const std::string codelists = std::string(VUM_SOURCE_DIR) + "/codelists";
  const std::string dir = absl::StrCat(std::filesystem::temp_directory_path().string(),
                                       "/vum-node-bench-", getpid());
  std::filesystem::remove_all(dir);
  absl::StatusOr<TestNetwork> net = TestNetwork::Create(dir, codelists);
  if (!net.ok()) return Fail(std::string(net.status().message()));
  BatchSpec spec{dir + "/caseload.vumb",
                 dir + "/consents.ndjson",
                 kGemeenteA,
                 kGemeenteA,
                 records,
                 2026,
                 vum::v1::SOORT_BATCH_VOLLEDIG,
                 "",
                 0,
                 codelists};
  if (!WriteProfileBatch(spec).ok()) return Fail("the caseload could not be written");
  vum::node::NodeConfig config = net->ConfigFor("gemeente-a");
  config.limits.results_per_question = 100;
  config.limits.questions_per_requester_per_day = 100000000;
  config.limits.max_connections_per_address = 512;
  std::printf(
      "node settings: werkers %d, verbindingen %d (defaults); not default: "
      "verbindingenPerAdres %d, vragenPerAanvragerPerDag %d\n",
      config.limits.workers, config.limits.max_connections,
      config.limits.max_connections_per_address,
      config.limits.questions_per_requester_per_day);
  auto node = vum::node::Node::Create(config);
  if (!node.ok() || !(*node)->Start().ok()) return Fail("the node did not start");
  const vum::ask::NodeAddress here{kGemeenteA, "a", "127.0.0.1", (*node)->port()};
  double upload_s[2];
  int i = 0;
  for (const std::string& file : {spec.path, spec.consents_path}) {
    const auto t0 = Clock::now();
    auto r = vum::ask::Upload(here, net->IdentityOf("gemeente-a"), file);
    upload_s[i++] = Seconds(Clock::now() - t0);
    if (!r.ok()) return Fail(std::string(r.status().message()));
    if (r->http_status != 200) {
      return Fail(absl::StrCat("an upload was refused (HTTP ", r->http_status,
                               "): ", r->body.substr(0, 300)));
    }
  }
  std::printf("records %d: batch upload %.2f s (%.0f records/s), consents %.2f s\n",
              records, upload_s[0], records / upload_s[0], upload_s[1]);
  for (int r = 0; r < restarts; ++r) {
    node->reset();
    node = vum::node::Node::Create(config);
    if (!node.ok() || !(*node)->Start().ok()) return Fail("the node did not restart");
    const auto& s = (*node)->startup();
    std::printf(
        "restart %d of %d: %zu profiles and %zu process data into the index in %.2f s\n",
        r + 1, restarts, s.profiles, s.process_data, absl::ToDoubleSeconds(s.load_time));
  }
  std::printf("%-28s %9s %9s %8s %8s %8s %6s\n", "", "questions", "q/s", "p50 ms",
              "p99 ms", "p99/p50", "failed");
  long failures = 0;
  for (int c : levels) {
    Figures f = Load(*net, (*node)->port(), c, seconds);
    failures += f.failures;
    Print(absl::StrCat("node, ", c, " connection(s)").c_str(), std::move(f));
  }
  PrintLedger(*net, (*node)->port());
  Figures peer = InProcess(spec.path, spec.consents_path, codelists, seconds);
  failures += peer.failures;
  Print("peer: in process, 1 thread", std::move(peer));
  node->reset();
  std::filesystem::remove_all(dir);
  return failures == 0 ? 0 : Fail(absl::StrCat(failures, " questions failed"));
}
