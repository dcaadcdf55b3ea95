// Internal: the shape limits of vum/limits.h (nesting, list length) checked
// on a document simdjson has parsed, so that a reader that parses a document
// anyway checks its shape without parsing it again (JsonParser with limits).
// CheckJsonShape is this check after a parse of its own.
//
// Thread safety: pure functions.

#ifndef VUM_LIB_JSON_JSON_SHAPE_H_
#define VUM_LIB_JSON_JSON_SHAPE_H_

#include <simdjson.h>

#include "absl/status/status.h"
#include "vum/limits.h"

namespace vum::json_internal {

// RESOURCE_EXHAUSTED naming `limits.max_depth`: what a document nested
// deeper is refused with, also when simdjson stopped at its own depth limit.
[[nodiscard]] absl::Status TooDeepError(const InputLimits& limits);

// OK when `root`, the top of a parsed document, nests no deeper than
// `limits.max_depth` and no array in it has more than
// `limits.max_list_items` elements; RESOURCE_EXHAUSTED naming the limit
// otherwise. Never repeats a value.
[[nodiscard]] absl::Status CheckParsedShape(simdjson::dom::element root,
                                            const InputLimits& limits);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_SHAPE_H_
