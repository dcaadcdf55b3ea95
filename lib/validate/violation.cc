#include "vum/violation.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace vum {

void FieldPath::Append(absl::string_view name, int index) {
  if (!text_.empty()) text_ += '.';
  text_.append(name.data(), name.size());
  if (index >= 0) absl::StrAppend(&text_, "[", index, "]");
}

void FieldPath::RemoveLast() {
  const size_t dot = text_.rfind('.');
  text_.resize(dot == std::string::npos ? 0 : dot);
}

std::vector<FieldPath::Segment> FieldPath::segments() const {
  std::vector<Segment> out;
  if (text_.empty()) return out;
  for (absl::string_view part : absl::StrSplit(text_, '.')) {
    Segment segment;
    const size_t open = part.find('[');
    if (open != absl::string_view::npos && part.back() == ']' &&
        absl::SimpleAtoi(part.substr(open + 1, part.size() - open - 2), &segment.index)) {
      part = part.substr(0, open);
    }
    segment.name = std::string(part);
    out.push_back(std::move(segment));
  }
  return out;
}

}  // namespace vum
