// Internal: bounded reading of streams, whatever they hold. LineReader gives
// the lines of a stream, each held only up to a limit: a longer line is
// reported as too long and skipped to its end without being held, so a
// stream without newlines never fills memory. ReadAtMost reads a whole
// stream up to a limit.
//
// Thread safety: one reader per thread.

#ifndef VUM_LIB_IO_LINE_READER_H_
#define VUM_LIB_IO_LINE_READER_H_

#include <cstdint>
#include <istream>
#include <string>

namespace vum::io_internal {

class LineReader {
 public:
  // `in` is not owned and must outlive the reader.
  LineReader(std::istream* in, size_t max_line_bytes) : in_(in), max_(max_line_bytes) {}

  // The next line that is not blank (spaces, tabs, a final CR), without its
  // newline and final CR; false at the end of the stream. `*too_long` is set
  // when the line was longer than the limit: `line` then holds its first
  // bytes only. `line_number()` is the number of the line returned.
  bool Next(std::string* line, bool* too_long);

  [[nodiscard]] uint64_t line_number() const { return line_number_; }
  // Whether reading stopped on an error of the stream rather than its end.
  [[nodiscard]] bool failed() const { return in_->bad(); }

 private:
  std::istream* in_;
  size_t max_;
  uint64_t line_number_ = 0;
};

// Reads `in` into `out` in pieces, up to `limit` bytes; false (with `out`
// holding at most `limit` bytes) when the stream holds more, so that an
// endless input (a pipe, /dev/zero) stops at the limit.
[[nodiscard]] bool ReadAtMost(std::istream& in, size_t limit, std::string* out);

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_LINE_READER_H_
