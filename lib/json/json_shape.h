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

// A tighter depth limit for simdjson's parser, one level below
// SimdjsonDepthFor: every document such a parser parses nests no deeper than
// `limits.max_depth` (an empty innermost array or object included), so only
// the documents it refuses as too deep need counting (with a parser of
// SimdjsonDepthFor and CheckParsedShape): some of those are within the limit.
[[nodiscard]] size_t SimdjsonStrictDepthFor(const InputLimits& limits);

// Whether a document of `bytes` bytes that a parser of SimdjsonStrictDepthFor
// parsed is within `limits` without CheckParsedShape: when it is too short to
// hold a list longer than `limits.max_list_items` (n elements take at least
// 2n + 1 bytes) and `limits.max_depth` is at least 1. A walk of the tape took
// 5% of vum select's reading thread.
[[nodiscard]] bool WithinLimitsUnchecked(size_t bytes, const InputLimits& limits);

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
