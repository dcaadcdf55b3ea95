// Internal: the library's VUM JSON printer, behind PrintJson and
// PrintJsonFast (json_printer.cc says which rules it keeps).
#ifndef VUM_LIB_JSON_JSON_PRINTER_H_
#define VUM_LIB_JSON_JSON_PRINTER_H_

#include <string>

#include "google/protobuf/message.h"
#include "vum/json.h"

namespace vum::json_internal {

// Replaces `out` with `message` in VUM JSON as `options` say (json.h). False
// only for a message protobuf cannot print (a malformed Any).
[[nodiscard]] bool PrintVumJson(const google::protobuf::Message& message,
                                const JsonPrintOptions& options, std::string* out);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_PRINTER_H_
