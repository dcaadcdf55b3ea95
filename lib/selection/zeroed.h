// Internal: a few zeroed values for the length of one call, on the stack up to
// a fixed count.
//
// FactReader keeps, for each message it reads, a presence bit per singular
// field and a count per list. absl::InlinedVector<T, N>(n, 0) cleared them
// with a call to memset every time (2% of the samples of a program reading
// records' values); a std::array of N is cleared by a few stores of its own.
//
// Example:
//
//   Zeroed<uint32_t, 16> count(type.counters);  // any number; past 16, on the heap
//   ++count[f.slot];
//
// Thread safety: none; it lives on one call's stack.

#ifndef VUM_LIB_SELECTION_ZEROED_H_
#define VUM_LIB_SELECTION_ZEROED_H_

#include <array>
#include <cstddef>
#include <vector>

namespace vum::selection_internal {

template <typename T, size_t N>
class Zeroed {
 public:
  // `n` values, each T{}.
  explicit Zeroed(size_t n)
      : heap_(n > N ? n : 0), at_(n > N ? heap_.data() : local_.data()) {}
  Zeroed(const Zeroed&) = delete;
  Zeroed& operator=(const Zeroed&) = delete;

  // Value `i`, which must be below the number given.
  T& operator[](size_t i) { return at_[i]; }

  // Whether the values are on the heap (more than N), for the tests.
  [[nodiscard]] bool on_heap() const { return !heap_.empty(); }

 private:
  std::array<T, N> local_{};
  std::vector<T> heap_;  // empty up to N
  T* const at_;          // local_ or heap_, chosen once: read on every access
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_ZEROED_H_
