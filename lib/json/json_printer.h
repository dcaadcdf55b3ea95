// Internal: the library's VUM JSON printer, behind PrintJson and
// PrintJsonFast (json_printer.cc says which rules it keeps), and the same
// printer reading a record's binary form (PrintWireAsJson).
#ifndef VUM_LIB_JSON_JSON_PRINTER_H_
#define VUM_LIB_JSON_JSON_PRINTER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "vum/json.h"

namespace vum::json_internal {

// Replaces `out` with `message` in VUM JSON as `options` say (json.h). False
// only for a message protobuf cannot print (a malformed Any).
[[nodiscard]] bool PrintVumJson(const google::protobuf::Message& message,
                                const JsonPrintOptions& options, std::string* out);

// Replaces `out` with the message of `type` whose binary form is `wire`, as
// PrintJsonFast writes that message parsed (compact, no empty values), read
// straight from the bytes: no message is built. False, with `out` empty,
// when the bytes are malformed or are not what protobuf's serializer writes:
// a field out of number order or repeated apart, a field the schema does not
// declare or in a wire type its declaration cannot have, a string that is
// not UTF-8, a type this printer leaves to protobuf (maps, well-known types).
// A caller then parses the bytes, which says which it was, and prints the
// message. Thread-safe.
[[nodiscard]] bool PrintWireAsJson(const google::protobuf::Descriptor* type,
                                   absl::string_view wire, std::string* out);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_PRINTER_H_
