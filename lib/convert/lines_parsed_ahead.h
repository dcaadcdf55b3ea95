// Internal: the lines of an NDJSON file parsed on threads of their own,
// ahead of the thread that takes them, and taken in the file's order.
//
// Reading a million profiles into a selection index, the thread that read
// the file also parsed every line (simdjson, then the walk into the binary
// form): more than half of that thread's time, while the index's loader
// threads waited for it (docs/performance.md). LinesParsedAhead reads lines
// in chunks, one thread at a time, and each of its threads parses the
// chunk it read with a parser of its own. The caller takes every line's
// bytes and place as one thread parsing in order would give them: the same
// faults, the same reasons, nothing skipped or reordered.
//
// Example (each thread's function may own what it parses with, such as a
// JsonParser of its own):
//
//   io_internal::LineReader lines(&in, limits.max_document_bytes);
//   LinesParsedAhead ahead(&lines, /*threads=*/2, [] {
//     return LinesParsedAhead::Parse(
//         [](const LineRead& line, std::string* out, RecordPlace* place) {
//           place->where = absl::StrCat("line ", line.number);
//           *out = std::string(line.text);
//         });
//   });
//   std::string out;
//   RecordPlace place;
//   while (ahead.Next(&out, &place)) Use(out, place);
//   if (lines.failed()) return absl::DataLossError("...");  // once Next is false
//
// Thread safety: one thread calls Next and status; the threads the object
// starts use `lines` and the parse functions. The destructor stops and joins
// them.

#ifndef VUM_LIB_CONVERT_LINES_PARSED_AHEAD_H_
#define VUM_LIB_CONVERT_LINES_PARSED_AHEAD_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/io/line_reader.h"
#include "vum/record_reader.h"

namespace vum::convert_internal {

// A line as io_internal::LineReader gave it.
struct LineRead {
  absl::string_view text;  // the line's first bytes only when too_long
  uint64_t number = 0;
  bool too_long = false;
  // io_internal::LineReader::kPaddingBytes readable bytes follow `text`
  // (a line of a LineBlock), so that it can be parsed where it lies.
  bool padded = false;
};

class LinesParsedAhead {
 public:
  // Turns `line` into `*out` (cleared by the function when it fills
  // `place->fault`) and `*place`, whose `where` and `fault` it sets.
  using Parse =
      std::function<void(const LineRead& line, std::string* out, RecordPlace* place)>;

  // A chunk ends after this many lines, or after the line that takes its
  // text to kChunkBytes: with a line of at most `max_line_bytes`, what is
  // read ahead stays within about kChunksAheadPerThread * threads *
  // (kChunkBytes + max_line_bytes) of text and as much of parsed bytes. The
  // lines of a chunk are read into one buffer (io_internal::LineBlock) and
  // parsed where they lie.
  static constexpr size_t kLinesPerChunk = 256;
  static constexpr size_t kChunkBytes = size_t{1} << 20;
  static constexpr size_t kChunksAheadPerThread = 2;
  // A line's bytes kept for reuse at most: a longer one's memory is given
  // back before its place is filled again; and a chunk's text buffer, which
  // one long line may have grown.
  static constexpr size_t kKeptBytes = size_t{64} << 10;
  static constexpr size_t kKeptTextBytes = 4 * kChunkBytes;

  // Starts `threads` (at least 1) threads, each with a function
  // `make_parse()` made on it, that read `lines` (not owned; it must
  // outlive this object) and parse ahead.
  LinesParsedAhead(io_internal::LineReader* lines, int threads,
                   const std::function<Parse()>& make_parse);
  ~LinesParsedAhead();
  LinesParsedAhead(const LinesParsedAhead&) = delete;
  LinesParsedAhead& operator=(const LinesParsedAhead&) = delete;

  // The next line's bytes into `*out` (its capacity is kept for reuse) and
  // its place into `*place`, in the file's order; false at the end of the
  // lines (then `lines->failed()` tells a read error from the end) or once a
  // thread failed (then status() says why; lines read after the last one
  // given out may be lost).
  [[nodiscard]] bool Next(std::string* out, RecordPlace* place);

  // OK, or why a thread stopped: an exception from reading or parsing (or
  // from `make_parse`), RESOURCE_EXHAUSTED for std::bad_alloc, INTERNAL for
  // any other (the message names neither a line's content nor the
  // exception's text). A thread that fails stops the others from reading
  // further.
  [[nodiscard]] absl::Status status() const;

 private:
  struct Parsed {
    std::string out;
    RecordPlace place;
  };
  struct Chunk {
    uint64_t seq = 0;
    io_internal::LineBlock text;  // the lines read
    std::vector<Parsed> lines;    // [0, count) hold this chunk's; kept for reuse
    size_t count = 0;
    bool last = false;  // no line follows this chunk's
  };

  void Run(const std::function<Parse()>& make_parse);
  void Parsing(const std::function<Parse()>& make_parse);
  void Fail(absl::Status status);
  // A chunk to fill once fewer than the limit are ahead of the caller; null
  // when stopping.
  std::unique_ptr<Chunk> ChunkToFill();
  // Reads the next lines into `chunk`; false (leaving it) once the lines
  // have ended before.
  bool Fill(Chunk* chunk);
  static void GiveBackIfLong(std::string* bytes);

  io_internal::LineReader* lines_;
  const uint64_t max_ahead_;

  std::mutex read_mu_;     // taken before mu_ when both are
  bool ended_ = false;     // under read_mu_: the last chunk has been read
  uint64_t next_seq_ = 0;  // under read_mu_: the next chunk read

  mutable std::mutex mu_;
  std::condition_variable parsed_;                   // a chunk was parsed
  std::condition_variable taken_;                    // a chunk was taken, or stopping
  std::map<uint64_t, std::unique_ptr<Chunk>> done_;  // under mu_, by seq
  std::vector<std::unique_ptr<Chunk>> free_;         // under mu_
  uint64_t taking_ = 0;    // under mu_: the seq of the chunk the caller takes from
  uint64_t handed_ = 0;    // under mu_: chunks handed to threads
  bool stopping_ = false;  // under mu_
  absl::Status failure_;   // under mu_: the first thread's that failed

  // The caller's:
  std::unique_ptr<Chunk> current_;
  size_t at_ = 0;  // in current_

  std::vector<std::thread> threads_;  // last: they start when the rest is ready
};

}  // namespace vum::convert_internal

#endif  // VUM_LIB_CONVERT_LINES_PARSED_AHEAD_H_
