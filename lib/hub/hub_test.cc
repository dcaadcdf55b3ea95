// End to end over the koppelvlak 3.0: a mediator asks the exchange facility,
// which asks three sources' vum-nodes (two municipalities and UWV), a source
// that hangs and a source that over-shares, all over mutual TLS with
// certificates made for the test.

#include "lib/hub/hub.h"

#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/ask/uploader.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/node/node.h"
#include "lib/node/openapi_check.h"
#include "lib/node/test_network.h"
#include "vum/first_round.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"

namespace vum::hub {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace vum::node::testing;
using vum::node::testing::OpenApiDocument;

constexpr char kMatches[] = "/api/v3/werkzoekendeProfielen/matches";
constexpr char kQuestion[] =
    R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":300}}})";
constexpr int kCap = 4;
const absl::Duration kDeadline = absl::Seconds(2);

std::string Codelists() { return std::string(VUM_SOURCE_DIR) + "/codelists"; }

// What a mediator's client reads of an answer: the vumIDs of the matches
// and the raw matches.
struct Answer {
  int status = 0;
  std::string vraag_id;
  std::vector<std::string> vum_ids;
  std::string body;
  httplib::Headers headers;
};

class HubTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(absl::StrCat(::testing::TempDir(), "/vum-hub-", getpid()));
    std::filesystem::remove_all(*dir_);
    net_ = new TestNetwork(*TestNetwork::Create(*dir_, Codelists()));
    hanging_ = new HangingServer();
    ASSERT_NO_FATAL_FAILURE(StartOverSharingSource());
    std::string list = "[";
    uint64_t seed = 30;
    for (const char* party : {"gemeente-a", "gemeente-b", "uwv"}) {
      node::NodeConfig c = net_->ConfigFor(party);
      c.limits.results_per_question = kCap;
      absl::StatusOr<std::unique_ptr<node::Node>> n = node::Node::Create(c);
      ASSERT_TRUE(n.ok()) << n.status();
      ASSERT_TRUE((*n)->Start().ok());
      const int port = (*n)->port();
      nodes_.push_back(n->release());
      ASSERT_NO_FATAL_FAILURE(Load(party, port, seed++));
      absl::StrAppend(&list, R"({"oin":")", net_->OinOf(party), R"(","naam":")", party,
                      R"(","url":"https://127.0.0.1:)", port, R"("},)");
    }
    absl::StrAppend(&list, R"({"oin":")", kGemeenteB,
                    R"(","naam":"hangt","url":"https://127.0.0.1:)", hanging_->port(),
                    R"("},{"oin":")", kBuitenstaander,
                    R"(","naam":"deelt te veel","url":"https://127.0.0.1:)",
                    over_sharing_port_, R"("}])");
    const std::string list_path = *dir_ + "/bronnen.json";
    std::ofstream(list_path) << list;
    node::NodeConfig hub = net_->ConfigFor("uv");
    hub.sources_file = list_path;
    hub.limits.source_deadline = kDeadline;
    hub.limits.details_per_question = 2;
    hub.limits.questions_per_requester_per_day = 100;
    hub.limits.results_per_question = kCap;
    hub_config_ = new node::NodeConfig(hub);
    ASSERT_NO_FATAL_FAILURE(StartHub());
  }
  static void StartHub() {
    absl::StatusOr<std::unique_ptr<Hub>> h = Hub::Create(*hub_config_);
    ASSERT_TRUE(h.ok()) << h.status();
    ASSERT_TRUE((*h)->Start().ok());
    hub_ = h->release();
  }
  static void TearDownTestSuite() {
    delete hub_;
    delete hub_config_;
    for (node::Node* n : nodes_) delete n;
    nodes_.clear();
    if (over_sharing_) over_sharing_->stop();
    if (over_sharing_thread_.joinable()) over_sharing_thread_.join();
    delete over_sharing_;
    delete hanging_;
    delete net_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static void Load(const std::string& party, int port, uint64_t seed) {
    const std::string batch = absl::StrCat(*dir_, "/", party, ".vumb");
    const std::string consents = absl::StrCat(*dir_, "/", party, ".ndjson");
    ASSERT_TRUE(
        WriteProfileBatch({batch, consents, net_->OinOf(party), net_->OinOf(party), 80,
                           seed, v1::SOORT_BATCH_VOLLEDIG, "", 0, Codelists()})
            .ok());
    for (const std::string& file : {batch, consents}) {
      absl::StatusOr<ask::UploadReceipt> r = ask::Upload(
          {net_->OinOf(party), party, "127.0.0.1", port}, net_->IdentityOf(party), file);
      ASSERT_TRUE(r.ok() && r->http_status == 200) << party;
    }
  }

  // A source that answers with a match carrying the free presentation.
  static void StartOverSharingSource() {
    over_sharing_ = new httplib::SSLServer((*dir_ + "/buitenstaander.crt").c_str(),
                                           (*dir_ + "/buitenstaander.key").c_str(),
                                           net_->pki().ca_certificate.c_str());
    over_sharing_->Post(kMatches, [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          R"({"maximumAantalResultatenBereikt":false,"matches":[{"idWerkzoekende":"x1",)"
          R"("persoonlijkePresentatie":"Te veel gedeeld",)"
          R"("mobiliteit":{"bemiddelingspostcode":"3511AA"}}]})",
          "application/json");
    });
    over_sharing_port_ = over_sharing_->bind_to_any_port("127.0.0.1");
    over_sharing_thread_ = std::thread([] { over_sharing_->listen_after_bind(); });
    for (int i = 0; i < 500 && !over_sharing_->is_running(); ++i)
      absl::SleepFor(absl::Milliseconds(2));
    ASSERT_TRUE(over_sharing_->is_running());
  }

  static httplib::Headers As(const std::string& party, const std::string& oin) {
    (void)party;
    return {{"X-VUM-berichtVersie", "3.0.0"},
            {"API-Version", "3.0.0"},
            {"X-VUM-fromParty", oin},
            {"X-VUM-toParty", kUv},
            {"X-VUM-viaParty", oin}};
  }

  static std::unique_ptr<httplib::SSLClient> Client(const std::string& party) {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", hub_->port(),
                                                  *dir_ + "/" + party + ".crt",
                                                  *dir_ + "/" + party + ".key");
    c->set_ca_cert_path(net_->pki().ca_certificate.c_str());
    c->enable_server_certificate_verification(true);
    c->set_read_timeout(30, 0);
    return c;
  }

  static Answer Ask(const std::string& party = "wsp", const std::string& oin = kWsp,
                    httplib::Headers headers = {}) {
    if (headers.empty()) headers = As(party, oin);
    httplib::Result r =
        Client(party)->Post(kMatches, headers, kQuestion, "application/json");
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = r->body;
    a.headers = r->headers;
    if (r->status != 200) return a;
    const std::string key = R"("vraagID":")";
    const size_t at = r->body.find(key);
    if (at != std::string::npos) a.vraag_id = r->body.substr(at + key.size(), 36);
    for (size_t p = r->body.find(R"("vumID":")"); p != std::string::npos;
         p = r->body.find(R"("vumID":")", p + 1)) {
      const size_t begin = p + 9;
      a.vum_ids.push_back(r->body.substr(begin, r->body.find('"', begin) - begin));
    }
    return a;
  }

  static httplib::Result Detail(const std::string& vum_id,
                                const std::string& party = "wsp",
                                const std::string& oin = kWsp) {
    return Client(party)->Get(
        absl::StrCat("/api/v3/werkzoekendeProfielen/", vum_id).c_str(), As(party, oin));
  }

  static std::string Code(const httplib::Result& r) {
    absl::StatusOr<exchange::V3ErrorBody> e = exchange::ParseV3Error(r->body);
    return e.ok() ? e->code : "(no Error body)";
  }

  static std::string* dir_;
  static TestNetwork* net_;
  static std::vector<node::Node*> nodes_;
  static Hub* hub_;
  static node::NodeConfig* hub_config_;
  static HangingServer* hanging_;
  static httplib::SSLServer* over_sharing_;
  static int over_sharing_port_;
  static std::thread over_sharing_thread_;
};

