#include "lib/node/config.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/node/party_register.h"

namespace vum::node {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kA[] = "00000001000000000001";
constexpr char kB[] = "00000001000000000002";
constexpr char kV[] = "00000001000000000003";

std::string Config(const std::string& extra = "", const std::string& limits = "{}") {
  return std::string(R"({"oin":"00000001000000000001","naam":"A","luisteren":"[::1]:9443",
    "tls":{"certificaat":"a.crt","sleutel":"a.key","clientCa":"/etc/ca.crt"},
    "database":"a.db","sleutels":{"vumId":"v.key","logboek":"l.key"},
    "limieten":)") +
         limits + R"(,
    "partijen":[{"oin":"00000001000000000002","naam":"B","rollen":["vragen","suwi"]},
                {"oin":"00000001000000000003","rollen":["laden"],
                 "verwerkerVoor":["00000001000000000001"]},
                {"oin":"00000001000000000001","rollen":["laden"]}])" +
         extra + "}";
}

TEST(NodeConfigTest, AWholeFileReadsWithPathsFromItsFolder) {
  absl::StatusOr<NodeConfig> c = ParseNodeConfig(
      Config("", R"({"k":5,"detailsPerVraag":3,"vraagGeldigUren":24})"), "/srv/node");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->port, 9443);
  EXPECT_EQ(c->certificate, "/srv/node/a.crt");
  EXPECT_EQ(c->client_ca, "/etc/ca.crt");
  EXPECT_EQ(c->log_key_file, "/srv/node/l.key");
  EXPECT_EQ(c->limits.k, 5);
  EXPECT_EQ(c->limits.details_per_question, 3);
  EXPECT_EQ(c->limits.question_lifetime, absl::Hours(24));
  EXPECT_EQ(c->limits.results_per_question, 100);  // the default
  ASSERT_EQ(c->parties.size(), 3u);
  EXPECT_TRUE(c->parties[0].may_ask && c->parties[0].suwi && !c->parties[0].may_load);
  EXPECT_EQ(c->parties[1].processor_for, std::vector<std::string>{kA});
}

