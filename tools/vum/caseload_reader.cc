// Reads the files of a caseload for vum select and vum report.

#include "tools/vum/caseload_reader.h"

#include <algorithm>
#include <fstream>
#include <memory>

#include "absl/strings/match.h"
#include "vum/batch.h"
#include "vum/record_reader.h"

namespace vum::cli {
namespace {

// Whether a file holds process data (consents) rather than records: decided
// by its first document, which names a list only process data has.
bool IsProcessData(absl::string_view first_document) {
  for (const char* key :
       {"\"toestemming\"", "\"voorstelverzoek\"", "\"voorstelresultaat\""}) {
    if (absl::StrContains(first_document, key)) return true;
  }
  return false;
}

// The first document of a JSON or NDJSON file, as far as its first 64 KiB go.
std::string FirstDocument(const std::string& path, DataFormat format) {
  std::ifstream in(path, std::ios::binary);
  std::string head(64 << 10, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (format == DataFormat::kNdjson) head.resize(std::min(head.size(), head.find('\n')));
  return head;
}

void Reject(const std::string& path, const RecordPlace& place, absl::string_view why,
            CaseloadCounts& counts, std::ostream& err) {
  ++counts.rejected;
  err << path << ": " << place.where << ": " << why << "\n";
}

// What follows reading one record at `place` (`more` the reader's answer):
// a faulty record is rejected; otherwise its absent properties go to
// `read_as_absent` and the record to `take`, which counts it in `taken`, or
// rejects it by refusing with InvalidArgument. False when reading ends: at
// the end of the file (`*stop` OK) or on any other error (`*stop` it).
bool Deliver(const std::string& path, const absl::StatusOr<bool>& more,
             RecordPlace& place, std::vector<FieldPath>* read_as_absent,
             const std::function<absl::Status()>& take, size_t& taken,
             CaseloadCounts& counts, std::ostream& err, absl::Status* stop) {
  if (!more.ok() || !*more) {
    *stop = more.status();
    return false;
  }
  if (place.fault != RecordFault::kNone) {
    Reject(path, place, place.reason, counts, err);
    return true;
  }
  if (read_as_absent != nullptr) *read_as_absent = std::move(place.absent);
  if (absl::Status s = take(); !s.ok()) {
    if (!absl::IsInvalidArgument(s)) {
      *stop = s;
      return false;
    }
    Reject(path, place, s.message(), counts, err);
    return true;
  }
  ++taken;
  return true;
}

absl::Status AddProcessData(const std::string& path, RecordReader& reader,
                            const CaseloadSink& sink, CaseloadCounts& counts,
                            std::ostream& err) {
  v1::Procesgegevens process;
  RecordPlace place;
  const std::function<absl::Status()> take = [&] {
    return sink.process ? sink.process(process) : absl::OkStatus();
  };
  absl::Status stop;
  while (Deliver(path, reader.NextMessage(&process, &place), place, sink.read_as_absent,
                 take, counts.process, counts, err, &stop)) {
  }
  return stop;
}

absl::Status AddRecords(const std::string& path, RecordReader& reader,
                        const CaseloadSink& sink, CaseloadCounts& counts,
                        std::ostream& err) {
  v1::BatchRecord record;
  RecordPlace place;
  size_t withdrawn = 0;
  // A withdrawal is counted as one, not as a record.
  const std::function<absl::Status()> take = [&] {
    if (record.has_intrekking()) {
      if (sink.withdrawal) sink.withdrawal(record.intrekking().id_record());
      ++withdrawn;
      return absl::OkStatus();
    }
    return sink.record(
        record.has_werkzoekende()
            ? static_cast<const google::protobuf::Message&>(record.werkzoekende())
            : record.vacature());
  };
  absl::Status stop;
  size_t taken = 0;
  while (Deliver(path, reader.Next(&record, &place), place, sink.read_as_absent, take,
                 taken, counts, err, &stop)) {
  }
  counts.withdrawn += withdrawn;
  counts.records += taken - withdrawn;
  return stop;
}

// Gives each record of `reader` in binary form, as a message of `type`, to
// `take`, counting those it takes in `taken`.
absl::Status AddBinaries(const std::string& path, RecordReader& reader,
                         const google::protobuf::Descriptor& type,
                         const std::function<absl::Status(absl::string_view)>& take,
                         std::vector<FieldPath>* read_as_absent, size_t& taken,
                         CaseloadCounts& counts, std::ostream& err) {
  std::string binary;
  RecordPlace place;
  const std::function<absl::Status()> take_binary = [&] { return take(binary); };
  absl::Status stop;
  while (Deliver(path, reader.NextBinary(type, &binary, &place), place, read_as_absent,
                 take_binary, taken, counts, err, &stop)) {
  }
  return stop;
}

}  // namespace

CaseloadFileInfo PeekCaseloadFile(const std::string& path) {
  // Only a batch's header is read: a record reader would read a CSV or JSON
  // file whole.
  CaseloadFileInfo info;
  absl::StatusOr<DataFormat> format = DetectDataFormat(path);
  if (!format.ok() || *format != DataFormat::kBatch) return info;
  absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::Open(path);
  if (!reader.ok()) return info;
  info.sender_oin = (*reader)->header().afzender_oin();
  info.date = (*reader)->header().aangemaakt_op().substr(0, 10);
  return info;
}

absl::Status ReadCaseloadFile(const std::string& path, RecordType type,
                              const CaseloadSink& sink, CaseloadCounts& counts,
                              std::ostream& err) {
  RecordReaderOptions options;
  options.record_type = type;
  options.list_absent = sink.read_as_absent != nullptr;
  options.parse_threads = sink.parse_threads;
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      RecordReader::Open(path, options);
  if (!reader.ok()) return reader.status();
  const DataFormat format = (*reader)->format();
  const bool process_data =
      (format == DataFormat::kJson || format == DataFormat::kNdjson) &&
      IsProcessData(FirstDocument(path, format));
  if (format != DataFormat::kBatch && process_data && sink.process_binary) {
    return AddBinaries(path, **reader, *v1::Procesgegevens::descriptor(),
                       sink.process_binary, sink.read_as_absent, counts.process, counts,
                       err);
  }
  if (format != DataFormat::kBatch && !process_data && sink.record_binary) {
    return AddBinaries(path, **reader, *RecordDescriptor((*reader)->record_type()),
                       sink.record_binary, sink.read_as_absent, counts.records, counts,
                       err);
  }
  return process_data ? AddProcessData(path, **reader, sink, counts, err)
                      : AddRecords(path, **reader, sink, counts, err);
}

}  // namespace vum::cli
