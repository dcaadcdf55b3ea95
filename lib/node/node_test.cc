// End to end: three nodes (two municipalities and UWV) on loopback, each with
// its own caseload, asked by a mediator and an employer over mutual TLS with
// certificates made for the test.

#include "lib/node/node.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/ask/asker.h"
#include "lib/ask/uploader.h"
#include "lib/exchange/wire.h"
#include "lib/node/store.h"
#include "lib/node/test_network.h"
#include "lib/server/test_client.h"
#include "lib/testing/files.h"
#include "vum/pc4.h"
#include "vum/pseudonym.h"
#include "vum/selection.h"

namespace vum::node {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace vum::node::testing;

constexpr int kProfilesPerNode = 300;

std::string Codelists() { return std::string(VUM_SOURCE_DIR) + "/codelists"; }

// A question every generated caseload has answers to: a wide area around the
// middle of the country.
v1::Selectievraag WideQuestion() {
  absl::StatusOr<v1::Selectievraag> q = ReadSelectionQuestion(
      R"({"soort":"werkzoekenden","selectiegebied":{"postcode":"3511AA","afstand":300},
          "maximumAantalResultaten":20})");
  return *q;
}

class ExchangeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new std::string(absl::StrCat(::testing::TempDir(), "/vum-exchange-", getpid()));
    std::filesystem::remove_all(*dir_);
    absl::StatusOr<TestNetwork> net = TestNetwork::Create(*dir_, Codelists());
    ASSERT_TRUE(net.ok()) << net.status();
    net_ = new TestNetwork(*std::move(net));
    pc4_ = new Pc4Register(*Pc4Register::Load(Codelists() + "/pc4.tsv"));
    compiler_ = QuestionCompiler::Create(pc4_).value().release();
    uint64_t seed = 10;
    for (const char* party : {"gemeente-a", "gemeente-b", "uwv"}) {
      absl::StatusOr<std::unique_ptr<Node>> node = Node::Create(net_->ConfigFor(party));
      ASSERT_TRUE(node.ok()) << node.status();
      ASSERT_TRUE((*node)->Start().ok());
      nodes_[party] = node->release();
      ASSERT_NO_FATAL_FAILURE(Load(party, seed++));
    }
  }
  static void TearDownTestSuite() {
    for (auto& [name, node] : nodes_) delete node;
    nodes_.clear();
    delete compiler_;
    delete pc4_;
    delete net_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static ask::NodeAddress AddressOf(const std::string& party) {
    return {net_->OinOf(party), party, "127.0.0.1", nodes_.at(party)->port()};
  }
  static std::vector<ask::NodeAddress> AllNodes() {
    return {AddressOf("gemeente-a"), AddressOf("gemeente-b"), AddressOf("uwv")};
  }

  // Loads a caseload and its consents into the node of `party`, as `party`.
  static void Load(const std::string& party, uint64_t seed) {
    const std::string batch = absl::StrCat(*dir_, "/", party, ".vumb");
    const std::string consents = absl::StrCat(*dir_, "/", party, "-consents.ndjson");
    absl::StatusOr<std::string> id = WriteProfileBatch(
        {batch, consents, net_->OinOf(party), net_->OinOf(party), kProfilesPerNode, seed,
         v1::SOORT_BATCH_VOLLEDIG, "", 0, Codelists()});
    ASSERT_TRUE(id.ok()) << id.status();
    for (const std::string& file : {batch, consents}) {
      absl::StatusOr<ask::UploadReceipt> r =
          ask::Upload(AddressOf(party), net_->IdentityOf(party), file);
      ASSERT_TRUE(r.ok()) << r.status();
      ASSERT_EQ(r->http_status, 200) << r->body;
      EXPECT_THAT(r->body, HasSubstr("\"geweigerd\":0,"));
    }
  }

  static std::unique_ptr<ask::Asker> AskerFor(
      const std::string& party, bool suwi, absl::Duration deadline = absl::Seconds(10)) {
    return ask::Asker::Create(net_->IdentityOf(party, suwi),
                              {.deadline = deadline, .compiler = compiler_, .pc4 = pc4_})
        .value();
  }

  // A raw request with chosen headers and certificate, for the refusals.
  static httplib::Result Raw(const std::string& cert_party, const std::string& node_party,
                             const httplib::Headers& headers, const std::string& body) {
    httplib::SSLClient c("127.0.0.1", nodes_.at(node_party)->port(),
                         absl::StrCat(*dir_, "/", cert_party, ".crt"),
                         absl::StrCat(*dir_, "/", cert_party, ".key"));
    c.set_ca_cert_path(net_->pki().ca_certificate.c_str());
    c.enable_server_certificate_verification(true);
    c.set_read_timeout(10);
    return c.Post("/vum/v2/werkzoekenden/selecties", headers, body, "application/json");
  }

  static std::string* dir_;
  static TestNetwork* net_;
  static Pc4Register* pc4_;
  static QuestionCompiler* compiler_;
  static std::map<std::string, Node*> nodes_;
};

std::string* ExchangeTest::dir_ = nullptr;
TestNetwork* ExchangeTest::net_ = nullptr;
Pc4Register* ExchangeTest::pc4_ = nullptr;
QuestionCompiler* ExchangeTest::compiler_ = nullptr;
std::map<std::string, Node*> ExchangeTest::nodes_;

