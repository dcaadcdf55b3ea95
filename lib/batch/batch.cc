#include "vum/batch.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "lib/batch/byte_stream.h"
#include "lib/batch/damage.h"
#include "lib/io/atomic_file.h"

namespace vum {

using batch_internal::ByteSink;
using batch_internal::ByteSource;
using batch_internal::Sha256;

namespace {

constexpr size_t kReadBuffer = 1 << 18;

constexpr char kDamageUrl[] = "type.vum.nl/vum.BatchDamage";

using batch_internal::DamageError;

// A read error of the byte source: the zstd layer types its damage (a
// stream that stops mid-frame is truncated); any other loss of data there is
// damaged compression.
absl::Status SourceError(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kDataLoss ||
      BatchDamageOf(status) != BatchDamage::kNone) {
    return status;
  }
  return DamageError(BatchDamage::kCompressionDamaged, status.message());
}

// SHA-256 of `a` followed by `b`.
std::string Digest(absl::string_view a, absl::string_view b) {
  batch_internal::Sha256 sha;
  sha.Update(a);
  sha.Update(b);
  return sha.Finish();
}

// The varint encoding of `n`.
std::string Varint(uint64_t n) {
  char buffer[10];
  uint8_t* end = google::protobuf::io::CodedOutputStream::WriteVarint64ToArray(
      n, reinterpret_cast<uint8_t*>(buffer));
  return std::string(buffer, reinterpret_cast<char*>(end) - buffer);
}

}  // namespace

absl::string_view BatchDamageName(BatchDamage damage) {
  switch (damage) {
    case BatchDamage::kNone:
      return "";
    case BatchDamage::kNotABatch:
      return "not-a-batch";
    case BatchDamage::kTruncated:
      return "truncated";
    case BatchDamage::kNoTrailer:
      return "no-trailer";
    case BatchDamage::kOverlongFrame:
      return "overlong-frame";
    case BatchDamage::kCountMismatch:
      return "count-mismatch";
    case BatchDamage::kChecksumMismatch:
      return "checksum-mismatch";
    case BatchDamage::kDataAfterTrailer:
      return "data-after-trailer";
    case BatchDamage::kCompressionDamaged:
      return "compression-damaged";
    case BatchDamage::kNoChecksumAlgorithm:
      return "no-checksum-algorithm";
    case BatchDamage::kUnknownChecksumAlgorithm:
      return "unknown-checksum-algorithm";
  }
  return "";
}

namespace batch_internal {

absl::Status DamageError(BatchDamage damage, absl::string_view message) {
  absl::Status status = absl::DataLossError(message);
  status.SetPayload(kDamageUrl, absl::Cord(BatchDamageName(damage)));
  return status;
}

}  // namespace batch_internal

absl::string_view BatchKindName(v1::SoortBatch kind) {
  switch (kind) {
    case v1::SOORT_BATCH_VOLLEDIG:
      return "volledig";
    case v1::SOORT_BATCH_DELTA:
      return "delta";
    default:
      return "";
  }
}

BatchDamage BatchDamageOf(const absl::Status& status) {
  const auto payload = status.GetPayload(kDamageUrl);
  if (!payload) return BatchDamage::kNone;
  for (BatchDamage d :
       {BatchDamage::kNotABatch, BatchDamage::kTruncated, BatchDamage::kNoTrailer,
        BatchDamage::kOverlongFrame, BatchDamage::kCountMismatch,
        BatchDamage::kChecksumMismatch, BatchDamage::kDataAfterTrailer,
        BatchDamage::kCompressionDamaged, BatchDamage::kNoChecksumAlgorithm,
        BatchDamage::kUnknownChecksumAlgorithm}) {
    if (*payload == BatchDamageName(d)) return d;
  }
  return BatchDamage::kNone;
}

// The writer's state, behind BatchWriter.
class BatchWriter::Impl {
 public:
  Impl(std::unique_ptr<ByteSink> sink, const BatchWriterOptions& options)
      : sink_(std::move(sink)),
        checksum_(std::make_unique<Sha256>()),
        options_(options) {}

  absl::Status WriteFrame(const v1::BatchFrame& frame, bool is_record);
  absl::Status Write(const v1::BatchRecord& record);
  absl::Status Finish();

  std::unique_ptr<ByteSink> sink_;
  std::unique_ptr<Sha256> checksum_;
  BatchWriterOptions options_;
  // The file being written (mode 0600 until committed); null in memory.
  std::unique_ptr<io_internal::AtomicFile> file_;
  uint64_t records_ = 0;
  bool finished_ = false;
  std::string scratch_;
  std::string header_digest_;  // SHA-256 of the header frame, prefix included
};

