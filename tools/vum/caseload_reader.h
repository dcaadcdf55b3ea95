// Shared by vum select and vum report: reading the files of a caseload
// (profiles or vacancies with their process data) in any format vum convert
// reads, one record at a time.

#ifndef VUM_TOOLS_VUM_CASELOAD_READER_H_
#define VUM_TOOLS_VUM_CASELOAD_READER_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "vum/convert.h"
#include "vum/v1/process.pb.h"
#include "vum/violation.h"

namespace vum::cli {

// Where the records go. `record` and `process` refuse a record with
// InvalidArgument (it is reported with its place and counted as rejected;
// reading goes on); any other error stops reading.
struct CaseloadSink {
  // A profile or vacancy.
  std::function<absl::Status(const google::protobuf::Message&)> record;
  // A person's process data; may be empty (process data then counts as read).
  std::function<absl::Status(const v1::Procesgegevens&)> process;
  // A withdrawal in a delta batch; may be empty.
  std::function<void(absl::string_view id)> withdrawal;
  // Where, when not null, the reader puts the properties of each JSON record
  // it read as absent for their empty value, before it calls `record` or
  // `process` with that record (emptied for a record of another format).
  std::vector<FieldPath>* read_as_absent = nullptr;
  // When set, the records and process data of every file but a batch go
  // here instead, in binary form (RecordReader::NextBinary: from JSON written
  // straight into it, with no message built); a batch's still go to
  // `record`. Refusals as for `record` and `process`.
  std::function<absl::Status(absl::string_view binary)> record_binary;
  std::function<absl::Status(absl::string_view binary)> process_binary;
  // Threads that parse NDJSON lines ahead for `record_binary` and
  // `process_binary` (RecordReaderOptions::parse_threads); 0: none.
  int parse_threads = 0;
};

struct CaseloadCounts {
  size_t records = 0;
  size_t process = 0;
  size_t withdrawn = 0;
  size_t rejected = 0;  // unreadable, each reported with its place
};

// What a batch file's header says; empty for other formats.
struct CaseloadFileInfo {
  std::string sender_oin;
  std::string date;  // YYYY-MM-DD of aangemaaktOp
};

// The header of `path` if it is a batch file (no records are read).
[[nodiscard]] CaseloadFileInfo PeekCaseloadFile(const std::string& path);

// Reads every record of `path` into `sink`, with a RecordReader (its format
// told by content first, then name). A file of NDJSON or JSON whose
// first document holds a list only process data has (toestemming,
// voorstelverzoek, voorstelresultaat) is process data throughout. Each
// unreadable or refused record is reported on `err` with its place and
// counted; a Status (which does not name `path`: the caller does) when the
// file cannot be read at all or the sink stopped.
[[nodiscard]] absl::Status ReadCaseloadFile(const std::string& path, RecordType type,
                                            const CaseloadSink& sink,
                                            CaseloadCounts& counts, std::ostream& err);

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_CASELOAD_READER_H_
