// vum/batch.h: batch files of the standard, written and read as a stream.
//
// A batch file carries a whole caseload (a full batch) or the changes since
// the previous batch (a delta): a header, any number of records (an upsert of
// a profile or vacancy, or a withdrawal) and a trailer that counts the records
// and holds a SHA-256 checksum over them. On disk it is a sequence of
// length-delimited vum.v1.BatchFrame messages, optionally zstd-compressed;
// docs/batch-format.md describes it byte by byte.
//
// Both classes stream in constant memory, whatever the size of the file
// (files beyond 2 GiB included). The writer writes to a temporary file and
// renames it into place only in Finish(), so that a crash never leaves a file
// that looks whole. The reader verifies the trailer: a file that is truncated,
// lacks its trailer, or whose count or checksum is wrong is reported as such.
//
// Example:
//
//   absl::StatusOr<std::unique_ptr<vum::BatchWriter>> writer =
//       vum::BatchWriter::Create("profielen.vumb", header);
//   if (!writer.ok()) return writer.status();
//   if (absl::Status s = (*writer)->Write(record_to_write); !s.ok()) return s;
//   if (absl::Status s = (*writer)->Finish(); !s.ok()) return s;  // now whole
//
//   absl::StatusOr<std::unique_ptr<vum::BatchReader>> reader =
//       vum::BatchReader::Open("profielen.vumb");
//   if (!reader.ok()) return reader.status();
//   vum::v1::BatchRecord record;
//   vum::RecordPosition position;
//   int profiles = 0;
//   while (true) {
//     absl::StatusOr<bool> more = (*reader)->Next(&record, &position);
//     if (!more.ok()) return more.status();  // a damaged file
//     if (!*more) break;                     // trailer reached and verified
//     if (!position.parse_error.empty()) continue;  // this record is unreadable
//     profiles += record.has_werkzoekende();
//   }
//
// Thread safety: a writer or reader is used by one thread at a time.

#ifndef VUM_BATCH_H_
#define VUM_BATCH_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vum/v1/batch.pb.h"

namespace vum {

// The largest frame a reader accepts and a writer writes, by default. A
// length prefix beyond it is reported instead of allocated.
inline constexpr uint32_t kDefaultMaxRecordBytes = 16 << 20;

enum class Compression { kNone, kZstd };

struct BatchWriterOptions {
  Compression compression = Compression::kNone;
  // zstd level, 1 (fast) to 19 (small).
  int zstd_level = 3;
  uint32_t max_record_bytes = kDefaultMaxRecordBytes;
};

class BatchWriter {
 public:
  // Starts a batch at `path` (written to a temporary file beside it) and
  // writes `header`. The header is not validated here; see vum/validator.h.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<BatchWriter>> Create(
      const std::string& path, const v1::BatchKop& header,
      const BatchWriterOptions& options = {});

  // Writes into `out` instead of a file, for tests and in-memory use.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<BatchWriter>> CreateInMemory(
      std::string* out, const v1::BatchKop& header,
      const BatchWriterOptions& options = {});

  // Abandons an unfinished batch: its temporary file is removed.
  ~BatchWriter();

  // Appends a record. INVALID_ARGUMENT if it is larger than the maximum
  // record size (nothing is written then), FAILED_PRECONDITION after Finish.
  [[nodiscard]] absl::Status Write(const v1::BatchRecord& record);

  // Writes the trailer, flushes, syncs and renames the file into place.
  // Only after it returns OK does `path` exist.
  [[nodiscard]] absl::Status Finish();

  [[nodiscard]] uint64_t records_written() const;

 private:
  class Impl;
  explicit BatchWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// What is wrong with a damaged batch, for programs (the Status message says
// it for people). BatchDamageOf reads it from a Status of BatchReader.
enum class BatchDamage {
  kNone,              // not a damage status
  kNotABatch,         // does not start with a header
  kTruncated,         // ends inside a frame
  kNoTrailer,         // ends between frames, without a trailer
  kOverlongFrame,     // a length prefix beyond the maximum record size
  kCountMismatch,     // the trailer counts another number of records
  kChecksumMismatch,  // the trailer's checksum does not match
  kDataAfterTrailer,
  kCompressionDamaged,        // the zstd stream is corrupt
  kNoChecksumAlgorithm,       // the trailer names no checksum algorithm
  kUnknownChecksumAlgorithm,  // ... one this version does not know
};
[[nodiscard]] BatchDamage BatchDamageOf(const absl::Status& status);
// "not-a-batch", "truncated", ... ("" for kNone).
[[nodiscard]] absl::string_view BatchDamageName(BatchDamage damage);

// A batch's kind as every vum output writes it: "volledig" or "delta"; ""
// for a value the schema does not have.
[[nodiscard]] absl::string_view BatchKindName(v1::SoortBatch kind);

struct BatchReaderOptions {
  uint32_t max_record_bytes = kDefaultMaxRecordBytes;
};

// Where a record is in its batch.
struct RecordPosition {
  // 0 for the first record after the header.
  uint64_t index = 0;
  // Offset of the record's frame (its length prefix) in the uncompressed
  // stream.
  uint64_t offset = 0;
  // Set when the frame's bytes are not a readable record; the reader has
  // skipped it and can go on with the next record.
  std::string parse_error;
};

class BatchReader {
 public:
  // Opens a batch file (compressed or not) and reads its header. NOT_FOUND
  // if it cannot be opened, DATA_LOSS if it does not start with a header.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<BatchReader>> Open(
      const std::string& path, const BatchReaderOptions& options = {});

  // Reads a batch held in memory.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<BatchReader>> FromBytes(
      std::string bytes, const BatchReaderOptions& options = {});

  ~BatchReader();

  [[nodiscard]] const v1::BatchKop& header() const;
  [[nodiscard]] bool compressed() const;

  // Reads the next record into `record` (cleared first) and says where it
  // was. Returns true for a record; false once the trailer has been read and
  // verified. A record whose frame is intact but whose bytes are not a record
  // returns true with `position->parse_error` set. DATA_LOSS when the file
  // itself is damaged: truncated, a length prefix beyond the maximum record
  // size, no trailer, a count or checksum that does not match, or data after
  // the trailer; reading cannot go on then.
  [[nodiscard]] absl::StatusOr<bool> Next(v1::BatchRecord* record,
                                          RecordPosition* position);

  // The trailer, once Next has returned false.
  [[nodiscard]] const v1::BatchSluiting& trailer() const;
  // Once the trailer verified: whether its checksum covers the header too
  // (format 2, which BatchWriter writes); false for a file of format 1,
  // whose header could have changed unnoticed.
  [[nodiscard]] bool header_covered() const;
  [[nodiscard]] uint64_t records_read() const;

 private:
  class Impl;
  explicit BatchReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_BATCH_H_
