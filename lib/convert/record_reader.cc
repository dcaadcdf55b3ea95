#include "vum/record_reader.h"

#include <simdjson.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/dynamic_message.h"
#include "lib/codelist/csv.h"
#include "lib/convert/flat_fields.h"
#include "lib/convert/lines_parsed_ahead.h"
#include "lib/io/atomic_file.h"
#include "lib/io/line_reader.h"
#include "lib/validate/formats.h"
#include "vum/batch.h"
#include "vum/json.h"
#include "vum/record.h"

namespace vum {
namespace {

using convert_internal::FlatField;
using convert_internal::FlatFieldsOf;
using convert_internal::LineRead;
using convert_internal::LinesParsedAhead;
using google::protobuf::Descriptor;
using google::protobuf::Message;

// How much of a file its format is told by.
constexpr size_t kHeadBytes = size_t{64} << 10;

// Sets `place`'s where to `what` and `n` ("line 12") in the string's own
// room: a reader of a million lines sets it a million times (absl::StrCat
// made a new string each time: 7% of a parsing thread).
void SetWhere(RecordPlace* place, absl::string_view what, uint64_t n) {
  char digits[std::numeric_limits<uint64_t>::digits10 + 2];
  const char* end = absl::numbers_internal::FastIntToBuffer(n, digits);
  place->where.assign(what.data(), what.size());
  place->where.append(digits, static_cast<size_t>(end - digits));
}

Message* Payload(v1::BatchRecord* record, RecordType type) {
  return type == RecordType::kVacature ? static_cast<Message*>(record->mutable_vacature())
                                       : record->mutable_werkzoekende();
}

// Where a source puts a record: into `message`, or, from a JSON source,
// into `*binary` as the binary form of a message of `type`
// (JsonParser::ParseToBinary).
struct Into {
  Message* message = nullptr;
  const google::protobuf::Descriptor* type = nullptr;
  std::string* binary = nullptr;

  void Clear() const { binary != nullptr ? binary->clear() : message->Clear(); }
};

// Yields the records of a file other than a batch, one by one, into a
// message of the record's type (or, from a JSON source, into its binary
// form: WritesBinary). Next returns true with either `into`
// filled or `place->fault` set (and `into` cleared); false at the end; a
// Status when the input as a whole cannot be read further.
class Source {
 public:
  virtual ~Source() = default;
  virtual absl::StatusOr<bool> Next(const Into& into, RecordPlace* place) = 0;
  // Whether Next takes an Into with `binary` (JSON sources); others are
  // given a message.
  [[nodiscard]] virtual bool WritesBinary() const { return false; }
};

void Fault(RecordFault fault, std::string reason, const Into& into, RecordPlace* place) {
  into.Clear();
  place->fault = fault;
  place->reason = std::move(reason);
}

// Why a part of the input is refused unread.
std::string TooLarge(absl::string_view what, size_t limit) {
  return absl::StrCat(what, " is larger than the limit of ", limit, " bytes");
}

// Parses one JSON document into `into` with `parser`, which has
// `options.limits` (a document beyond them is RESOURCE_EXHAUSTED); on failure
// fills `place`.
// `padded`: JsonParser::kBytesReadPastEnd readable bytes follow `doc`, which
// is then parsed where it lies.
static_assert(io_internal::LineReader::kPaddingBytes >= JsonParser::kBytesReadPastEnd);
void ParseInto(JsonParser& parser, absl::string_view doc, bool padded,
               const RecordReaderOptions& options, const Into& into, RecordPlace* place) {
  std::vector<FieldPath>* absent = options.list_absent ? &place->absent : nullptr;
  // A message is not cleared first: the parser overwrites a reused message
  // (its nested records and strings kept, not freed and allocated again) and
  // gives what a fresh one would hold (vum/json.h).
  absl::Status s;
  if (into.binary == nullptr) {
    s = parser.Parse(doc, into.message, absent);
  } else if (padded) {
    s = parser.ParseToBinaryInPlace(doc, *into.type, into.binary, absent);
  } else {
    s = parser.ParseToBinary(doc, *into.type, into.binary, absent);
  }
  if (s.ok()) return;
  Fault(s.code() == absl::StatusCode::kResourceExhausted ? RecordFault::kTooLarge
                                                         : RecordFault::kUnreadable,
        std::string(s.message()), into, place);
}

class JsonSource : public Source {
 public:
  // `too_large`: the file was larger than the limit and `text` holds its
  // start only.
  JsonSource(std::string text, bool too_large, const RecordReaderOptions& options)
      : text_(std::move(text)), too_large_(too_large), options_(options) {}
  absl::StatusOr<bool> Next(const Into& into, RecordPlace* place) override {
    if (done_) return false;
    done_ = true;
    place->where = "document";
    if (too_large_) {
      Fault(RecordFault::kTooLarge,
            TooLarge("the document", options_.limits.max_document_bytes), into, place);
      return true;
    }
    ParseInto(parser_, text_, /*padded=*/false, options_, into, place);
    return true;
  }
  bool WritesBinary() const override { return true; }

