// Standard input and pipes as files, for the readers that open their input
// by name, detect its format from the name, or read it twice.
//
// "-" means standard input. Standard input, a pipe or another stream that is
// not a regular file is read once into a private scratch file in the
// temporary folder (mode 0600, removed when the returned object dies or on
// SIGINT/SIGTERM), named with the extension of the format its first bytes
// show: .vumb.zst, .ndjson, .json, .vumb, .csv or .bin.

#ifndef VUM_TOOLS_VUM_SPOOLED_INPUT_H_
#define VUM_TOOLS_VUM_SPOOLED_INPUT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/io/atomic_file.h"

namespace vum::cli {

// Standard input or a pipe is copied to a private scratch file before it is
// read (disk, not memory): an endless stream stops here (docs/limits.md).
inline constexpr uint64_t kMaxStreamBytes = uint64_t{8} << 30;

// For "-" (standard input) or a pipe or socket: the scratch copy, and `*path`
// set to it. For anything else (a regular file, a folder, a device, a path
// that does not exist): null, `*path` unchanged; its reader judges it within
// its own limits. RESOURCE_EXHAUSTED when the stream goes on past
// `max_bytes` (nothing is kept), UNAVAILABLE when it cannot be read or
// copied.
[[nodiscard]] absl::StatusOr<std::unique_ptr<io_internal::ScratchFile>> SpoolIfStream(
    std::string* path, uint64_t max_bytes = kMaxStreamBytes);

// The file-name extension of the format whose first bytes are `head`.
[[nodiscard]] std::string ExtensionFor(absl::string_view head);

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_SPOOLED_INPUT_H_
