// vum/record_bytes.h: a record's serialized bytes, shared without copying.
//
// A caseload index keeps every record as the bytes a store keeps, and gives
// them out with each match (vum/caseload_index.h). Bytes may have an
// allocation of their own, or lie in a large block shared with other records:
// a node's start copies a million stored records into a few hundred blocks
// instead of a million allocations (vum/index_loader.h). A RecordBytes keeps
// what holds its bytes alive for as long as it exists, also after the index
// has replaced or withdrawn the record.
//
// Example:
//
//   vum::RecordBytes bytes(profile.SerializeAsString());
//   vum::v1::Werkzoekende again;
//   if (!again.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
//     return absl::DataLossError("not a profile");
//   }
//
// Thread safety: the bytes never change; copies may be used and destroyed on
// any threads at once.

#ifndef VUM_RECORD_BYTES_H_
#define VUM_RECORD_BYTES_H_

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace vum {

class RecordBytes {
 public:
  // No bytes.
  RecordBytes() = default;
  // Takes `bytes` as an allocation of their own.
  explicit RecordBytes(std::string bytes) {
    auto own = std::make_shared<const std::string>(std::move(bytes));
    bytes_ = *own;
    owner_ = std::move(own);
  }
  // `bytes`, which stay valid and unchanged for as long as `owner` lives.
  RecordBytes(std::shared_ptr<const void> owner, absl::string_view bytes)
      : owner_(std::move(owner)), bytes_(bytes) {}

  // `part`, which must lie within these bytes, sharing what keeps them (no
  // copy, no allocation).
  [[nodiscard]] RecordBytes Part(absl::string_view part) const {
    return RecordBytes(owner_, part);
  }

  [[nodiscard]] absl::string_view view() const { return bytes_; }
  [[nodiscard]] const char* data() const { return bytes_.data(); }
  [[nodiscard]] size_t size() const { return bytes_.size(); }
  [[nodiscard]] bool empty() const { return bytes_.empty(); }

 private:
  std::shared_ptr<const void> owner_;
  absl::string_view bytes_;
};

}  // namespace vum

#endif  // VUM_RECORD_BYTES_H_
