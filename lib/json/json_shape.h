// Internal: the shape limits of vum/limits.h (nesting, list length) checked
// on a document simdjson has parsed, so that a reader that parses a document
// anyway checks its shape without parsing it again (JsonParser with limits).
// CheckJsonShape is this check after a parse of its own.
//
// Thread safety: pure functions.

#ifndef VUM_LIB_JSON_JSON_SHAPE_H_
#define VUM_LIB_JSON_JSON_SHAPE_H_

#include <simdjson.h>

#include <cstddef>

#include "absl/status/status.h"
#include "vum/limits.h"

namespace vum::json_internal {

// The depth limit to give simdjson's parser for `limits`: one level above
// `limits.max_depth`, since simdjson does not count an empty array or
// object. It bounds the parse; CheckParsedShape counts every level.
[[nodiscard]] size_t SimdjsonDepthFor(const InputLimits& limits);

// Whether a document simdjson parsed (or failed to parse) with `parsed`
// into `doc` (the parser's document) is within `limits`: RESOURCE_EXHAUSTED
// naming the limit when it nests deeper than `limits.max_depth` (simdjson's
// DEPTH_ERROR too) or an array in it has more than `limits.max_list_items`
// elements, or when simdjson had no memory to read it; OK otherwise,
// including for a text that is not JSON (the reader that follows says where
// and why). Never repeats a value.
[[nodiscard]] absl::Status CheckParsedShape(simdjson::error_code parsed,
                                            const simdjson::dom::document& doc,
                                            const InputLimits& limits);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_SHAPE_H_
