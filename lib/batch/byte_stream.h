// Internal: byte sources and sinks under the batch reader and writer: files,
// memory, and zstd (de)compression, streaming in constant memory.

#ifndef VUM_LIB_BATCH_BYTE_STREAM_H_
#define VUM_LIB_BATCH_BYTE_STREAM_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vum::batch_internal {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes; 0 means the end.
  virtual absl::StatusOr<size_t> Read(char* buffer, size_t n) = 0;
};

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual absl::Status Write(absl::string_view bytes) = 0;
  // Flushes everything (and ends a compressed stream).
  virtual absl::Status Finish() = 0;
};

// The zstd frame magic number, little-endian on disk: 28 B5 2F FD.
inline constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};

// Whether `prefix` starts like a zstd stream.
[[nodiscard]] bool LooksCompressed(absl::string_view prefix);

// Reads the file at `path`, decompressing it when it is zstd-compressed.
[[nodiscard]] absl::StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(
    const std::string& path, bool* compressed);

// Reads `data`, decompressing it when it is zstd-compressed.
[[nodiscard]] std::unique_ptr<ByteSource> MemorySource(std::string data,
                                                       bool* compressed);

// Writes to an open file descriptor (not owned), optionally compressing.
[[nodiscard]] std::unique_ptr<ByteSink> FileSink(int fd, bool compress, int level);

// Writes into `out` (not owned), optionally compressing.
[[nodiscard]] std::unique_ptr<ByteSink> StringSink(std::string* out, bool compress,
                                                   int level);

// SHA-256 (OpenSSL's libcrypto).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(absl::string_view bytes);
  // The 32-byte digest; the object is spent afterwards.
  [[nodiscard]] std::string Finish();

 private:
  void* context_;  // EVP_MD_CTX
};

}  // namespace vum::batch_internal

#endif  // VUM_LIB_BATCH_BYTE_STREAM_H_
