#include "lib/accredit/mediator.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/ask/facility_client.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/wire.h"
#include "lib/node/koppelvlak_reply.h"
#include "lib/node/served_request.h"
#include "lib/server/https_server.h"
#include "vum/pc4.h"

namespace vum::accredit {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Codelists() { return std::string(VUM_SOURCE_DIR) + "/codelists"; }

constexpr char kWide[] =
    R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":999}}})";

class MediatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pc4_ = new Pc4Register(*Pc4Register::Load(Codelists() + "/pc4.tsv"));
    compiler_ = QuestionCompiler::Create(pc4_).value().release();
    absl::StatusOr<UploadSet> set =
        MakeUploadSet(*pc4_, {.count = 300, .vacancy_count = 100, .seed = 5});
    ASSERT_TRUE(set.ok()) << set.status();
    dir_ = new std::string(absl::StrCat(::testing::TempDir(), "/mediator-", getpid()));
    absl::StatusOr<std::unique_ptr<MediatorEnvironment>> env = MediatorEnvironment::Start(
        *set,
        {.dir = *dir_, .codelists = Codelists(), .source_deadline = absl::Seconds(2)});
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = env->release();
  }
  static void TearDownTestSuite() {
    delete env_;
    delete compiler_;
    delete pc4_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static const ClientSetup& Client() { return env_->client(); }
  static ask::Identity Identity() {
    return {Client().certificate,
            Client().private_key,
            Client().ca_certificate,
            Client().client_oin,
            "",
            true};
  }
  static ask::NodeAddress Facility() {
    ask::NodeAddress a;
    EXPECT_TRUE(ask::ParseNodeUrl(Client().url, &a));
    a.oin = Client().facility_oin;
    return a;
  }

  // A request as a client with its own mistakes would send it.
  static httplib::Result Raw(const std::string& method, const std::string& path,
                             httplib::Headers headers, const std::string& body = "") {
    const ask::NodeAddress f = Facility();
    httplib::SSLClient c(f.host, f.port, Client().certificate, Client().private_key);
    c.set_ca_cert_path(Client().ca_certificate.c_str());
    c.enable_server_certificate_verification(true);
    c.set_read_timeout(10);
    if (method == "GET") return c.Get(path.c_str(), headers);
    return c.Post(path.c_str(), headers, body, exchange::kJsonType);
  }
  static httplib::Headers GoodHeaders() {
    return {{exchange::kBerichtVersieHeader, exchange::kKoppelvlakVersion},
            {exchange::kApiVersionHeader, exchange::kKoppelvlakVersion},
            {exchange::kFromPartyHeader, Client().client_oin},
            {exchange::kToPartyHeader, Client().facility_oin},
            {exchange::kViaPartyHeader, Client().client_oin}};
  }

  // The judged cases of the requests from `from` on, as "id: message" for
  // the failed ones.
  static std::vector<std::string> FailuresSince(size_t from) {
    std::vector<hub::ObservedRequest> all = env_->requests();
    std::vector<hub::ObservedRequest> mine(all.begin() + static_cast<long>(from),
                                           all.end());
    std::vector<std::string> out;
    for (const CaseResult& c : JudgeMediator(mine, Client(), *compiler_)) {
      if (!c.passed) out.push_back(absl::StrCat(c.id, ": ", c.message));
    }
    return out;
  }

  static Pc4Register* pc4_;
  static QuestionCompiler* compiler_;
  static std::string* dir_;
  static MediatorEnvironment* env_;
};

Pc4Register* MediatorTest::pc4_ = nullptr;
QuestionCompiler* MediatorTest::compiler_ = nullptr;
std::string* MediatorTest::dir_ = nullptr;
MediatorEnvironment* MediatorTest::env_ = nullptr;

