#include "lib/io/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "openssl/rand.h"

namespace vum::io_internal {
namespace {

// The temporary files a signal must remove: copies of their paths, so that
// the handler only reads memory and calls unlink (async-signal-safe).
constexpr int kSlots = 64;
std::array<std::atomic<char*>, kSlots> pending{};

int Register(const std::string& path) {
  char* copy = strdup(path.c_str());
  for (int i = 0; i < kSlots; ++i) {
    char* expected = nullptr;
    if (pending[i].compare_exchange_strong(expected, copy)) return i;
  }
  free(copy);
  return -1;  // more than kSlots at once: the destructor still removes it
}

void Unregister(int slot) {
  if (slot >= 0) free(pending[slot].exchange(nullptr));
}

void RemovePendingAndReraise(int signal) {
  for (auto& slot : pending) {
    if (char* path = slot.load()) unlink(path);
  }
  ::signal(signal, SIG_DFL);
  raise(signal);
}

// Writes all of `bytes` to `fd`; UNAVAILABLE naming `name` when it cannot.
absl::Status WriteAll(int fd, absl::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    const ssize_t put = write(fd, bytes.data(), bytes.size());
    if (put < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(
          absl::StrCat("cannot write ", name, ": ", std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<size_t>(put));
  }
  return absl::OkStatus();
}

std::string RandomSuffix() {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return absl::StrCat(getpid(), "-", rand());
  std::string out;
  for (unsigned char b : bytes) absl::StrAppend(&out, absl::Hex(b, absl::kZeroPad2));
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode) &&
      !S_ISDIR(info.st_mode)) {
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
    }
    return std::unique_ptr<AtomicFile>(new AtomicFile(path, "", fd, -1));
  }
  const std::string temp = absl::StrCat(path, ".tmp-", RandomSuffix());
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", temp, ": ", std::strerror(errno)));
  }
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, temp, fd, Register(temp)));
}

AtomicFile::AtomicFile(std::string path, std::string temp, int fd, int slot)
    : path_(std::move(path)), temp_(std::move(temp)), fd_(fd), slot_(slot) {}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) close(fd_);
  if (!committed_ && !temp_.empty()) unlink(temp_.c_str());
  Unregister(slot_);
}

absl::Status AtomicFile::Append(absl::string_view bytes) {
  buffer_.append(bytes.data(), bytes.size());
  return buffer_.size() >= (1 << 18) ? Flush() : absl::OkStatus();
}

absl::Status AtomicFile::Flush() {
  absl::Status s = WriteAll(fd_, buffer_, temp_.empty() ? path_ : temp_);
  buffer_.clear();
  return s;
}

absl::Status AtomicFile::Commit() {
  if (absl::Status s = Flush(); !s.ok()) return s;
  if (temp_.empty()) {  // a stream, written directly
    committed_ = true;
    const int fd = fd_;
    fd_ = -1;
    return close(fd) == 0 ? absl::OkStatus()
                          : absl::UnavailableError(absl::StrCat("cannot write ", path_));
  }
  if (fsync(fd_) != 0 || close(fd_) != 0) {
    fd_ = -1;
    return absl::UnavailableError(
        absl::StrCat("cannot write ", temp_, ": ", std::strerror(errno)));
  }
  fd_ = -1;
  if (rename(temp_.c_str(), path_.c_str()) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot rename ", temp_, " to ", path_, ": ", std::strerror(errno)));
  }
  committed_ = true;
  Unregister(slot_);
  slot_ = -1;
  // Make the rename itself durable.
  const std::string dir = std::filesystem::path(path_).parent_path().string();
  const int dir_fd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ScratchFile>> ScratchFile::Create(
    const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  return std::unique_ptr<ScratchFile>(new ScratchFile(path, fd, Register(path)));
}

ScratchFile::ScratchFile(std::string path, int fd, int slot)
    : path_(std::move(path)), fd_(fd), slot_(slot) {}

ScratchFile::~ScratchFile() {
  close(fd_);
  unlink(path_.c_str());
  Unregister(slot_);
}

absl::Status ScratchFile::Append(absl::string_view bytes) {
  return WriteAll(fd_, bytes, path_);
}

std::string UniqueName(absl::string_view prefix, absl::string_view suffix) {
  return absl::StrCat(prefix, RandomSuffix(), suffix);
}

void RemoveTemporaryFilesOnSignals() {
  struct sigaction action {};
  action.sa_handler = RemovePendingAndReraise;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

absl::Status WriteFileAtomically(const std::string& path, absl::string_view text) {
  absl::StatusOr<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  if (absl::Status s = (*file)->Append(text); !s.ok()) return s;
  return (*file)->Commit();
}

}  // namespace vum::io_internal