TEST_F(ExchangeTest, AMediatorAsksThreeNodesAndGetsOneMergedCorrectAnswer) {
  const v1::Selectievraag q = WideQuestion();
  ask::MergedAnswer merged = AskerFor("wsp", true)->Ask(q, AllNodes());
  ASSERT_EQ(merged.nodes.size(), 3u);
  EXPECT_EQ(merged.trace_id.size(), 32u);
  for (const ask::NodeAnswer& a : merged.nodes) {
    EXPECT_EQ(a.outcome, ask::Outcome::kAnswered) << a.node.name << ": " << a.detail;
    EXPECT_EQ(a.result.resultaat_size(), 20) << a.node.name;
    EXPECT_TRUE(a.result.maximum_aantal_resultaten_bereikt());
    for (const auto& r : a.result.resultaat()) {
      EXPECT_EQ(r.vum_id().size(), 64u);
      // The matching view: no key of the source, no contact data.
      EXPECT_FALSE(r.werkzoekende().has_id_werkzoekende());
    }
  }
  EXPECT_EQ(merged.results(), 60);
  const std::string json = ask::MergedJson(merged);
  EXPECT_THAT(json, HasSubstr(absl::StrCat("\"bron\":\"", kUwv, "\"")));
  EXPECT_THAT(json, HasSubstr("\"status\":\"beantwoord\""));
}

TEST_F(ExchangeTest, EveryResultFitsTheQuestionAsTheSameEngineAnswersItLocally) {
  // A narrower question: the merged results must each meet it.
  absl::StatusOr<v1::Selectievraag> q = ReadSelectionQuestion(
      R"({"soort":"werkzoekenden","selectiegebied":{"postcode":"3511AA","afstand":300},
          "werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":24}})");
  ASSERT_TRUE(q.ok());
  ask::MergedAnswer merged = AskerFor("wsp", true)->Ask(*q, AllNodes());
  int seen = 0;
  for (const ask::NodeAnswer& a : merged.nodes) {
    ASSERT_EQ(a.outcome, ask::Outcome::kAnswered);
    for (const auto& r : a.result.resultaat()) {
      ++seen;
      EXPECT_LE(r.werkzoekende().werktijden().aantal_werkuren_per_week_minimaal(), 24);
    }
  }
  EXPECT_GT(seen, 0);
}

