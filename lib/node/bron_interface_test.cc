// The Bron interface of the koppelvlak 3.0 on a running node, asked as the
// exchange facility asks it: over mutual TLS with the facility's
// certificate, the koppelvlak's headers, the question in its wrapper. What
// each answer carries (status, headers, body) and what each refusal is.

#include "lib/node/bron_interface.h"

#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/ask/uploader.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/node/node.h"
#include "lib/node/test_network.h"
#include "vum/first_round.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::node {
namespace {

using ::testing::HasSubstr;
using namespace vum::node::testing;

constexpr char kMatches[] = "/api/v3/werkzoekendeProfielen/matches";
constexpr char kWideQuestion[] =
    R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":300}}})";

std::string Codelists() { return std::string(VUM_SOURCE_DIR) + "/codelists"; }

// The headers the facility sends for `from` to gemeente-a.
httplib::Headers AsFacility(const std::string& from = kWsp, bool suwi = true) {
  return {{"X-VUM-berichtVersie", "3.0.0"}, {"API-Version", "3.0.0"},
          {"X-VUM-fromParty", from},        {"X-VUM-toParty", kGemeenteA},
          {"X-VUM-viaParty", kUv},          {"X-VUM-SUWIparty", suwi ? "true" : "false"}};
}

httplib::Headers Without(httplib::Headers h, const std::string& name) {
  h.erase(name);
  return h;
}
httplib::Headers With(httplib::Headers h, const std::string& name,
                      const std::string& value) {
  h.erase(name);
  h.emplace(name, value);
  return h;
}

class BronInterfaceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(absl::StrCat(::testing::TempDir(), "/vum-bron-", getpid()));
    std::filesystem::remove_all(*dir_);
    absl::StatusOr<TestNetwork> net = TestNetwork::Create(*dir_, Codelists());
    ASSERT_TRUE(net.ok()) << net.status();
    net_ = new TestNetwork(*std::move(net));
  }
  static void TearDownTestSuite() {
    delete net_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    config_ = net_->ConfigFor("gemeente-a");
    config_.database = absl::StrCat(*dir_, "/bron-", counter_++, ".db");
    config_.limits.questions_per_requester_per_day = 4;
    config_.limits.results_per_question = 5;
    absl::StatusOr<std::unique_ptr<Node>> node = Node::Create(config_);
    ASSERT_TRUE(node.ok()) << node.status();
    node_ = *std::move(node);
    ASSERT_TRUE(node_->Start().ok());
    BatchSpec spec{absl::StrCat(*dir_, "/a.vumb"),
                   absl::StrCat(*dir_, "/a.ndjson"),
                   kGemeenteA,
                   kGemeenteA,
                   60,
                   21,
                   v1::SOORT_BATCH_VOLLEDIG,
                   "",
                   0,
                   Codelists()};
    ASSERT_TRUE(WriteProfileBatch(spec).ok());
    const ask::NodeAddress here{kGemeenteA, "a", "127.0.0.1", node_->port()};
    for (const std::string& file : {spec.path, spec.consents_path}) {
      absl::StatusOr<ask::UploadReceipt> r =
          ask::Upload(here, net_->IdentityOf("gemeente-a"), file);
      ASSERT_TRUE(r.ok()) << r.status();
      ASSERT_EQ(r->http_status, 200) << r->body;
    }
  }

  httplib::Result Post(const httplib::Headers& headers, const std::string& body,
                       const std::string& path = kMatches,
                       const std::string& party = "uv") {
    std::unique_ptr<httplib::SSLClient> c = Client(party);
    return c->Post(path.c_str(), headers, body, "application/json");
  }
  httplib::Result Get(const std::string& path, const httplib::Headers& headers,
                      const std::string& party = "uv") {
    std::unique_ptr<httplib::SSLClient> c = Client(party);
    return c->Get(path.c_str(), headers);
  }
  std::unique_ptr<httplib::SSLClient> Client(const std::string& party) {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", node_->port(),
                                                  *dir_ + "/" + party + ".crt",
                                                  *dir_ + "/" + party + ".key");
    c->set_ca_cert_path(net_->pki().ca_certificate.c_str());
    c->enable_server_certificate_verification(true);
    return c;
  }

  // The ids of the matches of a 200 answer, each checked to be a first-round
  // match of the contract.
  static std::vector<std::string> MatchIds(const httplib::Result& r) {
    std::vector<std::string> ids;
    EXPECT_EQ(r->status, 200) << r->body;
    const std::string prefix = R"("matches":[)";
    const size_t at = r->body.find(prefix);
    EXPECT_NE(at, std::string::npos);
    if (at == std::string::npos) return ids;
    // The matches, one object each, as VUM JSON.
    size_t pos = at + prefix.size();
    int depth = 0;
    size_t begin = pos;
    for (; pos < r->body.size(); ++pos) {
      const char c = r->body[pos];
      if (c == '"') {
        pos = r->body.find('"', pos + 1);  // ids and texts hold no escaped quotes here
      } else if (c == '{') {
        if (depth++ == 0) begin = pos;
      } else if (c == '}' && --depth == 0) {
        v1::Werkzoekende match;
        const std::string json = r->body.substr(begin, pos - begin + 1);
        EXPECT_TRUE(ParseJson(json, &match).ok());
        EXPECT_EQ(KeepFirstRound(&match), 0) << "a match carries a detail element";
        EXPECT_TRUE(match.has_mobiliteit());
        ids.push_back(match.id_werkzoekende());
      }
    }
    return ids;
  }

  static void ExpectV3Headers(const httplib::Result& r, const std::string& to = kWsp) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value_count("API-Version"), 1u);
    EXPECT_EQ(r->get_header_value("API-Version"), "3.0.0");
    EXPECT_EQ(r->get_header_value("X-VUM-berichtVersie"), "3.0.0");
    EXPECT_EQ(r->get_header_value("X-VUM-fromParty"), kGemeenteA);
    EXPECT_EQ(r->get_header_value("X-VUM-toParty"), to);
    EXPECT_EQ(r->get_header_value("X-VUM-viaParty"), kUv);
  }

  // A refusal with the koppelvlak's Error body and `code`.
  static void ExpectError(const httplib::Result& r, int status, const std::string& code) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_EQ(r->get_header_value("API-Version"), "3.0.0");
    if (status == 401) {
      EXPECT_EQ(r->body, "");
      return;
    }
    EXPECT_THAT(r->get_header_value("Content-Type"), HasSubstr("application/json"));
    absl::StatusOr<exchange::V3ErrorBody> e = exchange::ParseV3Error(r->body);
    ASSERT_TRUE(e.ok()) << e.status() << " " << r->body;
    EXPECT_EQ(e->code, code) << e->details;
  }

  static std::string* dir_;
  static TestNetwork* net_;
  static int counter_;
  NodeConfig config_;
  std::unique_ptr<Node> node_;
};