TEST(NodeConfigTest, EveryMistakeNamesItsSetting) {
  struct Case {
    std::string json;
    std::string names;
  };
  const Case cases[] = {
      {Config("", R"({"k":0})"), "limieten.k"},
      {Config("", R"({"kk":3})"), "limieten: has the setting \"kk\""},
      {Config("", R"({"detailsPerVraag":"3"})"), "limieten.detailsPerVraag"},
      {Config(R"(,"onbekend":1)"), "the file: has the setting \"onbekend\""},
      {Config(R"(,"jan@example.nl":1)"), "the file: has a setting this version"},
      {"{\"oin\":\"123\"}", "oin"},
      {"[1,2]", "the file"},
      {"not json", "the file"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<NodeConfig> r = ParseNodeConfig(c.json, "/srv");
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << c.json;
    EXPECT_THAT(r.status().message(), HasSubstr(c.names)) << c.json;
  }
  std::string no_tls = Config();
  no_tls.replace(no_tls.find("\"tls\""), 5, "\"tlz\"");
  EXPECT_THAT(ParseNodeConfig(no_tls, "/").status().message(),
              HasSubstr("has the setting \"tlz\", which this version does not know"));
  EXPECT_THAT(ParseNodeConfig(Config(R"(,"jan@example.nl":1)"), "/").status().message(),
              ::testing::Not(HasSubstr("jan@")));
}

TEST(NodeConfigTest, TheRegisterIsCheckedWhole) {
  std::string twice = Config();
  twice.replace(twice.find(kV), 20, kB);  // B registered twice
  EXPECT_THAT(ParseNodeConfig(twice, "/").status().message(), HasSubstr("twice"));
  std::string role = Config();
  role.replace(role.find("\"suwi\""), 6, "\"baas\"");
  EXPECT_THAT(ParseNodeConfig(role, "/").status().message(), HasSubstr("rollen"));
}

PartyRegister Register() {
  return *PartyRegister::Create({{kA, "A", false, false, true, {}},
                                 {kB, "B", true, true, false, {}},
                                 {kV, "V", false, false, true, {kA}}});
}

PartyHeaders From(std::string from, std::string to = kA) {
  return {std::move(from), std::move(to), std::nullopt, std::nullopt};
}

TEST(PartyRegisterTest, TheCertificateProvesTheSender) {
  const PartyRegister reg = Register();
  absl::StatusOr<Caller> ok = reg.Authorize(kA, kB, From(kB), Access::kAsk);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->controller_oin, kB);
  EXPECT_FALSE(ok->legal_basis);  // not claimed
  EXPECT_EQ(reg.Authorize(kA, kV, From(kB), Access::kAsk).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(reg.Authorize(kA, "", From(kB), Access::kAsk).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(PartyRegisterTest, AProcessorActsOnlyForItsControllers) {
  const PartyRegister reg = Register();
  PartyHeaders via = From(kA);
  via.via = kV;
  absl::StatusOr<Caller> ok = reg.Authorize(kA, kV, via, Access::kLoad);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->controller_oin, kA);
  EXPECT_EQ(ok->processor_oin, kV);
  PartyHeaders for_b = From(kB);
  for_b.via = kV;
  EXPECT_THAT(reg.Authorize(kA, kV, for_b, Access::kAsk).status().message(),
              HasSubstr("not registered as a processor"));
  // The via header names the certificate's holder, not someone else.
  EXPECT_THAT(reg.Authorize(kA, kB, via, Access::kLoad).status().message(),
              HasSubstr("viaParty is not the holder"));
}

TEST(PartyRegisterTest, RightsAndClaimsComeFromTheRegister) {
  const PartyRegister reg = Register();
  PartyHeaders suwi = From(kB);
  suwi.suwi = "true";
  EXPECT_TRUE(reg.Authorize(kA, kB, suwi, Access::kAsk)->legal_basis);
  EXPECT_EQ(reg.Authorize(kA, kB, From(kB), Access::kLoad).status().code(),
            absl::StatusCode::kPermissionDenied);  // B may ask, not load
  PartyHeaders claim = From(kA);
  claim.suwi = "true";
  EXPECT_THAT(reg.Authorize(kA, kA, claim, Access::kLoad).status().message(),
              HasSubstr("SUWIParty"));
  PartyHeaders odd = From(kB);
  odd.suwi = "yes";
  EXPECT_EQ(reg.Authorize(kA, kB, odd, Access::kAsk).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reg.Authorize(kA, kB, From(kB, kB), Access::kAsk).status().code(),
            absl::StatusCode::kPermissionDenied);  // for another node
  EXPECT_EQ(
      reg.Authorize(kA, kB, {std::nullopt, kA, {}, {}}, Access::kAsk).status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(PartyRegisterTest, NoMessageRepeatsAHeaderValue) {
  const PartyRegister reg = Register();
  const std::string odd = "9999999999999999999X";
  for (const PartyHeaders& h :
       {From(odd), From(kB, odd), PartyHeaders{kB, kA, odd, std::nullopt},
        PartyHeaders{kB, kA, std::nullopt, odd}}) {
    absl::StatusOr<Caller> r = reg.Authorize(kA, kB, h, Access::kAsk);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().message(), Not(HasSubstr(odd)));
  }
}

}  // namespace
TEST(ParseListenAddressTest, HostAndPortIPv6InBrackets) {
  std::string host = "unchanged";
  int port = -7;
  EXPECT_TRUE(ParseListenAddress("[::1]:8443", &host, &port));
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 8443);
  EXPECT_TRUE(ParseListenAddress("127.0.0.1:0", &host, &port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 0);
  for (const char* bad :
       {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "host:-1", "h:x"}) {
    EXPECT_FALSE(ParseListenAddress(bad, &host, &port)) << bad;
  }
  EXPECT_EQ(host, "127.0.0.1");
}

}  // namespace vum::node