TEST_F(ExchangeTest, DetailsWithinTheQuotaAndEveryAccessInTheProcessingLog) {
  std::unique_ptr<ask::Asker> asker = AskerFor("wsp", true);
  ask::MergedAnswer merged = asker->Ask(WideQuestion(), {AddressOf("gemeente-b")});
  ASSERT_EQ(merged.nodes[0].outcome, ask::Outcome::kAnswered);
  const auto& rows = merged.nodes[0].result.resultaat();
  ASSERT_GE(rows.size(), 3);
  // The quota is 2 details per answer (test_network.cc).
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<v1::Detailantwoord> d = asker->Detail(
        AddressOf("gemeente-b"), v1::SOORT_SELECTIE_WERKZOEKENDEN, rows[i].vum_id());
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_TRUE(d->detailprofiel().profiel().has_id_werkzoekende());
  }
  absl::StatusOr<v1::Detailantwoord> third = asker->Detail(
      AddressOf("gemeente-b"), v1::SOORT_SELECTIE_WERKZOEKENDEN, rows[2].vum_id());
  EXPECT_EQ(third.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(third.status().message(), HasSubstr("quotum-op"));
  // Another asker may not use the vumID.
  EXPECT_EQ(AskerFor("werkgever", false)
                ->Detail(AddressOf("gemeente-b"), v1::SOORT_SELECTIE_WERKZOEKENDEN,
                         rows[0].vum_id())
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(ExchangeTest, TheProcessingLogHasOneEntryPerPersonSelectedAndShown) {
  std::unique_ptr<ask::Asker> asker = AskerFor("wsp", true);
  ask::MergedAnswer merged = asker->Ask(WideQuestion(), {AddressOf("uwv")});
  ASSERT_EQ(merged.nodes[0].outcome, ask::Outcome::kAnswered);
  const std::string vum_id = merged.nodes[0].result.resultaat(0).vum_id();
  absl::StatusOr<v1::Detailantwoord> d =
      asker->Detail(AddressOf("uwv"), v1::SOORT_SELECTIE_WERKZOEKENDEN, vum_id);
  ASSERT_TRUE(d.ok()) << d.status();
  const std::string person = d->detailprofiel().profiel().id_werkzoekende();

  // Read the store as vum node log does (a second connection; WAL allows it).
  const NodeConfig c = net_->ConfigFor("uwv");
  absl::StatusOr<std::unique_ptr<NodeStore>> store = NodeStore::Open(c.database);
  ASSERT_TRUE(store.ok());
  absl::StatusOr<Pseudonymizer> key = Pseudonymizer::FromKeyFile(c.log_key_file);
  ASSERT_TRUE(key.ok());
  absl::StatusOr<std::vector<LogEntry>> entries =
      (*store)->LogOf(LogSubject(*key, person));
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> activities;
  for (const LogEntry& e : *entries) {
    if (e.trace_id != merged.trace_id) continue;  // other tests' questions
    activities.push_back(e.activity);
    EXPECT_EQ(e.requester_oin, kWsp);
    EXPECT_EQ(e.subject.size(), 64u);
    EXPECT_THAT(e.subject, ::testing::Not(HasSubstr(person)));
  }
  EXPECT_THAT(activities, ::testing::ElementsAre("selectievraag-beantwoorden"));
  // The detail came under a trace of its own.
  int shown = 0;
  for (const LogEntry& e : *entries) shown += e.activity == "detailprofiel-tonen";
  EXPECT_GE(shown, 1);
}

TEST_F(ExchangeTest, AnEmployerWithoutLegalBasisGetsKAndNoSpecialCategoryClaim) {
  // Claiming SUWI without being one is refused, not downgraded.
  ask::MergedAnswer claimed =
      AskerFor("werkgever", true)->Ask(WideQuestion(), {AddressOf("gemeente-a")});
  EXPECT_EQ(claimed.nodes[0].outcome, ask::Outcome::kRefused);
  EXPECT_EQ(claimed.nodes[0].http_status, 403);
  ask::MergedAnswer plain =
      AskerFor("werkgever", false)->Ask(WideQuestion(), {AddressOf("gemeente-a")});
  ASSERT_EQ(plain.nodes[0].outcome, ask::Outcome::kAnswered);
  EXPECT_EQ(plain.nodes[0].result.k(), 3);
}

TEST_F(ExchangeTest, ARequesterNotInTheRegisterAndAForgedSenderAreRefused) {
  const std::string body = WriteSelectionQuestion(WideQuestion());
  // The outsider's certificate is valid, but no register lists it.
  httplib::Result outsider =
      Raw("buitenstaander", "gemeente-a",
          {{"X-VUM-fromParty", kBuitenstaander}, {"X-VUM-toParty", kGemeenteA}}, body);
  ASSERT_TRUE(outsider);
  EXPECT_EQ(outsider->status, 403);
  EXPECT_EQ(outsider->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_THAT(outsider->body, HasSubstr("\"code\":\"geen-toegang\""));
  EXPECT_EQ(outsider->get_header_value("API-Version"), exchange::kApiVersion);
  // The employer's certificate, claiming to be the mediator.
  httplib::Result forged = Raw("werkgever", "gemeente-a",
                               {{"X-VUM-fromParty", kWsp},
                                {"X-VUM-toParty", kGemeenteA},
                                {"X-VUM-SUWIParty", "true"}},
                               body);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_THAT(forged->body, HasSubstr("not the holder of the client certificate"));
  // A question for another node.
  httplib::Result misdirected =
      Raw("wsp", "gemeente-a", {{"X-VUM-fromParty", kWsp}, {"X-VUM-toParty", kGemeenteB}},
          body);
  ASSERT_TRUE(misdirected);
  EXPECT_EQ(misdirected->status, 403);
  // No sender at all.
  httplib::Result anonymous =
      Raw("wsp", "gemeente-a", {{"X-VUM-toParty", kGemeenteA}}, body);
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 400);
}

TEST_F(ExchangeTest, ACertificateFromAnotherAuthorityFailsTheHandshake) {
  absl::StatusOr<exchange::TestPki> rogue =
      exchange::MakeTestPki(*dir_ + "/rogue", {{"wsp", kWsp}}, "rogue-ca");
  ASSERT_TRUE(rogue.ok());
  ask::Identity id = net_->IdentityOf("wsp", true);
  id.certificate = rogue->parties[0].certificate;
  id.private_key = rogue->parties[0].private_key;
  auto asker = ask::Asker::Create(
      id, {.deadline = absl::Seconds(5), .compiler = compiler_, .pc4 = pc4_});
  ASSERT_TRUE(asker.ok());
  ask::MergedAnswer merged = (*asker)->Ask(WideQuestion(), {AddressOf("gemeente-a")});
  EXPECT_EQ(merged.nodes[0].outcome, ask::Outcome::kFailed);
  EXPECT_EQ(merged.nodes[0].http_status, 0);
}

TEST_F(ExchangeTest, AHangingNodeTimesOutWhileTheOthersAnswer) {
  HangingServer hanging;
  std::vector<ask::NodeAddress> nodes = AllNodes();
  nodes.push_back({"00000001000000000088", "hangt", "127.0.0.1", hanging.port()});
  const absl::Time start = absl::Now();
  ask::MergedAnswer merged =
      AskerFor("wsp", true, absl::Seconds(2))->Ask(WideQuestion(), nodes);
  const absl::Duration took = absl::Now() - start;
  ASSERT_EQ(merged.nodes.size(), 4u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(merged.nodes[i].outcome, ask::Outcome::kAnswered);
  EXPECT_EQ(merged.nodes[3].outcome, ask::Outcome::kTimedOut);
  EXPECT_EQ(merged.results(), 60);
  EXPECT_LT(took, absl::Seconds(6));  // the deadline, not the library's default
  EXPECT_THAT(ask::MergedJson(merged), HasSubstr("\"status\":\"verlopen\""));
}

TEST_F(ExchangeTest, ABadQuestionIsAProblemWithItsRuleIds) {
  absl::StatusOr<v1::Selectievraag> q = ReadSelectionQuestion(
      R"({"soort":"werkzoekenden","selectiegebied":{"postcode":"3511AA","afstand":99999}})");
  ASSERT_TRUE(q.ok());
  ask::MergedAnswer merged = AskerFor("wsp", true)->Ask(*q, {AddressOf("gemeente-a")});
  ASSERT_EQ(merged.nodes[0].outcome, ask::Outcome::kRefused);
  EXPECT_EQ(merged.nodes[0].http_status, 400);
  EXPECT_EQ(merged.nodes[0].problem_code, "vraag-ongeldig");
  EXPECT_THAT(merged.nodes[0].rule_ids,
              ::testing::Contains(::testing::StartsWith("SEG-")));
}

TEST_F(ExchangeTest, HealthAndMetricsAnswerWithTheApiVersion) {
  httplib::SSLClient c("127.0.0.1", nodes_.at("uwv")->port(), *dir_ + "/wsp.crt",
                       *dir_ + "/wsp.key");
  c.set_ca_cert_path(net_->pki().ca_certificate.c_str());
  c.enable_server_certificate_verification(true);
  httplib::Result health = c.Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_THAT(health->body,
              HasSubstr(absl::StrCat("\"werkzoekenden\":", kProfilesPerNode)));
  EXPECT_EQ(health->get_header_value("API-Version"), exchange::kApiVersion);
  httplib::Result metrics = c.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body,
              HasSubstr("vum_requests_total{route=\"upload-batch\",status=\"200\"}"));
  EXPECT_THAT(metrics->body, HasSubstr("vum_records{soort=\"werkzoekenden\"} 300"));
  httplib::Result unknown = c.Get("/vum/v2/onbekend");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_THAT(unknown->body, HasSubstr("\"code\":\"onbekend-pad\""));
}

// --- Uploads and restarts, on a node of their own ------------------------------

class UploadTest : public ExchangeTest {
 protected:
  void SetUp() override {
    config_ = net_->ConfigFor("gemeente-a");
    config_.database = absl::StrCat(*dir_, "/upload-", counter_++, ".db");
    Restart();
  }
  void Restart() {
    node_.reset();
    absl::StatusOr<std::unique_ptr<Node>> node =
        Node::Create(config_, {.access_log = &access_log_});
    ASSERT_TRUE(node.ok()) << node.status();
    node_ = *std::move(node);
    ASSERT_TRUE(node_->Start().ok());
  }
  ask::NodeAddress Here() const { return {kGemeenteA, "a", "127.0.0.1", node_->port()}; }
  ask::UploadReceipt Send(const BatchSpec& spec, const std::string& as = "gemeente-a",
                          const std::string& via = "") {
    ask::Identity id = net_->IdentityOf(as);
    if (!via.empty()) {
      id = net_->IdentityOf(via);
      id.via_oin = id.from_oin;
      id.from_oin = net_->OinOf(as);
    }
    absl::StatusOr<ask::UploadReceipt> r = ask::Upload(Here(), id, spec.path);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : ask::UploadReceipt{};
  }
  // Loads `n` generated profiles and their consents as gemeente-a.
  void LoadWithConsents(const std::string& name, int n, uint64_t seed) {
    BatchSpec spec = Spec(name, n, seed);
    spec.consents_path = absl::StrCat(*dir_, "/", name, "-consents.ndjson");
    ASSERT_TRUE(WriteProfileBatch(spec).ok());
    ASSERT_EQ(Send(spec).http_status, 200);
    absl::StatusOr<ask::UploadReceipt> consents =
        ask::Upload(Here(), net_->IdentityOf("gemeente-a"), spec.consents_path);
    ASSERT_TRUE(consents.ok()) << consents.status();
    ASSERT_EQ(consents->http_status, 200) << consents->body;
  }

  BatchSpec Spec(const std::string& name, int n, uint64_t seed) const {
    return {absl::StrCat(*dir_, "/", name, ".vumb"),
            "",
            kGemeenteA,
            kGemeenteA,
            n,
            seed,
            v1::SOORT_BATCH_VOLLEDIG,
            "",
            0,
            Codelists()};
  }

  NodeConfig config_;
  std::ostringstream access_log_;  // written by the node's threads; read after Stop
  std::unique_ptr<Node> node_;
  static inline int counter_ = 0;
};

TEST_F(UploadTest, DeltasApplyInSequenceAndAReplayIsRecognised) {
  BatchSpec full = Spec("full", 50, 1);
  absl::StatusOr<std::string> base = WriteProfileBatch(full);
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(Send(full).http_status, 200);
  EXPECT_EQ(Send(full).http_status, 409);  // already loaded
  BatchSpec d1 = Spec("d1", 10, 2);
  d1.kind = v1::SOORT_BATCH_DELTA;
  d1.base = *base;
  d1.number = 1;
  BatchSpec d3 = d1;
  d3.path = *dir_ + "/d3.vumb";
  d3.number = 3;
  ASSERT_TRUE(WriteProfileBatch(d1).ok());
  ASSERT_TRUE(WriteProfileBatch(d3).ok());
  ask::UploadReceipt gap = Send(d3);
  EXPECT_EQ(gap.http_status, 409);
  EXPECT_THAT(gap.body, HasSubstr("\"code\":\"delta-gat\""));
  ask::UploadReceipt first = Send(d1);
  EXPECT_EQ(first.http_status, 200) << first.body;
  EXPECT_THAT(first.body, HasSubstr("\"geaccepteerd\":10,"));
  ask::UploadReceipt replay = Send(d1);
  EXPECT_EQ(replay.http_status, 409);
  EXPECT_THAT(replay.body, HasSubstr("delta-al-toegepast"));
  Restart();
  EXPECT_EQ(node_->startup().profiles, 60u);
}

// After every upload the selection index holds what the store holds: the
// count the live node reports equals the count a restart (which builds the
// index from the store alone) finds, through a full load, a replacing full
// batch, a delta, a damaged batch and process data; and every upload report
// says that no committed record failed to reach the index.
TEST_F(UploadTest, TheIndexFollowsTheStoreThroughEveryKindOfUpload) {
  auto live_profiles = [&] {
    httplib::SSLClient c("127.0.0.1", node_->port(), *dir_ + "/wsp.crt",
                         *dir_ + "/wsp.key");
    c.set_ca_cert_path(net_->pki().ca_certificate.c_str());
    c.enable_server_certificate_verification(true);
    httplib::Result health = c.Get("/health");
    EXPECT_TRUE(health);
    const std::string key = "\"werkzoekenden\":";
    const size_t at = health ? health->body.find(key) : std::string::npos;
    return at == std::string::npos ? -1
                                   : std::atoi(health->body.c_str() + at + key.size());
  };
  auto expect_index_equals_store = [&](const std::string& step) {
    const int live = live_profiles();
    Restart();
    EXPECT_EQ(static_cast<uint64_t>(live), node_->startup().profiles) << step;
    EXPECT_EQ(live_profiles(), live) << step;
  };
  BatchSpec first = Spec("follow-first", 40, 5);
  absl::StatusOr<std::string> base = WriteProfileBatch(first);
  ASSERT_TRUE(base.ok());
  ask::UploadReceipt r = Send(first);
  ASSERT_EQ(r.http_status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"indexFouten\":0,"));
  expect_index_equals_store("full");
  BatchSpec second = Spec("follow-second", 25, 5);  // 15 of the first dropped
  base = WriteProfileBatch(second);
  ASSERT_TRUE(base.ok());
  r = Send(second);
  ASSERT_EQ(r.http_status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"vervallen\":15,\"indexFouten\":0,"));
  expect_index_equals_store("replacing full");
  BatchSpec delta = Spec("follow-delta", 10, 2);
  delta.kind = v1::SOORT_BATCH_DELTA;
  delta.base = *base;
  delta.number = 1;
  ASSERT_TRUE(WriteProfileBatch(delta).ok());
  r = Send(delta);
  ASSERT_EQ(r.http_status, 200) << r.body;
  expect_index_equals_store("delta");
  // A damaged batch: nothing of it reaches the store or the index.
  const int before = live_profiles();
  BatchSpec damaged = Spec("follow-damaged", 30, 9);
  ASSERT_TRUE(WriteProfileBatch(damaged).ok());
  const std::string bytes = vum::testing::ReadFileOrDie(damaged.path);
  std::ofstream(damaged.path, std::ios::binary | std::ios::trunc)
      << bytes.substr(0, bytes.size() * 2 / 3);
  EXPECT_EQ(Send(damaged).http_status, 422);
  EXPECT_EQ(live_profiles(), before);
  expect_index_equals_store("damaged");
  ASSERT_NO_FATAL_FAILURE(LoadWithConsents("follow-consents", 20, 31));
  expect_index_equals_store("process data");
}

