#include "vum/convert.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/codelist/csv.h"
#include "lib/convert/flat_fields.h"
#include "lib/io/atomic_file.h"
#include "lib/io/line_reader.h"
#include "lib/json/json_printer.h"
#include "lib/validate/formats.h"
#include "vum/delta.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/record.h"
#include "vum/schema.h"

namespace vum {
namespace {

using convert_internal::FlatField;
using convert_internal::FlatFieldsOf;
using google::protobuf::Message;

constexpr uint64_t kProgressEvery = 10000;

// The record a batch record carries, or null for a withdrawal.
const Message* PayloadOf(const v1::BatchRecord& record) {
  if (record.has_werkzoekende()) return &record.werkzoekende();
  if (record.has_vacature()) return &record.vacature();
  return nullptr;
}

// ------------------------------------------------------------------ sinks

class Sink {
 public:
  virtual ~Sink() = default;
  virtual absl::Status Write(const v1::BatchRecord& record) = 0;
  virtual absl::Status Finish() = 0;
};

// A file written under a temporary name and renamed into place on Commit;
// removed if never committed.
using io_internal::AtomicFile;

absl::Status NoWithdrawals(const v1::BatchRecord& record, DataFormat format) {
  if (PayloadOf(record) != nullptr) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("the input holds a withdrawal, which ", DataFormatName(format),
                   " cannot carry; convert to batch instead"));
}

// json, json-array, ndjson and binary output.
class DocumentSink : public Sink {
 public:
  DocumentSink(std::unique_ptr<AtomicFile> file, DataFormat format,
               std::function<bool(uint64_t)> empty_values)
      : file_(std::move(file)), format_(format), empty_values_(std::move(empty_values)) {}
  absl::Status Write(const v1::BatchRecord& record) override {
    if (absl::Status s = NoWithdrawals(record, format_); !s.ok()) return s;
    const Message& payload = *PayloadOf(record);
    if ((format_ == DataFormat::kJson || format_ == DataFormat::kBinary) && count_ > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("the input holds more than one record; ", DataFormatName(format_),
                       " holds one: use json-array, ndjson or batch"));
    }
    if (format_ == DataFormat::kBinary) {
      ++count_;
      return file_->Append(payload.SerializeAsString());
    }
    if (!json_internal::PrintVumJson(
            payload, {.empty_values = empty_values_ && empty_values_(count_)},
            &scratch_)) {
      return absl::InternalError("a record cannot be printed as JSON");
    }
    if (format_ == DataFormat::kJsonArray) {
      scratch_.insert(0, count_ == 0 ? "[\n" : ",\n");
    } else {
      scratch_ += '\n';
    }
    ++count_;
    return file_->Append(scratch_);
  }
  absl::Status Finish() override {
    if ((format_ == DataFormat::kJson || format_ == DataFormat::kBinary) && count_ == 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the input holds no record to write as ", DataFormatName(format_)));
    }
    if (format_ == DataFormat::kJsonArray) {
      if (absl::Status s = file_->Append(count_ == 0 ? "[]\n" : "\n]\n"); !s.ok())
        return s;
    }
    return file_->Commit();
  }

 private:
  std::unique_ptr<AtomicFile> file_;
  DataFormat format_;
  std::function<bool(uint64_t)> empty_values_;
  uint64_t count_ = 0;
  std::string scratch_;
};

