// vum/convert.h: converting records between the exchange formats.
//
// A conversion is a RecordReader (vum/record_reader.h, which lists the
// formats) feeding a writer of the output format, record by record: JSON
// arrays, NDJSON and batches in constant memory (a CSV file is read whole). A record that
// cannot be read is reported with its position and not written; every other record is.
// Output is written to a temporary file and renamed into place only when the whole input
// was read, so a failed conversion leaves no output that looks whole. Withdrawals exist
// only in batches: converting one to another format fails (nothing is dropped silently).
//
// Example:
//
//   vum::ConvertOptions options;
//   options.record_type = vum::RecordType::kWerkzoekende;
//   absl::StatusOr<vum::ConvertReport> report = vum::Convert(
//       "lijst.json", vum::DataFormat::kJsonArray, "lijst.vumb", vum::DataFormat::kBatch,
//       options);
//
// Thread safety: conversions may run concurrently on different files.

#ifndef VUM_CONVERT_H_
#define VUM_CONVERT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "vum/batch.h"
#include "vum/limits.h"
#include "vum/record_reader.h"

namespace vum {

struct ConvertOptions {
  // The type of the records in formats that do not say (all but batch).
  RecordType record_type = RecordType::kWerkzoekende;
  // For batch output: the header to write. Left empty, a full batch with a
  // new id, the current time, the standard's version and the record type.
  v1::BatchKop batch_header;
  BatchWriterOptions batch_options;
  // For batch output: records written after the input's, such as the
  // withdrawals of a delta.
  std::vector<v1::BatchRecord> append;
  // For CSV output: write values as they are. By default a value that a
  // spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
  // carriage return) gets an apostrophe in front, which the CSV reader takes
  // off again (docs/csv-columns.md).
  bool csv_raw = false;
  // For JSON output: whether the record at an index (0 for the first written)
  // is printed with every absent property as an empty value, as many senders
  // write VUM JSON (JsonPrintOptions::empty_values). Unset: none is.
  std::function<bool(uint64_t index)> empty_values;
  // Called with the number of records read so far, now and then.
  std::function<void(uint64_t)> progress;
  // How much of the input each reader takes (vum/limits.h).
  InputLimits limits;
};

// A record that could not be read and was not written.
struct RejectedRecord {
  uint64_t index = 0;  // 0 for the first record of the input
  std::string where;   // "line 12", "offset 3401", "row 7"
  std::string reason;  // holds no value from the record
};

struct ConvertReport {
  uint64_t read = 0;     // records found in the input, readable or not
  uint64_t written = 0;  // records written
  std::vector<RejectedRecord> rejected;
  // read == written + rejected.size()
  [[nodiscard]] bool reconciles() const { return read == written + rejected.size(); }
};

// Converts `in` to `out`. Returns a Status when the conversion cannot be
// done (unreadable or damaged input, a withdrawal for a format that cannot
// hold one, more than one record for `json` or `binary`); `out` is then not
// created. Rejected records do not stop the conversion.
[[nodiscard]] absl::StatusOr<ConvertReport> Convert(const std::string& in,
                                                    DataFormat in_format,
                                                    const std::string& out,
                                                    DataFormat out_format,
                                                    const ConvertOptions& options = {});

// As Convert, with the records of several inputs, in order, into one output.
// A rejected record's `where` then starts with its file name.
[[nodiscard]] absl::StatusOr<ConvertReport> ConvertAll(
    const std::vector<std::string>& inputs, DataFormat in_format, const std::string& out,
    DataFormat out_format, const ConvertOptions& options = {});

// The CSV columns of a record type: the VUM JSON paths of every field that
// is not in a list, in schema order, e.g. "mobiliteit.bemiddelingspostcode".
[[nodiscard]] std::vector<std::string> CsvColumns(RecordType type);

// docs/csv-columns.md: the columns of both record types with their labels,
// types and privacy classes.
[[nodiscard]] std::string CsvColumnsMarkdown();

}  // namespace vum

#endif  // VUM_CONVERT_H_
