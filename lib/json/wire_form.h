// Internal: the VUM interface's wire form, read into the form protobuf's JSON
// parser reads.
//
// The interface (VUM 2.0) says two things protobuf's JSON form does not:
// - a property with an empty value counts as absent: the empty string, the
//   empty list and null. (An empty object `{}` is a record that is present:
//   the standard's exactly-one rules need to see it.)
// - a code keeps the interface's JSON type. Where the interface types a code
//   as a string (FieldInfo.json_string, the vacancy's
//   codeWerkEnDenkniveauMinimaal: "4"), the string of its decimal digits is
//   the code; a number is read too.
// and one thing protobuf accepts that the interface does not: an enum's
// value name (`"WERK_EN_DENKNIVEAU_HBO"`) in place of its code.
//
// ReadWireForm walks a document that is JSON (RFC 8259; simdjson has
// accepted it) against the message type, and rewrites what protobuf would read
// otherwise: an empty string becomes null, a json_string code its digits.
#ifndef VUM_LIB_JSON_WIRE_FORM_H_
#define VUM_LIB_JSON_WIRE_FORM_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "vum/violation.h"

namespace vum::json_internal {

struct WireReading {
  // The document to hand to protobuf, when `rewritten`; else the input is.
  std::string text;
  bool rewritten = false;
  // The properties of the schema that had an empty value, in document order.
  std::vector<FieldPath> absent;
};

// Reads `json`, which must be JSON, as a document of type `root`.
// INVALID_ARGUMENT, naming the property, for a code written as a string where
// the interface types it as a number, or as a string that is not the digits
// of a code. Properties the type does not have are left to protobuf.
[[nodiscard]] absl::Status ReadWireForm(absl::string_view json,
                                        const google::protobuf::Descriptor& root,
                                        WireReading* out);

// The field a member named `key` sets: by its JSON name, or its proto name
// (protobuf reads both). Null if `type` has none.
[[nodiscard]] const google::protobuf::FieldDescriptor* FieldNamed(
    const google::protobuf::Descriptor& type, absl::string_view key);

// Whether `field` is a code the interface types as a JSON string.
[[nodiscard]] bool IsJsonStringCode(const google::protobuf::FieldDescriptor& field);

// `text` is a code written canonically: an optional '-', decimal digits
// without a leading zero (or "0"), within int32. Sets `*code`.
[[nodiscard]] bool ParseCodeDigits(absl::string_view text, int32_t* code);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_WIRE_FORM_H_