std::string CsvCell(absl::string_view text) {
  if (text.find_first_of(",\"\r\n") == absl::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class CsvSink : public Sink {
 public:
  CsvSink(std::unique_ptr<AtomicFile> file, RecordType type, bool raw)
      : file_(std::move(file)),
        fields_(FlatFieldsOf(RecordDescriptor(type))),
        raw_(raw) {}
  absl::Status Write(const v1::BatchRecord& record) override {
    if (absl::Status s = NoWithdrawals(record, DataFormat::kCsv); !s.ok()) return s;
    if (absl::Status s = Header(); !s.ok()) return s;
    std::vector<std::string> cells;
    for (const FlatField& f : fields_) {
      const std::string value = convert_internal::FlatValue(*PayloadOf(record), f);
      cells.push_back(CsvCell(raw_ ? value : csv_internal::SpreadsheetSafe(value)));
    }
    return file_->Append(absl::StrCat(absl::StrJoin(cells, ","), "\r\n"));
  }
  absl::Status Finish() override {
    if (absl::Status s = Header(); !s.ok()) return s;
    return file_->Commit();
  }

 private:
  absl::Status Header() {
    if (header_written_) return absl::OkStatus();
    header_written_ = true;
    std::vector<std::string> names;
    for (const FlatField& f : fields_) names.push_back(f.column);
    return file_->Append(absl::StrCat(absl::StrJoin(names, ","), "\r\n"));
  }
  std::unique_ptr<AtomicFile> file_;
  const std::vector<FlatField>& fields_;
  const bool raw_;
  bool header_written_ = false;
};

class BatchSink : public Sink {
 public:
  explicit BatchSink(std::unique_ptr<BatchWriter> writer) : writer_(std::move(writer)) {}
  absl::Status Write(const v1::BatchRecord& record) override {
    return writer_->Write(record);
  }
  absl::Status Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<BatchWriter> writer_;
};

v1::BatchKop DefaultHeader(RecordType type) {
  v1::BatchKop header;
  header.set_batch_id(NewUuid());
  header.set_aangemaakt_op(NowRfc3339());
  header.set_standaardversie(StandardVersion());
  header.set_soort(v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(type == RecordType::kVacature ? v1::SOORT_INHOUD_VACATURES
                                                  : v1::SOORT_INHOUD_WERKZOEKENDEN);
  return header;
}

}  // namespace

absl::StatusOr<ConvertReport> Convert(const std::string& in, DataFormat in_format,
                                      const std::string& out, DataFormat out_format,
                                      const ConvertOptions& options) {
  return ConvertAll({in}, in_format, out, out_format, options);
}

absl::StatusOr<ConvertReport> ConvertAll(const std::vector<std::string>& inputs,
                                         DataFormat in_format, const std::string& out,
                                         DataFormat out_format,
                                         const ConvertOptions& options) {
  RecordReaderOptions reading;
  reading.format = in_format;
  reading.record_type = options.record_type;
  reading.limits = options.limits;
  std::vector<std::unique_ptr<RecordReader>> readers;
  for (const std::string& in : inputs) {
    absl::StatusOr<std::unique_ptr<RecordReader>> reader =
        RecordReader::Open(in, reading);
    if (!reader.ok()) return reader.status();
    readers.push_back(*std::move(reader));
  }
  // A batch says what it holds.
  const RecordType type =
      readers.empty() ? options.record_type : readers.front()->record_type();
  std::unique_ptr<Sink> sink;
  if (out_format == DataFormat::kBatch) {
    v1::BatchKop header =
        options.batch_header.has_batch_id() ? options.batch_header : DefaultHeader(type);
    absl::StatusOr<std::unique_ptr<BatchWriter>> writer =
        BatchWriter::Create(out, header, options.batch_options);
    if (!writer.ok()) return writer.status();
    sink = std::make_unique<BatchSink>(*std::move(writer));
  } else {
    absl::StatusOr<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(out);
    if (!file.ok()) return file.status();
    sink =
        out_format == DataFormat::kCsv
            ? std::unique_ptr<Sink>(new CsvSink(*std::move(file), type, options.csv_raw))
            : std::unique_ptr<Sink>(
                  new DocumentSink(*std::move(file), out_format, options.empty_values));
  }

  ConvertReport report;
  v1::BatchRecord record;
  RecordPlace place;
  for (size_t k = 0; k < readers.size(); ++k) {
    while (true) {
      absl::StatusOr<bool> more = readers[k]->Next(&record, &place);
      if (!more.ok()) {
        return absl::Status(more.status().code(),
                            absl::StrCat(inputs[k], ": ", more.status().message()));
      }
      if (!*more) break;
      const uint64_t index = report.read++;
      if (place.fault != RecordFault::kNone) {
        report.rejected.push_back(
            {index,
             inputs.size() > 1 ? absl::StrCat(inputs[k], ", ", place.where) : place.where,
             std::move(place.reason)});
      } else {
        if (absl::Status s = sink->Write(record); !s.ok()) return s;
        ++report.written;
      }
      if (options.progress && report.read % kProgressEvery == 0)
        options.progress(report.read);
    }
  }
  for (const v1::BatchRecord& record : options.append) {
    if (out_format != DataFormat::kBatch) {
      return absl::InvalidArgumentError("only a batch can take appended records");
    }
    if (absl::Status s = sink->Write(record); !s.ok()) return s;
  }
  if (absl::Status s = sink->Finish(); !s.ok()) {
    // Nothing to write because every record was rejected: say why.
    if (report.written == 0 && !report.rejected.empty()) {
      const RejectedRecord& first = report.rejected.front();
      return absl::Status(s.code(),
                          absl::StrCat(s.message(), ": ", report.rejected.size(),
                                       " record(s) rejected, the first (", first.where,
                                       "): ", first.reason));
    }
    return s;
  }
  if (options.progress) options.progress(report.read);
  return report;
}

std::vector<std::string> CsvColumns(RecordType type) {
  std::vector<std::string> columns;
  for (const FlatField& f : FlatFieldsOf(RecordDescriptor(type)))
    columns.push_back(f.column);
  return columns;
}

std::string CsvColumnsMarkdown() {
  std::string out =
      "# CSV columns\n\n"
      "Generated from the schema by `vum schema csv`; do not edit by hand. A test fails "
      "when this file differs from the schema.\n\n"
      "`vum convert` writes and reads the flat part of profiles and vacancies as CSV "
      "(RFC 4180, comma-separated, a header row, CRLF line ends): every element that is "
      "not inside a list, one column each, named by its path in VUM JSON. Codes are "
      "written as their integer code, dates as in VUM JSON; an empty cell is an absent "
      "element. Reading accepts any subset of the columns in any order; an unknown "
      "column "
      "is an error. Lists (languages, education, ...) have no columns: use JSON or a "
      "batch "
      "for a whole record.\n\n"
      "Municipal staff open these files in spreadsheets, which run a cell that starts "
      "with "
      "`=`, `+`, `-` or `@` (or a tab or carriage return) as a formula. So a value that "
      "starts with one of those, after any apostrophes, is written with one more "
      "apostrophe "
      "in front (`'=SUM(A1)`, `'-5`), which a spreadsheet shows as text; reading takes "
      "exactly that apostrophe off again, so values round-trip, and a value such as "
      "`'s-Hertogenbosch` is left alone both ways. `vum convert --csv-raw` writes values "
      "as "
      "they are, for programs that are not spreadsheets.\n";
  for (RecordType type : {RecordType::kWerkzoekende, RecordType::kVacature}) {
    absl::StrAppend(&out, "\n## ", RecordDescriptor(type)->name(),
                    "\n\n| column | label | type | privacy |\n|---|---|---|---|\n");
    for (const FlatField& f : FlatFieldsOf(RecordDescriptor(type))) {
      const auto* field = f.path.back();
      absl::StrAppend(&out, "| `", f.column, "` | ", InfoOf(*field).label(), " | ",
                      field->enum_type() != nullptr
                          ? absl::StrCat("code (", field->enum_type()->name(), ")")
                          : std::string(field->type_name()),
                      " | ", LabelOf(InfoOf(*field).privacy()), " |\n");
    }
  }
  return out;
}

}  // namespace vum
