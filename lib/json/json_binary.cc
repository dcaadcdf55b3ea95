#include "lib/json/json_binary.h"

#include <algorithm>

namespace vum::json_internal {

void BinaryWriter::Grow(size_t n) {
  const size_t capacity = std::max({capacity_ * 2, size_ + n, size_t{4096}});
  std::unique_ptr<char[]> data(new char[capacity]);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

void BinaryWriter::Reorder(size_t first, int count, const size_t* begins,
                           const uint32_t* numbers) {
  int order[64];
  for (int i = 0; i < count; ++i) order[i] = i;
  std::sort(order, order + count, [&](int a, int b) { return numbers[a] < numbers[b]; });
  const std::string members(data_.get() + first, size_ - first);
  size_t to = first;
  for (int k = 0; k < count; ++k) {
    const int i = order[k];
    const size_t begin = begins[i] - first;
    const size_t end = (i + 1 < count ? begins[i + 1] : size_) - first;
    std::memcpy(data_.get() + to, members.data() + begin, end - begin);
    to += end - begin;
  }
}

}  // namespace vum::json_internal
