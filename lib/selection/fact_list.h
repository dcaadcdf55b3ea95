// Internal: the facts of one area's records, one after another.
//
// A growable array of Fact whose memory is either its own (the heap) or a
// slice of a region that several lists share. A load places the facts of a
// million records into 4,699 areas' lists at once; in lists of their own
// (std::vector) their first writes were a third of a 1M start's page faults,
// on 4 KB pages. CaseloadIndex gives them slices of one region mapped for
// huge pages instead (huge_pages.h). The region lives while any list uses
// it; a list that grows past its slice, or is rewritten, moves to the heap.
// So an index that keeps taking records after a load (a node) holds the
// slices its areas left as well as their copies on the heap until the last
// list leaves: at most its facts twice, and CaseloadIndex's memory figures
// count only the slices in use.
//
// Example:
//   auto region = std::make_shared<FactRegion>(100);
//   FactList list;
//   list.MoveTo(region, region->facts(), 100);  // room for 100
//   list.Append(facts, n);                      // n <= 100: stays there
//
// Thread safety: as a std::vector. Lists that share a region may be used
// from different threads (each its own slice).
#ifndef VUM_LIB_SELECTION_FACT_LIST_H_
#define VUM_LIB_SELECTION_FACT_LIST_H_

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>
#include <utility>

#include "lib/selection/fact_reader.h"
#include "lib/selection/huge_pages.h"

namespace vum::selection_internal {

// Room for `count` facts mapped for huge pages (uninitialized: zeroed by the
// kernel). Throws std::bad_alloc when it cannot be mapped.
class FactRegion {
 public:
  explicit FactRegion(size_t count)
      : count_(count),
        facts_(count == 0 ? nullptr
                          : static_cast<Fact*>(MapHugeRegion(count * sizeof(Fact)))) {}
  ~FactRegion() {
    if (facts_ != nullptr) UnmapHugeRegion(facts_, count_ * sizeof(Fact));
  }
  FactRegion(const FactRegion&) = delete;
  FactRegion& operator=(const FactRegion&) = delete;

  [[nodiscard]] Fact* facts() const { return facts_; }
  [[nodiscard]] size_t count() const { return count_; }

 private:
  const size_t count_;
  Fact* const facts_;
};

class FactList {
 public:
  static_assert(std::is_trivially_copyable_v<Fact>);

  FactList() = default;
  FactList(FactList&& other) noexcept { *this = std::move(other); }
  FactList& operator=(FactList&& other) noexcept {
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    heap_ = std::move(other.heap_);
    region_ = std::move(other.region_);
    return *this;
  }

  [[nodiscard]] size_t size() const { return size_; }
  // Facts it holds room for, where it is now.
  [[nodiscard]] size_t capacity() const { return capacity_; }
  [[nodiscard]] const Fact* data() const { return data_; }
  [[nodiscard]] bool in_region() const { return region_ != nullptr; }

  // Room for `n` facts in all; on the heap if it has to move.
  void Reserve(size_t n) {
    if (n > capacity_) MoveToHeap(n);
  }

  // Adds `facts[0, n)` at the end; grows on the heap (doubling) if needed.
  void Append(const Fact* facts, size_t n) {
    if (size_ + n > capacity_)
      MoveToHeap(std::max({2 * capacity_, size_ + n, size_t{16}}));
    if (n > 0) std::memcpy(data_ + size_, facts, n * sizeof(Fact));
    size_ += n;
  }

  // Moves the facts to `room` (room for `n` >= size() facts in `region`,
  // which the list keeps alive while it is there).
  void MoveTo(std::shared_ptr<FactRegion> region, Fact* room, size_t n) {
    if (size_ > 0) std::memcpy(room, data_, size_ * sizeof(Fact));
    data_ = room;
    capacity_ = n;
    heap_.reset();
    region_ = std::move(region);
  }

 private:
  void MoveToHeap(size_t n) {
    std::unique_ptr<Fact[]> heap(new Fact[n]);  // not zeroed: trivial
    if (size_ > 0) std::memcpy(heap.get(), data_, size_ * sizeof(Fact));
    data_ = heap.get();
    capacity_ = n;
    heap_ = std::move(heap);
    region_.reset();
  }

  Fact* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::unique_ptr<Fact[]> heap_;        // when the memory is its own
  std::shared_ptr<FactRegion> region_;  // when it is a slice of a region
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_FACT_LIST_H_