std::string* HubTest::dir_ = nullptr;
TestNetwork* HubTest::net_ = nullptr;
std::vector<node::Node*> HubTest::nodes_;
Hub* HubTest::hub_ = nullptr;
node::NodeConfig* HubTest::hub_config_ = nullptr;
HangingServer* HubTest::hanging_ = nullptr;
httplib::SSLServer* HubTest::over_sharing_ = nullptr;
int HubTest::over_sharing_port_ = 0;
std::thread HubTest::over_sharing_thread_;

TEST_F(HubTest, AQuestionIsAnsweredFromEverySourceThatAnswersInTime) {
  const absl::Time start = absl::Now();
  Answer a = Ask();
  const absl::Duration took = absl::Now() - start;
  ASSERT_EQ(a.status, 200) << a.body;
  // The hanging source costs the deadline, not more.
  EXPECT_LT(took, kDeadline + absl::Seconds(3));
  // Three sources, each capped at kCap; the hanging and the over-sharing
  // ones are left out.
  EXPECT_EQ(a.vum_ids.size(), 3u * kCap);
  EXPECT_THAT(a.body, HasSubstr(R"("maximumAantalResultatenBereikt":true)"));
  EXPECT_EQ(a.vraag_id.size(), 36u);
  EXPECT_THAT(a.body, Not(HasSubstr("idWerkzoekende")));
  EXPECT_THAT(a.body, Not(HasSubstr("Te veel gedeeld")));
  EXPECT_EQ(std::set<std::string>(a.vum_ids.begin(), a.vum_ids.end()).size(),
            a.vum_ids.size());
  auto header = [&](const char* name) {
    auto it = a.headers.find(name);
    return it == a.headers.end() ? std::string() : it->second;
  };
  EXPECT_EQ(header("API-Version"), "3.0.0");
  EXPECT_EQ(header("X-VUM-berichtVersie"), "3.0.0");
  EXPECT_EQ(header("X-VUM-fromParty"), kUv);
  EXPECT_EQ(header("X-VUM-toParty"), kWsp);
  // Each source's outcome is counted: three answered, one timed out, one
  // left out for breaking the contract.
  httplib::Result metrics = Client("wsp")->Get("/metrics");
  ASSERT_TRUE(metrics);
  for (const std::string& line :
       {absl::StrCat(R"(vum_source_answers_total{bron=")", kGemeenteA,
                     R"(",uitkomst="beantwoord"})"),
        absl::StrCat(R"(vum_source_answers_total{bron=")", kGemeenteB,
                     R"(",uitkomst="verlopen"})"),
        absl::StrCat(R"(vum_source_answers_total{bron=")", kBuitenstaander,
                     R"(",uitkomst="ongeldig"})")}) {
    EXPECT_THAT(metrics->body, HasSubstr(line));
  }
}