BatchWriter::BatchWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

absl::StatusOr<std::unique_ptr<BatchWriter>> BatchWriter::Create(
    const std::string& path, const v1::BatchKop& header,
    const BatchWriterOptions& options) {
  absl::StatusOr<std::unique_ptr<io_internal::AtomicFile>> file =
      io_internal::AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  auto impl = std::make_unique<Impl>(
      batch_internal::FileSink((*file)->fd(), options.compression == Compression::kZstd,
                               options.zstd_level),
      options);
  impl->file_ = *std::move(file);
  v1::BatchFrame frame;
  *frame.mutable_kop() = header;
  if (absl::Status s = impl->WriteFrame(frame, false); !s.ok()) return s;
  return std::unique_ptr<BatchWriter>(new BatchWriter(std::move(impl)));
}

absl::StatusOr<std::unique_ptr<BatchWriter>> BatchWriter::CreateInMemory(
    std::string* out, const v1::BatchKop& header, const BatchWriterOptions& options) {
  auto impl = std::make_unique<Impl>(
      batch_internal::StringSink(out, options.compression == Compression::kZstd,
                                 options.zstd_level),
      options);
  v1::BatchFrame frame;
  *frame.mutable_kop() = header;
  if (absl::Status s = impl->WriteFrame(frame, false); !s.ok()) return s;
  return std::unique_ptr<BatchWriter>(new BatchWriter(std::move(impl)));
}

BatchWriter::~BatchWriter() = default;  // an uncommitted file is removed

absl::Status BatchWriter::Impl::WriteFrame(const v1::BatchFrame& frame, bool is_record) {
  scratch_.clear();
  if (!frame.SerializeToString(&scratch_)) {
    return absl::InternalError("cannot serialize a batch frame");
  }
  if (scratch_.size() > options_.max_record_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "record ", records_, " is ", scratch_.size(),
        " bytes, more than the maximum record size of ", options_.max_record_bytes));
  }
  const std::string prefix = Varint(scratch_.size());
  if (is_record) {
    checksum_->Update(prefix);
    checksum_->Update(scratch_);
  } else if (frame.has_kop()) {
    header_digest_ = Digest(prefix, scratch_);
  }
  if (absl::Status s = sink_->Write(prefix); !s.ok()) return s;
  return sink_->Write(scratch_);
}

absl::Status BatchWriter::Impl::Write(const v1::BatchRecord& record) {
  if (finished_) return absl::FailedPreconditionError("the batch is already finished");
  v1::BatchFrame frame;
  *frame.mutable_record() = record;
  if (absl::Status s = WriteFrame(frame, true); !s.ok()) return s;
  ++records_;
  return absl::OkStatus();
}

absl::Status BatchWriter::Impl::Finish() {
  if (finished_) return absl::FailedPreconditionError("the batch is already finished");
  v1::BatchFrame frame;
  v1::BatchSluiting* trailer = frame.mutable_sluiting();
  trailer->set_aantal_records(records_);
  // Format 2: the digest covers the header too, so that a changed sender or
  // batch id is noticed.
  trailer->set_algoritme(v1::CHECKSUM_ALGORITME_SHA256_KOP_EN_RECORDS);
  trailer->set_controlesom(Digest(header_digest_, checksum_->Finish()));
  if (absl::Status s = WriteFrame(frame, false); !s.ok()) return s;
  if (absl::Status s = sink_->Finish(); !s.ok()) return s;
  if (file_ != nullptr) {
    if (absl::Status s = file_->Commit(); !s.ok()) return s;
  }
  finished_ = true;
  return absl::OkStatus();
}

absl::Status BatchWriter::Write(const v1::BatchRecord& record) {
  return impl_->Write(record);
}
absl::Status BatchWriter::Finish() { return impl_->Finish(); }
uint64_t BatchWriter::records_written() const { return impl_->records_; }

// The reader's state, behind BatchReader.
class BatchReader::Impl {
 public:
  Impl(std::unique_ptr<ByteSource> source, bool compressed,
       const BatchReaderOptions& options)
      : source_(std::move(source)),
        checksum_(std::make_unique<Sha256>()),
        compressed_(compressed),
        options_(options),
        buffer_(kReadBuffer, '\0') {}

  absl::Status ReadHeader();
  // At the trailer: false when count and checksum hold, else the damage.
  absl::StatusOr<bool> VerifyChecksum();
  // Reads one frame into `frame_bytes_`; false at a clean end of the stream.
  absl::StatusOr<bool> ReadFrame(uint64_t* offset);
  absl::StatusOr<bool> ReadByte(unsigned char* byte);
  absl::Status ReadExact(char* out, size_t n);
  absl::StatusOr<bool> Next(v1::BatchRecord* record, RecordPosition* position);

