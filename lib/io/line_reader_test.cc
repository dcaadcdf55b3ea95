#include "lib/io/line_reader.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/limits.h"

namespace vum {
namespace {

TEST(LineReaderTest, LinesOverTheLimitAreSkippedWholeAndNumbered) {
  // The same lines whatever pieces the stream is read in: a line, its CR or
  // its newline split between two pieces, or a piece holding several lines.
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{256} << 10}) {
    SCOPED_TRACE(chunk);
    std::istringstream in("one\r\n\n   \n" + std::string(100, 'x') + "\ntwo\nlast");
    io_internal::LineReader lines(&in, 10, chunk);
    std::string line;
    bool too_long = false;
    ASSERT_TRUE(lines.Next(&line, &too_long));
    EXPECT_EQ(line, "one");
    EXPECT_FALSE(too_long);
    ASSERT_TRUE(lines.Next(&line, &too_long));  // blank lines are passed over
    EXPECT_TRUE(too_long);
    EXPECT_EQ(line, std::string(10, 'x'));  // only the start is held
    EXPECT_EQ(lines.line_number(), 4u);
    ASSERT_TRUE(lines.Next(&line, &too_long));
    EXPECT_EQ(line, "two");
    EXPECT_FALSE(too_long);
    ASSERT_TRUE(lines.Next(&line, &too_long));
    EXPECT_EQ(line, "last");
    EXPECT_EQ(lines.line_number(), 6u);
    EXPECT_FALSE(lines.Next(&line, &too_long));
    EXPECT_FALSE(lines.failed());
  }
}

TEST(LineReaderTest, ALineOfExactlyTheLimitIsWhole) {
  std::istringstream in(std::string(10, 'a') + "\n" + std::string(11, 'b') + "\r\n");
  io_internal::LineReader lines(&in, 10, 4);
  std::string line;
  bool too_long = true;
  ASSERT_TRUE(lines.Next(&line, &too_long));
  EXPECT_FALSE(too_long);
  EXPECT_EQ(line, std::string(10, 'a'));
  ASSERT_TRUE(lines.Next(&line, &too_long));
  EXPECT_TRUE(too_long);
  EXPECT_EQ(line, std::string(10, 'b'));
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
