#include "vum/json.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "lib/json/json_error.h"
#include "lib/json/strict_json.h"

namespace vum {

namespace pb_util = google::protobuf::util;

absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message) {
  message->Clear();
  pb_util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  options.case_insensitive_enum_parsing = false;
  const pb_util::Status status = pb_util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message, options);
  if (status.ok()) {
    // What protobuf accepts, read strictly: another implementation must read
    // the same document the same way (lib/json/strict_json.h).
    absl::Status strict = json_internal::CheckStrict(json, *message->GetDescriptor());
    if (!strict.ok()) message->Clear();
    return strict;
  }
  return absl::InvalidArgumentError(json_internal::SafeParseError(
      absl::string_view(status.message().data(), status.message().size()), json,
      *message->GetDescriptor()));
}

absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& message,
                                      const JsonPrintOptions& options) {
  pb_util::JsonPrintOptions print;
  print.add_whitespace = options.pretty;
  print.always_print_enums_as_ints = true;
  print.always_print_primitive_fields = false;
  print.preserve_proto_field_names = false;
  std::string out;
  const pb_util::Status status = pb_util::MessageToJsonString(message, &out, print);
  if (!status.ok()) {
    // Printing fails only on a malformed message (e.g. a bad Any); the
    // message text names types, not values.
    return absl::InternalError(
        absl::StrCat("cannot print ", message.GetDescriptor()->full_name(), " as JSON"));
  }
  return out;
}

}  // namespace vum
