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
using google::protobuf::Descriptor;
using google::protobuf::Message;

constexpr uint64_t kProgressEvery = 10000;

const Descriptor* DescriptorOf(RecordType type) {
  return type == RecordType::kVacature ? v1::Vacature::descriptor()
                                       : v1::Werkzoekende::descriptor();
}

Message* Payload(v1::BatchRecord* record, RecordType type) {
  return type == RecordType::kVacature ? static_cast<Message*>(record->mutable_vacature())
                                       : record->mutable_werkzoekende();
}

// The record a batch record carries, or null for a withdrawal.
const Message* PayloadOf(const v1::BatchRecord& record) {
  if (record.has_werkzoekende()) return &record.werkzoekende();
  if (record.has_vacature()) return &record.vacature();
  return nullptr;
}

// ---------------------------------------------------------------- sources

// Yields records one by one. Next returns true with either `record` filled or
// `rejected->reason` set; false at the end; a Status when the input as a
// whole cannot be read further.
class Source {
 public:
  virtual ~Source() = default;
  virtual absl::StatusOr<bool> Next(v1::BatchRecord* record,
                                    RejectedRecord* rejected) = 0;
};

// Why a part of the input is refused unread.
std::string TooLarge(absl::string_view what, size_t limit) {
  return absl::StrCat(what, " is larger than the limit of ", limit, " bytes");
}

// Parses one JSON document into the payload of `record`; on failure fills
// `rejected`.
void ParseInto(JsonParser& parser, absl::string_view doc, RecordType type,
               const InputLimits& limits, v1::BatchRecord* record,
               RejectedRecord* rejected) {
  record->Clear();
  if (absl::Status s = CheckJsonShape(doc, limits); !s.ok()) {
    rejected->reason = std::string(s.message());
    return;
  }
  if (absl::Status s = parser.Parse(doc, Payload(record, type)); !s.ok()) {
    record->Clear();
    rejected->reason = std::string(s.message());
  }
}

class JsonSource : public Source {
 public:
  // `too_large`: the file was larger than the limit and `text` holds its
  // start only.
  JsonSource(std::string text, bool too_large, RecordType type, const InputLimits& limits)
      : text_(std::move(text)), too_large_(too_large), type_(type), limits_(limits) {}
  absl::StatusOr<bool> Next(v1::BatchRecord* record, RejectedRecord* rejected) override {
    if (done_) return false;
    done_ = true;
    rejected->where = "document";
    if (too_large_) {
      record->Clear();
      rejected->reason = TooLarge("the document", limits_.max_document_bytes);
      return true;
    }
    ParseInto(parser_, text_, type_, limits_, record, rejected);
    return true;
  }

 private:
  std::string text_;
  bool too_large_;
  RecordType type_;
  InputLimits limits_;
  JsonParser parser_;
  bool done_ = false;
};

class BinarySource : public Source {
 public:
  BinarySource(std::string bytes, bool too_large, RecordType type, size_t limit)
      : bytes_(std::move(bytes)), too_large_(too_large), type_(type), limit_(limit) {}
  absl::StatusOr<bool> Next(v1::BatchRecord* record, RejectedRecord* rejected) override {
    if (done_) return false;
    done_ = true;
    rejected->where = "document";
    record->Clear();
    if (too_large_) {
      rejected->reason = TooLarge("the record", limit_);
      return true;
    }
    if (absl::Status s = ParseBinary(bytes_, Payload(record, type_)); !s.ok()) {
      record->Clear();
      rejected->reason = std::string(s.message());
    }
    return true;
  }

 private:
  std::string bytes_;
  bool too_large_;
  RecordType type_;
  size_t limit_;
  bool done_ = false;
};

class NdjsonSource : public Source {
 public:
  NdjsonSource(std::unique_ptr<std::ifstream> in, RecordType type,
               const InputLimits& limits)
      : in_(std::move(in)),
        lines_(in_.get(), limits.max_document_bytes),
        type_(type),
        limits_(limits) {}
  absl::StatusOr<bool> Next(v1::BatchRecord* record, RejectedRecord* rejected) override {
    bool too_long = false;
    if (!lines_.Next(&line_, &too_long)) return false;
    rejected->where = absl::StrCat("line ", lines_.line_number());
    if (too_long) {
      record->Clear();
      rejected->reason = TooLarge("the line", limits_.max_document_bytes);
      return true;
    }
    ParseInto(parser_, line_, type_, limits_, record, rejected);
    return true;
  }

