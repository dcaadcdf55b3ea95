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

namespace vum::cli {
namespace {

constexpr size_t kHeadBytes = size_t{64} << 10;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

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
  absl::string_view text = head;
  (void)absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i < text.size() && text[i] == '[') return ".json";
  if (i < text.size() && text[i] == '{') {
    // A second line that begins a document: NDJSON.
    for (size_t nl = text.find('\n', i); nl != absl::string_view::npos;
         nl = text.find('\n', nl + 1)) {
      size_t j = nl + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
        ++j;
      if (j < text.size() && text[j] == '{') return ".ndjson";
    }
    return ".json";
  }
  if (BatchReader::FromBytes(std::string(head)).ok()) return ".vumb";
  const absl::string_view first_line = head.substr(0, head.find('\n'));
  if (head.find('\0') == absl::string_view::npos &&
      (absl::StrContains(first_line, ',') || absl::StrContains(first_line, ';'))) {
    return ".csv";
  }
  return ".bin";
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
