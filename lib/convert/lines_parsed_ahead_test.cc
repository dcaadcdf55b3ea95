#include "lib/convert/lines_parsed_ahead.h"

#include <atomic>
#include <chrono>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace vum::convert_internal {
namespace {

// A parse that writes the line back with the thread that parsed it.
LinesParsedAhead::Parse Echo(std::atomic<int>* made) {
  ++*made;
  return [](const LineRead& line, std::string* out, RecordPlace* place) {
    place->where = absl::StrCat("line ", line.number);
    if (line.too_long) {
      out->clear();
      place->fault = RecordFault::kTooLarge;
      return;
    }
    *out = std::string(line.text);
  };
}

// Lines "l1", "l2", ... with a blank line after every fifth; with `pad`,
// each line that many spaces longer (LineReader keeps them).
std::string Lines(int n, size_t pad = 0) {
  std::string text;
  for (int i = 1; i <= n; ++i) {
    absl::StrAppend(&text, "l", i, std::string(pad, ' '), i % 5 == 0 ? "\n\n" : "\n");
  }
  return text;
}

TEST(LinesParsedAheadTest, GivesEveryLineInOrderWhateverItsLength) {
  const size_t chunk = LinesParsedAhead::kLinesPerChunk;
  for (size_t n : {size_t{0}, size_t{1}, chunk - 1, chunk, chunk + 1, 7 * chunk + 3}) {
    for (int threads : {1, 2, 4}) {
      SCOPED_TRACE(absl::StrCat(n, " lines, ", threads, " threads"));
      std::istringstream in(Lines(static_cast<int>(n)));
      io_internal::LineReader lines(&in, 1 << 20, /*chunk_bytes=*/7);
      std::atomic<int> made = 0;
      std::vector<std::string> got;
      {
        LinesParsedAhead ahead(&lines, threads, [&] { return Echo(&made); });
        std::string out;
        RecordPlace place;
        while (ahead.Next(&out, &place)) {
          ASSERT_EQ(out, absl::StrCat("l", got.size() + 1));
          ASSERT_EQ(place.fault, RecordFault::kNone);
          got.push_back(place.where);
        }
        EXPECT_FALSE(ahead.Next(&out, &place));  // the end stays the end
      }
      ASSERT_EQ(got.size(), n);
      // Line numbers count the blank lines skipped after every fifth.
      for (size_t i = 0; i < n; ++i)
        EXPECT_EQ(got[i], absl::StrCat("line ", i + 1 + i / 5));
      EXPECT_EQ(made.load(), threads);  // one parse function per thread
    }
  }
}

// Long lines end a chunk by its bytes before its count of lines: lines of a
// third of kChunkBytes make chunks of three, and one thread parses at most
// kChunksAheadPerThread chunks (six lines) before the caller takes one;
// counted by chunks of 256 lines it would parse all 40. Then every line is
// given, in order.
TEST(LinesParsedAheadTest, LongLinesEndAChunkByItsBytes) {
  const size_t pad = LinesParsedAhead::kChunkBytes / 3;
  std::istringstream in(Lines(40, pad));
  io_internal::LineReader lines(&in, 4 * pad);
  std::atomic<int> parsed = 0;
  LinesParsedAhead ahead(&lines, 1, [&] {
    return LinesParsedAhead::Parse(
        [&](const LineRead& line, std::string* out, RecordPlace* place) {
          ++parsed;
          place->where = absl::StrCat("line ", line.number);
          *out = std::string(line.text);
        });
  });
  const size_t most = 3 * LinesParsedAhead::kChunksAheadPerThread;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (parsed < static_cast<int>(most) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // room to go further
  EXPECT_EQ(parsed.load(), static_cast<int>(most));
  std::string out;
  RecordPlace place;
  int n = 0;
  while (ahead.Next(&out, &place)) {
    ASSERT_EQ(out, absl::StrCat("l", ++n, std::string(pad, ' ')));
    ASSERT_EQ(place.fault, RecordFault::kNone);
  }
  EXPECT_EQ(n, 40);
}

TEST(LinesParsedAheadTest, ATooLongLineIsGivenWithItsFaultInItsPlace) {
  std::istringstream in("a\n" + std::string(100, 'x') + "\nb\n");
  io_internal::LineReader lines(&in, 10);
  std::atomic<int> made = 0;
  LinesParsedAhead ahead(&lines, 2, [&] { return Echo(&made); });
  std::string out;
  RecordPlace place;
  std::vector<std::string> got;
  while (ahead.Next(&out, &place)) {
    got.push_back(
        absl::StrCat(place.where, place.fault == RecordFault::kNone ? " " : " !", out));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"line 1 a", "line 2 !", "line 3 b"}));
}

// A caller that stops early destroys the object while its threads wait for
// room or are parsing: it must stop them, not hang.
TEST(LinesParsedAheadTest, StoppingBeforeTheEndEndsItsThreads) {
  for (int taken : {0, 1, 300, 1000}) {
    std::istringstream in(Lines(5000));
    io_internal::LineReader lines(&in, 1 << 20);
    std::atomic<int> made = 0;
    LinesParsedAhead ahead(&lines, 3, [&] { return Echo(&made); });
    std::string out;
    RecordPlace place;
    for (int i = 0; i < taken; ++i) ASSERT_TRUE(ahead.Next(&out, &place));
  }
}

// A parse that throws std::bad_alloc at one line (as a parser out of memory
// would) no longer ends the process: the lines before the failing chunk come
// in order, then the end, and status() says why; every thread stops.
TEST(LinesParsedAheadTest, AnExceptionInAThreadStopsReadingWithAStatus) {
  const size_t chunk = LinesParsedAhead::kLinesPerChunk;
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(absl::StrCat(threads, " threads"));
    const int lines_in = static_cast<int>(8 * chunk);
    std::istringstream in(Lines(lines_in));
    io_internal::LineReader lines(&in, 1 << 20);
    const std::string failing = absl::StrCat("l", 3 * chunk + 10);
    std::vector<std::string> got;
    LinesParsedAhead ahead(&lines, threads, [&] {
      return [failing](const LineRead& line, std::string* out, RecordPlace*) {
        if (line.text == failing) throw std::bad_alloc();
        *out = std::string(line.text);
      };
    });
    std::string out;
    RecordPlace place;
    while (ahead.Next(&out, &place)) {
      ASSERT_EQ(out, absl::StrCat("l", got.size() + 1));
      got.push_back(out);
    }
    EXPECT_LE(got.size(), 3 * chunk) << "nothing of the failing chunk or after it";
    EXPECT_EQ(ahead.status().code(), absl::StatusCode::kResourceExhausted);
    EXPECT_FALSE(ahead.Next(&out, &place)) << "a failure stays a failure";
  }
}

// A thread whose parse cannot be made (make_parse throws) fails the same way,
// also when every thread's does: Next does not wait for a line that no one
// parses.
TEST(LinesParsedAheadTest, AParseThatCannotBeMadeFailsWithAStatus) {
  std::istringstream in(Lines(100));
  io_internal::LineReader lines(&in, 1 << 20);
  LinesParsedAhead ahead(&lines, 2, []() -> LinesParsedAhead::Parse {
    throw std::runtime_error("no parser");
  });
  std::string out;
  RecordPlace place;
  EXPECT_FALSE(ahead.Next(&out, &place));
  EXPECT_EQ(ahead.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(ahead.status().message().find("no parser"), std::string::npos)
      << "the exception's text may hold anything; it is not passed on";
}

}  // namespace
}  // namespace vum::convert_internal
