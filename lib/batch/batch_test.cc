#include "vum/batch.h"

#include <openssl/sha.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "lib/validate/test_records.h"
#include "vum/generator.h"

namespace vum {
namespace {

using ::testing::HasSubstr;

v1::BatchKop Header() { return testing::TestBatchHeader(); }

std::vector<v1::BatchRecord> Records(int n) {
  RecordGenerator generator({.seed = 5});
  std::vector<v1::BatchRecord> records(n);
  for (int i = 0; i < n; ++i) {
    if (i % 10 == 9) {
      records[i].mutable_intrekking()->set_id_record(absl::StrCat("synth-wz-5-", i));
      records[i].mutable_intrekking()->set_reden(v1::REDEN_INTREKKING_WERK_GEVONDEN);
    } else {
      generator.NextProfile(records[i].mutable_werkzoekende());
    }
  }
  return records;
}

std::string Write(const std::vector<v1::BatchRecord>& records,
                  BatchWriterOptions options = {}) {
  std::string out;
  auto writer = *BatchWriter::CreateInMemory(&out, Header(), options);
  for (const auto& r : records) EXPECT_TRUE(writer->Write(r).ok());
  EXPECT_TRUE(writer->Finish().ok());
  return out;
}

// Reads a whole batch; the status of the first failure, else OK.
absl::Status ReadAll(std::string bytes, std::vector<v1::BatchRecord>* out = nullptr,
                     std::vector<RecordPosition>* positions = nullptr,
                     BatchReaderOptions options = {}) {
  absl::StatusOr<std::unique_ptr<BatchReader>> reader =
      BatchReader::FromBytes(std::move(bytes), options);
  if (!reader.ok()) return reader.status();
  v1::BatchRecord record;
  RecordPosition position;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&record, &position);
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    if (out) out->push_back(record);
    if (positions) positions->push_back(position);
  }
}

// SHA-256 as the format defines it, computed apart from the reader and
// writer with OpenSSL's one-shot function.
std::string Sha256Of(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<char*>(digest), sizeof(digest));
}

// The raw frame (length prefix and bytes) of `frame`.
std::string Frame(const v1::BatchFrame& frame) {
  std::string bytes = frame.SerializeAsString();
  char prefix[10];
  auto* end = google::protobuf::io::CodedOutputStream::WriteVarint64ToArray(
      bytes.size(), reinterpret_cast<uint8_t*>(prefix));
  return std::string(prefix, reinterpret_cast<char*>(end) - prefix) + bytes;
}

TEST(BatchTest, RoundTripsEveryRecordPlainAndCompressed) {
  const auto records = Records(500);
  for (Compression compression : {Compression::kNone, Compression::kZstd}) {
    const std::string bytes = Write(records, {.compression = compression});
    std::vector<v1::BatchRecord> read;
    std::vector<RecordPosition> positions;
    ASSERT_TRUE(ReadAll(bytes, &read, &positions).ok());
    ASSERT_EQ(read.size(), records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read[i], records[i]))
          << i;
      EXPECT_EQ(positions[i].index, i);
    }
    EXPECT_LT(positions[0].offset, positions[1].offset);
    auto reader = *BatchReader::FromBytes(bytes);
    EXPECT_EQ(reader->compressed(), compression == Compression::kZstd);
    EXPECT_EQ(reader->header().batch_id(), Header().batch_id());
  }
  EXPECT_LT(Write(records, {.compression = Compression::kZstd}).size(),
            Write(records).size() / 2);
}

TEST(BatchTest, EmptyBatchIsValid) {
  const std::string bytes = Write({});
  auto reader = *BatchReader::FromBytes(bytes);
  v1::BatchRecord record;
  RecordPosition position;
  EXPECT_FALSE(*reader->Next(&record, &position));
  EXPECT_EQ(reader->trailer().aantal_records(), 0u);
}

