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
  // `in` is not owned and must outlive the reader, which reads it in pieces
  // of `chunk_bytes` (a test may make them tiny): what it has read ahead of
  // the current line is not left in `in`.
  LineReader(std::istream* in, size_t max_line_bytes, size_t chunk_bytes = 256 << 10)
      : in_(in), max_(max_line_bytes), chunk_bytes_(chunk_bytes > 0 ? chunk_bytes : 1) {}

  // The next line that is not blank (spaces, tabs, a final CR), without its
  // newline and final CR; false at the end of the stream. `*too_long` is set
  // when the line was longer than the limit: `line` then holds its first
  // bytes only. `line_number()` is the number of the line returned.
  bool Next(std::string* line, bool* too_long);

  [[nodiscard]] uint64_t line_number() const { return line_number_; }
  // Whether reading stopped on an error of the stream rather than its end.
  [[nodiscard]] bool failed() const { return in_->bad(); }

 private:
  // Reads the next piece of `in_` into `chunk_`; false at its end.
  bool Fill();

  std::istream* in_;
  size_t max_;
  size_t chunk_bytes_;
  std::string chunk_;  // read from `in_`, not yet returned from `next_` on
  size_t next_ = 0;
  uint64_t line_number_ = 0;
};

// Reads `in` into `out` in pieces, up to `limit` bytes; false (with `out`
// holding at most `limit` bytes) when the stream holds more, so that an
// endless input (a pipe, /dev/zero) stops at the limit.
[[nodiscard]] bool ReadAtMost(std::istream& in, size_t limit, std::string* out);

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_LINE_READER_H_
