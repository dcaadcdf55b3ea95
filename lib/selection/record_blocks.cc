#include "lib/selection/record_blocks.h"

#include <climits>
#include <cstdint>
#include <cstring>
#include <string>

namespace vum::selection_internal {

RecordBlocks::RecordBlocks(bool prepare_ahead)
    : preparer_(prepare_ahead ? std::make_unique<HugePiecesAhead>() : nullptr) {}
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