TEST(BatchTest, AnyProtobufParseDelimitedLoopReadsTheFile) {
  const std::string bytes = Write(Records(3));
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int>(bytes.size()));
  std::vector<v1::BatchFrame::InhoudCase> kinds;
  uint32_t size;
  while (input.ReadVarint32(&size)) {
    auto limit = input.PushLimit(static_cast<int>(size));
    v1::BatchFrame frame;
    ASSERT_TRUE(frame.ParseFromCodedStream(&input));
    input.PopLimit(limit);
    kinds.push_back(frame.inhoud_case());
  }
  EXPECT_EQ(kinds,
            (std::vector<v1::BatchFrame::InhoudCase>{
                v1::BatchFrame::kKop, v1::BatchFrame::kRecord, v1::BatchFrame::kRecord,
                v1::BatchFrame::kRecord, v1::BatchFrame::kSluiting}));
}

TEST(BatchTest, TruncationAtEveryByteIsReported) {
  const std::string bytes = Write(Records(4));
  for (size_t n = 0; n < bytes.size(); ++n) {
    const absl::Status status = ReadAll(bytes.substr(0, n));
    ASSERT_FALSE(status.ok()) << "cut at " << n << " read as whole";
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << n;
  }
}

TEST(BatchTest, TruncatedCompressedFileIsReported) {
  const std::string bytes = Write(Records(50), {.compression = Compression::kZstd});
  for (size_t n : {bytes.size() / 3, bytes.size() - 1}) {
    EXPECT_EQ(ReadAll(bytes.substr(0, n)).code(), absl::StatusCode::kDataLoss) << n;
  }
}

TEST(BatchTest, DamageIsClassifiedForPrograms) {
  const std::string bytes = Write(Records(3));
  EXPECT_EQ(BatchDamageOf(ReadAll(bytes.substr(0, bytes.size() - 5))),
            BatchDamage::kTruncated);
  EXPECT_EQ(BatchDamageOf(ReadAll(bytes + "x")), BatchDamage::kDataAfterTrailer);
  EXPECT_EQ(BatchDamageOf(ReadAll("{}")), BatchDamage::kNotABatch);
  std::string flipped = bytes;
  flipped.back() ^= 1;
  EXPECT_EQ(BatchDamageOf(ReadAll(flipped)), BatchDamage::kChecksumMismatch);
  const std::string zstd = Write(Records(30), {.compression = Compression::kZstd});
  EXPECT_EQ(BatchDamageOf(ReadAll(zstd.substr(0, zstd.size() / 2))),
            BatchDamage::kTruncated);
  EXPECT_EQ(BatchDamageOf(absl::DataLossError("other")), BatchDamage::kNone);
  EXPECT_EQ(BatchDamageName(BatchDamage::kCountMismatch), "count-mismatch");
}

TEST(BatchTest, MissingTrailerSaysIncomplete) {
  std::string bytes = Frame([] {
    v1::BatchFrame f;
    *f.mutable_kop() = Header();
    return f;
  }());
  for (const auto& r : Records(2)) {
    v1::BatchFrame f;
    *f.mutable_record() = r;
    bytes += Frame(f);
  }
  const absl::Status status = ReadAll(bytes);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("after 2 record(s) without a trailer"));
  EXPECT_EQ(BatchDamageOf(status), BatchDamage::kNoTrailer);
}

TEST(BatchTest, FlippedByteIsCaught) {
  const std::string bytes = Write(Records(20));
  auto reader = *BatchReader::FromBytes(bytes);
  v1::BatchRecord record;
  RecordPosition first, second;
  ASSERT_TRUE(*reader->Next(&record, &first));
  ASSERT_TRUE(*reader->Next(&record, &second));
  // Every byte of the first record's frame, flipped one at a time.
  int caught = 0, tried = 0;
  for (uint64_t at = first.offset; at < second.offset; ++at, ++tried) {
    std::string damaged = bytes;
    damaged[at] ^= 0x20;
    caught += !ReadAll(damaged).ok();
  }
  EXPECT_EQ(caught, tried);
}

TEST(BatchTest, WrongCountIsReported) {
  std::string bytes;
  {
    v1::BatchFrame kop;
    *kop.mutable_kop() = Header();
    bytes = Frame(kop);
  }
  const std::string with_records = Write(Records(3));
  // The same records with a trailer that counts 4.
  auto reader = *BatchReader::FromBytes(with_records);
  v1::BatchRecord record;
  RecordPosition position;
  while (*reader->Next(&record, &position)) {
    v1::BatchFrame f;
    *f.mutable_record() = record;
    bytes += Frame(f);
  }
  v1::BatchFrame trailer;
  *trailer.mutable_sluiting() = reader->trailer();
  trailer.mutable_sluiting()->set_aantal_records(4);
  const absl::Status status = ReadAll(bytes + Frame(trailer));
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("counts 4 record(s), the file holds 3"));
  EXPECT_EQ(BatchDamageOf(status), BatchDamage::kCountMismatch);
}