 private:
  std::string text_;
  bool too_large_;
  RecordReaderOptions options_;
  JsonParser parser_{options_.limits};  // after options_
  bool done_ = false;
};

class BinarySource : public Source {
 public:
  BinarySource(std::string bytes, bool too_large, size_t limit)
      : bytes_(std::move(bytes)), too_large_(too_large), limit_(limit) {}
  absl::StatusOr<bool> Next(const Into& into, RecordPlace* place) override {
    if (done_) return false;
    done_ = true;
    place->where = "document";
    into.Clear();
    if (too_large_) {
      Fault(RecordFault::kTooLarge, TooLarge("the record", limit_), into, place);
    } else if (absl::Status s = ParseBinary(bytes_, into.message); !s.ok()) {
      Fault(RecordFault::kUnreadable, std::string(s.message()), into, place);
    }
    return true;
  }

 private:
  std::string bytes_;
  bool too_large_;
  size_t limit_;
  bool done_ = false;
};

class NdjsonSource : public Source {
 public:
  NdjsonSource(std::unique_ptr<std::ifstream> in, const RecordReaderOptions& options)
      : in_(std::move(in)),
        lines_(in_.get(), options.limits.max_document_bytes),
        options_(options) {}
  absl::StatusOr<bool> Next(const Into& into, RecordPlace* place) override {
    if (ahead_ == nullptr && into.binary != nullptr && options_.parse_threads > 0 &&
        !options_.list_absent) {
      StartParsingAhead(into.type);
    }
    if (ahead_ != nullptr) return NextParsedAhead(into, place);
    line_.too_long = false;
    if (!lines_.Next(&line_text_, &line_.too_long)) return End();
    line_.text = line_text_;
    line_.number = lines_.line_number();
    ParseLine(parser_, line_, into, place);
    return true;
  }
  bool WritesBinary() const override { return true; }

 private:
  absl::StatusOr<bool> End() const {
    if (lines_.failed()) return absl::DataLossError("the file cannot be read to its end");
    return false;
  }

  void ParseLine(JsonParser& parser, const LineRead& line, const Into& into,
                 RecordPlace* place) const {
    SetWhere(place, "line ", line.number);
    if (line.too_long) {
      Fault(RecordFault::kTooLarge,
            TooLarge("the line", options_.limits.max_document_bytes), into, place);
      return;
    }
    ParseInto(parser, line.text, line.padded, options_, into, place);
  }

  // From here on, lines are read and parsed into the binary form of `type`
  // on threads of their own (RecordReaderOptions::parse_threads).
  void StartParsingAhead(const Descriptor* type) {
    ahead_type_ = type;
    ahead_ = std::make_unique<LinesParsedAhead>(
        &lines_, options_.parse_threads, [this, type]() -> LinesParsedAhead::Parse {
          auto parser = std::make_shared<JsonParser>(options_.limits);
          return [this, type, parser](const LineRead& line, std::string* out,
                                      RecordPlace* place) {
            ParseLine(*parser, line, {.type = type, .binary = out}, place);
          };
        });
  }