// A stored record the index cannot read stops the start with DATA_LOSS:
// never a node that serves without it. The index is loaded on worker
// threads (vum/index_loader.h); the error must still reach the start.
TEST_F(UploadTest, AStoredRecordThatCannotBeReadStopsTheStart) {
  BatchSpec spec = Spec("damaged-store", 300, 9);
  ASSERT_TRUE(WriteProfileBatch(spec).ok());
  ASSERT_EQ(Send(spec).http_status, 200);
  node_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(config_.database.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE records SET body = x'ffffffff' "
                         "WHERE rowid = (SELECT max(rowid) - 7 FROM records)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_close(db);
  absl::StatusOr<std::unique_ptr<Node>> node =
      Node::Create(config_, {.access_log = &access_log_});
  ASSERT_FALSE(node.ok());
  EXPECT_EQ(node.status().code(), absl::StatusCode::kDataLoss) << node.status();
}

TEST_F(UploadTest, AFullBatchReplacesOnlyTheUploadersOwnRecords) {
  BatchSpec first = Spec("first", 40, 5);
  ASSERT_TRUE(WriteProfileBatch(first).ok());
  ASSERT_EQ(Send(first).http_status, 200);
  BatchSpec second = Spec("second", 25, 5);  // the same seed: the first 25 again
  ASSERT_TRUE(WriteProfileBatch(second).ok());
  ask::UploadReceipt r = Send(second);
  ASSERT_EQ(r.http_status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"vervallen\":15,"));
  Restart();
  EXPECT_EQ(node_->startup().profiles, 25u);
}

