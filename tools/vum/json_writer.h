// A minimal JSON writer for the tool's machine-readable reports.

#ifndef VUM_TOOLS_VUM_JSON_WRITER_H_
#define VUM_TOOLS_VUM_JSON_WRITER_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace vum::cli {

// `text` as a JSON string literal, quotes included.
inline std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
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

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_JSON_WRITER_H_
