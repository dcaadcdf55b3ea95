// Internal: VUM JSON as the interface writes it, checked against the schema
// and read into the form protobuf's JSON parser reads.
//
// The interface says what protobuf's JSON form does not:
// - a property with an empty value counts as absent: the empty string, the
//   empty list and null. (An empty object `{}` is a record that is present:
//   the standard's exactly-one rules need to see it.)
// - a code keeps the interface's JSON type. Where the interface types a code
//   as a string (FieldInfo.json_string, the vacancy's
//   codeWerkEnDenkniveauMinimaal: "4"), the string of its decimal digits is
//   the code; a number is read too.
// and refuses what protobuf's parser accepts but another implementation of
// the standard would read differently: a single value where a list belongs,
// null or a list inside a list, a member named twice (protobuf merges), an
// enum's value name (`"WERK_EN_DENKNIVEAU_HBO"`) in place of its code.
//
// ReadWireForm walks a document simdjson has parsed (RFC 8259) against the
// message type. Every refusal is INVALID_ARGUMENT naming the property by its
// path in VUM JSON, the type expected and the kind of value found; never a
// value. A key that is not a name of the schema is repeated only when it
// could be one (letters, digits, '_'); any other is placed by line and column.
#ifndef VUM_LIB_JSON_WIRE_FORM_H_
#define VUM_LIB_JSON_WIRE_FORM_H_

#include <simdjson.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "vum/violation.h"

namespace vum::json_internal {

struct WireReading {
  // The document protobuf reads: the input without its absent properties,
  // codes as numbers, compact.
  std::string text;
  // The properties of the schema that had an empty value, in document order.
  std::vector<FieldPath> absent;
};

// Reads `root`, the parse of `json`, as a document of type `type`. On
// success `out` holds what protobuf reads; on failure INVALID_ARGUMENT as
// the file comment says, and `out` is unspecified.
[[nodiscard]] absl::Status ReadWireForm(simdjson::dom::element root,
                                        absl::string_view json,
                                        const google::protobuf::Descriptor& type,
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