TEST_F(HubTest, VumIdsAreUnlinkableBetweenQuestions) {
  Answer first = Ask(), second = Ask();
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(first.vraag_id, second.vraag_id);
  std::set<std::string> one(first.vum_ids.begin(), first.vum_ids.end());
  for (const std::string& id : second.vum_ids) EXPECT_EQ(one.count(id), 0u);
}

TEST_F(HubTest, DetailsComeFromTheSourceWithinTheQuestionsQuota) {
  Answer a = Ask();
  ASSERT_EQ(a.status, 200);
  ASSERT_GE(a.vum_ids.size(), 3u);
  httplib::Result d = Detail(a.vum_ids[0]);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->status, 200) << d->body;
  EXPECT_THAT(d->body, ::testing::StartsWith(R"({"bronID":")"));
  EXPECT_THAT(d->body, HasSubstr(R"("werkzoekende":{"idWerkzoekende":")"));
  // Another asker may not use this question's vumIDs.
  httplib::Result other = Detail(a.vum_ids[1], "werkgever", kWerkgever);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 401);
  EXPECT_EQ(other->body, "");
  EXPECT_EQ(Detail(a.vum_ids[1])->status, 200);
  // The quota of 2 is used; the refused request above did not count.
  httplib::Result third = Detail(a.vum_ids[2]);
  EXPECT_EQ(third->status, 429);
  EXPECT_EQ(Code(third), "429.02");
  httplib::Result unknown = Detail("bestaat-niet");
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(Code(unknown), "400.05");
}

