#include "vum/first_round.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/files.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

template <typename M>
M ReadRecord(const std::string& name) {
  M record;
  const absl::Status s = ParseJson(
      testing::ReadFileOrDie(std::string(VUM_SOURCE_DIR) + "/lib/json/testdata/" + name),
      &record);
  EXPECT_TRUE(s.ok()) << s;
  return record;
}

std::set<std::string> TopLevel(const google::protobuf::Message& m) {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);
  std::set<std::string> names;
  for (const auto* f : fields) names.insert(f->json_name());
  return names;
}

// The koppelvlak 3.0's first-round match of a job seeker carries these
// elements of the detail and no others.
TEST(FirstRoundTest, AProfilesMatchIsTheContractsFirstRound) {
  const auto profile = ReadRecord<v1::Werkzoekende>("werkzoekende-alle-elementen.json");
  v1::Werkzoekende match = profile;
  EXPECT_EQ(KeepFirstRound(&match), 7);
  EXPECT_EQ(TopLevel(match),
            (std::set<std::string>{
                "idWerkzoekende", "indicatieBeschikbaarheidContactgegevens", "mobiliteit",
                "flexibiliteit", "werktijden", "contractvorm", "sector", "vervoermiddel",
                "bemiddelingsberoep", "arbeidsmarktkwalificatie"}));
  // What it carries, it carries as the source holds it: the full postcode,
  // exact dates, names and explanations in the qualifications.
  EXPECT_EQ(match.mobiliteit().SerializeAsString(),
            profile.mobiliteit().SerializeAsString());
  EXPECT_EQ(match.arbeidsmarktkwalificatie().SerializeAsString(),
            profile.arbeidsmarktkwalificatie().SerializeAsString());
}

TEST(FirstRoundTest, AVacancysMatchLeavesOutItsNumberAndContactPersons) {
  const auto vacancy = ReadRecord<v1::Vacature>("vacature-alle-elementen.json");
  ASSERT_GT(vacancy.werkgever().contactpersoon_size(), 0);
  v1::Vacature match = vacancy;
  EXPECT_EQ(KeepFirstRound(&match), 2);
  std::set<std::string> expected = TopLevel(vacancy);
  expected.erase("nummerVacature");
  EXPECT_EQ(TopLevel(match), expected);
  EXPECT_EQ(match.werkgever().contactpersoon_size(), 0);
  EXPECT_EQ(TopLevel(match.werkgever()),
            (std::set<std::string>{"handelsnaamOrganisatie", "webadres", "sector"}));
  EXPECT_TRUE(match.adres().has_postcode());
}

TEST(FirstRoundTest, TheBronAnswerHasTheContractsShapeAndNoContactData) {
  auto profile = ReadRecord<v1::Werkzoekende>("werkzoekende-alle-elementen.json");
  const std::string email = profile.emailadres(0);
  KeepFirstRound(&profile);
  v1::Werkzoekende bare;
  bare.set_id_werkzoekende("b-2");
  bare.mutable_mobiliteit()->set_bemiddelingspostcode("5611AB");
  const std::string answer = BronAnswerJson({&profile, &bare}, true);
  EXPECT_THAT(
      answer,
      ::testing::StartsWith(
          R"({"maximumAantalResultatenBereikt":true,"matches":[{"idWerkzoekende":)"));
  EXPECT_THAT(
      answer,
      HasSubstr(
          R"({"idWerkzoekende":"b-2","mobiliteit":{"bemiddelingspostcode":"5611AB"}}]})"));
  EXPECT_THAT(answer, Not(HasSubstr(email)));
  EXPECT_EQ(BronAnswerJson({}, false),
            R"({"maximumAantalResultatenBereikt":false,"matches":[]})");
}

}  // namespace
}  // namespace vum
