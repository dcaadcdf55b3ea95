// Internal: the words vum's JSON readers use for a document they refuse,
// which never hold a value of the document.
//
// A syntax error is described from simdjson's typed error code and the place
// its on-demand reader stopped; a property is named only when its name could
// be a name of the schema (a key may carry a value: "jan@example.nl": 1).
#ifndef VUM_LIB_JSON_JSON_ERROR_H_
#define VUM_LIB_JSON_JSON_ERROR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace vum::json_internal {

// Why `json`, which simdjson refused as JSON (RFC 8259), is not JSON, and
// where: "malformed JSON at line 2, column 7: <reason>", or without the place
// when simdjson's first pass finds the fault (an unclosed string, invalid
// UTF-8, a raw control character). Never a substring of `json`.
[[nodiscard]] std::string DescribeSyntaxError(absl::string_view json);

// Whether `key` could be the name of a property of the schema: an ASCII
// letter or '_', then letters, digits and '_', at most 64 bytes.
[[nodiscard]] bool CouldBeAName(absl::string_view key);

// `name` quoted, with quotes, backslashes and control characters escaped
// and a long name cut short.
[[nodiscard]] std::string QuoteName(absl::string_view name);

// The line and column (both from 1; columns count code points) of byte
// `offset` in `text`.
struct TextPosition {
  int line = 1;
  int column = 1;
};
[[nodiscard]] TextPosition PositionOf(absl::string_view text, size_t offset);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_ERROR_H_