  std::unique_ptr<ByteSource> source_;
  std::unique_ptr<Sha256> checksum_;
  bool compressed_;
  BatchReaderOptions options_;
  v1::BatchKop header_;
  v1::BatchSluiting trailer_;
  std::string header_digest_;  // SHA-256 of the header frame, prefix included
  bool header_covered_ = false;
  std::string buffer_;
  size_t buffer_pos_ = 0;
  size_t buffer_end_ = 0;
  uint64_t offset_ = 0;  // of the next unread byte
  uint64_t records_ = 0;
  bool done_ = false;
  std::string frame_bytes_;
  v1::BatchFrame frame_;
};

BatchReader::BatchReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

BatchReader::~BatchReader() = default;

absl::StatusOr<std::unique_ptr<BatchReader>> BatchReader::Open(
    const std::string& path, const BatchReaderOptions& options) {
  bool compressed = false;
  absl::StatusOr<std::unique_ptr<ByteSource>> source =
      batch_internal::OpenFileSource(path, &compressed);
  if (!source.ok()) return source.status();
  auto impl = std::make_unique<Impl>(*std::move(source), compressed, options);
  if (absl::Status s = impl->ReadHeader(); !s.ok()) return s;
  return std::unique_ptr<BatchReader>(new BatchReader(std::move(impl)));
}

absl::StatusOr<std::unique_ptr<BatchReader>> BatchReader::FromBytes(
    std::string bytes, const BatchReaderOptions& options) {
  bool compressed = false;
  std::unique_ptr<ByteSource> source =
      batch_internal::MemorySource(std::move(bytes), &compressed);
  auto impl = std::make_unique<Impl>(std::move(source), compressed, options);
  if (absl::Status s = impl->ReadHeader(); !s.ok()) return s;
  return std::unique_ptr<BatchReader>(new BatchReader(std::move(impl)));
}

absl::StatusOr<bool> BatchReader::Impl::ReadByte(unsigned char* byte) {
  if (buffer_pos_ == buffer_end_) {
    absl::StatusOr<size_t> got = source_->Read(buffer_.data(), buffer_.size());
    if (!got.ok()) return SourceError(got.status());
    if (*got == 0) return false;
    buffer_pos_ = 0;
    buffer_end_ = *got;
  }
  *byte = static_cast<unsigned char>(buffer_[buffer_pos_++]);
  ++offset_;
  return true;
}