 private:
  std::unique_ptr<std::ifstream> in_;
  io_internal::LineReader lines_;
  RecordType type_;
  InputLimits limits_;
  JsonParser parser_;
  std::string line_;
};

// Splits a top-level JSON array into the raw text of its elements as it
// reads, in constant memory (one element at a time), and parses each.
class JsonArraySource : public Source {
 public:
  JsonArraySource(std::unique_ptr<std::ifstream> in, RecordType type,
                  const InputLimits& limits)
      : in_(std::move(in)), type_(type), limits_(limits) {}

  absl::StatusOr<bool> Next(v1::BatchRecord* record, RejectedRecord* rejected) override {
    if (state_ == State::kDone) return false;
    int c = SkipSpace();
    if (state_ == State::kStart) {
      if (c != '[') return Malformed("it does not start with '['");
      state_ = State::kFirst;
      c = SkipSpace();
      if (c == ']') return End();
    } else if (state_ == State::kAfter) {
      if (c == ']') return End();
      if (c != ',') return Malformed("expected ',' or ']' between elements");
      c = SkipSpace();
    }
    if (c == EOF) return Malformed("the array is not closed");
    const uint64_t start_line = line_;
    element_.clear();
    bool too_large = false;  // the element is read to its end, not kept
    int depth = 0;
    bool in_string = false, escaped = false;
    bool closed = false;  // a complete value was read at depth 0
    for (;; c = Get()) {
      if (c == EOF) return Malformed("the array ends inside an element");
      if (in_string) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
          closed = depth == 0;
        }
      } else if (closed && c != ',' && c != ']' && c != ' ' && c != '\n' && c != '\r' &&
                 c != '\t') {
        return Malformed("expected ',' or ']' after an element");
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {  // the array's own ']': the element ended before it
          Unget(c);
          break;
        }
        closed = --depth == 0;
      } else if (c == ',' && depth == 0) {
        Unget(c);
        break;
      }
      if (element_.size() < limits_.max_document_bytes) {
        element_.push_back(static_cast<char>(c));
      } else {
        too_large = true;
      }
    }
    state_ = State::kAfter;
    rejected->where = absl::StrCat("line ", start_line);
    if (too_large) {
      record->Clear();
      rejected->reason = TooLarge("the element", limits_.max_document_bytes);
      return true;
    }
    ParseInto(parser_, element_, type_, limits_, record, rejected);
    return true;
  }

 private:
  enum class State { kStart, kFirst, kAfter, kDone };

  int Get() {
    if (pending_ != EOF) {
      const int c = pending_;
      pending_ = EOF;
      return c;
    }
    const int c = in_->get();
    if (c == '\n') ++line_;
    return c;
  }
  void Unget(int c) { pending_ = c; }
  int SkipSpace() {
    int c;
    do c = Get();
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
    return c;
  }
  absl::StatusOr<bool> End() {
    state_ = State::kDone;
    if (SkipSpace() != EOF) return Malformed("text after the closing ']'");
    return false;
  }
  absl::Status Malformed(absl::string_view why) {
    state_ = State::kDone;
    return absl::InvalidArgumentError(
        absl::StrCat("not a JSON array of records at line ", line_, ": ", why));
  }

  std::unique_ptr<std::ifstream> in_;
  RecordType type_;
  InputLimits limits_;
  JsonParser parser_;
  State state_ = State::kStart;
  std::string element_;
  uint64_t line_ = 1;
  int pending_ = EOF;
};

class BatchSource : public Source {
 public:
  explicit BatchSource(std::unique_ptr<BatchReader> reader)
      : reader_(std::move(reader)) {}
  absl::StatusOr<bool> Next(v1::BatchRecord* record, RejectedRecord* rejected) override {
    absl::StatusOr<bool> more = reader_->Next(record, &position_);
    if (!more.ok() || !*more) return more;
    rejected->where = absl::StrCat("offset ", position_.offset);
    rejected->reason = position_.parse_error;
    return true;
  }

