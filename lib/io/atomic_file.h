// Internal: a file that appears whole or not at all. The one way the library
// and the tool write an output file.
//
// The bytes go to a temporary file beside the target, created mode 0600 (an
// output may hold personal data); Commit flushes, fsyncs, renames it over the
// target and fsyncs the folder. A file never committed is removed by the
// destructor and, once RemoveTemporaryFilesOnSignals was called, by SIGINT
// and SIGTERM too. A target that exists and is not a regular file (standard
// output, a pipe, a device) is written directly: a stream cannot appear
// whole, and renaming over it would replace it.
//
// Example:
//
//   absl::StatusOr<std::unique_ptr<AtomicFile>> f = AtomicFile::Create("out.csv");
//   (*f)->Append(text);
//   absl::Status s = (*f)->Commit();
//
// Thread safety: one AtomicFile is used by one thread at a time.

#ifndef VUM_LIB_IO_ATOMIC_FILE_H_
#define VUM_LIB_IO_ATOMIC_FILE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vum::io_internal {

class AtomicFile {
 public:
  // UNAVAILABLE when the temporary file cannot be created.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<AtomicFile>> Create(
      const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Buffered; UNAVAILABLE when writing fails.
  [[nodiscard]] absl::Status Append(absl::string_view bytes);
  // For writers with buffers of their own: the temporary file's descriptor.
  // Append's buffer is flushed by Commit only.
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const std::string& temp_path() const { return temp_; }
  // Makes the file appear at its path, durably. UNAVAILABLE on failure; the
  // target is then untouched.
  [[nodiscard]] absl::Status Commit();

 private:
  AtomicFile(std::string path, std::string temp, int fd, int slot);
  [[nodiscard]] absl::Status Flush();

  std::string path_, temp_;
  int fd_;
  int slot_;  // in the signal handler's list, or -1
  bool committed_ = false;
  std::string buffer_;
};

// A private scratch file: created new at `path`, mode 0600 (it may hold
// personal data), removed when the object dies and, once
// RemoveTemporaryFilesOnSignals was called, by SIGINT and SIGTERM too.
// Example: a copy of standard input that the tool reads as a file.
class ScratchFile {
 public:
  // UNAVAILABLE when the file cannot be created (or exists).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ScratchFile>> Create(
      const std::string& path);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Writes all of `bytes`; UNAVAILABLE when writing fails.
  [[nodiscard]] absl::Status Append(absl::string_view bytes);
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  ScratchFile(std::string path, int fd, int slot);

  std::string path_;
  int fd_;
  int slot_;
};

// A name no other process picks: `prefix`, random hex, `suffix`.
[[nodiscard]] std::string UniqueName(absl::string_view prefix, absl::string_view suffix);

// Installs handlers for SIGINT and SIGTERM that remove every temporary file
// not yet committed, then end the process as the signal would have. For
// programs (the vum tool); a library leaves signals to its host.
void RemoveTemporaryFilesOnSignals();

// Writes `text` to `path`, whole or not at all (an AtomicFile).
[[nodiscard]] absl::Status WriteFileAtomically(const std::string& path,
                                               absl::string_view text);

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_ATOMIC_FILE_H_
