#include <vector>

#include "absl/strings/str_cat.h"
#include "vum/limits.h"

namespace vum {

absl::Status CheckJsonShape(absl::string_view json, const InputLimits& limits) {
  // Per open bracket: whether it is an array, and how many commas it has seen
  // at its own level (an array of n elements has n - 1).
  struct Open {
    bool array;
    size_t commas;
  };
  std::vector<Open> open;
  bool in_string = false, escaped = false;
  for (const char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (static_cast<int>(open.size()) >= limits.max_depth) {
          return absl::ResourceExhaustedError(absl::StrCat(
              "nested deeper than the limit of ", limits.max_depth, " levels"));
        }
        open.push_back({c == '[', 0});
        break;
      case ']':
      case '}':
        if (!open.empty()) open.pop_back();
        break;
      case ',':
        if (!open.empty() && open.back().array &&
            ++open.back().commas >= limits.max_list_items) {
          return absl::ResourceExhaustedError(absl::StrCat(
              "a list has more elements than the limit of ", limits.max_list_items));
        }
        break;
      default:
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace vum
