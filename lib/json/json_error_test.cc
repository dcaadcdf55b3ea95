#include "lib/json/json_error.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum::json_internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(PositionTest, CountsLinesAndCodePoints) {
  EXPECT_EQ(PositionOf("abc", 0).column, 1);
  EXPECT_EQ(PositionOf("abc", 2).column, 3);
  const TextPosition pos = PositionOf("{\n  \"é\": x", 8);  // é is two bytes
  EXPECT_EQ(pos.line, 2);
  EXPECT_EQ(pos.column, 6);
}

TEST(CouldBeANameTest, OnlyLettersDigitsAndUnderscores) {
  EXPECT_TRUE(CouldBeAName("bemiddelingspostcode"));
  EXPECT_TRUE(CouldBeAName("_x1"));
  EXPECT_FALSE(CouldBeAName("jan@example.nl"));
  EXPECT_FALSE(CouldBeAName("Jan Jansen"));
  EXPECT_FALSE(CouldBeAName("1abc"));
  EXPECT_FALSE(CouldBeAName(std::string(65, 'k')));
}

TEST(QuoteNameTest, EscapesAndShortens) {
  EXPECT_EQ(QuoteName("a\"b\x01"), "\"a\\\"b\\x01\"");
  EXPECT_EQ(QuoteName(std::string(70, 'k')), "\"" + std::string(64, 'k') + "...\"");
}

struct SyntaxCase {
  const char* name;
  std::string json;
  const char* message;
};

class DescribeSyntaxErrorTest : public ::testing::TestWithParam<SyntaxCase> {};

// The place comes from simdjson's reader, the reason from its typed error
// code; neither from the text of an error message, and no value is repeated.
TEST_P(DescribeSyntaxErrorTest, NamesWhereAndWhy) {
  const std::string message = DescribeSyntaxError(GetParam().json);
  EXPECT_EQ(message, GetParam().message);
  EXPECT_THAT(message, Not(HasSubstr("GEHEIM")));
}

INSTANTIATE_TEST_SUITE_P(
    Documents, DescribeSyntaxErrorTest,
    ::testing::Values(
        SyntaxCase{"Empty", "", "malformed JSON: the document is empty"},
        SyntaxCase{"Truncated", "{\n  \"a\": \"GEHEIM",
                   "malformed JSON at line 2, column 15: a string is not closed"},
        SyntaxCase{"OpenArray", "{\"a\": [1,\n 2",
                   "malformed JSON at line 2, column 2: an invalid number"},
        SyntaxCase{"TrailingText", R"({"a": "b"} GEHEIM)",
                   "malformed JSON at line 1, column 12: more text after the end of the "
                   "document"},
        SyntaxCase{
            "SingleQuotes", R"({"a": 'GEHEIM'})",
            "malformed JSON at line 1, column 7: a comma, colon, quote, bracket or "
            "brace is missing or out of place"},
        SyntaxCase{"DoubleComma", R"({"a": [1,, 2]})",
                   "malformed JSON at line 1, column 10: a comma, colon, quote, bracket "
                   "or brace is missing or out of place"},
        SyntaxCase{
            "BadWord", R"({"a": tru})",
            "malformed JSON at line 1, column 7: a word that is not true, false or "
            "null"},
        SyntaxCase{
            "BadEscape", R"({"a": "GEHEIM\u00"})",
            "malformed JSON at line 1, column 19: a string holds an invalid escape"},
        SyntaxCase{"InvalidUtf8", "{\"a\": \"GEHEIM\xff\xfe\"}",
                   "malformed JSON: invalid UTF-8"},
        SyntaxCase{"RawTab", "{\"a\": \"GE\tHEIM\"}",
                   "malformed JSON: a control character in a string is not escaped"}),
    [](const ::testing::TestParamInfo<SyntaxCase>& info) { return info.param.name; });

}  // namespace
}  // namespace vum::json_internal
