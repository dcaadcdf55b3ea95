#include "lib/codelist/csv.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum::csv_internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CsvTest, SpreadsheetSafeValuesNeverStartAFormulaAndRoundTrip) {
  for (const char* value :
       {"=SUM(A1:A9)", "+31612345678", "-5", "@cmd", "\t=1", "\r=1", "'=x", "''+x",
        "'s-Hertogenbosch", "'t Hoekje", "gewoon", "", "'", "5-3"}) {
    const std::string safe = SpreadsheetSafe(value);
    const size_t first = safe.find_first_not_of('\'');
    EXPECT_TRUE(first == std::string::npos || safe[0] == '\'' ||
                std::string("=+-@\t\r").find(safe[first]) == std::string::npos)
        << value;
    EXPECT_EQ(FromSpreadsheetSafe(safe), value);
  }
  EXPECT_EQ(SpreadsheetSafe("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(SpreadsheetSafe("'s-Hertogenbosch"), "'s-Hertogenbosch");
  EXPECT_EQ(SpreadsheetSafe("'=x"), "''=x");
}

TEST(CsvTest, PlainRowsWithAndWithoutFinalNewline) {
  auto rows = ParseCsv("a,b\nc,d");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a", "b"), ElementsAre("c", "d")));
  rows = ParseCsv("a,b\r\nc,d\r\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a", "b"), ElementsAre("c", "d")));
}

TEST(CsvTest, QuotedFieldsHoldDelimitersQuotesAndNewlines) {
  auto rows = ParseCsv("\xEF\xBB\xBF\"a,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a,1", "say \"hi\"", "two\nlines")));
}

TEST(CsvTest, EmptyFieldsAndOtherDelimiters) {
  auto rows = ParseCsv(";x;\n", ';');
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("", "x", "")));
}

TEST(CsvTest, MalformedQuotingIsAnErrorWithItsLine) {
  EXPECT_THAT(std::string(ParseCsv("a\n\"open").status().message()),
              HasSubstr("line 2: a quoted field is not closed"));
  EXPECT_THAT(std::string(ParseCsv("\"a\"b,c").status().message()),
              HasSubstr("line 1: text after a closing quote"));
}

}  // namespace
}  // namespace vum::csv_internal
