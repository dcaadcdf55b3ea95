#include "lib/selection/record_blocks.h"

#include <sys/mman.h>

#include <climits>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <new>
#include <string>
#include <thread>

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

// Writes to every page of a new block, so that the kernel backs it now.
void Touch(char* block) {
  for (size_t at = 0; at < RecordBlocks::kBlockBytes; at += 4096) block[at] = 0;
}

}  // namespace

// Makes blocks, touched, on a thread of its own, keeping kBlocksAhead ready.
class RecordBlocks::Preparer {
 public:
  Preparer() : thread_([this] { Run(); }) {}
  ~Preparer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wanted_.notify_one();
    thread_.join();
  }

  // A ready block, or a new one made here when none is ready yet.
  std::shared_ptr<char> Next() {
    std::shared_ptr<char> block;
    {
      std::lock_guard lock(mu_);
      if (!ready_.empty()) {
        block = std::move(ready_.front());
        ready_.pop_front();
      }
    }
    wanted_.notify_one();
    return block != nullptr ? block : NewBlock();
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    for (;;) {
      wanted_.wait(lock, [&] { return stopping_ || ready_.size() < kBlocksAhead; });
      if (stopping_) return;
      lock.unlock();
      std::shared_ptr<char> block = NewBlock();
      Touch(block.get());
      lock.lock();
      ready_.push_back(std::move(block));
    }
  }

  std::mutex mu_;
  std::condition_variable wanted_;           // a block was taken, or stop
  std::deque<std::shared_ptr<char>> ready_;  // under mu_
  bool stopping_ = false;                    // under mu_
  std::thread thread_;                       // last: starts when the rest is ready
};

RecordBlocks::RecordBlocks(bool prepare_ahead)
    : preparer_(prepare_ahead ? std::make_unique<Preparer>() : nullptr) {}
RecordBlocks::~RecordBlocks() = default;
void RecordBlocks::StopPreparing() { preparer_.reset(); }

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
    block_ = preparer_ != nullptr ? preparer_->Next() : NewBlock();
    used_ = 0;
  }
  return block_.get() + used_;
}

RecordBytes RecordBlocks::Take(size_t n) {
  if (n == 0) return RecordBytes();  // no block needed, none before the first
  RecordBytes taken(block_, absl::string_view(block_.get() + used_, n));
  used_ += n;
  return taken;
}

}  // namespace vum::selection_internal
