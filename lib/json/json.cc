#include "vum/json.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "lib/json/json_error.h"
#include "lib/json/json_printer.h"
#include "lib/json/strict_json.h"
#include "lib/json/wire_form.h"

namespace vum {

namespace pb_util = google::protobuf::util;

namespace {

// protobuf's reading of `json`, its error in words that hold no value.
absl::Status ProtobufParse(absl::string_view json, google::protobuf::Message* message) {
  pb_util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  options.case_insensitive_enum_parsing = false;
  const pb_util::Status status = pb_util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message, options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(json_internal::SafeParseError(
      absl::string_view(status.message().data(), status.message().size()), json,
      *message->GetDescriptor()));
}

}  // namespace

absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message,
                       std::vector<FieldPath>* absent) {
  message->Clear();
  if (absent != nullptr) absent->clear();
  const google::protobuf::Descriptor& type = *message->GetDescriptor();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const simdjson::error_code e = parser.parse(json.data(), json.size()).get(root);
      e) {
    // Not JSON: protobuf's error says where (line and column), if it has one.
    absl::Status status = ProtobufParse(json, message);
    message->Clear();
    if (!status.ok()) return status;
    return absl::InvalidArgumentError(
        absl::StrCat("not strict JSON (RFC 8259): ", simdjson::error_message(e)));
  }
  json_internal::WireReading wire;
  if (absl::Status s = json_internal::ReadWireForm(json, type, &wire); !s.ok()) return s;
  if (absl::Status s = ProtobufParse(wire.rewritten ? wire.text : json, message);
      !s.ok()) {
    return s;
  }
  // What protobuf accepts, read strictly: another implementation must read
  // the same document the same way (lib/json/strict_json.h).
  if (absl::Status s = json_internal::CheckStrict(root, type); !s.ok()) {
    message->Clear();
    return s;
  }
  if (absent != nullptr) *absent = std::move(wire.absent);
  return absl::OkStatus();
}

absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& message,
                                      const JsonPrintOptions& options) {
  std::string out;
  if (!json_internal::PrintVumJson(message, options, &out)) {
    // Only a malformed Any fails; the message names the type, not a value.
    return absl::InternalError(
        absl::StrCat("cannot print ", message.GetDescriptor()->full_name(), " as JSON"));
  }
  return out;
}

}  // namespace vum