// vum's own client (vum ask --facility) passes: it asks, gets the matches of
// the two answering sources though the other four are late, hang, refuse or
// fail, and fetches a detail.
TEST_F(MediatorTest, AClientThatSpeaksTheKoppelvlakPasses) {
  const size_t from = env_->requests().size();
  auto client = ask::FacilityClient::Create(Facility(), Identity(), absl::Seconds(10));
  ASSERT_TRUE(client.ok());
  absl::StatusOr<v1::Selectievraag> q =
      ReadSelectionQuestion(R"({"selectiegebied":{"postcode":"3511AA","afstand":999}})");
  ASSERT_TRUE(q.ok());
  const absl::Time start = absl::Now();
  absl::StatusOr<ask::FacilityAnswer> a = (*client)->Ask(*q);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_GE(absl::Now() - start,
            absl::Seconds(2));  // the facility waited for the hanging one
  ASSERT_FALSE(a->vum_ids.empty());
  absl::StatusOr<std::string> detail =
      (*client)->Detail(v1::SOORT_SELECTIE_WERKZOEKENDEN, a->vum_ids[0]);
  ASSERT_TRUE(detail.ok()) << detail.status();
  EXPECT_THAT(*detail, HasSubstr("\"bronID\":\"0000000100000000000"));
  // The sources hold the set's vacancies too.
  absl::StatusOr<v1::Selectievraag> v =
      ReadSelectionQuestion(R"({"selectiegebied":{"postcode":"3511AA","afstand":999}})",
                            {.default_kind = v1::SOORT_SELECTIE_VACATURES});
  ASSERT_TRUE(v.ok());
  absl::StatusOr<ask::FacilityAnswer> vacancies = (*client)->Ask(*v);
  ASSERT_TRUE(vacancies.ok()) << vacancies.status();
  ASSERT_FALSE(vacancies->vum_ids.empty());
  absl::StatusOr<std::string> vacancy =
      (*client)->Detail(v1::SOORT_SELECTIE_VACATURES, vacancies->vum_ids[0]);
  ASSERT_TRUE(vacancy.ok()) << vacancy.status();
  EXPECT_THAT(*vacancy, HasSubstr("\"idVacature\""));
  // The facility without sources: 503.02, no fault of the client's.
  ask::NodeAddress down;
  ASSERT_TRUE(ask::ParseNodeUrl(Client().url_without_sources, &down));
  down.oin = Client().facility_oin;
  auto to_down = ask::FacilityClient::Create(down, Identity(), absl::Seconds(10));
  ASSERT_TRUE(to_down.ok());
  absl::StatusOr<ask::FacilityAnswer> none = (*to_down)->Ask(*q);
  EXPECT_THAT(none.status().message(), HasSubstr("503.02"));
  EXPECT_THAT(FailuresSince(from), IsEmpty());
  const std::vector<hub::ObservedRequest> seen = env_->requests();
  ASSERT_EQ(seen.size(), from + 5);
  EXPECT_EQ(seen[from + 4].error_code, "503.02");
  EXPECT_FALSE(seen[from].detail);
  EXPECT_TRUE(seen[from + 1].detail);
  EXPECT_EQ(seen[from].certificate_oin, Client().client_oin);
}

TEST_F(MediatorTest, EachKindOfMistakeIsCaught) {
  const size_t from = env_->requests().size();
  httplib::Headers old_version = GoodHeaders();
  old_version.erase(exchange::kBerichtVersieHeader);
  old_version.emplace(exchange::kBerichtVersieHeader, "2.0.0");
  ASSERT_TRUE(Raw("POST", "/api/v3/werkzoekendeProfielen/matches", old_version, kWide));
  httplib::Headers no_via = GoodHeaders();
  no_via.erase(exchange::kViaPartyHeader);
  ASSERT_TRUE(Raw("POST", "/api/v3/werkzoekendeProfielen/matches", no_via, kWide));
  ASSERT_TRUE(Raw("POST", "/api/v3/werkzoekendeProfielen/matches", GoodHeaders(),
                  R"({"vraagObject":{"afstand":10}})"));
  ASSERT_TRUE(
      Raw("POST", "/api/v3/werkzoekendeProfielen/matches", GoodHeaders(),
          R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":20},)"
          R"("naam":{"$eq":"x"}}})"));
  ASSERT_TRUE(
      Raw("GET", "/api/v3/werkzoekendeProfielen/" + std::string(64, 'a'), GoodHeaders()));
  const std::vector<std::string> failures = FailuresSince(from);
  EXPECT_THAT(failures,
              ElementsAre(HasSubstr("verzoek.1.vraag: X-VUM-berichtVersie is not 3.0.0"),
                          HasSubstr("verzoek.2.vraag: X-VUM-viaParty is missing"),
                          HasSubstr("verzoek.3.vraag: the question"),
                          HasSubstr("verzoek.4.vraag: criterion "),
                          "verzoek.5.detail: expected status 200, observed 400 (400.05)",
                          HasSubstr("sessie.vraag: expected at least one question"),
                          HasSubstr("sessie.detail: expected at least one detail"),
                          HasSubstr("sessie.geen-bron: expected at least one question")));
}

// A client of the facility at `url` with the setup's identity.
absl::StatusOr<std::unique_ptr<ask::FacilityClient>> ClientOf(const ClientSetup& c,
                                                              const std::string& url) {
  ask::NodeAddress facility;
  if (!ask::ParseNodeUrl(url, &facility))
    return absl::InvalidArgumentError("not a facility's URL");
  facility.oin = c.facility_oin;
  return ask::FacilityClient::Create(
      facility, {c.certificate, c.private_key, c.ca_certificate, c.client_oin, "", true},
      absl::Seconds(10));
}

// A port no one listens on now, on 127.0.0.1.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(a);
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length) != 0) {
    close(fd);
    return 0;
  }
  close(fd);
  return ntohs(a.sin_port);
}

