// Internal: for one area of the caseload index, which of its entries hold a
// given value at a given leaf path, as a set of positions (one bit each).
//
// A question that asks for codes ($eq, $in, $all, a range on a scale) can
// then skip, without reading them, the entries that cannot match: a
// question over the whole country that no record fits reads a few words per
// area instead of every entry and its values. The index relies on the sets
// being exact (a position is in a key's set exactly when the entry there
// holds the key): a criterion the sets decide is not judged again per entry
// (caseload_index.cc, Narrowing::decided).
//
// Example:
//   PositionSets sets;
//   sets.Add(PositionSets::Key(3, 17), 0);
//   sets.Add(PositionSets::Key(3, 17), 70);
//   std::vector<uint64_t> words(2, ~uint64_t{0});
//   sets.IntersectWith({PositionSets::Key(3, 17)}, &words);  // bits 0 and 70
//
// Thread-compatible: const methods may run at once; the index's lock keeps
// them apart from Add and Remove.
#ifndef VUM_LIB_SELECTION_POSITION_SETS_H_
#define VUM_LIB_SELECTION_POSITION_SETS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/types/span.h"

namespace vum::selection_internal {

class PositionSets {
 public:
  // The key of value `value` (an index value: enum code, interned code) at
  // leaf path `path`.
  [[nodiscard]] static uint64_t Key(int path, int32_t value) {
    return (uint64_t{static_cast<uint32_t>(path)} << 32) | static_cast<uint32_t>(value);
  }

  // Marks that the entry at `position` holds `key`.
  void Add(uint64_t key, uint32_t position);
  // Marks that it no longer does; a key no entry holds is forgotten.
  void Remove(uint64_t key, uint32_t position);

  // words[i] &= the union of the sets of `any_of`, over the positions
  // 64 * i .. 64 * i + 63: afterwards a bit is set only where it was and
  // some key of `any_of` is held there. An empty `any_of` clears every word.
  void IntersectWith(absl::Span<const uint64_t> any_of,
                     std::vector<uint64_t>* words) const;

  // Bytes held, for the index's statistics.
  [[nodiscard]] size_t bytes() const;

 private:
  using Bits = absl::InlinedVector<uint64_t, 4>;
  absl::flat_hash_map<uint64_t, Bits> sets_;
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_POSITION_SETS_H_