TEST(BatchTest, WrongChecksumIsReported) {
  std::string bytes = Write(Records(3));
  // The checksum is the trailer's last 32 bytes.
  bytes[bytes.size() - 1] ^= 0x01;
  const absl::Status status = ReadAll(bytes);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()), HasSubstr("checksum mismatch"));
}

// A hand-made batch: header, three records, a trailer with `algorithm` and
// the digest that format asks for.
std::string HandMade(v1::ChecksumAlgoritme algorithm,
                     const v1::BatchKop& header = Header()) {
  v1::BatchFrame kop;
  *kop.mutable_kop() = header;
  std::string body;
  for (const v1::BatchRecord& r : Records(3)) {
    v1::BatchFrame f;
    *f.mutable_record() = r;
    body += Frame(f);
  }
  v1::BatchFrame trailer;
  trailer.mutable_sluiting()->set_aantal_records(3);
  if (algorithm != v1::CHECKSUM_ALGORITME_ONGESPECIFICEERD) {
    trailer.mutable_sluiting()->set_algoritme(algorithm);
  }
  trailer.mutable_sluiting()->set_controlesom(
      algorithm == v1::CHECKSUM_ALGORITME_SHA256_KOP_EN_RECORDS
          ? Sha256Of(Sha256Of(Frame(kop)) + Sha256Of(body))
          : Sha256Of(body));
  return Frame(kop) + body + Frame(trailer);
}

TEST(BatchTest, TheChecksumCoversTheHeader) {
  const std::string bytes = Write(Records(3));
  EXPECT_EQ(bytes, HandMade(v1::CHECKSUM_ALGORITME_SHA256_KOP_EN_RECORDS));
  auto reader = *BatchReader::FromBytes(bytes);
  v1::BatchRecord record;
  RecordPosition position;
  while (*reader->Next(&record, &position)) {
  }
  EXPECT_TRUE(reader->header_covered());
  // A flipped bit in the sender's OIN, which the header still parses with.
  std::string damaged = bytes;
  const size_t oin = damaged.find(Header().afzender_oin());
  ASSERT_NE(oin, std::string::npos);
  damaged[oin + 5] ^= 0x01;
  const absl::Status status = ReadAll(damaged);
  EXPECT_EQ(BatchDamageOf(status), BatchDamage::kChecksumMismatch);
  EXPECT_THAT(std::string(status.message()), HasSubstr("the header or the records"));
}

TEST(BatchTest, FormatOneStillReadsAndSaysItsHeaderIsNotCovered) {
  auto reader = *BatchReader::FromBytes(HandMade(v1::CHECKSUM_ALGORITME_SHA256));
  v1::BatchRecord record;
  RecordPosition position;
  int records = 0;
  absl::StatusOr<bool> more;
  while ((more = reader->Next(&record, &position)).ok() && *more) ++records;
  ASSERT_TRUE(more.ok()) << more.status();
  EXPECT_EQ(records, 3);
  EXPECT_FALSE(reader->header_covered());
}

TEST(BatchTest, EveryTrailerFaultHasItsOwnDamage) {
  const absl::Status none = ReadAll(HandMade(v1::CHECKSUM_ALGORITME_ONGESPECIFICEERD));
  EXPECT_EQ(BatchDamageOf(none), BatchDamage::kNoChecksumAlgorithm);
  EXPECT_THAT(std::string(none.message()), HasSubstr("names no checksum algorithm"));
  const absl::Status unknown = ReadAll(HandMade(static_cast<v1::ChecksumAlgoritme>(7)));
  EXPECT_EQ(BatchDamageOf(unknown), BatchDamage::kUnknownChecksumAlgorithm);
  EXPECT_THAT(std::string(unknown.message()), HasSubstr("checksum algorithm 7"));
  EXPECT_EQ(BatchDamageName(BatchDamage::kUnknownChecksumAlgorithm),
            "unknown-checksum-algorithm");
}