TEST_F(UploadTest, AProcessorUploadsForItsControllerOnlyAndTheSenderMustMatch) {
  BatchSpec spec = Spec("via", 5, 7);
  ASSERT_TRUE(WriteProfileBatch(spec).ok());
  EXPECT_EQ(Send(spec, "gemeente-a", "leverancier").http_status, 200);
  // The vendor is no processor for gemeente-b (nor is b registered to load here).
  BatchSpec other = Spec("via-b", 5, 8);
  other.owner = kGemeenteB;
  ASSERT_TRUE(WriteProfileBatch(other).ok());
  EXPECT_EQ(Send(other, "gemeente-b", "leverancier").http_status, 403);
  // gemeente-a sending a batch that says it is from gemeente-b.
  ask::UploadReceipt wrong_sender = Send(other, "gemeente-a");
  EXPECT_EQ(wrong_sender.http_status, 403);
  EXPECT_THAT(wrong_sender.body, HasSubstr("andere-afzender"));
  // An employer may ask, not load.
  EXPECT_EQ(Send(spec, "werkgever").http_status, 403);
}

TEST_F(UploadTest, AnotherOrganisationsRecordsAreNeverTouched) {
  config_.parties.push_back({kGemeenteB, "gemeente-b", false, false, true, {}});
  Restart();
  BatchSpec a = Spec("owner-a", 20, 21);
  ASSERT_TRUE(WriteProfileBatch(a).ok());
  ASSERT_EQ(Send(a).http_status, 200);
  // gemeente-b sends records with the same ids (the same seed), and later a
  // full batch of its own, which must not remove gemeente-a's records.
  BatchSpec b = Spec("owner-b", 20, 21);
  b.owner = kGemeenteB;
  ASSERT_TRUE(WriteProfileBatch(b).ok());
  ask::UploadReceipt r = Send(b, "gemeente-b");
  ASSERT_EQ(r.http_status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"geaccepteerd\":0,\"geweigerd\":20,"));
  EXPECT_THAT(r.body, HasSubstr("\"reden\":\"andere-eigenaar\""));
  BatchSpec b2 = Spec("owner-b2", 5, 22);
  b2.owner = kGemeenteB;
  ASSERT_TRUE(WriteProfileBatch(b2).ok());
  r = Send(b2, "gemeente-b");
  ASSERT_EQ(r.http_status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"vervallen\":0,"));
  Restart();
  EXPECT_EQ(node_->startup().profiles, 25u);
}

