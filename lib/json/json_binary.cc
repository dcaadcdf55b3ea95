#include "lib/json/json_binary.h"

#include <algorithm>

namespace vum::json_internal {

void BinaryWriter::Reorder(size_t first, int count, const size_t* begins,
                           const uint32_t* numbers) {
  int order[64];
  for (int i = 0; i < count; ++i) order[i] = i;
  std::sort(order, order + count, [&](int a, int b) { return numbers[a] < numbers[b]; });
  const size_t end = out_->size();
  std::string sorted;
  sorted.reserve(end - first);
  for (int k = 0; k < count; ++k) {
    const int i = order[k];
    const size_t to = i + 1 < count ? begins[i + 1] : end;
    sorted.append(*out_, begins[i], to - begins[i]);
  }
  out_->replace(first, end - first, sorted);
}

}  // namespace vum::json_internal
