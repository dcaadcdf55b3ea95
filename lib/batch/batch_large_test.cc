// A batch beyond 2 GiB: protobuf's CodedInputStream stops at 2 GiB, so a
// reader that used one over the whole file would fail here. Writes and reads
// about 2.3 GB in the temporary folder and removes it afterwards.

#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "vum/batch.h"

namespace vum {
namespace {

TEST(BatchLargeTest, ReadsAndVerifiesAFileBeyondTwoGibibytes) {
  const auto path = std::filesystem::temp_directory_path() /
                    absl::StrCat("vum-large-", getpid(), ".vumb");
  constexpr int kRecords = 2300;
  v1::BatchKop header;
  header.set_batch_id("4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c");
  v1::BatchRecord record;
  record.mutable_werkzoekende()->set_persoonlijke_presentatie(std::string(1 << 20, 'x'));
  {
    auto writer = *BatchWriter::Create(path.string(), header);
    for (int i = 0; i < kRecords; ++i) {
      record.mutable_werkzoekende()->set_id_werkzoekende(absl::StrCat("synth-", i));
      ASSERT_TRUE(writer->Write(record).ok());
    }
    ASSERT_TRUE(writer->Finish().ok());
  }
  EXPECT_GT(std::filesystem::file_size(path), 2200ull << 20);
  auto reader = *BatchReader::Open(path.string());
  RecordPosition position;
  uint64_t last_offset = 0;
  int n = 0;
  while (true) {
    absl::StatusOr<bool> more = reader->Next(&record, &position);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    ASSERT_EQ(record.werkzoekende().id_werkzoekende(), absl::StrCat("synth-", n));
    last_offset = position.offset;
    ++n;
  }
  EXPECT_EQ(n, kRecords);
  EXPECT_GT(last_offset, 1ull << 31);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace vum
