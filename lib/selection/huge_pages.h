// Internal: memory in pieces of 2 MiB, each at a 2 MiB boundary and marked
// for transparent huge pages, so that the kernel can back a piece with one
// page (one fault instead of 512; docs/node.md, "huge pages").
//
// The index's large arrays that fill once at a start (the records' blocks,
// the staged facts) live in such pieces: before the records did, page faults
// on 4 KB pages were about half of the reading thread of a start at 1M
// profiles (docs/performance.md, "Records in blocks"). HugePageAllocator
// gives a standard container's large arrays the same (the index's id set).
//
// Example:
//   std::shared_ptr<char> piece = MapHugePiece();  // kHugePieceBytes, zeroed
//   std::memcpy(piece.get(), bytes, n);            // n <= kHugePieceBytes
//
// Thread-safe. A piece is unmapped when its last owner lets go.
#ifndef VUM_LIB_SELECTION_HUGE_PAGES_H_
#define VUM_LIB_SELECTION_HUGE_PAGES_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <new>
#include <thread>

namespace vum::selection_internal {

inline constexpr size_t kHugePieceBytes = size_t{2} << 20;

// A new mapping of `bytes` rounded up to a multiple of kHugePieceBytes,
// zeroed, aligned to kHugePieceBytes and marked for huge pages (a hint, as
// for MapHugePiece). Give it back with UnmapHugeRegion and the same `bytes`.
// Throws std::bad_alloc when no memory can be mapped.
[[nodiscard]] void* MapHugeRegion(size_t bytes);
void UnmapHugeRegion(void* region, size_t bytes);

// A new piece of kHugePieceBytes, zeroed, aligned to its size. The huge page
// is a hint: without it (the system's setting "never"), the piece is 4 KB
// pages. Throws std::bad_alloc when no memory can be mapped.
[[nodiscard]] std::shared_ptr<char> MapHugePiece();

// A standard allocator whose large arrays (kHugePieceBytes and more) are
// regions for huge pages (MapHugeRegion), the rest from operator new: for
// containers that grow to many megabytes by doubling, such as the index's
// id set, whose every growth otherwise faults in 4 KB pages.
//
// Example:
//   absl::flat_hash_set<uint64_t, absl::Hash<uint64_t>, std::equal_to<uint64_t>,
//                       HugePageAllocator<uint64_t>> ids;
//
// Stateless: any two compare equal. Thread-safe as operator new and mmap.
template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT: rebinding

  [[nodiscard]] T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_array_new_length();
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePieceBytes) return std::allocator<T>().allocate(n);
    return static_cast<T*>(MapHugeRegion(bytes));
  }
  void deallocate(T* p, size_t n) noexcept {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePieceBytes) return std::allocator<T>().deallocate(p, n);
    UnmapHugeRegion(p, bytes);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept {
    return false;
  }
};

// Writes to every 4 KB page of `piece`, so that the kernel backs it now
// rather than at the first write of whoever uses it.
void TouchHugePiece(char* piece);

// Pieces mapped and touched on a thread of its own, kPiecesAhead kept ready,
// so that the thread that fills a new piece does not wait for the kernel to
// back it. The first write to new memory is a page fault, and in a virtual
// machine a costly one (the kernel clears the page, the host backs it): at a
// node's start it took about half of the reading thread's time.
//
// Thread safety: Next may be called from any thread. The destructor stops the
// thread and frees the pieces made that were not taken.
class HugePiecesAhead {
 public:
  static constexpr size_t kPiecesAhead = 4;  // 8 MiB

  HugePiecesAhead();
  ~HugePiecesAhead();
  HugePiecesAhead(const HugePiecesAhead&) = delete;
  HugePiecesAhead& operator=(const HugePiecesAhead&) = delete;

  // A ready piece, or one mapped here (not touched) when none is ready yet
  // (std::bad_alloc, here, when it cannot be). The thread stops making
  // pieces the first time it cannot map one.
  [[nodiscard]] std::shared_ptr<char> Next();

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable wanted_;           // a piece was taken, or stop
  std::deque<std::shared_ptr<char>> ready_;  // under mu_
  bool stopping_ = false;                    // under mu_
  std::thread thread_;                       // last: starts when the rest is ready
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_HUGE_PAGES_H_
