// lib/ask/uploader.h: a source's own system loading its caseload into its
// node: a VUM batch (full or delta) or process data (NDJSON), streamed from
// a file over mutual TLS.
//
// Example:
//
//   absl::StatusOr<vum::ask::UploadReceipt> r =
//       vum::ask::Upload(node, identity, "delta-0004.vumb");
//   if (r.ok() && r->http_status == 200) { /* acknowledged: r->body is the report */ }
//
// Thread safety: a function only.

#ifndef VUM_LIB_ASK_UPLOADER_H_
#define VUM_LIB_ASK_UPLOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "lib/ask/asker.h"

namespace vum::ask {

struct UploadReceipt {
  int http_status = 0;
  // The node's report (200) or its problem detail (JSON).
  std::string body;
};

// Sends the file at `path` to `node`: a VUM batch, or process data when the
// name ends in .ndjson. A receipt whatever the node answered; a Status only
// when no answer came (UNAVAILABLE) or the file cannot be read (NOT_FOUND).
// Ignores SIGPIPE for the process. Only a receipt with status 200 means the upload is
// acknowledged (stored and committed); otherwise nothing of it was applied.
[[nodiscard]] absl::StatusOr<UploadReceipt> Upload(
    const NodeAddress& node, const Identity& identity, const std::string& path,
    absl::Duration timeout = absl::Minutes(10));

}  // namespace vum::ask

#endif  // VUM_LIB_ASK_UPLOADER_H_
