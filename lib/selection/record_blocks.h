// Internal: records' bytes written one after the other into large blocks.
//
// A node's start keeps a million stored records; copying each into an
// allocation of its own cost the thread that reads the store a malloc and,
// on this memory's first touch, a page fault every 4 KB (docs/performance.md,
// "Restart"). RecordBlocks copies them into blocks of 2 MiB, each asked of the
// kernel as one transparent huge page where it allows them (madvise), and
// hands every record out as RecordBytes that share their block. A block is
// freed when the last record in it is: records an index replaced or withdrew
// keep their block's memory until then.
//
// With `prepare_ahead`, the blocks come from a HugePiecesAhead
// (huge_pages.h): a thread of its own backs the next few before they are
// needed, so that the thread that copies does not wait for page faults.
//
// Example:
//
//   RecordBlocks blocks;
//   RecordBytes kept = blocks.Copy(stored_body);  // stored_body may go now
//
// Thread safety: one thread at a time uses a RecordBlocks; the RecordBytes it
// gives out are safe on any thread (vum/record_bytes.h).

#ifndef VUM_LIB_SELECTION_RECORD_BLOCKS_H_
#define VUM_LIB_SELECTION_RECORD_BLOCKS_H_

#include <cstddef>
#include <memory>
#include <optional>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "lib/selection/huge_pages.h"
#include "vum/record_bytes.h"

namespace vum::selection_internal {

class RecordBlocks {
 public:
  static constexpr size_t kBlockBytes = kHugePieceBytes;
  // Bytes larger than this get an allocation of their own instead of a
  // block's tail.
  static constexpr size_t kLargestInBlock = kBlockBytes / 16;

  explicit RecordBlocks(bool prepare_ahead = false);
  // Stops the preparing thread and frees the blocks it made that were not
  // used; the blocks records hold live on with them.
  ~RecordBlocks();
  RecordBlocks(const RecordBlocks&) = delete;
  RecordBlocks& operator=(const RecordBlocks&) = delete;

  // Stops the preparing thread, if any, and frees the blocks it made that
  // were not used; blocks are made when needed from then on.
  void StopPreparing();

  // A copy of `bytes`.
  [[nodiscard]] RecordBytes Copy(absl::string_view bytes);
  // `message`, serialized; nullopt if protobuf cannot serialize it (over
  // 2 GiB, or a required field unset: never, for vum's records).
  [[nodiscard]] std::optional<RecordBytes> Serialize(
      const google::protobuf::Message& message);

 private:
  // Room for `n` bytes (n <= kLargestInBlock) at the end of the current block,
  // opening a new block when it has too little left.
  char* Reserve(size_t n);
  RecordBytes Take(size_t n);

  std::unique_ptr<HugePiecesAhead> preparer_;  // null without prepare_ahead
  std::shared_ptr<char> block_;
  size_t used_ = kBlockBytes;  // in block_; no block yet: full
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_RECORD_BLOCKS_H_
