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
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vum::io_internal {

// Whole lines read into one buffer by LineReader::NextBlock, each followed by
// at least LineReader::kPaddingBytes readable bytes (the next lines', or room
// kept free), so that a parser that reads a little past a document's end
// (simdjson) can read each line where it lies. Reused between calls, it keeps
// its buffer.
class LineBlock {
 public:
  struct Line {
    size_t begin = 0;  // in the block's buffer
    size_t size = 0;
    uint64_t number = 0;    // the line's number in the stream
    bool too_long = false;  // then `size` covers the line's first bytes only
  };

  // The lines, in the stream's order.
  [[nodiscard]] const std::vector<Line>& lines() const { return lines_; }
  [[nodiscard]] std::string_view text(const Line& line) const {
    return {bytes_.get() + line.begin, line.size};
  }
  // The buffer's size, for a caller that bounds what it keeps.
  [[nodiscard]] size_t capacity() const { return capacity_; }

 private:
  friend class LineReader;
  std::vector<Line> lines_;
  std::unique_ptr<char[]> bytes_;
  size_t size_ = 0;  // bytes held from the stream
  size_t capacity_ = 0;
};

class LineReader {
 public:
  // Readable bytes after each line of a LineBlock.
  static constexpr size_t kPaddingBytes = 64;

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
  // As Next, for the lines up to the first that takes their text to
  // `target_bytes`, or `max_lines` lines (at least one), read into `block`
  // (replacing what it held) straight from the stream: the bytes are not
  // copied line by line. False, with `block` empty, at the end of the
  // stream. Next and NextBlock may be mixed.
  bool NextBlock(size_t max_lines, size_t target_bytes, LineBlock* block);
  // Whether reading stopped on an error of the stream rather than its end.
  [[nodiscard]] bool failed() const { return in_->bad(); }

 private:
  // Reads the next piece of `in_` into `chunk_`; false at its end.
  bool Fill();
  // Reads up to `want` more bytes of `in_` into the end of `block`, with
  // room for kPaddingBytes after them; false at the stream's end.
  bool ReadInto(size_t want, LineBlock* block);
  // How much NextBlock reads next, with `lines_wanted` lines and
  // `bytes_wanted` bytes left to its limits and lines of `average` bytes so
  // far (0: none ended yet): at most chunk_bytes_.
  [[nodiscard]] size_t ReadSize(size_t lines_wanted, size_t bytes_wanted,
                                size_t average) const;
  // Adds the line [begin, end) of `block` unless it is blank.
  void AddLine(LineBlock* block, size_t begin, size_t end, bool too_long);

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
