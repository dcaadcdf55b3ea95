// vum/json.h: the VUM JSON form of the standard's messages.
//
// VUM JSON, the JSON form of the pilot contracts and the interface, is
// protobuf's JSON form of Werkzoekende and Vacature (the same property names,
// codes as integers, dates as "YYYY-MM-DD" strings) with two differences the
// interface asks for: a code it types as a string is written as one, and a
// property with an empty value counts as absent. A document written against
// a pilot contract parses, and prints back equal.
//
// Reading is strict where the pilot contracts were loose: an unknown property
// is an error, not silently ignored. Errors name the property by its path in
// the document, e.g. `arbeidsmarktkwalificatie.opleiding[2].datumDiploma`,
// and never contain a value from the document: a profile holds personal data,
// and error messages end up in logs.
//
// Example:
//
//   vum::v1::Werkzoekende profile;
//   absl::Status status = vum::ParseJson(text, &profile);
//   if (!status.ok()) {
//     std::cerr << status.message();  // unknown property "mobiliteit.foo"
//   }
//   absl::StatusOr<std::string> json = vum::PrintJson(profile);
//
// ParseJson wraps protobuf's JSON parser (about 9,000 profiles a second),
// read strictly: a document must be JSON (RFC 8259: no single quotes, raw
// control characters or trailing comma), every list an array without null or
// arrays in it, no member named twice, and a code never an enum value's name.
// Proto field names (`id_werkzoekende`) are accepted beside JSON names.
//
// Thread safety: the functions are safe to call concurrently on different
// messages.

#ifndef VUM_JSON_H_
#define VUM_JSON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "vum/limits.h"
#include "vum/violation.h"

namespace vum {

// How PrintJson lays out its output.
struct JsonPrintOptions {
  // Newlines and one-space indentation instead of one line.
  bool pretty = false;
  // Every property a record of the standard lacks, in each object it has,
  // written as an empty value (`[]` for a list, `""` for text, `null` for the
  // rest), as many senders' serializers write VUM JSON. ParseJson reads them
  // as absent, so the record reads back equal. Messages that hold a map or a
  // well-known type print without them.
  bool empty_values = false;
};

// Parses one JSON object into `message`, which is cleared first. On error
// returns INVALID_ARGUMENT with a message that names the property and the
// reason (unknown property, wrong type, out of range, malformed JSON with its
// line and column) but no value from `json`; `message` is then unspecified.
//
// As the interface says, a property with an empty value (`""`, `[]` or
// `null`) is read as absent; when `absent` is given, it receives their paths
// in document order (a validator reports them, rule kEmptyValueRuleId). An
// empty object `{}` is a record that is present. A code the interface types
// as a string (the vacancy's codeWerkEnDenkniveauMinimaal, `"4"`) is read as
// a string of its digits or as a number; any other code must be a number.
[[nodiscard]] absl::Status ParseJson(absl::string_view json,
                                     google::protobuf::Message* message,
                                     std::vector<FieldPath>* absent = nullptr);

// Prints `message` in VUM JSON: present fields only, each code in the
// interface's JSON type (an integer, or a string of digits where the
// interface types it so), 64-bit integers as strings. Returns INTERNAL only
// if the message cannot be printed (a malformed google.protobuf.Any).
[[nodiscard]] absl::StatusOr<std::string> PrintJson(
    const google::protobuf::Message& message, const JsonPrintOptions& options = {});

// A fast VUM JSON parser for bulk input. On any document in the interface's
// wire form (JSON or proto names, values of the declared JSON types, empty
// values read as absent and listed, codes typed as the interface types them,
// no member named twice) it builds the message itself with simdjson: an
// instance of a generated class of the
// standard with code generated from the schema, any other message (a
// DynamicMessage too) through reflection. Any other document it hands to
// ParseJson. Either way the result is exactly
// ParseJson's: the same message, or the same error (tested differentially on
// the examples, generated records and malformed documents).
//
// Reusing one message for many documents is the fast way: its nested records
// and strings are overwritten instead of freed and allocated again, with the
// same result as parsing into a fresh message.
//
// Thread safety: not thread-safe; give each thread its own parser. A parser
// keeps its buffers between documents, so reuse it.
class JsonParser {
 public:
  JsonParser();
  // A parser that also refuses a document nested deeper or with a longer
  // list than `limits` allow, as CheckJsonShape does (RESOURCE_EXHAUSTED
  // naming the limit), on the one parse it makes of each document.
  explicit JsonParser(const InputLimits& limits);
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;
  JsonParser& operator=(const JsonParser&) = delete;

  // As ParseJson; with limits, RESOURCE_EXHAUSTED for a document beyond
  // them (`message` is then unspecified, as on any error).
  [[nodiscard]] absl::Status Parse(absl::string_view json,
                                   google::protobuf::Message* message,
                                   std::vector<FieldPath>* absent = nullptr);

  // As Parse, into the binary form of a message of type `type` instead: on
  // success `*binary` holds what SerializeToString writes for the message
  // Parse would give; on error the same Status, and `*binary` is
  // unspecified. For a type of the standard and a document in the wire form
  // the bytes are written straight from the JSON, with no message built: the
  // fast way for a reader that keeps only the bytes (a caseload loaded into
  // a selection index). `type` must outlive the parser.
  //
  // Example:
  //
  //   vum::JsonParser parser;
  //   std::string bytes;
  //   absl::Status s = parser.ParseToBinary(line, *vum::v1::Werkzoekende::descriptor(),
  //                                         &bytes);
  [[nodiscard]] absl::Status ParseToBinary(absl::string_view json,
                                           const google::protobuf::Descriptor& type,
                                           std::string* binary,
                                           std::vector<FieldPath>* absent = nullptr);

  // Bytes after a document that ParseToBinaryInPlace may read.
  static constexpr size_t kBytesReadPastEnd = 64;

  // As ParseToBinary, reading `json` where it lies instead of copying it
  // first (into room for what the parser reads past a document's end): the
  // kBytesReadPastEnd bytes after `json` must be readable memory, such as
  // the next lines of a buffer a file was read into. Their values do not
  // change the result.
  //
  // Example:
  //
  //   std::string doc = R"({"idWerkzoekende":"w1"})";
  //   doc.reserve(doc.size() + vum::JsonParser::kBytesReadPastEnd);
  //   absl::Status s = parser.ParseToBinaryInPlace(
  //       doc, *vum::v1::Werkzoekende::descriptor(), &bytes);
  [[nodiscard]] absl::Status ParseToBinaryInPlace(
      absl::string_view json, const google::protobuf::Descriptor& type,
      std::string* binary, std::vector<FieldPath>* absent = nullptr);

  // Documents parsed on the fast path, and those handed to ParseJson.
  [[nodiscard]] uint64_t fast_count() const;
  [[nodiscard]] uint64_t fallback_count() const;

 private:
  struct Impl;
  absl::Status ToBinary(absl::string_view json, bool in_place,
                        const google::protobuf::Descriptor& type, std::string* binary,
                        std::vector<FieldPath>* absent);
  std::unique_ptr<Impl> impl_;
};

// PrintJson without `pretty`, into a string the caller keeps: byte for byte
// what protobuf's JSON printer prints, except that a code the interface types
// as a string is quoted.
//
// Thread safety: the function may run concurrently on different messages.
// Replaces the contents of `out`.
void PrintJsonFast(const google::protobuf::Message& message, std::string* out);

}  // namespace vum

#endif  // VUM_JSON_H_
