#include "lib/io/unnamed_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace vum::io_internal {
namespace {

absl::Status Unavailable(absl::string_view what, const std::string& folder) {
  return absl::UnavailableError(
      absl::StrCat(what, " a file in ", folder, ": ", std::strerror(errno)));
}

// A named file made and unlinked at once, where O_TMPFILE is not offered.
int MadeAndUnlinked(const std::string& folder) {
  std::string name = folder + "/.vum-unnamed-XXXXXX";
  const int fd = mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) unlink(name.c_str());
  return fd;
}

}  // namespace

absl::StatusOr<UnnamedFile> UnnamedFile::Create(const std::string& folder) {
  int fd = open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    fd = MadeAndUnlinked(folder);
  }
  if (fd < 0) return Unavailable("cannot make", folder);
  return UnnamedFile(fd);
}

UnnamedFile::UnnamedFile(UnnamedFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}

UnnamedFile& UnnamedFile::operator=(UnnamedFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
  }
  return *this;
}

UnnamedFile::~UnnamedFile() {
  if (fd_ >= 0) close(fd_);
}

absl::Status UnnamedFile::Append(absl::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot write an unnamed file: ", std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    size_ += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status UnnamedFile::Rewind() {
  if (lseek(fd_, 0, SEEK_SET) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot rewind an unnamed file: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> UnnamedFile::Read(char* buffer, size_t size) {
  for (;;) {
    const ssize_t n = read(fd_, buffer, size);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR) {
      return absl::UnavailableError(
          absl::StrCat("cannot read an unnamed file: ", std::strerror(errno)));
    }
  }
}

}  // namespace vum::io_internal