  absl::StatusOr<bool> NextParsedAhead(const Into& into, RecordPlace* place) {
    if (into.binary == nullptr || into.type != ahead_type_) {
      return absl::FailedPreconditionError(
          "a reader that parses ahead (parse_threads) gives the binary form of the "
          "type it was first asked for only");
    }
    const uint64_t index = place->index;
    if (!ahead_->Next(into.binary, place)) {
      if (absl::Status s = ahead_->status(); !s.ok()) return s;
      return End();
    }
    place->index = index;
    return true;
  }

  std::unique_ptr<std::ifstream> in_;
  io_internal::LineReader lines_;
  RecordReaderOptions options_;
  JsonParser parser_{options_.limits};  // after options_
  std::string line_text_;
  LineRead line_;  // its text is line_text_
  // With parse_threads, once a binary form was asked for: after lines_ and
  // options_, which its threads use.
  const Descriptor* ahead_type_ = nullptr;
  std::unique_ptr<LinesParsedAhead> ahead_;
};

// Splits a top-level JSON array into the raw text of its elements as it
// reads, in constant memory (one element at a time), and parses each.
class JsonArraySource : public Source {
 public:
  JsonArraySource(std::unique_ptr<std::ifstream> in, const RecordReaderOptions& options)
      : in_(std::move(in)), options_(options) {}

  absl::StatusOr<bool> Next(const Into& into, RecordPlace* place) override {
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
      if (element_.size() < options_.limits.max_document_bytes) {
        element_.push_back(static_cast<char>(c));
      } else {
        too_large = true;
      }
    }
    state_ = State::kAfter;
    SetWhere(place, "line ", start_line);
    if (too_large) {
      Fault(RecordFault::kTooLarge,
            TooLarge("the element", options_.limits.max_document_bytes), into, place);
      return true;
    }
    ParseInto(parser_, element_, /*padded=*/false, options_, into, place);
    return true;
  }
  bool WritesBinary() const override { return true; }

 private:
  enum class State { kStart, kFirst, kAfter, kDone };

  int Get() {
    if (pending_ != EOF) {
      const int c = pending_;
      pending_ = EOF;
      return c;
    }
    const int c = in_->rdbuf()->sbumpc();  // istream::get builds a sentry per call
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
  RecordReaderOptions options_;
  JsonParser parser_{options_.limits};  // after options_
  State state_ = State::kStart;
  std::string element_;
  uint64_t line_ = 1;
  int pending_ = EOF;
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
    const std::vector<FlatField>& fields = FlatFieldsOf(RecordDescriptor(type));
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

  absl::StatusOr<bool> Next(const Into& into, RecordPlace* place) override {
    Message* target = into.message;
    if (target->GetDescriptor() != RecordDescriptor(type_)) {
      return absl::FailedPreconditionError(
          absl::StrCat("a CSV file of ", RecordDescriptor(type_)->name(),
                       " cannot be read as ", target->GetDescriptor()->name()));
    }
    while (++row_ < rows_.size()) {
      const std::vector<std::string>& row = rows_[row_];
      if (row.size() == 1 && row[0].empty()) continue;  // an empty line
      SetWhere(place, "row ", row_ + 1);
      target->Clear();
      if (row.size() != columns_.size()) {
        Fault(RecordFault::kUnreadable,
              absl::StrCat("has ", row.size(), " cells, the header ", columns_.size()),
              into, place);
        return true;
      }
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i].empty()) continue;
        if (!validate_internal::IsValidUtf8(row[i])) {
          Fault(RecordFault::kUnreadable,
                absl::StrCat("column ", i + 1, " (", columns_[i]->column,
                             ") is not valid UTF-8"),
                into, place);
          break;
        }
        if (absl::Status s = convert_internal::SetFlatValue(
                target, *columns_[i], csv_internal::FromSpreadsheetSafe(row[i]));
            !s.ok()) {
          Fault(RecordFault::kUnreadable, std::string(s.message()), into, place);
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

absl::StatusOr<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                                   DataFormat format,
                                                   const RecordReaderOptions& options) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  if (format == DataFormat::kNdjson) {
    return std::unique_ptr<Source>(new NdjsonSource(std::move(in), options));
  }
  if (format == DataFormat::kJsonArray) {
    return std::unique_ptr<Source>(new JsonArraySource(std::move(in), options));
  }
  const InputLimits& limits = options.limits;
  const size_t limit =
      format == DataFormat::kCsv ? limits.max_csv_bytes : limits.max_document_bytes;
  std::string text;
  const bool too_large = !io_internal::ReadAtMost(*in, limit, &text);
  if (format == DataFormat::kJson) {
    return std::unique_ptr<Source>(new JsonSource(std::move(text), too_large, options));
  }
  if (format == DataFormat::kBinary) {
    return std::unique_ptr<Source>(new BinarySource(std::move(text), too_large, limit));
  }
  if (too_large) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, ": ", TooLarge("the CSV file", limits.max_csv_bytes)));
  }
  absl::StatusOr<std::unique_ptr<CsvSource>> csv =
      CsvSource::Create(text, limits.max_csv_field_bytes, options.record_type);
  if (!csv.ok()) return csv.status();
  return std::unique_ptr<Source>(*std::move(csv));
}

