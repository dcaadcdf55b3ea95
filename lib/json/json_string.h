// Internal: a string as a JSON string literal, for the writers of the
// library and the tool (one escaping for all of them).
#ifndef VUM_LIB_JSON_JSON_STRING_H_
#define VUM_LIB_JSON_JSON_STRING_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace vum::json_internal {

// `text` as a JSON string literal, quotes included.
inline std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20) {
          absl::StrAppend(&out, "\\u00", absl::Hex(u, absl::kZeroPad2));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_STRING_H_