TEST(BatchTest, OverlongLengthPrefixIsReportedNotAllocated) {
  std::string bytes = Write(Records(2));
  auto reader = *BatchReader::FromBytes(bytes);
  v1::BatchRecord record;
  RecordPosition position;
  ASSERT_TRUE(*reader->Next(&record, &position));
  // A length prefix of 2^35 where the first record starts.
  std::string damaged =
      bytes.substr(0, position.offset) + std::string("\x80\x80\x80\x80\x80\x01", 6);
  const absl::Status status = ReadAll(damaged);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr(absl::StrCat("the frame at offset ", position.offset,
                                     " claims 34359738368 bytes")));
  // A configurable maximum: a small one refuses ordinary records.
  EXPECT_EQ(ReadAll(bytes, nullptr, nullptr, {.max_record_bytes = 64}).code(),
            absl::StatusCode::kDataLoss);
}

TEST(BatchTest, UnreadableRecordIsReportedAndTheRestIsRead) {
  v1::BatchFrame kop;
  *kop.mutable_kop() = Header();
  const auto records = Records(3);
  std::string body;
  for (int i = 0; i < 3; ++i) {
    if (i == 1) {
      body += std::string("\x05\xff\xff\xff\xff\xff", 6);  // five bytes that are no frame
      continue;
    }
    v1::BatchFrame f;
    *f.mutable_record() = records[i];
    body += Frame(f);
  }
  v1::BatchFrame trailer;
  trailer.mutable_sluiting()->set_aantal_records(3);
  trailer.mutable_sluiting()->set_algoritme(v1::CHECKSUM_ALGORITME_SHA256);
  trailer.mutable_sluiting()->set_controlesom(Sha256Of(body));
  std::vector<v1::BatchRecord> read;
  std::vector<RecordPosition> positions;
  ASSERT_TRUE(ReadAll(Frame(kop) + body + Frame(trailer), &read, &positions).ok());
  ASSERT_EQ(positions.size(), 3u);
  EXPECT_TRUE(positions[0].parse_error.empty());
  EXPECT_THAT(positions[1].parse_error, HasSubstr("not a valid protobuf BatchFrame"));
  EXPECT_TRUE(positions[2].parse_error.empty());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read[2], records[2]));
}

TEST(BatchTest, DataAfterTheTrailerIsReported) {
  const absl::Status status = ReadAll(Write(Records(1)) + "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()), HasSubstr("data after the trailer"));
}

TEST(BatchTest, NotABatch) {
  EXPECT_EQ(ReadAll("").code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ReadAll("{\"idWerkzoekende\": \"a\"}").code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(BatchReader::Open("/nonexistent/x.vumb").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(BatchTest, WriterRefusesAnOversizedRecordAndWritingAfterFinish) {
  std::string out;
  auto writer = *BatchWriter::CreateInMemory(&out, Header(), {.max_record_bytes = 300});
  v1::BatchRecord big;
  big.mutable_werkzoekende()->set_persoonlijke_presentatie(std::string(500, 'x'));
  EXPECT_EQ(writer->Write(big).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(writer->Write(v1::BatchRecord()).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(ReadAll(out).ok());
}

class BatchFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("vum-batch-test-", getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(BatchFileTest, AFileAppearsOnlyWhenFinished) {
  const std::string path = (dir_ / "a.vumb").string();
  {
    auto writer = *BatchWriter::Create(path, Header());
    ASSERT_TRUE(writer->Write(Records(1)[0]).ok());
    EXPECT_FALSE(std::filesystem::exists(path));
    // Abandoned without Finish, as after an error or a crash of the caller.
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir_)) << "the temporary file was left behind";

  auto writer = *BatchWriter::Create(path, Header(), {.compression = Compression::kZstd});
  for (const auto& r : Records(10)) ASSERT_TRUE(writer->Write(r).ok());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_TRUE(std::filesystem::exists(path));
  auto reader = *BatchReader::Open(path);
  EXPECT_TRUE(reader->compressed());
  v1::BatchRecord record;
  RecordPosition position;
  int n = 0;
  while (*reader->Next(&record, &position)) ++n;
  EXPECT_EQ(n, 10);
}

}  // namespace
}  // namespace vum