 private:
  std::unique_ptr<BatchReader> reader_;
  RecordPosition position_;
};

class CsvSource : public Source {
 public:
  static absl::StatusOr<std::unique_ptr<CsvSource>> Create(const std::string& text,
                                                           size_t max_field_bytes,
                                                           RecordType type) {
    absl::StatusOr<std::vector<std::vector<std::string>>> rows =
        csv_internal::ParseCsv(text, ',', max_field_bytes);
    if (!rows.ok()) return rows.status();
    if (rows->empty())
      return absl::InvalidArgumentError("the CSV file has no header row");
    auto source = std::unique_ptr<CsvSource>(new CsvSource(type));
    const std::vector<FlatField>& fields = FlatFieldsOf(DescriptorOf(type));
    std::set<std::string> seen;
    int column = 0;
    for (const std::string& name : rows->front()) {
      ++column;
      const FlatField* found = nullptr;
      for (const FlatField& f : fields) {
        if (f.column == name) found = &f;
      }
      if (found == nullptr) {
        // Named by its place only: a header cell that is no column name may
        // be a value (a file without a header row, or with CR line ends read
        // as one row).
        return absl::InvalidArgumentError(
            absl::StrCat("column ", column,
                         " of the header row is not a column of the standard; "
                         "docs/csv-columns.md lists "
                         "them"));
      }
      if (!seen.insert(name).second) {
        return absl::InvalidArgumentError(absl::StrCat(
            "the CSV column ", found->column, " appears twice in the header row"));
      }
      source->columns_.push_back(found);
    }
    source->rows_ = *std::move(rows);
    return source;
  }

  absl::StatusOr<bool> Next(v1::BatchRecord* record, RejectedRecord* rejected) override {
    while (++row_ < rows_.size()) {
      const std::vector<std::string>& row = rows_[row_];
      if (row.size() == 1 && row[0].empty()) continue;  // an empty line
      rejected->where = absl::StrCat("row ", row_ + 1);
      record->Clear();
      if (row.size() != columns_.size()) {
        rejected->reason =
            absl::StrCat("has ", row.size(), " cells, the header ", columns_.size());
        return true;
      }
      Message* payload = Payload(record, type_);
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i].empty()) continue;
        if (!validate_internal::IsValidUtf8(row[i])) {
          record->Clear();
          rejected->reason = absl::StrCat("column ", i + 1, " (", columns_[i]->column,
                                          ") is not valid UTF-8");
          break;
        }
        if (absl::Status s = convert_internal::SetFlatValue(
                payload, *columns_[i], csv_internal::FromSpreadsheetSafe(row[i]));
            !s.ok()) {
          record->Clear();
          rejected->reason = std::string(s.message());
          break;
        }
      }
      return true;
    }
    return false;
  }

 private:
  explicit CsvSource(RecordType type) : type_(type) {}
  RecordType type_;
  std::vector<const FlatField*> columns_;
  std::vector<std::vector<std::string>> rows_;
  size_t row_ = 0;  // the header is row 0
};

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
      : file_(std::move(file)), fields_(FlatFieldsOf(DescriptorOf(type))), raw_(raw) {}
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

absl::StatusOr<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                                   DataFormat format, RecordType type,
                                                   const InputLimits& limits) {
  if (format == DataFormat::kBatch) {
    absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::Open(path);
    if (!reader.ok()) return reader.status();
    return std::unique_ptr<Source>(new BatchSource(*std::move(reader)));
  }
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in)
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  if (format == DataFormat::kNdjson) {
    return std::unique_ptr<Source>(new NdjsonSource(std::move(in), type, limits));
  }
  if (format == DataFormat::kJsonArray) {
    return std::unique_ptr<Source>(new JsonArraySource(std::move(in), type, limits));
  }
  const size_t limit =
      format == DataFormat::kCsv ? limits.max_csv_bytes : limits.max_document_bytes;
  std::string text;
  const bool too_large = !io_internal::ReadAtMost(*in, limit, &text);
  if (format == DataFormat::kJson) {
    return std::unique_ptr<Source>(
        new JsonSource(std::move(text), too_large, type, limits));
  }
  if (format == DataFormat::kBinary) {
    return std::unique_ptr<Source>(
        new BinarySource(std::move(text), too_large, type, limit));
  }
  if (too_large) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, ": ", TooLarge("the CSV file", limits.max_csv_bytes)));
  }
  absl::StatusOr<std::unique_ptr<CsvSource>> csv =
      CsvSource::Create(text, limits.max_csv_field_bytes, type);
  if (!csv.ok()) return csv.status();
  return std::unique_ptr<Source>(*std::move(csv));
}

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

