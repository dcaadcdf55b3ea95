#include "lib/io/line_reader.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/limits.h"

namespace vum {
namespace {

TEST(LineReaderTest, LinesOverTheLimitAreSkippedWholeAndNumbered) {
  std::istringstream in("one\r\n\n   \n" + std::string(100, 'x') + "\ntwo\nlast");
  io_internal::LineReader lines(&in, 10);
  std::string line;
  bool too_long = false;
  ASSERT_TRUE(lines.Next(&line, &too_long));
  EXPECT_EQ(line, "one");
  EXPECT_FALSE(too_long);
  ASSERT_TRUE(lines.Next(&line, &too_long));  // blank lines are passed over
  EXPECT_TRUE(too_long);
  EXPECT_EQ(line.size(), 10u);  // only the start is held
  EXPECT_EQ(lines.line_number(), 4u);
  ASSERT_TRUE(lines.Next(&line, &too_long));
  EXPECT_EQ(line, "two");
  EXPECT_FALSE(too_long);
  ASSERT_TRUE(lines.Next(&line, &too_long));
  EXPECT_EQ(line, "last");
  EXPECT_FALSE(lines.Next(&line, &too_long));
}

TEST(JsonShapeTest, DepthAndListLengthAreCheckedOutsideStrings) {
  InputLimits limits;
  limits.max_depth = 3;
  limits.max_list_items = 4;
  EXPECT_TRUE(CheckJsonShape(R"({"a":[[1,2,3,4]]})", limits).ok());
  EXPECT_TRUE(
      CheckJsonShape(R"({"a":"[[[[,,,,,,]]]]"})", limits).ok());  // inside a string
  EXPECT_TRUE(CheckJsonShape(R"({"a":"\"[[[["})", limits).ok());  // escaped quote
  absl::Status deep = CheckJsonShape(R"({"a":[[{}]]})", limits);
  EXPECT_EQ(deep.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(deep.message(), ::testing::HasSubstr("limit of 3 levels"));
  absl::Status wide = CheckJsonShape(R"({"a":[1,2,3,4,5]})", limits);
  EXPECT_EQ(wide.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(wide.message(), ::testing::HasSubstr("limit of 4"));
  // Not JSON: the reader that follows says where and why.
  EXPECT_TRUE(CheckJsonShape(R"({"a": [1,)", limits).ok());
  // An object's members are not a list.
  EXPECT_TRUE(CheckJsonShape(R"({"a":1,"b":2,"c":3,"d":4,"e":5})", limits).ok());
}

}  // namespace
}  // namespace vum
