#include "lib/selection/record_blocks.h"

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
    return block != nullptr ? block : MapHugePiece();
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    for (;;) {
      wanted_.wait(lock, [&] { return stopping_ || ready_.size() < kBlocksAhead; });
      if (stopping_) return;
      lock.unlock();
      std::shared_ptr<char> block = MapHugePiece();
      TouchHugePiece(block.get());
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
    block_ = preparer_ != nullptr ? preparer_->Next() : MapHugePiece();
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
