#include "lib/json/json_shape.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "vum/limits.h"

namespace vum {
namespace {

using simdjson::dom::element;

absl::Status TooDeepError(const InputLimits& limits) {
  return absl::ResourceExhaustedError(
      absl::StrCat("nested deeper than the limit of ", limits.max_depth, " levels"));
}

absl::Status TooManyError(const InputLimits& limits) {
  return absl::ResourceExhaustedError(
      absl::StrCat("a list has more elements than the limit of ", limits.max_list_items));
}

// Walks the tape of `doc`, a document simdjson parsed, once from start to end:
// its values in document order, one 64-bit word each (two for a number),
// the type in the top byte; an array or object opens with a word whose
// bits 32 to 55 hold its element count (saturated at 2^24 - 1) and closes
// with one of its own (simdjson's tape format, doc/tape.md). A container at
// nesting depth 1 is the root. Far cheaper than visiting every element
// through the DOM, which took a tenth of vum select's reading thread.
absl::Status CheckTape(const simdjson::dom::document& doc, const InputLimits& limits) {
  const uint64_t* tape = doc.tape.get();
  const uint64_t end = tape[0] & 0xFFFFFFFFFFFFFF;  // the root's closing word
  int depth = 0;
  for (uint64_t i = 1; i < end;) {
    const uint64_t word = tape[i];
    switch (static_cast<char>(word >> 56)) {
      case '[':
      case '{':
        if (++depth > limits.max_depth) return TooDeepError(limits);
        if ((word >> 56) == '[' && ((word >> 32) & 0xFFFFFF) > limits.max_list_items) {
          return TooManyError(limits);
        }
        ++i;
        break;
      case ']':
      case '}':
        --depth;
        ++i;
        break;
      case 'l':  // int64, uint64, double: the value is the next word
      case 'u':
      case 'd':
        i += 2;
        break;
      default:  // a string (its place in the string buffer), true, false, null
        ++i;
    }
  }
  return absl::OkStatus();
}

}  // namespace

namespace json_internal {

size_t SimdjsonDepthFor(const InputLimits& limits) {
  return static_cast<size_t>(std::max(limits.max_depth, 0)) + 1;
}

size_t SimdjsonStrictDepthFor(const InputLimits& limits) {
  // simdjson refuses a non-empty container at depth `L` (its limit) and
  // beyond; an empty one it does not count, so it may lie one level deeper.
  return static_cast<size_t>(std::max(limits.max_depth, 1));
}

bool WithinLimitsUnchecked(size_t bytes, const InputLimits& limits) {
  const size_t shortest_too_long =  // 2 (max_list_items + 1) + 1, saturated
      limits.max_list_items >= (SIZE_MAX - 3) / 2 ? SIZE_MAX
                                                  : 2 * limits.max_list_items + 3;
  return limits.max_depth >= 1 && bytes < shortest_too_long;
}

absl::Status CheckParsedShape(simdjson::error_code parsed,
                              const simdjson::dom::document& doc,
                              const InputLimits& limits) {
  switch (parsed) {
    case simdjson::SUCCESS:
      return CheckTape(doc, limits);
    case simdjson::DEPTH_ERROR:
      return TooDeepError(limits);
    case simdjson::MEMALLOC:
    case simdjson::CAPACITY:
      return absl::ResourceExhaustedError("no memory to read the document");
    default:
      return absl::OkStatus();
  }
}

}  // namespace json_internal

absl::Status CheckJsonShape(absl::string_view json, const InputLimits& limits) {
  simdjson::dom::parser parser;
  element root;
  simdjson::error_code e =
      parser.allocate(json.size(), json_internal::SimdjsonDepthFor(limits));
  if (e == simdjson::SUCCESS) e = parser.parse(json.data(), json.size()).get(root);
  return json_internal::CheckParsedShape(e, parser.doc, limits);
}

}  // namespace vum