// The facility's limit of questions a day: its 429.01 is no fault of the
// client's, asking again after it is.
TEST(MediatorQuotaTest, AskingAgainAfterTheDaysLastQuestionFails) {
  const Pc4Register pc4 = *Pc4Register::Load(Codelists() + "/pc4.tsv");
  std::unique_ptr<QuestionCompiler> compiler = QuestionCompiler::Create(&pc4).value();
  absl::StatusOr<UploadSet> set =
      MakeUploadSet(pc4, {.count = 100, .vacancy_count = 100, .seed = 6});
  ASSERT_TRUE(set.ok());
  const std::string dir =
      absl::StrCat(::testing::TempDir(), "/mediator-quota-", getpid());
  auto env = MediatorEnvironment::Start(*set, {.dir = dir,
                                               .codelists = Codelists(),
                                               .source_deadline = absl::Seconds(1),
                                               .questions_per_day = 1});
  ASSERT_TRUE(env.ok()) << env.status();
  const ClientSetup& c = (*env)->client();
  auto client = ClientOf(c, c.url);
  ASSERT_TRUE(client.ok()) << client.status();
  const v1::Selectievraag q =
      *ReadSelectionQuestion(R"({"selectiegebied":{"postcode":"3511AA","afstand":999}})");
  {
    auto first = (*client)->Ask(q);
    ASSERT_TRUE(first.ok()) << first.status();
  }
  EXPECT_THAT((*client)->Ask(q).status().message(), HasSubstr("429.01"));
  EXPECT_THAT((*client)->Ask(q).status().message(), HasSubstr("429.01"));
  std::vector<std::string> failures;
  for (const CaseResult& r : JudgeMediator((*env)->requests(), c, *compiler)) {
    if (!r.passed) failures.push_back(absl::StrCat(r.id, ": ", r.message));
  }
  EXPECT_THAT(failures,
              ElementsAre("verzoek.3.vraag: asked again after the facility's 429.01 "
                          "(the day's questions are used)",
                          HasSubstr("sessie.detail"), HasSubstr("sessie.geen-bron")));
  env->reset();
  std::filesystem::remove_all(dir);
}

// A vendor's own source joins the facility's sources: the environment makes
// its certificate with its OIN, and the facility asks it beside vum's.
TEST(MediatorVendorSourceTest, TheFacilityAsksTheVendorsSource) {
  const Pc4Register pc4 = *Pc4Register::Load(Codelists() + "/pc4.tsv");
  absl::StatusOr<UploadSet> set =
      MakeUploadSet(pc4, {.count = 100, .vacancy_count = 100, .seed = 7});
  ASSERT_TRUE(set.ok());
  const std::string dir =
      absl::StrCat(::testing::TempDir(), "/mediator-vendor-", getpid());
  const std::string vendor_oin = "00000001000000000031";
  const int port = FreePort();  // known before the environment starts
  auto env = MediatorEnvironment::Start(
      *set, {.dir = dir,
             .codelists = Codelists(),
             .source_deadline = absl::Seconds(1),
             .vendor_source_url = absl::StrCat("https://127.0.0.1:", port),
             .vendor_source_oin = vendor_oin});
  ASSERT_TRUE(env.ok()) << env.status();
  const ClientSetup& c = (*env)->client();
  ASSERT_FALSE(c.vendor_source_certificate.empty());
  // The vendor's source, with the certificate the environment made for it:
  // an empty answer, and what it was asked.
  std::atomic<int> asked{0};
  std::string to_party;
  server::Router router;
  router.Post("/api/v3/werkzoekendeProfielen/matches",
              [&](const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
                node::DiscardBody(reader);
                to_party = req.get_header_value(exchange::kToPartyHeader);
                ++asked;
                res.set_content(
                    R"({"maximumAantalResultatenBereikt":false,"matches":[]})",
                    exchange::kJsonType);
                node::SetV3Headers(req, res, vendor_oin);
              });
  server::HttpsServer::Options options;
  options.tls = {c.vendor_source_certificate, c.vendor_source_key, c.ca_certificate};
  auto source = server::HttpsServer::Create(std::move(options), std::move(router));
  ASSERT_TRUE(source.ok()) << source.status();
  ASSERT_TRUE((*source)->Start("127.0.0.1", port).ok());
  auto client = ClientOf(c, c.url);
  ASSERT_TRUE(client.ok()) << client.status();
  absl::StatusOr<ask::FacilityAnswer> a = (*client)->Ask(*ReadSelectionQuestion(
      R"({"selectiegebied":{"postcode":"3511AA","afstand":999}})"));
  (*source)->Stop();
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(asked.load(), 1);
  EXPECT_EQ(to_party, vendor_oin);
  env->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vum::accredit
