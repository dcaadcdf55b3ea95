#include "tools/vum/spooled_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "vum/batch.h"
#include "vum/record_reader.h"

namespace vum::cli {
namespace {

constexpr size_t kHeadBytes = size_t{64} << 10;

// Reads into `buffer` until it holds `want` bytes or the stream ends.
absl::Status ReadUpTo(int fd, size_t want, std::string* buffer) {
  char chunk[1 << 16];
  while (buffer->size() < want) {
    const ssize_t got = read(fd, chunk, std::min(sizeof chunk, want - buffer->size()));
    if (got == 0) return absl::OkStatus();
    if (got < 0) {
      if (errno == EINTR) continue;
      return absl::UnavailableError(
          absl::StrCat("cannot read standard input: ", std::strerror(errno)));
    }
    buffer->append(chunk, static_cast<size_t>(got));
  }
  return absl::OkStatus();
}

}  // namespace

std::string ExtensionFor(absl::string_view head) {
  if (absl::StartsWith(head, "\x28\xB5\x2F\xFD")) return ".vumb.zst";
  switch (DataFormatOfContent(head).value_or(DataFormat::kJson)) {
    case DataFormat::kJson:
    case DataFormat::kJsonArray:
      return ".json";
    case DataFormat::kNdjson:
      return ".ndjson";
    case DataFormat::kBatch:
      return ".vumb";
    case DataFormat::kCsv:
      return ".csv";
    case DataFormat::kBinary:
      return ".bin";
  }
  return ".json";
}

absl::StatusOr<std::unique_ptr<io_internal::ScratchFile>> SpoolIfStream(
    std::string* path, uint64_t max_bytes) {
  const bool dash = *path == "-";
  struct stat info {};
  if (!dash && (stat(path->c_str(), &info) != 0 ||
                !(S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode)))) {
    return nullptr;
  }
  const int fd = dash ? STDIN_FILENO : open(path->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;  // its reader says why
  std::string buffer;
  absl::Status s = ReadUpTo(fd, kHeadBytes, &buffer);
  absl::StatusOr<std::unique_ptr<io_internal::ScratchFile>> file =
      io_internal::ScratchFile::Create(
          (std::filesystem::temp_directory_path() /
           io_internal::UniqueName("vum-stdin-", ExtensionFor(buffer)))
              .string());
  uint64_t copied = 0;
  while (s.ok() && file.ok() && !buffer.empty()) {
    copied += buffer.size();
    if (copied > max_bytes) {
      s = absl::ResourceExhaustedError(
          absl::StrCat("standard input is larger than the limit of ", max_bytes,
                       " bytes; give a file"));
      break;
    }
    s = (*file)->Append(buffer);
    buffer.clear();
    if (s.ok()) s = ReadUpTo(fd, size_t{1} << 20, &buffer);
  }
  if (!dash) close(fd);
  if (!file.ok()) return file.status();
  if (!s.ok()) return s;
  *path = (*file)->path();
  return file;
}

}  // namespace vum::cli
