#include "lib/selection/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace vum::selection_internal {

namespace {

size_t RoundedUp(size_t bytes) {
  return (bytes + kHugePieceBytes - 1) / kHugePieceBytes * kHugePieceBytes;
}

}  // namespace

void* MapHugeRegion(size_t bytes) {
  const size_t size = RoundedUp(bytes);
  // One piece more, then the ends trimmed to leave an aligned region.
  void* mapped = mmap(nullptr, size + kHugePieceBytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  auto* begin = static_cast<char*>(mapped);
  const uintptr_t skip =
      (kHugePieceBytes - reinterpret_cast<uintptr_t>(begin) % kHugePieceBytes) %
      kHugePieceBytes;
  if (skip > 0) munmap(begin, skip);
  munmap(begin + skip + size, kHugePieceBytes - skip);
  char* region = begin + skip;
  (void)madvise(region, size, MADV_HUGEPAGE);  // a hint: without it, 4 KB pages
  return region;
}

void UnmapHugeRegion(void* region, size_t bytes) { munmap(region, RoundedUp(bytes)); }

std::shared_ptr<char> MapHugePiece() {
  return std::shared_ptr<char>(static_cast<char*>(MapHugeRegion(kHugePieceBytes)),
                               [](char* p) { UnmapHugeRegion(p, kHugePieceBytes); });
}

void TouchHugePiece(char* piece) {
  for (size_t at = 0; at < kHugePieceBytes; at += 4096) piece[at] = 0;
}

HugePiecesAhead::HugePiecesAhead() : thread_([this] { Run(); }) {}

HugePiecesAhead::~HugePiecesAhead() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wanted_.notify_one();
  thread_.join();
}

std::shared_ptr<char> HugePiecesAhead::Next() {
  std::shared_ptr<char> piece;
  {
    std::lock_guard lock(mu_);
    if (!ready_.empty()) {
      piece = std::move(ready_.front());
      ready_.pop_front();
    }
  }
  wanted_.notify_one();
  return piece != nullptr ? piece : MapHugePiece();
}

void HugePiecesAhead::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wanted_.wait(lock, [&] { return stopping_ || ready_.size() < kPiecesAhead; });
    if (stopping_) return;
    lock.unlock();
    std::shared_ptr<char> piece;
    try {
      piece = MapHugePiece();
    } catch (const std::bad_alloc&) {
      return;  // Next maps its own, and fails in its caller's thread
    }
    TouchHugePiece(piece.get());
    lock.lock();
    ready_.push_back(std::move(piece));
  }
}

}  // namespace vum::selection_internal