// The facility keeps its questions in its store: after a restart a vumID
// handed out before still resolves, and the question's details left count on.
TEST_F(HubTest, ARestartKeepsTheQuestionsAndTheirDetailsLeft) {
  Answer a = Ask();
  ASSERT_EQ(a.status, 200);
  ASSERT_GE(a.vum_ids.size(), 3u);
  ASSERT_EQ(Detail(a.vum_ids[0])->status, 200);
  delete hub_;
  hub_ = nullptr;
  ASSERT_NO_FATAL_FAILURE(StartHub());
  httplib::Result d = Detail(a.vum_ids[1]);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 200) << d->body;
  // The quota of 2 was used, one before and one after the restart.
  EXPECT_EQ(Code(Detail(a.vum_ids[2])), "429.02");
}

TEST_F(HubTest, RequestsOutsideTheContractAreRefused) {
  httplib::Headers old = As("wsp", kWsp);
  old.erase("API-Version");
  old.emplace("API-Version", "2.0.0");
  Answer a = Ask("wsp", kWsp, old);
  EXPECT_EQ(a.status, 400);
  EXPECT_THAT(a.body, HasSubstr("400.02"));
  httplib::Headers no_via = As("wsp", kWsp);
  no_via.erase("X-VUM-viaParty");
  EXPECT_EQ(Ask("wsp", kWsp, no_via).status, 400);
  // A party the facility does not register.
  EXPECT_EQ(Ask("buitenstaander", kBuitenstaander).status, 401);
  // A question the standard refuses never reaches a source.
  httplib::Result far = Client("wsp")->Post(
      kMatches, As("wsp", kWsp),
      R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":1000}}})",
      "application/json");
  EXPECT_EQ(far->status, 400);
  EXPECT_EQ(Code(far), "400.04");
}

// docs/bemiddelaar-openapi.json against the running facility: the same
// paths, and every answer's status, headers, content type and Error code.
TEST_F(HubTest, TheBemiddelaarDocumentAndTheFacilityAgree) {
  absl::StatusOr<OpenApiDocument> doc = OpenApiDocument::Read(
      std::string(VUM_SOURCE_DIR) + "/docs/bemiddelaar-openapi.json");
  ASSERT_TRUE(doc.ok()) << doc.status();
  std::set<std::string> served;
  for (const std::string& e : hub_->endpoints()) {
    if (e.find(" /api/v3/") != std::string::npos) served.insert(e);
  }
  EXPECT_EQ(doc->Endpoints(), served);
  const std::string matches = "/werkzoekendeProfielen/matches";
  const std::string detail = "/werkzoekendeProfielen/{vumID}";
  httplib::Headers old = As("wsp", kWsp), no_via = As("wsp", kWsp);
  old.erase("API-Version");
  old.emplace("API-Version", "2.0.0");
  no_via.erase("X-VUM-viaParty");
  int checked = 0;
  auto check = [&](const std::string& path, const char* method,
                   const httplib::Result& r) {
    EXPECT_THAT(doc->Check(path, method, r), ::testing::IsEmpty());
    ++checked;
  };
  auto post = [&](const std::string& party, const httplib::Headers& h, const char* body) {
    return Client(party)->Post(kMatches, h, body, "application/json");
  };
  httplib::Result answered = post("wsp", As("wsp", kWsp), kQuestion);
  check(matches, "post", answered);
  check(matches, "post", post("wsp", old, kQuestion));
  check(matches, "post", post("wsp", no_via, kQuestion));
  check(matches, "post", post("buitenstaander", As("", kBuitenstaander), kQuestion));
  check(matches, "post", post("wsp", As("wsp", kWsp), "{"));
  check(matches, "post",
        Client("wsp")->Post("/api/v3/vacatures/matches", As("wsp", kWsp), kQuestion,
                            "application/json"));
  ASSERT_TRUE(answered && answered->status == 200);
  std::vector<std::string> ids;
  for (size_t p = answered->body.find(R"("vumID":")");
       p != std::string::npos && ids.size() < 3;
       p = answered->body.find(R"("vumID":")", p + 1)) {
    ids.push_back(answered->body.substr(p + 9, answered->body.find('"', p + 9) - p - 9));
  }
  ASSERT_EQ(ids.size(), 3u);
  check(detail, "get", Detail(ids[0]));
  check(detail, "get", Detail(ids[1], "werkgever", kWerkgever));
  check(detail, "get", Detail(ids[1]));
  check(detail, "get", Detail(ids[2]));  // the quota of 2 is used: 429
  check(detail, "get", Detail("onbekend"));
  EXPECT_EQ(checked, 11);
}

}  // namespace
}  // namespace vum::hub
