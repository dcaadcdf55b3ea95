// Internal: turns the error text of protobuf's JSON parser into a message
// that names the property and the reason, and holds no value of the document.
//
// protobuf's messages quote the offending value ("invalid value \"...\" for
// type TYPE_INT32") and a snippet of the input around a syntax error; both can
// be personal data. This translation keeps only what the schema and the shape
// of the document say: the property path in VUM JSON names, the expected
// type, the kind of value found, and a line and column.

#ifndef VUM_LIB_JSON_JSON_ERROR_H_
#define VUM_LIB_JSON_JSON_ERROR_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace vum::json_internal {

// Translates `protobuf_message`, the message of a failed
// JsonStringToMessage of `json` into a message of type `root`. The result
// never contains a substring of a JSON string value of `json` except a
// property name (shortened and escaped).
[[nodiscard]] std::string SafeParseError(absl::string_view protobuf_message,
                                         absl::string_view json,
                                         const google::protobuf::Descriptor& root);

// Converts a path of proto field names as protobuf reports it, e.g.
// "arbeidsmarktkwalificatie.opleiding[2].datum_diploma", into VUM JSON
// names: "arbeidsmarktkwalificatie.opleiding[2].datumDiploma". Segments
// that name no field are kept as they are.
[[nodiscard]] std::string JsonPath(absl::string_view proto_path,
                                   const google::protobuf::Descriptor& root);

// The line and column (both from 1) of byte `offset` in `text`.
struct TextPosition {
  int line = 1;
  int column = 1;
};
[[nodiscard]] TextPosition PositionOf(absl::string_view text, size_t offset);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_ERROR_H_
