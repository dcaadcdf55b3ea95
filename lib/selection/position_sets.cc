#include "lib/selection/position_sets.h"

#include <algorithm>

namespace vum::selection_internal {

void PositionSets::Add(uint64_t key, uint32_t position) {
  Bits& bits = sets_[key];
  const size_t word = position / 64;
  if (bits.size() <= word) bits.resize(word + 1, 0);
  bits[word] |= uint64_t{1} << (position % 64);
}

void PositionSets::Remove(uint64_t key, uint32_t position) {
  auto it = sets_.find(key);
  if (it == sets_.end()) return;
  Bits& bits = it->second;
  const size_t word = position / 64;
  if (word >= bits.size()) return;
  bits[word] &= ~(uint64_t{1} << (position % 64));
  while (!bits.empty() && bits.back() == 0) bits.pop_back();
  if (bits.empty()) sets_.erase(it);
}

void PositionSets::IntersectWith(absl::Span<const uint64_t> any_of,
                                 std::vector<uint64_t>* words) const {
  absl::InlinedVector<const Bits*, 8> held;  // the sets of the keys held here
  for (uint64_t key : any_of) {
    auto it = sets_.find(key);
    if (it != sets_.end()) held.push_back(&it->second);
  }
  std::vector<uint64_t>& out = *words;
  for (size_t i = 0; i < out.size(); ++i) {
    uint64_t any = 0;
    for (const Bits* bits : held) any |= i < bits->size() ? (*bits)[i] : 0;
    out[i] &= any;
  }
}

size_t PositionSets::bytes() const {
  size_t n = sets_.capacity() * (sizeof(uint64_t) + sizeof(Bits) + 1);
  for (const auto& [key, bits] : sets_) {
    if (bits.capacity() > 4) n += bits.capacity() * sizeof(uint64_t);
  }
  return n;
}

}  // namespace vum::selection_internal
