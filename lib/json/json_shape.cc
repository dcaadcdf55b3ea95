#include "lib/json/json_shape.h"

#include <simdjson.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "vum/limits.h"

namespace vum {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

absl::Status TooDeepError(const InputLimits& limits) {
  return absl::ResourceExhaustedError(
      absl::StrCat("nested deeper than the limit of ", limits.max_depth, " levels"));
}

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

size_t SimdjsonDepthFor(const InputLimits& limits) {
  return static_cast<size_t>(std::max(limits.max_depth, 0)) + 1;
}

absl::Status CheckParsedShape(simdjson::error_code parsed, element root,
                              const InputLimits& limits) {
  switch (parsed) {
    case simdjson::SUCCESS:
      return CheckLists(root, 1, limits);
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
  return json_internal::CheckParsedShape(e, root, limits);
}

}  // namespace vum