class RecordReaderImpl : public RecordReader {
 public:
  RecordReaderImpl(DataFormat format, RecordType type, std::unique_ptr<Source> source,
                   std::unique_ptr<BatchReader> batch)
      : format_(format),
        type_(type),
        source_(std::move(source)),
        batch_(std::move(batch)) {}

  DataFormat format() const override { return format_; }
  RecordType record_type() const override { return type_; }
  const v1::BatchKop* batch_header() const override {
    return batch_ == nullptr ? nullptr : &batch_->header();
  }

  absl::StatusOr<bool> Next(v1::BatchRecord* record, RecordPlace* place) override {
    *place = RecordPlace{};
    place->index = index_;
    if (batch_ != nullptr) {
      record->Clear();
      absl::StatusOr<bool> more = batch_->Next(record, &position_);
      if (!more.ok() || !*more) return more;
      ++index_;
      SetWhere(place, "offset ", position_.offset);
      if (!position_.parse_error.empty()) {
        record->Clear();
        place->fault = RecordFault::kUnreadable;
        place->reason = position_.parse_error;
      }
      return true;
    }
    // The payload is cleared by the source, not freed: the next document
    // reuses its nested records and strings (a JSON parser's fast way).
    record->GetReflection()->MutableUnknownFields(record)->Clear();
    absl::StatusOr<bool> more = source_->Next({.message = Payload(record, type_)}, place);
    if (!more.ok() || !*more) {
      record->Clear();
      return more;
    }
    ++index_;
    if (place->fault != RecordFault::kNone) record->Clear();
    return true;
  }

  absl::StatusOr<bool> NextMessage(Message* message, RecordPlace* place) override {
    if (batch_ != nullptr) return NotInABatch();
    *place = RecordPlace{};
    place->index = index_;
    absl::StatusOr<bool> more = source_->Next({.message = message}, place);
    if (more.ok() && *more) ++index_;
    return more;
  }

  absl::StatusOr<bool> NextBinary(const google::protobuf::Descriptor& type,
                                  std::string* binary, RecordPlace* place) override {
    if (batch_ != nullptr) return NotInABatch();
    if (source_->WritesBinary()) {
      *place = RecordPlace{};
      place->index = index_;
      absl::StatusOr<bool> more = source_->Next({.type = &type, .binary = binary}, place);
      if (more.ok() && *more) ++index_;
      return more;
    }
    // Through a message of the type, read and serialized.
    if (scratch_ == nullptr || scratch_->GetDescriptor() != &type) {
      const Message* prototype =
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type);
      if (prototype == nullptr) prototype = dynamic_.GetPrototype(&type);
      scratch_.reset(prototype->New());
    }
    binary->clear();
    absl::StatusOr<bool> more = NextMessage(scratch_.get(), place);
    if (!more.ok() || !*more || place->fault != RecordFault::kNone) return more;
    if (!scratch_->SerializeToString(binary)) {
      place->fault = RecordFault::kUnreadable;
      place->reason = "the record lacks a field its type requires";
    }
    return more;
  }

 private:
  DataFormat format_;
  RecordType type_;
  std::unique_ptr<Source> source_;
  std::unique_ptr<BatchReader> batch_;
  RecordPosition position_;
  uint64_t index_ = 0;
  // NextBinary's, for a source of messages.
  google::protobuf::DynamicMessageFactory dynamic_;
  std::unique_ptr<Message> scratch_;  // after dynamic_, which may have made it

  static absl::Status NotInABatch() {
    return absl::FailedPreconditionError(
        "a batch's records are read into a BatchRecord (RecordReader::Next)");
  }
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