absl::Status BatchReader::Impl::ReadExact(char* out, size_t n) {
  while (n > 0) {
    if (buffer_pos_ == buffer_end_) {
      absl::StatusOr<size_t> got = source_->Read(buffer_.data(), buffer_.size());
      if (!got.ok()) return SourceError(got.status());
      if (*got == 0) {
        return DamageError(BatchDamage::kTruncated,
                           absl::StrCat("truncated: the file ends inside a frame, ", n,
                                        " byte(s) short at offset ", offset_));
      }
      buffer_pos_ = 0;
      buffer_end_ = *got;
    }
    const size_t take = std::min(n, buffer_end_ - buffer_pos_);
    std::memcpy(out, buffer_.data() + buffer_pos_, take);
    buffer_pos_ += take;
    offset_ += take;
    out += take;
    n -= take;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> BatchReader::Impl::ReadFrame(uint64_t* offset) {
  *offset = offset_;
  uint64_t length = 0;
  for (int shift = 0;; shift += 7) {
    unsigned char byte;
    absl::StatusOr<bool> got = ReadByte(&byte);
    if (!got.ok()) return got.status();
    if (!*got) {
      if (shift == 0) return false;  // a clean end between frames
      return DamageError(
          BatchDamage::kTruncated,
          absl::StrCat("truncated: the file ends inside the length of the frame at "
                       "offset ",
                       *offset));
    }
    if (shift >= 63) {
      return DamageError(
          BatchDamage::kOverlongFrame,
          absl::StrCat("the length of the frame at offset ", *offset, " is malformed"));
    }
    length |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (length > options_.max_record_bytes) {
    return DamageError(
        BatchDamage::kOverlongFrame,
        absl::StrCat("the frame at offset ", *offset, " claims ", length,
                     " bytes, more than the maximum record size of ",
                     options_.max_record_bytes, "; the file is damaged or not a batch"));
  }
  frame_bytes_.resize(length);
  if (absl::Status s = ReadExact(frame_bytes_.data(), length); !s.ok()) return s;
  return true;
}

absl::Status BatchReader::Impl::ReadHeader() {
  uint64_t offset;
  absl::StatusOr<bool> got = ReadFrame(&offset);
  if (!got.ok()) {
    // A compressed stream that breaks off is a truncated file; anything else
    // that stops the first frame means there is no header to begin with.
    if (compressed_ && BatchDamageOf(got.status()) != BatchDamage::kNone)
      return got.status();
    return DamageError(BatchDamage::kNotABatch,
                       absl::StrCat("not a batch: no whole batch header (",
                                    got.status().message(), ")"));
  }
  if (!*got || !frame_.ParseFromString(frame_bytes_) || !frame_.has_kop()) {
    return DamageError(BatchDamage::kNotABatch,
                       "not a batch: it does not start with a batch header");
  }
  header_ = frame_.kop();
  header_digest_ = Digest(Varint(frame_bytes_.size()), frame_bytes_);
  return absl::OkStatus();
}

absl::StatusOr<bool> BatchReader::Impl::VerifyChecksum() {
  const std::string records = checksum_->Finish();
  switch (trailer_.algoritme()) {
    case v1::CHECKSUM_ALGORITME_SHA256:  // format 1: the records only
      if (trailer_.controlesom() != records) {
        return DamageError(
            BatchDamage::kChecksumMismatch,
            "checksum mismatch: the records are not the ones the trailer was "
            "written for (format 1: the header is not covered)");
      }
      header_covered_ = false;
      return false;
    case v1::CHECKSUM_ALGORITME_SHA256_KOP_EN_RECORDS:
      if (trailer_.controlesom() != Digest(header_digest_, records)) {
        return DamageError(
            BatchDamage::kChecksumMismatch,
            "checksum mismatch: the header or the records are not the ones the "
            "trailer was written for");
      }
      header_covered_ = true;
      return false;
    case v1::CHECKSUM_ALGORITME_ONGESPECIFICEERD:
      return DamageError(
          BatchDamage::kNoChecksumAlgorithm,
          "the trailer names no checksum algorithm, so nothing can be verified");
    default:
      return DamageError(
          BatchDamage::kUnknownChecksumAlgorithm,
          absl::StrCat("the trailer names checksum algorithm ", trailer_.algoritme(),
                       ", which this version of vum does not know"));
  }
}

absl::StatusOr<bool> BatchReader::Impl::Next(v1::BatchRecord* record,
                                             RecordPosition* position) {
  record->Clear();
  if (done_) return false;
  uint64_t offset;
  absl::StatusOr<bool> got = ReadFrame(&offset);
  if (!got.ok()) return got.status();
  if (!*got) {
    return DamageError(
        BatchDamage::kNoTrailer,
        absl::StrCat("incomplete: the file ends after ", records_,
                     " record(s) without a trailer; it was cut off or not finished"));
  }
  const bool parsed = frame_.ParseFromString(frame_bytes_);
  if (parsed && frame_.has_sluiting()) {
    trailer_ = frame_.sluiting();
    done_ = true;
    unsigned char extra;
    absl::StatusOr<bool> more = ReadByte(&extra);
    if (!more.ok()) return more.status();
    if (*more) {
      return DamageError(BatchDamage::kDataAfterTrailer,
                         absl::StrCat("data after the trailer at offset ", offset_ - 1));
    }
    if (trailer_.aantal_records() != records_) {
      return DamageError(BatchDamage::kCountMismatch,
                         absl::StrCat("the trailer counts ", trailer_.aantal_records(),
                                      " record(s), the file holds ", records_));
    }
    return VerifyChecksum();
  }
  // A record frame, readable or not, is part of the checksum and the count.
  checksum_->Update(Varint(frame_bytes_.size()));
  checksum_->Update(frame_bytes_);
  position->index = records_++;
  position->offset = offset;
  position->parse_error.clear();
  if (!parsed) {
    position->parse_error = "the record's bytes are not a valid protobuf BatchFrame";
  } else if (!frame_.has_record()) {
    position->parse_error = frame_.has_kop() ? "a second batch header among the records"
                                             : "an empty frame among the records";
  } else {
    record->Swap(frame_.mutable_record());
  }
  return true;
}

absl::StatusOr<bool> BatchReader::Next(v1::BatchRecord* record,
                                       RecordPosition* position) {
  return impl_->Next(record, position);
}
const v1::BatchKop& BatchReader::header() const { return impl_->header_; }
bool BatchReader::compressed() const { return impl_->compressed_; }
const v1::BatchSluiting& BatchReader::trailer() const { return impl_->trailer_; }
bool BatchReader::header_covered() const { return impl_->header_covered_; }
uint64_t BatchReader::records_read() const { return impl_->records_; }

}  // namespace vum
