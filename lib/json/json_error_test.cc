#include "lib/json/json_error.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/v1/job_seeker.pb.h"

namespace vum::json_internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const google::protobuf::Descriptor& Profile() { return *v1::Werkzoekende::descriptor(); }

TEST(JsonPathTest, TranslatesProtoNamesToJsonNames) {
  EXPECT_EQ(JsonPath("arbeidsmarktkwalificatie.opleiding[2].datum_diploma", Profile()),
            "arbeidsmarktkwalificatie.opleiding[2].datumDiploma");
  EXPECT_EQ(JsonPath("id_werkzoekende", Profile()), "idWerkzoekende");
  EXPECT_EQ(JsonPath("", Profile()), "");
}

TEST(JsonPathTest, KeepsSegmentsThatNameNoField) {
  EXPECT_EQ(JsonPath("mobiliteit.no_such_field.x", Profile()),
            "mobiliteit.no_such_field.x");
}

TEST(PositionTest, CountsLinesAndCodePoints) {
  EXPECT_EQ(PositionOf("abc", 0).column, 1);
  EXPECT_EQ(PositionOf("abc", 2).column, 3);
  const TextPosition pos = PositionOf("{\n  \"é\": x", 8);  // é is two bytes
  EXPECT_EQ(pos.line, 2);
  EXPECT_EQ(pos.column, 6);
}

// Only a key that could be a name of the schema is repeated; any other may
// carry a value and is placed by line and column.
TEST(SafeParseErrorTest, AnUnknownPropertyIsNamedOnlyWhenItCouldBeAName) {
  EXPECT_EQ(SafeParseError("(mobiliteit) straal: Cannot find field.", "", Profile()),
            "unknown property \"mobiliteit.straal\"");
  const std::string doc = "{\"idWerkzoekende\":\"a\",\n \"jan@example.nl\":1}";
  EXPECT_EQ(SafeParseError("jan@example.nl: Cannot find field.", doc, Profile()),
            "unknown property at line 2, column 2");
  const std::string key(200, 'k');
  const std::string message =
      SafeParseError("(mobiliteit) " + key + ": Cannot find field.", "", Profile());
  EXPECT_EQ(message, "unknown property in \"mobiliteit\"");
  EXPECT_EQ(SafeParseError("a\"b\x01: Cannot find field.", "", Profile()),
            "unknown property (a key that is not a name)");
  EXPECT_EQ(
      SafeParseError("Jan Jansen woont in Utrecht: Cannot find field.", "", Profile()),
      "unknown property (a key that is not a name)");
}

TEST(SafeParseErrorTest, UnrecognisedProtobufMessagesAreNotRepeated) {
  EXPECT_EQ(SafeParseError("something new with GEHEIM in it", "", Profile()),
            "not a valid VUM JSON document");
  EXPECT_THAT(SafeParseError("(mobiliteit): something new GEHEIM", "", Profile()),
              Not(HasSubstr("GEHEIM")));
}

}  // namespace
}  // namespace vum::json_internal
