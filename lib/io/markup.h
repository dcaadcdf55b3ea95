// Internal: text made safe for HTML and XML, in content and in quoted
// attribute values. Header-only, so that the conformance runner, which links
// no part of the implementation, uses it too.
#ifndef VUM_LIB_IO_MARKUP_H_
#define VUM_LIB_IO_MARKUP_H_

#include <string>

#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"

namespace vum::io_internal {

// `text` with &, <, > and " escaped.
inline std::string EscapeMarkup(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_MARKUP_H_