TEST_F(UploadTest, NoLogLineOrProblemCarriesAValue) {
  ASSERT_NO_FATAL_FAILURE(LoadWithConsents("leak", 30, 23));
  std::unique_ptr<ask::Asker> asker = AskerFor("wsp", true);
  ask::MergedAnswer merged = asker->Ask(WideQuestion(), {Here()});
  ASSERT_EQ(merged.nodes[0].outcome, ask::Outcome::kAnswered);
  std::vector<std::string> secrets = {"GEHEIM-7731", "synth-wz-23-"};
  for (const auto& r : merged.nodes[0].result.resultaat()) secrets.push_back(r.vum_id());
  const std::string vum_id = merged.nodes[0].result.resultaat(0).vum_id();
  std::vector<std::string> bodies;
  for (int i = 0; i < 4; ++i) {  // the quota is 2: two details, then refusals
    absl::StatusOr<v1::Detailantwoord> d =
        asker->Detail(Here(), v1::SOORT_SELECTIE_WERKZOEKENDEN, vum_id);
    if (!d.ok()) bodies.push_back(std::string(d.status().message()));
  }
  bodies.push_back(std::string(
      asker->Detail(Here(), v1::SOORT_SELECTIE_WERKZOEKENDEN, std::string(64, 'f'))
          .status()
          .message()));
  // A value in a question that breaks rules, and one in a malformed one.
  absl::StatusOr<v1::Selectievraag> bad = ReadSelectionQuestion(
      R"({"selectiegebied":{"postcode":"3511AA","afstand":10},
          "werktijden.aantalWerkurenPerWeekMinimaal":{"$eq":"GEHEIM-7731"}})");
  ASSERT_TRUE(bad.ok());
  ask::MergedAnswer refused = asker->Ask(*bad, {Here()});
  EXPECT_EQ(refused.nodes[0].outcome, ask::Outcome::kRefused);
  bodies.push_back(ask::MergedJson(refused));
  httplib::SSLClient c("127.0.0.1", node_->port(), *dir_ + "/wsp.crt",
                       *dir_ + "/wsp.key");
  c.set_ca_cert_path(net_->pki().ca_certificate.c_str());
  c.enable_server_certificate_verification(true);
  httplib::Result raw = c.Post("/vum/v2/werkzoekenden/selecties",
                               {{"X-VUM-fromParty", kWsp}, {"X-VUM-toParty", kGemeenteA}},
                               R"({"GEHEIM-7731": 1, "selectiegebied": 'GEHEIM-7731'})",
                               "application/json");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 400);
  bodies.push_back(raw->body);
  node_->Stop();
  bodies.push_back(access_log_.str());
  ASSERT_THAT(access_log_.str(), HasSubstr("route=detail-werkzoekenden status=429"));
  for (const std::string& body : bodies) {
    for (const std::string& secret : secrets)
      EXPECT_THAT(body, Not(HasSubstr(secret))) << body;
  }
}

// vum's validation service: any registered party gets every record's verdict,
// an unreadable one named by property; nothing of a record in the answer but
// rule ids, paths and messages; a party outside the register is refused.
TEST_F(UploadTest, TheValidationServiceJudgesEveryRecordOfAStream) {
  httplib::SSLClient c("127.0.0.1", node_->port(), *dir_ + "/wsp.crt",
                       *dir_ + "/wsp.key");
  c.set_ca_cert_path(net_->pki().ca_certificate.c_str());
  c.enable_server_certificate_verification(true);
  const httplib::Headers as_wsp{{"X-VUM-fromParty", kWsp}, {"X-VUM-toParty", kGemeenteA}};
  const std::string stream =
      std::string(
          "{\"idWerkzoekende\":\"a\",\"emailadres\":[]}\n"
          "{\"mobiliteit\":{\"maximaleReisafstand\":5000},\"persoonlijkePresentatie\":"
          "\"GEHEIM-7731\"}\n"
          "\n"
          "{\"idWerkzoekende\": 77319}\n") +
      // Nested beyond the readers' limit (vum/limits.h): refused naming it.
      "{\"idWerkzoekende\":\"d\",\"emailadres\":" + std::string(40, '[') +
      std::string(40, ']') + "}\n";
  httplib::Result r = c.Post("/vum/validatie", as_wsp, stream, "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_THAT(r->body, HasSubstr("\"records\":4,\"conforming\":1,\"unreadable\":2"));
  EXPECT_THAT(r->body, HasSubstr("{\"record\":4,\"unreadable\":\"nested deeper than the "
                                 "limit of 32 levels"));
  EXPECT_THAT(r->body, HasSubstr("{\"record\":1,\"conforms\":true"));
  EXPECT_THAT(r->body, HasSubstr("\"ruleId\":\"JSON-01\""));
  EXPECT_THAT(r->body, HasSubstr("{\"record\":2,\"conforms\":false"));
  EXPECT_THAT(r->body, HasSubstr("\"path\":\"mobiliteit.maximaleReisafstand\""));
  EXPECT_THAT(r->body, HasSubstr("{\"record\":3,\"unreadable\":"));
  EXPECT_THAT(r->body, HasSubstr("idWerkzoekende"));
  for (const char* secret : {"GEHEIM-7731", "5000", "77319"})
    EXPECT_THAT(r->body, Not(HasSubstr(secret)));
  httplib::Result one = c.Post("/vum/validatie?soort=vacature", as_wsp,
                               R"({"idVacature":"v"})", "application/json");
  ASSERT_TRUE(one);
  EXPECT_THAT(one->body, HasSubstr("\"records\":1,"));
  httplib::Result unknown =
      c.Post("/vum/validatie?soort=cv", as_wsp, "{}", "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_THAT(unknown->body, HasSubstr("\"code\":\"soort-onbekend\""));
  httplib::Result stranger =
      c.Post("/vum/validatie",
             {{"X-VUM-fromParty", "00000009999999999999"}, {"X-VUM-toParty", kGemeenteA}},
             "{}", "application/json");
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->status, 403);
}

TEST_F(UploadTest, ARequesterGetsItsQuestionsPerDayAndNoMore) {
  config_.limits.questions_per_requester_per_day = 2;
  Restart();
  std::unique_ptr<ask::Asker> wsp = AskerFor("wsp", true);
  // A refused question is not one of them (nor after a restart, which
  // counts the stored answers).
  absl::StatusOr<v1::Selectievraag> bad = ReadSelectionQuestion(
      R"({"soort":"werkzoekenden","selectiegebied":{"postcode":"3511AA","afstand":99999}})");
  ASSERT_TRUE(bad.ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(wsp->Ask(*bad, {Here()}).nodes[0].problem_code, "vraag-ongeldig");
  }
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(wsp->Ask(WideQuestion(), {Here()}).nodes[0].outcome,
              ask::Outcome::kAnswered);
  }
  ask::MergedAnswer third = wsp->Ask(WideQuestion(), {Here()});
  EXPECT_EQ(third.nodes[0].http_status, 429);
  EXPECT_EQ(third.nodes[0].problem_code, "te-veel-vragen");
  // Another requester has a count of its own; a restart keeps the count.
  EXPECT_EQ(AskerFor("werkgever", false)->Ask(WideQuestion(), {Here()}).nodes[0].outcome,
            ask::Outcome::kAnswered);
  Restart();
  EXPECT_EQ(wsp->Ask(WideQuestion(), {Here()}).nodes[0].http_status, 429);
}

