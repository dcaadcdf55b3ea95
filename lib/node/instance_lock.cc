#include "lib/node/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace vum::node {

absl::StatusOr<InstanceLock> InstanceLock::Acquire(const std::string& database) {
  const std::string path = database + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return absl::UnavailableError(absl::StrCat("cannot make the lock file ", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buffer[32] = {};
    const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    int pid = 0;
    const bool known = n > 0 && absl::SimpleAtoi(absl::string_view(buffer, n), &pid);
    ::close(fd);
    return absl::FailedPreconditionError(
        absl::StrCat("the store ", database, " is in use by another vum service",
                     known ? absl::StrCat(" (process ", pid, ")") : std::string(),
                     "; one node or facility per store"));
  }
  const std::string pid = absl::StrCat(::getpid(), "\n");
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The lock holds without the note of who holds it.
  }
  return InstanceLock(fd);
}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);
}

int RemoveLeftoverUploads(const std::string& database) {
  const std::filesystem::path db(database);
  const std::string prefix = db.filename().string() + ".upload-";
  std::error_code error;
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           db.has_parent_path() ? db.parent_path() : std::filesystem::path("."), error)) {
    if (absl::StartsWith(entry.path().filename().string(), prefix) &&
        std::filesystem::remove(entry.path(), error)) {
      ++removed;
    }
  }
  return removed;
}

}  // namespace vum::node
