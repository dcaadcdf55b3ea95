#include "lib/json/json_shape.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "vum/limits.h"

namespace vum {
namespace {

using json_internal::TooDeepError;
using simdjson::dom::element;
using simdjson::dom::element_type;

// `value`, an array or object at nesting `depth` (from 1), and what it holds.
absl::Status CheckLists(element value, int depth, const InputLimits& limits) {
  const bool container =
      value.type() == element_type::ARRAY || value.type() == element_type::OBJECT;
  if (container && depth > limits.max_depth) return TooDeepError(limits);
  if (value.type() == element_type::ARRAY) {
    const simdjson::dom::array items = value.get_array().value_unsafe();
    if (items.size() > limits.max_list_items) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "a list has more elements than the limit of ", limits.max_list_items));
    }
    for (element item : items) {
      if (absl::Status s = CheckLists(item, depth + 1, limits); !s.ok()) return s;
    }
  } else if (value.type() == element_type::OBJECT) {
    const simdjson::dom::object members = value.get_object().value_unsafe();
    for (auto [key, member] : members) {
      if (absl::Status s = CheckLists(member, depth + 1, limits); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

namespace json_internal {

absl::Status TooDeepError(const InputLimits& limits) {
  return absl::ResourceExhaustedError(
      absl::StrCat("nested deeper than the limit of ", limits.max_depth, " levels"));
}

absl::Status CheckParsedShape(element root, const InputLimits& limits) {
  return CheckLists(root, 1, limits);
}

}  // namespace json_internal

absl::Status CheckJsonShape(absl::string_view json, const InputLimits& limits) {
  // simdjson's own limit, one level more than ours (it does not count an
  // empty array or object), keeps its reading bounded; the walk below counts
  // every level.
  simdjson::dom::parser parser;
  if (parser.allocate(json.size(), static_cast<size_t>(limits.max_depth) + 1) !=
      simdjson::SUCCESS) {
    return absl::ResourceExhaustedError("no memory to read the document");
  }
  element root;
  const simdjson::error_code e = parser.parse(json.data(), json.size()).get(root);
  if (e == simdjson::DEPTH_ERROR) return TooDeepError(limits);
  if (e != simdjson::SUCCESS) return absl::OkStatus();  // the reader says why
  return json_internal::CheckParsedShape(root, limits);
}

}  // namespace vum