const google::protobuf::Descriptor* RecordDescriptor(RecordType type) {
  return type == RecordType::kVacature ? v1::Vacature::descriptor()
                                       : v1::Werkzoekende::descriptor();
}

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

std::optional<DataFormat> DataFormatOfContent(absl::string_view head) {
  if (head.empty()) return std::nullopt;
  if (absl::StartsWith(head, "\x28\xB5\x2F\xFD")) return DataFormat::kBatch;  // zstd
  absl::string_view text = head;
  (void)absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // a byte-order mark
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i < text.size() && text[i] == '[') return DataFormat::kJsonArray;
  if (i < text.size() && text[i] == '{') {
    // NDJSON when the first line is a whole JSON document and another
    // document follows; a document printed over several lines is one.
    simdjson::dom::parser parser;
    simdjson::dom::element ignored;
    const size_t nl = text.find('\n', i);
    if (nl == absl::string_view::npos) {
      // One line, or a first line longer than `head`: the name decides then.
      const absl::string_view all = text.substr(i);
      if (parser.parse(all.data(), all.size()).get(ignored) == simdjson::SUCCESS) {
        return DataFormat::kJson;
      }
      return std::nullopt;
    }
    const absl::string_view first = text.substr(i, nl - i);
    if (parser.parse(first.data(), first.size()).get(ignored) != simdjson::SUCCESS) {
      return DataFormat::kJson;
    }
    for (char c : text.substr(nl)) {
      if (!IsSpace(c)) return DataFormat::kNdjson;
    }
    return DataFormat::kJson;
  }
  if (BatchReader::FromBytes(std::string(head)).ok()) return DataFormat::kBatch;
  const absl::string_view first_line = head.substr(0, head.find('\n'));
  if (head.find('\0') == absl::string_view::npos &&
      (absl::StrContains(first_line, ',') || absl::StrContains(first_line, ';'))) {
    return DataFormat::kCsv;
  }
  return DataFormat::kBinary;
}

absl::StatusOr<DataFormat> DetectDataFormat(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  std::string head(kHeadBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (std::optional<DataFormat> format = DataFormatOfContent(head)) return *format;
  absl::StatusOr<DataFormat> by_name = DataFormatFromPath(path);
  return by_name.ok() ? *by_name : DataFormat::kJson;  // empty: the reader says so
}

absl::StatusOr<std::unique_ptr<RecordReader>> RecordReader::Open(
    const std::string& path, const RecordReaderOptions& options) {
  DataFormat format;
  if (options.format.has_value()) {
    format = *options.format;
  } else {
    absl::StatusOr<DataFormat> detected = DetectDataFormat(path);
    if (!detected.ok()) return detected.status();
    format = *detected;
  }
  if (format == DataFormat::kBatch) {
    absl::StatusOr<std::unique_ptr<BatchReader>> batch = BatchReader::Open(path);
    if (!batch.ok()) return batch.status();
    const RecordType type = (*batch)->header().inhoud() == v1::SOORT_INHOUD_VACATURES
                                ? RecordType::kVacature
                                : RecordType::kWerkzoekende;
    return std::unique_ptr<RecordReader>(
        new RecordReaderImpl(format, type, nullptr, *std::move(batch)));
  }
  absl::StatusOr<std::unique_ptr<Source>> source = OpenSource(path, format, options);
  if (!source.ok()) return source.status();
  return std::unique_ptr<RecordReader>(
      new RecordReaderImpl(format, options.record_type, *std::move(source), nullptr));
}

}  // namespace vum