TEST_F(UploadTest, ADamagedBatchWritesNothing) {
  BatchSpec spec = Spec("damaged", 30, 9);
  ASSERT_TRUE(WriteProfileBatch(spec).ok());
  std::filesystem::resize_file(spec.path, std::filesystem::file_size(spec.path) - 7);
  ask::UploadReceipt r = Send(spec);
  EXPECT_EQ(r.http_status, 422);
  EXPECT_THAT(r.body, HasSubstr("batch-beschadigd"));
  Restart();
  EXPECT_EQ(node_->startup().profiles, 0u);
}

TEST_F(UploadTest, VumIdsAndQuotasSurviveARestart) {
  ASSERT_NO_FATAL_FAILURE(LoadWithConsents("restart", 30, 11));
  std::unique_ptr<ask::Asker> asker = AskerFor("wsp", true);
  ask::MergedAnswer merged = asker->Ask(WideQuestion(), {Here()});
  ASSERT_EQ(merged.nodes[0].outcome, ask::Outcome::kAnswered) << merged.nodes[0].detail;
  const auto rows = merged.nodes[0].result.resultaat();
  ASSERT_GE(rows.size(), 3);
  ASSERT_TRUE(
      asker->Detail(Here(), v1::SOORT_SELECTIE_WERKZOEKENDEN, rows[0].vum_id()).ok());
  Restart();
  EXPECT_EQ(node_->startup().process_data, 30u);
  // One detail of the quota of 2 is left after the restart, then none.
  EXPECT_TRUE(
      asker->Detail(Here(), v1::SOORT_SELECTIE_WERKZOEKENDEN, rows[1].vum_id()).ok());
  EXPECT_EQ(asker->Detail(Here(), v1::SOORT_SELECTIE_WERKZOEKENDEN, rows[2].vum_id())
                .status()
                .code(),
            absl::StatusCode::kResourceExhausted);
}

// Only an answered question counts against the requester's daily quota:
// one refused for any reason (unreadable, against the rules, of another
// kind, the log unwritable) is given back.
TEST_F(UploadTest, ARefusedQuestionNeverCostsQuota) {
  config_.limits.questions_per_requester_per_day = 2;
  Restart();
  ASSERT_NO_FATAL_FAILURE(LoadWithConsents("quota", 20, 17));
  httplib::SSLClient c("127.0.0.1", node_->port(), *dir_ + "/wsp.crt",
                       *dir_ + "/wsp.key");
  c.set_ca_cert_path(net_->pki().ca_certificate.c_str());
  c.enable_server_certificate_verification(true);
  // As a SUWI party, so that the answer holds people (and so log entries).
  const httplib::Headers as_wsp{{"X-VUM-fromParty", kWsp},
                                {"X-VUM-toParty", kGemeenteA},
                                {"X-VUM-SUWIParty", "true"}};
  const std::string path = "/vum/v2/werkzoekenden/selecties";
  const std::string wide = R"({"selectiegebied":{"postcode":"3511AA","afstand":300}})";
  auto code = [&](const std::string& body) {
    httplib::Result r = c.Post(path.c_str(), as_wsp, body, "application/json");
    if (!r) return std::string("(no answer)");
    absl::StatusOr<exchange::Problem> p = exchange::ParseProblem(r->body);
    return r->status == 200 ? std::string("200") : (p.ok() ? p->code : r->body);
  };
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(code("not json"), "vraag-onleesbaar");
    EXPECT_EQ(code(R"({"selectiegebied":{"postcode":"3511AA","afstand":1000}})"),
              "vraag-ongeldig");
    EXPECT_EQ(code(R"({"soort":"vacatures","selectiegebied":{"postcode":"3511AA",)"
                   R"("afstand":300}})"),
              "andere-soort");
  }
  ASSERT_TRUE(SetProcessingLogBroken(config_.database, true).ok());
  for (int round = 0; round < 3; ++round) EXPECT_EQ(code(wide), "logboek-onbeschikbaar");
  ASSERT_TRUE(SetProcessingLogBroken(config_.database, false).ok());
  EXPECT_EQ(code(wide), "200");
  EXPECT_EQ(code(wide), "200");
  EXPECT_EQ(code(wide), "te-veel-vragen");
}

// A POST without Content-Length (and not chunked) would hold a worker until
// the read timeout: refused at once, on both interfaces.
TEST_F(UploadTest, APostWithoutLengthIsRefusedAtOnce) {
  for (const char* path :
       {"/vum/v2/werkzoekenden/selecties", "/api/v3/werkzoekendeProfielen/matches"}) {
    absl::Duration first_byte = absl::InfiniteDuration();
    const std::string answer = RawTlsExchange(
        *net_, "wsp", node_->port(),
        absl::StrCat("POST ", path, " HTTP/1.1\r\nHost: node\r\nX-VUM-fromParty: ", kWsp,
                     "\r\nX-VUM-toParty: ", kGemeenteA, "\r\n\r\n{\"selectiegebied\":"),
        absl::Seconds(2), &first_byte);
    EXPECT_LT(first_byte, absl::Seconds(1)) << path;
    EXPECT_THAT(answer,
                ::testing::StartsWith(absl::StartsWith(path, "/api") ? "HTTP/1.1 400"
                                                                     : "HTTP/1.1 411"))
        << path;
  }
}

