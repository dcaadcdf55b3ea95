#include "vum/json.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "lib/json/json_error.h"
#include "lib/json/json_printer.h"
#include "lib/json/wire_form.h"

namespace vum {

namespace pb_util = google::protobuf::util;

absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message,
                       std::vector<FieldPath>* absent) {
  message->Clear();
  if (absent != nullptr) absent->clear();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(json_internal::DescribeSyntaxError(json));
  }
  json_internal::WireReading wire;
  if (absl::Status s =
          json_internal::ReadWireForm(root, json, *message->GetDescriptor(), &wire);
      !s.ok()) {
    return s;
  }
  // The document now has the shape and types protobuf reads; what protobuf
  // still refuses, the check above has missed (base64 of a bytes field).
  pb_util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  options.case_insensitive_enum_parsing = false;
  if (!pb_util::JsonStringToMessage(wire.text, message, options).ok()) {
    message->Clear();
    return absl::InvalidArgumentError(
        absl::StrCat("not readable as ", message->GetDescriptor()->name(),
                     ": a value has the right JSON type but not a form protobuf reads"));
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
