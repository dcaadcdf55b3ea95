// vum/record_reader.h: the records of a file, in any format vum reads, one
// at a time.
//
// Formats:
//   json        one record in VUM JSON
//   json-array  a JSON array of records, as the pilot's list endpoints use
//   ndjson      one VUM JSON record per line
//   binary      one record in protobuf binary
//   batch       a batch file (vum/batch.h), plain or zstd-compressed
//   csv         the flat part of profiles or vacancies, one row per record,
//               with the columns of docs/csv-columns.md
//
// A RecordReader finds the format of a file by its content first and its
// name second (DetectDataFormat), or takes the one it is given, and yields
// every record with its place ("line 12", "offset 3401", "row 7"). A record
// that cannot be read is yielded too, with a typed fault and a reason that
// holds no value of the record: nothing is skipped silently. JSON arrays,
// NDJSON and batches are read in constant memory; a single document, a
// binary record and a CSV file whole, within the limits (vum/limits.h).
//
// Example:
//
//   vum::RecordReaderOptions options;
//   options.record_type = vum::RecordType::kVacature;
//   absl::StatusOr<std::unique_ptr<vum::RecordReader>> reader =
//       vum::RecordReader::Open("vacatures.ndjson", options);
//   if (!reader.ok()) return reader.status();
//   vum::v1::BatchRecord record;
//   vum::RecordPlace place;
//   for (absl::StatusOr<bool> more; (more = (*reader)->Next(&record, &place)).ok() && *more;) {
//     if (place.fault != vum::RecordFault::kNone) continue;  // place.where, place.reason
//   }
//
// Thread safety: a RecordReader is used by one thread at a time; readers of
// different files are independent.

#ifndef VUM_RECORD_READER_H_
#define VUM_RECORD_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "vum/limits.h"
#include "vum/v1/batch.pb.h"
#include "vum/violation.h"

namespace vum {

enum class DataFormat { kJson, kJsonArray, kNdjson, kBinary, kBatch, kCsv };

enum class RecordType { kWerkzoekende, kVacature };

// The message type of `type`'s records: v1::Werkzoekende or v1::Vacature.
[[nodiscard]] const google::protobuf::Descriptor* RecordDescriptor(RecordType type);

// "json", "json-array", "ndjson", "binary", "batch", "csv".
[[nodiscard]] absl::string_view DataFormatName(DataFormat format);
// The inverse of DataFormatName; INVALID_ARGUMENT for another name.
[[nodiscard]] absl::StatusOr<DataFormat> ParseDataFormat(absl::string_view name);

// A format guessed from the file name: .json, .ndjson or .jsonl, .bin or .pb,
// .vumb or .vumb.zst, .csv. NOT_FOUND when the name says nothing.
[[nodiscard]] absl::StatusOr<DataFormat> DataFormatFromPath(absl::string_view path);

// The format whose first bytes are `head` (the first 64 KiB of a file): a
// batch (plain or zstd), a JSON array, NDJSON (a first line that is a whole
// document, and more after it), one JSON document, CSV (text whose first
// line has a comma or semicolon), else binary. nullopt when `head` cannot
// tell: empty, or one line of JSON that is not whole (a longer NDJSON line).
[[nodiscard]] std::optional<DataFormat> DataFormatOfContent(absl::string_view head);

// The format of the file at `path`: by its content, else by its name, else
// JSON. NOT_FOUND when the file cannot be opened; a binary file is
// told by its content, whatever its name says.
[[nodiscard]] absl::StatusOr<DataFormat> DetectDataFormat(const std::string& path);

// Whether a file of `format` holds one record (json, binary) rather than a
// sequence of them.
[[nodiscard]] inline bool HoldsOneRecord(DataFormat format) {
  return format == DataFormat::kJson || format == DataFormat::kBinary;
}

struct RecordReaderOptions {
  // The format of the file; unset: DetectDataFormat.
  std::optional<DataFormat> format;
  // The type of the records in formats that do not say (all but batch).
  RecordType record_type = RecordType::kWerkzoekende;
  // How much of the input the reader takes.
  InputLimits limits;
  // Whether RecordPlace::absent lists the properties of a JSON record read as
  // absent for their empty value (costs an allocation per record).
  bool list_absent = false;
  // NDJSON read with NextBinary (without list_absent): threads that read and
  // parse lines ahead of the caller, each with a parser of its own. The
  // records, places and faults are those, in that order, that parsing in the
  // caller's thread gives; the reader then gives the binary form of the type
  // first asked for only (FAILED_PRECONDITION for another type or a message).
  // 0 (the default): lines are parsed in the caller's thread.
  int parse_threads = 0;
};

// Why a record was not read.
enum class RecordFault {
  kNone,
  kTooLarge,    // beyond a limit of InputLimits; not read at all
  kUnreadable,  // not a record of the type in the format
};

// Where a record is, and whether it was read.
struct RecordPlace {
  uint64_t index = 0;  // 0 for the first record of the file
  std::string where;   // "line 12", "offset 3401", "row 7", "document"
  RecordFault fault = RecordFault::kNone;
  std::string reason;  // why, when fault is not kNone; holds no value
  // With RecordReaderOptions::list_absent, for a JSON record.
  std::vector<FieldPath> absent;
};

// Reads the records of one file. Not thread-safe; owns its file.
class RecordReader {
 public:
  // Opens `path`. NOT_FOUND when it cannot be opened; INVALID_ARGUMENT or
  // DATA_LOSS when its start is not the format (a batch's damaged header, a
  // CSV header that names no column of the standard); RESOURCE_EXHAUSTED for
  // a CSV file beyond its limit.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<RecordReader>> Open(
      const std::string& path, const RecordReaderOptions& options = {});

  virtual ~RecordReader() = default;

  // The format being read.
  [[nodiscard]] virtual DataFormat format() const = 0;
  // The type of the records: the batch header's, or the options'.
  [[nodiscard]] virtual RecordType record_type() const = 0;
  // A batch file's header; null for other formats.
  [[nodiscard]] virtual const v1::BatchKop* batch_header() const = 0;

  // The next record into `record`: its payload is the profile or vacancy, or
  // a batch's withdrawal. True with `place` filled (a faulty record has an
  // empty `record` and place->fault set); false at the end; a Status when the
  // file as a whole cannot be read further (a damaged batch, a malformed
  // JSON array, a read error).
  [[nodiscard]] virtual absl::StatusOr<bool> Next(v1::BatchRecord* record,
                                                  RecordPlace* place) = 0;

  // As Next, into a message of any type read from JSON, NDJSON, a JSON array,
  // binary or CSV (such as v1::Procesgegevens). FAILED_PRECONDITION for a
  // batch, whose records only a v1::BatchRecord holds.
  [[nodiscard]] virtual absl::StatusOr<bool> NextMessage(
      google::protobuf::Message* message, RecordPlace* place) = 0;

  // As NextMessage, giving each record as the binary form of a message of
  // `type` (what SerializeToString writes), for a reader that keeps only the
  // bytes: from JSON, NDJSON and a JSON array written straight from the text,
  // with no message built (JsonParser::ParseToBinary); from binary and CSV
  // through a message. A faulty record leaves `binary` empty.
  // FAILED_PRECONDITION for a batch. With parse_threads, RESOURCE_EXHAUSTED
  // (out of memory) or INTERNAL when a thread reading ahead failed; the
  // records given before it are whole.
  [[nodiscard]] virtual absl::StatusOr<bool> NextBinary(
      const google::protobuf::Descriptor& type, std::string* binary,
      RecordPlace* place) = 0;
};

}  // namespace vum

#endif  // VUM_RECORD_READER_H_