std::string* BronInterfaceTest::dir_ = nullptr;
TestNetwork* BronInterfaceTest::net_ = nullptr;
int BronInterfaceTest::counter_ = 0;

TEST_F(BronInterfaceTest, ServesTheFourPathsOfTheContract) {
  std::set<std::string> served(node_->endpoints().begin(), node_->endpoints().end());
  for (const char* e :
       {"POST /api/v3/werkzoekendeProfielen/matches",
        "GET /api/v3/werkzoekendeProfielen/{idWerkzoekende}",
        "POST /api/v3/vacatures/matches", "GET /api/v3/vacatures/{idVacature}"}) {
    EXPECT_TRUE(served.count(e)) << e;
  }
}

TEST_F(BronInterfaceTest, AQuestionIsAnsweredWithFirstRoundMatchesUnderTheCap) {
  httplib::Result r = Post(AsFacility(), kWideQuestion);
  ASSERT_TRUE(r);
  ExpectV3Headers(r);
  const std::vector<std::string> ids = MatchIds(r);
  // 60 generated profiles, of which more than 5 selectable; the cap is 5.
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_THAT(r->body, HasSubstr(R"("maximumAantalResultatenBereikt":true)"));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  // Vacancies: none loaded, an empty answer.
  httplib::Result v = Post(AsFacility(), kWideQuestion, "/api/v3/vacatures/matches");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, 200);
  EXPECT_EQ(v->body, R"({"maximumAantalResultatenBereikt":false,"matches":[]})");
}

TEST_F(BronInterfaceTest, ADetailIsTheWholeRecordOfAnId) {
  const std::vector<std::string> ids = MatchIds(Post(AsFacility(), kWideQuestion));
  ASSERT_FALSE(ids.empty());
  const std::string path = absl::StrCat("/api/v3/werkzoekendeProfielen/", ids[0]);
  httplib::Result d = Get(path, AsFacility());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 200) << d->body;
  ExpectV3Headers(d);
  v1::Werkzoekende profile;
  ASSERT_TRUE(ParseJson(d->body, &profile).ok());
  EXPECT_EQ(profile.id_werkzoekende(), ids[0]);
  // An employer without a legal basis, and without the person's consent.
  ExpectError(Get(path, AsFacility(kWerkgever, false)), 401, "");
  // Unknown, and not a SafeIDString.
  ExpectError(Get("/api/v3/werkzoekendeProfielen/bestaat-niet", AsFacility()), 400,
              "400.05");
  ExpectError(Get("/api/v3/werkzoekendeProfielen/een%20spatie", AsFacility()), 400,
              "400.05");
  ExpectError(Get("/api/v3/vacatures/bestaat-niet", AsFacility()), 400, "400.05");
}