// Peers that trickle a handshake (no certificate needed) or, authenticated,
// a request hold no worker of the node: a mediator's question is still
// answered within a second, and each trickler is cut off at its deadline.
TEST_F(UploadTest, SlowPeersDoNotDelayAQuestion) {
  config_.limits.workers = 2;
  config_.limits.max_connections_per_address = 200;  // all of them come from 127.0.0.1
  config_.limits.handshake_timeout = config_.limits.header_timeout =
      config_.limits.read_timeout = absl::Seconds(2);
  ASSERT_NO_FATAL_FAILURE(Restart());
  ASSERT_NO_FATAL_FAILURE(LoadWithConsents("slow", 30, 21));
  std::vector<std::unique_ptr<server::testing::RawConnection>> slow;
  for (int i = 0; i < 40; ++i) {
    slow.push_back(server::testing::RawConnection::Tcp(node_->port()));
    ASSERT_TRUE(slow.back() != nullptr && slow.back()->Send("\x16\x03"));
    slow.push_back(server::testing::RawConnection::Tls(
        node_->port(), absl::StrCat(net_->dir(), "/werkgever.crt"),
        absl::StrCat(net_->dir(), "/werkgever.key")));
    ASSERT_TRUE(
        slow.back() != nullptr &&
        slow.back()->Send("POST /api/v3/werkzoekendeProfielen/matches HTTP/1.1\r\n"
                          "Content-Length: 500\r\n\r\n{\"vraag"));
  }
  std::unique_ptr<ask::Asker> asker = AskerFor("wsp", true);
  for (int round = 0; round < 3; ++round) {
    const absl::Time start = absl::Now();
    ask::MergedAnswer answer = asker->Ask(WideQuestion(), {Here()});
    EXPECT_EQ(answer.nodes[0].outcome, ask::Outcome::kAnswered) << answer.nodes[0].detail;
    EXPECT_LT(absl::Now() - start, absl::Seconds(1)) << "round " << round;
    for (auto& c : slow) (void)c->Send("\x01");
  }
  for (auto& c : slow) EXPECT_TRUE(c->ClosedWithin(absl::Seconds(4)));
}

// A wrong method is told from a missing path: 405 with Allow on vum's
// interface; the koppelvlak's error table has no 405, so 400.01 there, with
// Allow.
TEST_F(UploadTest, AWrongMethodIsToldFromAMissingPath) {
  const std::string head =
      absl::StrCat("Host: node\r\nConnection: close\r\nX-VUM-fromParty: ", kWsp,
                   "\r\nX-VUM-toParty: ", kGemeenteA, "\r\n\r\n");
  std::string answer = RawTlsExchange(
      *net_, "wsp", node_->port(),
      absl::StrCat("GET /vum/v2/werkzoekenden/selecties HTTP/1.1\r\n", head),
      absl::Seconds(1));
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 405"));
  EXPECT_THAT(answer, HasSubstr("Allow: POST\r\n"));
  answer = RawTlsExchange(
      *net_, "wsp", node_->port(),
      absl::StrCat("DELETE /api/v3/werkzoekendeProfielen/matches HTTP/1.1\r\n", head),
      absl::Seconds(1));
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(answer, HasSubstr("Allow: POST, GET\r\n"));  // GET: a detail "matches"
  EXPECT_THAT(answer, HasSubstr("\"400.01\""));
  answer =
      RawTlsExchange(*net_, "wsp", node_->port(),
                     absl::StrCat("GET /nergens HTTP/1.1\r\n", head), absl::Seconds(1));
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 404"));
}

// A body declared over the limit is refused before any of it is read: 413 on
// vum's interface, the koppelvlak's 400.06 on its paths.
TEST_F(UploadTest, ABodyDeclaredOverTheLimitIsRefusedUnread) {
  for (const char* path :
       {"/vum/v2/beheer/batches", "/api/v3/werkzoekendeProfielen/matches"}) {
    const std::string answer = RawTlsExchange(
        *net_, "wsp", node_->port(),
        absl::StrCat("POST ", path, " HTTP/1.1\r\nHost: node\r\nContent-Length: ",
                     (uint64_t{1} << 40), "\r\n\r\n{"),
        absl::Seconds(2));
    if (absl::StartsWith(path, "/api")) {
      EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 400"));
      EXPECT_THAT(answer, HasSubstr("\"400.06\""));
    } else {
      EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 413"));
    }
  }
}

TEST_F(UploadTest, ASecondNodeOnTheSameStoreOrPortRefusesToStart) {
  absl::StatusOr<std::unique_ptr<Node>> same_store = Node::Create(config_);
  EXPECT_EQ(same_store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(same_store.status().message(),
              HasSubstr(absl::StrCat("(process ", getpid(), ")")));
  NodeConfig other = config_;
  other.database = absl::StrCat(*dir_, "/other-", counter_++, ".db");
  other.port = node_->port();
  absl::StatusOr<std::unique_ptr<Node>> same_port = Node::Create(other);
  ASSERT_TRUE(same_port.ok()) << same_port.status();
  EXPECT_EQ((*same_port)->Start().code(), absl::StatusCode::kUnavailable);
}

TEST_F(UploadTest, NothingIsShownWhenTheProcessingLogCannotBeWritten) {
  ASSERT_NO_FATAL_FAILURE(LoadWithConsents("nolog", 30, 13));
  std::unique_ptr<ask::Asker> asker = AskerFor("wsp", true);
  ask::MergedAnswer before = asker->Ask(WideQuestion(), {Here()});
  ASSERT_EQ(before.nodes[0].outcome, ask::Outcome::kAnswered);
  // From now on every log write fails.
  ASSERT_TRUE(SetProcessingLogBroken(config_.database, true).ok());
  ask::MergedAnswer after = asker->Ask(WideQuestion(), {Here()});
  EXPECT_EQ(after.nodes[0].outcome, ask::Outcome::kRefused);
  EXPECT_EQ(after.nodes[0].http_status, 503);
  EXPECT_EQ(after.nodes[0].problem_code, "logboek-onbeschikbaar");
  EXPECT_EQ(after.results(), 0);
  absl::StatusOr<v1::Detailantwoord> d =
      asker->Detail(Here(), v1::SOORT_SELECTIE_WERKZOEKENDEN,
                    before.nodes[0].result.resultaat(0).vum_id());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(d.status().message(), HasSubstr("logboek-onbeschikbaar"));
}

}  // namespace
}  // namespace vum::node
