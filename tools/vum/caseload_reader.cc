// Reads the files of a caseload for vum select and vum report.

#include "tools/vum/caseload_reader.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "lib/io/line_reader.h"
#include "tools/vum/input.h"
#include "vum/batch.h"
#include "vum/json.h"
#include "vum/limits.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

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

// Reads one JSON document: process data, or a profile or vacancy.
absl::Status AddJson(absl::string_view json, bool process_data, RecordType type,
                     const CaseloadSink& sink, JsonParser& parser,
                     CaseloadCounts& counts) {
  if (process_data) {
    v1::Procesgegevens process;
    if (absl::Status s = parser.Parse(json, &process, sink.read_as_absent); !s.ok())
      return s;
    ++counts.process;
    return sink.process ? sink.process(process) : absl::OkStatus();
  }
  std::unique_ptr<google::protobuf::Message> record;
  if (type == RecordType::kVacature) {
    record = std::make_unique<v1::Vacature>();
  } else {
    record = std::make_unique<v1::Werkzoekende>();
  }
  if (absl::Status s = parser.Parse(json, record.get(), sink.read_as_absent); !s.ok())
    return s;
  if (absl::Status s = sink.record(*record); !s.ok()) return s;
  ++counts.records;
  return absl::OkStatus();
}

absl::Status AddBatch(const std::string& path, const CaseloadSink& sink,
                      CaseloadCounts& counts, std::ostream& err) {
  absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::Open(path);
  if (!reader.ok()) return reader.status();
  v1::BatchRecord record;
  RecordPosition position;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&record, &position);
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    if (!position.parse_error.empty()) {
      ++counts.rejected;
      err << path << ": record " << position.index << ": " << position.parse_error
          << "\n";
      continue;
    }
    if (record.has_intrekking()) {
      if (sink.withdrawal) sink.withdrawal(record.intrekking().id_record());
      ++counts.withdrawn;
      continue;
    }
    const google::protobuf::Message* m =
        record.has_werkzoekende()
            ? static_cast<const google::protobuf::Message*>(&record.werkzoekende())
            : &record.vacature();
    if (sink.read_as_absent != nullptr) sink.read_as_absent->clear();  // binary
    if (absl::Status s = sink.record(*m); !s.ok()) {
      ++counts.rejected;
      err << path << ": record " << position.index << ": " << s.message() << "\n";
      continue;
    }
    ++counts.records;
  }
}

// Reads an NDJSON file (records, or process data) line by line, each line
// no longer than the limit.
absl::Status AddLines(const std::string& path, RecordType type, const CaseloadSink& sink,
                      CaseloadCounts& counts, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot be opened"));
  const InputLimits limits;
  io_internal::LineReader lines(&in, limits.max_document_bytes);
  JsonParser parser;
  std::string line;
  bool too_long = false;
  std::optional<bool> process_data;  // decided by the first document
  while (lines.Next(&line, &too_long)) {
    const uint64_t line_number = lines.line_number();
    if (!process_data) process_data = IsProcessData(line);
    absl::Status s = too_long ? absl::ResourceExhaustedError(
                                    absl::StrCat("the line is larger than the limit of ",
                                                 limits.max_document_bytes, " bytes"))
                              : CheckJsonShape(line, limits);
    if (s.ok()) s = AddJson(line, *process_data, type, sink, parser, counts);
    if (!s.ok()) {
      ++counts.rejected;
      err << path << ":" << line_number << ": " << s.message() << "\n";
    }
  }
  return lines.failed() ? absl::DataLossError(absl::StrCat(path, ": read error"))
                        : absl::OkStatus();
}

// Formats other than batch, NDJSON and one JSON document: converted to
// NDJSON in a private temporary folder first, with vum convert's reader.
absl::Status AddConverted(const std::string& path, DataFormat format, RecordType type,
                          const CaseloadSink& sink, CaseloadCounts& counts,
                          std::ostream& err) {
  std::string dir =
      (std::filesystem::temp_directory_path() / "vum-caseload-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr)
    return absl::InternalError("cannot make a temporary folder");
  const std::string ndjson = dir + "/records.ndjson";
  ConvertOptions options;
  options.record_type = type;
  absl::StatusOr<ConvertReport> report =
      Convert(path, format, ndjson, DataFormat::kNdjson, options);
  absl::Status added =
      report.ok() ? AddLines(ndjson, type, sink, counts, err) : report.status();
  std::filesystem::remove_all(dir);
  if (!added.ok()) return added;
  for (const RejectedRecord& r : report->rejected) {
    ++counts.rejected;
    err << path << ": " << r.where << ": " << r.reason << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

CaseloadFileInfo PeekCaseloadFile(const std::string& path) {
  CaseloadFileInfo info;
  absl::StatusOr<DataFormat> format = DataFormatFromPath(path);
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
  absl::StatusOr<DataFormat> format = DataFormatFromPath(path);
  if (!format.ok()) return format.status();
  if (*format == DataFormat::kBatch) return AddBatch(path, sink, counts, err);
  if (*format != DataFormat::kJson && *format != DataFormat::kNdjson) {
    return AddConverted(path, *format, type, sink, counts, err);
  }
  if (*format == DataFormat::kNdjson) return AddLines(path, type, sink, counts, err);
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(*text), "[")) {
    return AddConverted(path, DataFormat::kJsonArray, type, sink, counts, err);
  }
  JsonParser parser;
  absl::Status s = AddJson(*text, IsProcessData(*text), type, sink, parser, counts);
  if (!s.ok()) {
    ++counts.rejected;
    err << path << ": " << s.message() << "\n";
  }
  return absl::OkStatus();
}

}  // namespace vum::cli
