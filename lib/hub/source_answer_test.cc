// What the exchange facility accepts from a source, and what it refuses
// whole: anything the koppelvlak 3.0 first round does not allow.

#include "lib/hub/source_answer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum::hub {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr auto kProfiles = v1::SOORT_SELECTIE_WERKZOEKENDEN;

TEST(SourceAnswerTest, AFirstRoundAnswerIsReadWithItsIdsTakenOut) {
  absl::StatusOr<SourceAnswer> a = ReadSourceAnswer(
      R"({"maximumAantalResultatenBereikt":true,"matches":[)"
      R"({"idWerkzoekende":"wz-1","mobiliteit":{"bemiddelingspostcode":"3511AA"}},)"
      R"({"idWerkzoekende":"wz-2","mobiliteit":{"bemiddelingspostcode":"1011AB"},)"
      R"("contractvorm":[]}]})",
      kProfiles, 100);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_TRUE(a->capped);
  ASSERT_EQ(a->matches.size(), 2u);
  EXPECT_EQ(a->matches[0].source_id, "wz-1");
  EXPECT_EQ(a->matches[0].json_without_id,
            R"({"mobiliteit":{"bemiddelingspostcode":"3511AA"}})");
  EXPECT_EQ(a->matches[1].source_id, "wz-2");
  EXPECT_THAT(a->matches[1].json_without_id, Not(HasSubstr("wz-2")));
}

TEST(SourceAnswerTest, AnAnswerThatBreaksTheContractIsRefusedWhole) {
  const std::string ok_match =
      R"({"idWerkzoekende":"wz-1","mobiliteit":{"bemiddelingspostcode":"3511AA"}})";
  for (const auto& [body, why] : std::vector<std::pair<std::string, std::string>>{
           {"not json", "not a JSON object"},
           {R"({"matches":[]})", "missing"},
           {R"({"maximumAantalResultatenBereikt":"ja","matches":[]})", "not a boolean"},
           {R"({"maximumAantalResultatenBereikt":false,"matches":[],"extra":1})",
            "does not describe"},
           // Over-sharing: the free presentation is a detail element.
           {R"({"maximumAantalResultatenBereikt":false,"matches":[)" + ok_match +
                R"(,{"idWerkzoekende":"wz-2","persoonlijkePresentatie":"Ik ben Jan",)"
                R"("mobiliteit":{"bemiddelingspostcode":"3511AA"}}]})",
            "matches[1] carries an element the first round leaves out"},
           {R"({"maximumAantalResultatenBereikt":false,"matches":[{"mobiliteit":)"
            R"({"bemiddelingspostcode":"3511AA"}}]})",
            "matches[0] has no id"},
           {R"({"maximumAantalResultatenBereikt":false,"matches":[{"idWerkzoekende":)"
            R"("wz 1","mobiliteit":{"bemiddelingspostcode":"3511AA"}}]})",
            "no id that is a SafeIDString"},
           {R"({"maximumAantalResultatenBereikt":false,"matches":[{"idWerkzoekende":)"
            R"("wz-1","geheim":"Jan"}]})",
            "matches[0]"},
           {R"({"maximumAantalResultatenBereikt":false,"matches":[)" + ok_match + "," +
                ok_match + "," + ok_match + "]}",
            "more than 2 matches"}}) {
    absl::StatusOr<SourceAnswer> a = ReadSourceAnswer(body, kProfiles, 2);
    EXPECT_EQ(a.status().code(), absl::StatusCode::kInvalidArgument) << body;
    EXPECT_THAT(std::string(a.status().message()), HasSubstr(why)) << body;
    // Never a value of the answer.
    EXPECT_THAT(std::string(a.status().message()), Not(HasSubstr("Jan")));
  }
}

TEST(SourceAnswerTest, ADetailMustBeTheRecordAskedFor) {
  const std::string detail =
      R"({"idWerkzoekende":"wz-1","persoonlijkePresentatie":"Ik ben Jan",)"
      R"("mobiliteit":{"bemiddelingspostcode":"3511AA"}})";
  absl::StatusOr<std::string> d = ReadSourceDetail(detail, kProfiles, "wz-1");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_THAT(*d, HasSubstr("persoonlijkePresentatie"));
  EXPECT_FALSE(ReadSourceDetail(detail, kProfiles, "wz-2").ok());
  EXPECT_FALSE(ReadSourceDetail(R"({"idVacature":"v-1"})", kProfiles, "v-1").ok());
  EXPECT_TRUE(
      ReadSourceDetail(R"({"idVacature":"v-1"})", v1::SOORT_SELECTIE_VACATURES, "v-1")
          .ok());
}

}  // namespace
}  // namespace vum::hub