TEST_F(BronInterfaceTest, OnlyVersion300IsSpoken) {
  ExpectError(Post(With(AsFacility(), "API-Version", "2.0.0"), kWideQuestion), 400,
              "400.02");
  ExpectError(Post(With(AsFacility(), "X-VUM-berichtVersie", "2.0.0"), kWideQuestion),
              400, "400.02");
  ExpectError(Post(Without(AsFacility(), "X-VUM-berichtVersie"), kWideQuestion), 400,
              "400.01");
  ExpectError(Post(Without(AsFacility(), "API-Version"), kWideQuestion), 400, "400.01");
}

TEST_F(BronInterfaceTest, EveryPartyIsCheckedAgainstTheCertificateAndTheRegister) {
  for (const char* header :
       {"X-VUM-fromParty", "X-VUM-toParty", "X-VUM-viaParty", "X-VUM-SUWIparty"}) {
    ExpectError(Post(Without(AsFacility(), header), kWideQuestion), 400, "400.01");
  }
  ExpectError(Post(With(AsFacility(), "X-VUM-SUWIparty", "ja"), kWideQuestion), 400,
              "400.01");
  ExpectError(Post(With(AsFacility(), "X-VUM-viaParty", "uv"), kWideQuestion), 400,
              "400.01");
  // For another source; from a party not registered; SUWI claimed by a party
  // that is not one; the mediator itself instead of the facility.
  ExpectError(Post(With(AsFacility(), "X-VUM-toParty", kGemeenteB), kWideQuestion), 401,
              "");
  ExpectError(Post(AsFacility(kBuitenstaander), kWideQuestion), 401, "");
  ExpectError(Post(AsFacility(kWerkgever, true), kWideQuestion), 401, "");
  ExpectError(Post(AsFacility(), kWideQuestion, kMatches, "wsp"), 401, "");
  // The header's spelling in the koppelvlak's README reads the same.
  httplib::Headers readme = Without(AsFacility(), "X-VUM-SUWIparty");
  readme.emplace("X-VUM-SUWIParty", "true");
  EXPECT_EQ(Post(readme, kWideQuestion)->status, 200);
}

TEST_F(BronInterfaceTest, QuestionsTheStandardDoesNotAllowAreRefusedUndescribedOnesNot) {
  ExpectError(Post(AsFacility(), "not json"), 400, "400.03");
  ExpectError(Post(AsFacility(), R"({"vraagObject":[]})"), 400, "400.03");
  httplib::Result far =
      Post(AsFacility(),
           R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":1000}}})");
  ExpectError(far, 400, "400.04");
  EXPECT_THAT(far->body, HasSubstr("selectiegebied.afstand"));
  // A criterion of a later version is ignored, and the question answered.
  httplib::Result later =
      Post(AsFacility(),
           R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":300},)"
           R"("eenLaterGegeven":{"$eq":1}}})");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200) << later->body;
  ExpectError(Post(AsFacility(), std::string(70 * 1024, ' ')), 400, "400.06");
}

TEST_F(BronInterfaceTest, OnlyAnsweredQuestionsCountAgainstTheQuota) {
  // Refused questions first: none of them counts.
  for (int i = 0; i < 3; ++i) {
    ExpectError(Post(AsFacility(), "not json"), 400, "400.03");
    ExpectError(Post(AsFacility(), R"({"vraagObject":{}})"), 400, "400.04");
  }
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Post(AsFacility(), kWideQuestion)->status, 200);
  ExpectError(Post(AsFacility(), kWideQuestion), 429, "429.01");
  // Another asker has its own.
  EXPECT_EQ(Post(AsFacility(kWerkgever, false), kWideQuestion)->status, 200);
}

TEST_F(BronInterfaceTest, NothingIsShownAndNothingCountedWhenTheLogCannotBeWritten) {
  const std::vector<std::string> ids = MatchIds(Post(AsFacility(), kWideQuestion));
  ASSERT_FALSE(ids.empty());
  ASSERT_TRUE(SetProcessingLogBroken(config_.database, true).ok());
  for (int i = 0; i < 5; ++i)
    ExpectError(Post(AsFacility(), kWideQuestion), 503, "503.01");
  ExpectError(Get(absl::StrCat("/api/v3/werkzoekendeProfielen/", ids[0]), AsFacility()),
              503, "503.01");
  ASSERT_TRUE(SetProcessingLogBroken(config_.database, false).ok());
  // One question counted (the first); three are left.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Post(AsFacility(), kWideQuestion)->status, 200);
  ExpectError(Post(AsFacility(), kWideQuestion), 429, "429.01");
}

TEST_F(BronInterfaceTest, PathsOutsideTheContractGetTheKoppelvlaksError) {
  ExpectError(Get("/api/v3/werkgevers", AsFacility()), 404, "404.01");
  ExpectError(Post(AsFacility(), kWideQuestion, "/api/v3/vacatures/bestaat/matches"), 404,
              "404.01");
}

}  // namespace
}  // namespace vum::node
