// Internal: a vector whose elements never move as it grows.
//
// CaseloadIndex adds a slot per record, a million and more; a std::vector
// would move them all each time it grew, and hold both copies meanwhile. A
// std::deque does not move them, but finding an element reads the deque's
// map of blocks first, and its blocks are 512 bytes: three 160-byte slots
// each, so a million slots have a map of 2.7 MB, a cache miss of its own
// before each slot's. StableVector keeps its elements in pieces that double
// in size (piece p holds kFirstPiece << p elements): its table of pieces has
// a few dozen entries at most and stays in the cache. A piece of 2 MiB or
// more is mapped for huge pages (huge_pages.h): a million 160-byte slots
// first written in 4 KB pages were 28% of a start's page faults.
//
// Example:
//
//   StableVector<std::string> names;
//   std::string& first = names.emplace_back("a");
//   for (int i = 0; i < 1000; ++i) names.emplace_back("b");
//   first += "c";  // still names[0]
//
// Thread safety: as a std::vector: const members may run concurrently,
// anything else needs exclusive access.

#ifndef VUM_LIB_SELECTION_STABLE_VECTOR_H_
#define VUM_LIB_SELECTION_STABLE_VECTOR_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "absl/numeric/bits.h"
#include "lib/selection/huge_pages.h"

namespace vum::selection_internal {

template <typename T>
class StableVector {
 public:
  StableVector() = default;
  StableVector(const StableVector&) = delete;
  StableVector& operator=(const StableVector&) = delete;
  ~StableVector() { clear(); }

  [[nodiscard]] size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  // Elements the pieces made so far hold, constructed or not.
  [[nodiscard]] size_t capacity() const {
    return pieces_.empty() ? 0 : End(pieces_.size() - 1);
  }

  // Element `i` (< size()).
  T& operator[](size_t i) { return *At(i); }
  const T& operator[](size_t i) const { return *At(i); }

  // Adds an element made from `args`; no element before it moves.
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == capacity()) {
      pieces_.reserve(pieces_.size() + 1);  // so that the piece cannot leak
      pieces_.push_back(Allocate(PieceSize(pieces_.size())));
    }
    T* at = At(size_);
    new (at) T(std::forward<Args>(args)...);
    ++size_;
    return *at;
  }

  // Destroys every element and gives back every piece.
  void clear() {
    for (size_t i = size_; i > 0; --i) At(i - 1)->~T();
    for (size_t p = 0; p < pieces_.size(); ++p) Deallocate(pieces_[p], PieceSize(p));
    pieces_.clear();
    size_ = 0;
  }

 private:
  static constexpr int kFirstPieceBits = 8;
  static constexpr size_t kFirstPiece = size_t{1} << kFirstPieceBits;

  static size_t PieceSize(size_t p) { return kFirstPiece << p; }

  static bool Huge(size_t n) { return n * sizeof(T) >= kHugePieceBytes; }
  static T* Allocate(size_t n) {
    static_assert(alignof(T) <= kHugePieceBytes);
    return Huge(n) ? static_cast<T*>(MapHugeRegion(n * sizeof(T)))
                   : std::allocator<T>().allocate(n);
  }
  static void Deallocate(T* piece, size_t n) {
    if (Huge(n)) {
      UnmapHugeRegion(piece, n * sizeof(T));
    } else {
      std::allocator<T>().deallocate(piece, n);
    }
  }
  // Elements in pieces 0..p.
  static size_t End(size_t p) { return (kFirstPiece << (p + 1)) - kFirstPiece; }

  // Element i is in piece p = floor(log2(i + kFirstPiece)) - kFirstPieceBits,
  // at i + kFirstPiece - (kFirstPiece << p).
  T* At(size_t i) const {
    const uint64_t shifted = uint64_t{i} + kFirstPiece;
    const int p = static_cast<int>(absl::bit_width(shifted)) - 1 - kFirstPieceBits;
    return pieces_[p] + (shifted - (uint64_t{kFirstPiece} << p));
  }

  std::vector<T*> pieces_;
  size_t size_ = 0;
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_STABLE_VECTOR_H_
