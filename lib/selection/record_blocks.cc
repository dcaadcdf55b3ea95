#include "lib/selection/record_blocks.h"

#include <sys/mman.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>

namespace vum::selection_internal {
namespace {

// A block of kBlockBytes at an address aligned to its size, so that the
// kernel can back it with one huge page.
std::shared_ptr<char> NewBlock() {
  constexpr size_t kSize = RecordBlocks::kBlockBytes;
  void* mapped = mmap(nullptr, 2 * kSize, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  auto* begin = static_cast<char*>(mapped);
  const uintptr_t skip = (kSize - reinterpret_cast<uintptr_t>(begin) % kSize) % kSize;
  if (skip > 0) munmap(begin, skip);
  munmap(begin + skip + kSize, kSize - skip);
  char* block = begin + skip;
  (void)madvise(block, kSize, MADV_HUGEPAGE);  // a hint: without it, 4 KB pages
  return std::shared_ptr<char>(block, [](char* b) { munmap(b, kSize); });
}

}  // namespace

RecordBytes RecordBlocks::Copy(absl::string_view bytes) {
  if (bytes.size() > kLargestInBlock) return RecordBytes(std::string(bytes));
  if (!bytes.empty()) std::memcpy(Reserve(bytes.size()), bytes.data(), bytes.size());
  return Take(bytes.size());
}

std::optional<RecordBytes> RecordBlocks::Serialize(
    const google::protobuf::Message& message) {
  const size_t n = message.ByteSizeLong();
  if (n > INT_MAX || !message.IsInitialized()) return std::nullopt;
  if (n > kLargestInBlock) return RecordBytes(message.SerializeAsString());
  message.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(Reserve(n)));
  return Take(n);
}

char* RecordBlocks::Reserve(size_t n) {
  if (kBlockBytes - used_ < n) {
    block_ = NewBlock();
    used_ = 0;
  }
  return block_.get() + used_;
}

RecordBytes RecordBlocks::Take(size_t n) {
  if (n == 0) return RecordBytes(std::string());
  RecordBytes taken(block_, absl::string_view(block_.get() + used_, n));
  used_ += n;
  return taken;
}

}  // namespace vum::selection_internal
