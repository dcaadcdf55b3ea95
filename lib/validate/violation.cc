#include "vum/violation.h"

#include "absl/strings/str_cat.h"

namespace vum {

void FieldPath::Append(absl::string_view name, int index) {
  segments_.push_back(Segment{std::string(name), index});
}

std::string FieldPath::ToString() const {
  std::string out;
  for (const Segment& segment : segments_) {
    if (!out.empty()) out += '.';
    out += segment.name;
    if (segment.index >= 0) absl::StrAppend(&out, "[", segment.index, "]");
  }
  return out;
}

}  // namespace vum
