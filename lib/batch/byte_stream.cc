#include "lib/batch/byte_stream.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/batch/damage.h"

namespace vum::batch_internal {
namespace {

absl::Status Errno(absl::string_view what) {
  return absl::UnavailableError(absl::StrCat(what, ": ", std::strerror(errno)));
}

class FdSource : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  ~FdSource() override { close(fd_); }
  absl::StatusOr<size_t> Read(char* buffer, size_t n) override {
    while (true) {
      const ssize_t got = read(fd_, buffer, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return Errno("read");
    }
  }

 private:
  int fd_;
};

class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t n) override {
    const size_t take = std::min(n, data_.size() - pos_);
    std::memcpy(buffer, data_.data() + pos_, take);
    pos_ += take;
    return take;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<ByteSource> inner)
      : inner_(std::move(inner)),
        stream_(ZSTD_createDStream()),
        in_(ZSTD_DStreamInSize()) {}
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }

  absl::StatusOr<size_t> Read(char* buffer, size_t n) override {
    ZSTD_outBuffer out{buffer, n, 0};
    while (out.pos == 0) {
      if (input_.pos == input_.size) {
        absl::StatusOr<size_t> got = inner_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (!frame_done_) {
            return DamageError(BatchDamage::kTruncated,
                               "the zstd stream ends in the middle of a frame");
          }
          return 0;
        }
        input_ = ZSTD_inBuffer{in_.data(), *got, 0};
      }
      const size_t result = ZSTD_decompressStream(stream_, &out, &input_);
      if (ZSTD_isError(result)) {
        return DamageError(
            BatchDamage::kCompressionDamaged,
            absl::StrCat("the zstd stream is damaged: ", ZSTD_getErrorName(result)));
      }
      frame_done_ = result == 0;
    }
    return out.pos;
  }

 private:
  std::unique_ptr<ByteSource> inner_;
  ZSTD_DStream* stream_;
  std::vector<char> in_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool frame_done_ = true;
};

// Collects small writes into large ones.
class BufferedSink : public ByteSink {
 public:
  absl::Status Write(absl::string_view bytes) override {
    if (buffer_.size() + bytes.size() > kBuffer && !buffer_.empty()) {
      if (absl::Status s = Flush(); !s.ok()) return s;
    }
    if (bytes.size() >= kBuffer) return Put(bytes);
    buffer_.append(bytes.data(), bytes.size());
    return absl::OkStatus();
  }
  absl::Status Finish() override { return Flush(); }

 protected:
  virtual absl::Status Put(absl::string_view bytes) = 0;
  absl::Status Flush() {
    absl::Status s = Put(buffer_);
    buffer_.clear();
    return s;
  }

 private:
  static constexpr size_t kBuffer = 1 << 18;
  std::string buffer_;
};

class FdSink : public BufferedSink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}

 protected:
  absl::Status Put(absl::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t put = write(fd_, bytes.data(), bytes.size());
      if (put < 0) {
        if (errno == EINTR) continue;
        return Errno("write");
      }
      bytes.remove_prefix(static_cast<size_t>(put));
    }
    return absl::OkStatus();
  }

 private:
  int fd_;
};

class AppendSink : public ByteSink {
 public:
  explicit AppendSink(std::string* out) : out_(out) {}
  absl::Status Write(absl::string_view bytes) override {
    out_->append(bytes.data(), bytes.size());
    return absl::OkStatus();
  }
  absl::Status Finish() override { return absl::OkStatus(); }

 private:
  std::string* out_;
};

class ZstdSink : public ByteSink {
 public:
  ZstdSink(std::unique_ptr<ByteSink> inner, int level)
      : inner_(std::move(inner)),
        stream_(ZSTD_createCCtx()),
        out_(ZSTD_CStreamOutSize()) {
    ZSTD_CCtx_setParameter(stream_, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(stream_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdSink() override { ZSTD_freeCCtx(stream_); }

  absl::Status Write(absl::string_view bytes) override {
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    while (in.pos < in.size) {
      if (absl::Status s = Step(&in, ZSTD_e_continue); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status Finish() override {
    ZSTD_inBuffer in{nullptr, 0, 0};
    while (true) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      const size_t left = ZSTD_compressStream2(stream_, &out, &in, ZSTD_e_end);
      if (ZSTD_isError(left)) return Error(left);
      if (absl::Status s = inner_->Write(absl::string_view(out_.data(), out.pos));
          !s.ok()) {
        return s;
      }
      if (left == 0) break;
    }
    return inner_->Finish();
  }

 private:
  absl::Status Step(ZSTD_inBuffer* in, ZSTD_EndDirective mode) {
    ZSTD_outBuffer out{out_.data(), out_.size(), 0};
    const size_t result = ZSTD_compressStream2(stream_, &out, in, mode);
    if (ZSTD_isError(result)) return Error(result);
    return inner_->Write(absl::string_view(out_.data(), out.pos));
  }
  static absl::Status Error(size_t code) {
    return absl::InternalError(absl::StrCat("zstd: ", ZSTD_getErrorName(code)));
  }

  std::unique_ptr<ByteSink> inner_;
  ZSTD_CCtx* stream_;
  std::vector<char> out_;
};

}  // namespace

bool LooksCompressed(absl::string_view prefix) {
  return prefix.size() >= 4 && std::memcmp(prefix.data(), kZstdMagic, 4) == 0;
}

absl::StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path,
                                                           bool* compressed) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  char magic[4];
  const ssize_t got = pread(fd, magic, 4, 0);
  *compressed = got == 4 && LooksCompressed(absl::string_view(magic, 4));
  std::unique_ptr<ByteSource> source = std::make_unique<FdSource>(fd);
  if (*compressed) source = std::make_unique<ZstdSource>(std::move(source));
  return source;
}

std::unique_ptr<ByteSource> MemorySource(std::string data, bool* compressed) {
  *compressed = LooksCompressed(data);
  std::unique_ptr<ByteSource> source = std::make_unique<StringSource>(std::move(data));
  if (*compressed) source = std::make_unique<ZstdSource>(std::move(source));
  return source;
}

std::unique_ptr<ByteSink> FileSink(int fd, bool compress, int level) {
  std::unique_ptr<ByteSink> sink = std::make_unique<FdSink>(fd);
  if (compress) sink = std::make_unique<ZstdSink>(std::move(sink), level);
  return sink;
}

std::unique_ptr<ByteSink> StringSink(std::string* out, bool compress, int level) {
  std::unique_ptr<ByteSink> sink = std::make_unique<AppendSink>(out);
  if (compress) sink = std::make_unique<ZstdSink>(std::move(sink), level);
  return sink;
}

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256::Update(absl::string_view bytes) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), bytes.data(), bytes.size());
}

std::string Sha256::Finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest, &size);
  return std::string(reinterpret_cast<char*>(digest), size);
}

}  // namespace vum::batch_internal