absl::string_view DataFormatName(DataFormat format) {
  switch (format) {
    case DataFormat::kJson:
      return "json";
    case DataFormat::kJsonArray:
      return "json-array";
    case DataFormat::kNdjson:
      return "ndjson";
    case DataFormat::kBinary:
      return "binary";
    case DataFormat::kBatch:
      return "batch";
    case DataFormat::kCsv:
      return "csv";
  }
  return "json";
}

absl::StatusOr<DataFormat> ParseDataFormat(absl::string_view name) {
  for (DataFormat f : {DataFormat::kJson, DataFormat::kJsonArray, DataFormat::kNdjson,
                       DataFormat::kBinary, DataFormat::kBatch, DataFormat::kCsv}) {
    if (DataFormatName(f) == name) return f;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format \"", name.substr(0, 40),
                   "\"; use json, json-array, ndjson, binary, batch or csv"));
}

absl::StatusOr<DataFormat> DataFormatFromPath(absl::string_view path) {
  if (absl::EndsWith(path, ".ndjson") || absl::EndsWith(path, ".jsonl"))
    return DataFormat::kNdjson;
  if (absl::EndsWith(path, ".json")) return DataFormat::kJson;
  if (absl::EndsWith(path, ".bin") || absl::EndsWith(path, ".pb"))
    return DataFormat::kBinary;
  if (absl::EndsWith(path, ".vumb") || absl::EndsWith(path, ".vumb.zst"))
    return DataFormat::kBatch;
  if (absl::EndsWith(path, ".csv")) return DataFormat::kCsv;
  return absl::NotFoundError(
      absl::StrCat("cannot tell the format of ", path, " from its name"));
}

absl::StatusOr<ConvertReport> Convert(const std::string& in, DataFormat in_format,
                                      const std::string& out, DataFormat out_format,
                                      const ConvertOptions& options) {
  return ConvertAll({in}, in_format, out, out_format, options);
}

absl::StatusOr<ConvertReport> ConvertAll(const std::vector<std::string>& inputs,
                                         DataFormat in_format, const std::string& out,
                                         DataFormat out_format,
                                         const ConvertOptions& options) {
  RecordType type = options.record_type;
  std::vector<std::unique_ptr<Source>> sources;
  for (const std::string& in : inputs) {
    if (in_format == DataFormat::kBatch) {
      // A batch says what it holds.
      absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::Open(in);
      if (!reader.ok()) return reader.status();
      if ((*reader)->header().inhoud() == v1::SOORT_INHOUD_VACATURES)
        type = RecordType::kVacature;
      sources.push_back(std::make_unique<BatchSource>(*std::move(reader)));
      continue;
    }
    absl::StatusOr<std::unique_ptr<Source>> source =
        OpenSource(in, in_format, type, options.limits);
    if (!source.ok()) return source.status();
    sources.push_back(*std::move(source));
  }
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
  for (size_t k = 0; k < sources.size(); ++k) {
    while (true) {
      RejectedRecord rejected;
      absl::StatusOr<bool> more = sources[k]->Next(&record, &rejected);
      if (!more.ok()) {
        return absl::Status(more.status().code(),
                            absl::StrCat(inputs[k], ": ", more.status().message()));
      }
      if (!*more) break;
      rejected.index = report.read++;
      if (!rejected.reason.empty()) {
        if (inputs.size() > 1)
          rejected.where = absl::StrCat(inputs[k], ", ", rejected.where);
        report.rejected.push_back(std::move(rejected));
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
  for (const FlatField& f : FlatFieldsOf(DescriptorOf(type))) columns.push_back(f.column);
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
    absl::StrAppend(&out, "\n## ", DescriptorOf(type)->name(),
                    "\n\n| column | label | type | privacy |\n|---|---|---|---|\n");
    for (const FlatField& f : FlatFieldsOf(DescriptorOf(type))) {
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
