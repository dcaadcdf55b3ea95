#include "lib/io/line_reader.h"

#include <random>
#include <sstream>
#include <string>
#include <vector>

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

struct GivenLine {
  std::string text;
  uint64_t number;
  bool too_long;
  bool operator==(const GivenLine& o) const {
    return text == o.text && number == o.number && too_long == o.too_long;
  }
};

// Random lines: empty, blank, with a CR, at the limit of 10 bytes and past
// it, the last with or without its newline.
std::string RandomLines(std::mt19937* rng) {
  static const char* kPieces[] = {
      "",     " \t",        "\r",          "a",         "bc",
      "defg", "0123456789", "0123456789x", "{\"k\":1}", "aaaaaaaaaaaaaaaaaaaaaaaaa"};
  std::string text;
  const int n = std::uniform_int_distribution<int>(0, 40)(*rng);
  for (int i = 0; i < n; ++i) {
    const int parts = std::uniform_int_distribution<int>(0, 3)(*rng);
    for (int p = 0; p < parts; ++p)
      text += kPieces[std::uniform_int_distribution<int>(0, 9)(*rng)];
    if (i + 1 < n || (*rng)() % 2 == 0) text += '\n';
  }
  return text;
}

std::vector<GivenLine> ByNext(const std::string& text, size_t chunk) {
  std::istringstream in(text);
  io_internal::LineReader lines(&in, 10, chunk);
  std::vector<GivenLine> out;
  std::string line;
  bool too_long = false;
  while (lines.Next(&line, &too_long))
    out.push_back({line, lines.line_number(), too_long});
  return out;
}

TEST(LineReaderTest, BlocksHoldTheLinesNextGivesEachFollowedByPadding) {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const std::string text = RandomLines(&rng);
    const size_t chunk = std::uniform_int_distribution<size_t>(1, 40)(rng);
    const size_t max_lines = std::uniform_int_distribution<size_t>(1, 5)(rng);
    const size_t target = std::uniform_int_distribution<size_t>(1, 60)(rng);
    SCOPED_TRACE(::testing::Message() << "round " << round << ", chunk " << chunk);
    std::istringstream in(text);
    io_internal::LineReader lines(&in, 10, chunk);
    io_internal::LineBlock block;
    std::vector<GivenLine> got;
    std::string line;
    bool too_long = false;
    for (int call = 0;; ++call) {
      if (call % 3 == 2) {  // Next and NextBlock mixed
        if (!lines.Next(&line, &too_long)) break;
        got.push_back({line, lines.line_number(), too_long});
        continue;
      }
      if (!lines.NextBlock(max_lines, target, &block)) {
        EXPECT_TRUE(block.lines().empty());
        break;
      }
      ASSERT_FALSE(block.lines().empty());
      ASSERT_LE(block.lines().size(), max_lines);
      for (const io_internal::LineBlock::Line& l : block.lines()) {
        EXPECT_LE(l.begin + l.size + io_internal::LineReader::kPaddingBytes,
                  block.capacity());
        got.push_back({std::string(block.text(l)), l.number, l.too_long});
      }
    }
    EXPECT_FALSE(lines.NextBlock(max_lines, target, &block));  // the end stays the end
    EXPECT_FALSE(lines.failed());
    ASSERT_EQ(got, ByNext(text, chunk));
  }
}

TEST(LineReaderTest, ABlockEndsAfterTheLineThatReachesItsTarget) {
  std::istringstream in("aaaa\nbbbb\ncccc\ndddd\n");
  io_internal::LineReader lines(&in, 100, 3);
  io_internal::LineBlock block;
  ASSERT_TRUE(lines.NextBlock(10, /*target_bytes=*/6, &block));  // "aaaa\n" is 5
  ASSERT_EQ(block.lines().size(), 2u);
  EXPECT_EQ(block.text(block.lines()[1]), "bbbb");
  ASSERT_TRUE(lines.NextBlock(/*max_lines=*/1, 1000, &block));
  ASSERT_EQ(block.lines().size(), 1u);
  EXPECT_EQ(block.text(block.lines()[0]), "cccc");
  EXPECT_EQ(block.lines()[0].number, 3u);
  ASSERT_TRUE(lines.NextBlock(10, 1000, &block));
  ASSERT_EQ(block.lines().size(), 1u);
  EXPECT_EQ(block.text(block.lines()[0]), "dddd");
  EXPECT_FALSE(lines.NextBlock(10, 1000, &block));
}

// What is read past a block's last line is copied into the next block, so
// near the end of a block only about what its remaining lines need is read:
// 50 lines of 70 bytes in reads of at most 1,000 leave at most two lines'
// bytes read ahead (reading 1,000 at a time would leave 500).
TEST(LineReaderTest, ABlockReadsLittlePastItsLastLine) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += std::string(69, 'x') + "\n";
  std::istringstream in(text);
  io_internal::LineReader lines(&in, 100, 1000);
  io_internal::LineBlock block;
  ASSERT_TRUE(lines.NextBlock(50, size_t{1} << 20, &block));
  ASSERT_EQ(block.lines().size(), 50u);
  EXPECT_LE(static_cast<size_t>(in.tellg()), 50u * 70 + 2 * 70);
  ASSERT_TRUE(lines.NextBlock(50, size_t{1} << 20, &block));
  EXPECT_EQ(block.lines().size(), 10u);
  EXPECT_EQ(block.lines().back().number, 60u);
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
