// Internal: a file without a name, for bytes that wait on disk and must never
// be left behind (a request's body on its way to a handler).
//
// The file is made with O_TMPFILE in a folder, mode 0600: it has no name, so
// no other process can open it, and the kernel frees it when it is closed,
// also when the process is killed. Where the file system does not offer
// O_TMPFILE the file is made with a random name and unlinked at once.
//
// Example:
//
//   absl::StatusOr<UnnamedFile> f = UnnamedFile::Create("/var/lib/vum");
//   absl::Status s = f->Append("bytes");
//   s = f->Rewind();
//   char buffer[5];
//   absl::StatusOr<size_t> n = f->Read(buffer, sizeof buffer);  // 5
//
// Thread safety: one UnnamedFile is used by one thread at a time. Move-only;
// the destructor closes the file (and so frees it).

#ifndef VUM_LIB_IO_UNNAMED_FILE_H_
#define VUM_LIB_IO_UNNAMED_FILE_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vum::io_internal {

class UnnamedFile {
 public:
  // A new empty file in `folder`; UNAVAILABLE (with the folder, not a byte
  // of data) when it cannot be made.
  [[nodiscard]] static absl::StatusOr<UnnamedFile> Create(const std::string& folder);

  UnnamedFile(UnnamedFile&& other) noexcept;
  UnnamedFile& operator=(UnnamedFile&& other) noexcept;
  UnnamedFile(const UnnamedFile&) = delete;
  UnnamedFile& operator=(const UnnamedFile&) = delete;
  ~UnnamedFile();

  // Writes all of `bytes` at the end; UNAVAILABLE when the disk refuses.
  [[nodiscard]] absl::Status Append(absl::string_view bytes);
  // Back to the first byte, for reading.
  [[nodiscard]] absl::Status Rewind();
  // Up to `size` bytes from the current position into `buffer`; 0 at the end.
  [[nodiscard]] absl::StatusOr<size_t> Read(char* buffer, size_t size);
  // Bytes appended so far.
  [[nodiscard]] size_t size() const { return size_; }

 private:
  explicit UnnamedFile(int fd) : fd_(fd) {}
  int fd_ = -1;
  size_t size_ = 0;
};

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_UNNAMED_FILE_H_
