#include "vum/delta.h"

#include <unistd.h>

#include <filesystem>
#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/validate/formats.h"
#include "vum/generator.h"
#include "vum/ids.h"

namespace vum {
namespace {

using ::testing::HasSubstr;

class DeltaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat("vum-delta-", getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) { return (dir_ / name).string(); }

  static v1::BatchKop Header(v1::SoortBatch kind, uint64_t sequence = 0) {
    v1::BatchKop header;
    header.set_batch_id(kind == v1::SOORT_BATCH_VOLLEDIG ? kFull : NewUuid());
    header.set_afzender_oin("00000001003214345000");
    header.set_ontvanger_oin("00000001823288444000");
    header.set_aangemaakt_op("2026-06-01T08:00:00Z");
    header.set_standaardversie("1.0.0");
    header.set_soort(kind);
    header.set_inhoud(v1::SOORT_INHOUD_WERKZOEKENDEN);
    if (kind == v1::SOORT_BATCH_DELTA) {
      header.set_volgnummer(sequence);
      header.set_basis_batch_id(kFull);
    }
    return header;
  }

  void WriteBatch(const std::string& path, const v1::BatchKop& header,
                  const std::vector<v1::BatchRecord>& records) {
    auto writer = *BatchWriter::Create(path, header);
    for (const auto& r : records) ASSERT_TRUE(writer->Write(r).ok());
    ASSERT_TRUE(writer->Finish().ok());
  }

  // id -> postcode of every profile in a batch.
  static std::map<std::string, std::string> Contents(const std::string& path) {
    auto reader = *BatchReader::Open(path);
    std::map<std::string, std::string> out;
    v1::BatchRecord record;
    RecordPosition position;
    while (*reader->Next(&record, &position)) {
      out[record.werkzoekende().id_werkzoekende()] =
          record.werkzoekende().mobiliteit().bemiddelingspostcode();
    }
    return out;
  }

  static v1::BatchRecord Profile(const std::string& id, const std::string& postcode) {
    v1::BatchRecord r;
    r.mutable_werkzoekende()->set_id_werkzoekende(id);
    r.mutable_werkzoekende()->mutable_mobiliteit()->set_bemiddelingspostcode(postcode);
    return r;
  }

  static v1::BatchRecord Withdrawal(const std::string& id) {
    v1::BatchRecord r;
    r.mutable_intrekking()->set_id_record(id);
    r.mutable_intrekking()->set_reden(v1::REDEN_INTREKKING_WERK_GEVONDEN);
    return r;
  }

  static constexpr char kFull[] = "11111111-1111-4111-8111-111111111111";
  std::filesystem::path dir_;
};

TEST_F(DeltaTest, UpsertsReplaceAndAddWithdrawalsRemove) {
  WriteBatch(Path("full"), Header(v1::SOORT_BATCH_VOLLEDIG),
             {Profile("a", "1011AA"), Profile("b", "1011BB"), Profile("c", "1011CC")});
  WriteBatch(Path("d1"), Header(v1::SOORT_BATCH_DELTA, 1),
             {Profile("b", "2022BB"), Withdrawal("c"), Profile("d", "1011DD"),
              Withdrawal("zz")});
  absl::StatusOr<DeltaResult> result =
      ApplyDelta(Path("full"), Path("d1"), Path("full1"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->kept, 1u);
  EXPECT_EQ(result->replaced, 1u);
  EXPECT_EQ(result->withdrawn, 1u);
  EXPECT_EQ(result->added, 1u);
  EXPECT_EQ(result->unknown_withdrawals, 1u);
  EXPECT_EQ(Contents(Path("full1")),
            (std::map<std::string, std::string>{
                {"a", "1011AA"}, {"b", "2022BB"}, {"d", "1011DD"}}));
  EXPECT_EQ(result->header.volgnummer(), 1u);
  EXPECT_EQ(result->header.basis_batch_id(), kFull);
  EXPECT_EQ(result->header.soort(), v1::SOORT_BATCH_VOLLEDIG);
  EXPECT_TRUE(validate_internal::IsUuid(result->header.batch_id()));
  EXPECT_NE(result->header.batch_id(), kFull);

  // The next delta follows on the result.
  WriteBatch(Path("d2"), Header(v1::SOORT_BATCH_DELTA, 2), {Withdrawal("a")});
  ASSERT_TRUE(ApplyDelta(Path("full1"), Path("d2"), Path("full2")).ok());
  EXPECT_EQ(Contents(Path("full2")).size(), 2u);
}

TEST_F(DeltaTest, GapReplayAndForeignBaseAreRefusedWithoutOutput) {
  WriteBatch(Path("full"), Header(v1::SOORT_BATCH_VOLLEDIG), {Profile("a", "1011AA")});
  WriteBatch(Path("d1"), Header(v1::SOORT_BATCH_DELTA, 1), {Profile("a", "2022AA")});
  WriteBatch(Path("d3"), Header(v1::SOORT_BATCH_DELTA, 3), {Profile("a", "3033AA")});
  ASSERT_TRUE(ApplyDelta(Path("full"), Path("d1"), Path("full1")).ok());

  const absl::Status gap =
      ApplyDelta(Path("full1"), Path("d3"), Path("out-gap")).status();
  EXPECT_EQ(gap.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(gap.message()),
              HasSubstr("sequence gap: expected delta 2, got delta 3"));
  EXPECT_EQ(DeltaRefusalOf(gap), DeltaRefusal::kGap);

  const absl::Status replay =
      ApplyDelta(Path("full1"), Path("d1"), Path("out-replay")).status();
  EXPECT_EQ(replay.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(replay.message()),
              HasSubstr("replayed delta: delta 1 was already applied"));
  EXPECT_EQ(DeltaRefusalOf(replay), DeltaRefusal::kReplay);

  v1::BatchKop foreign = Header(v1::SOORT_BATCH_DELTA, 2);
  foreign.set_basis_batch_id("22222222-2222-4222-8222-222222222222");
  WriteBatch(Path("dx"), foreign, {});
  const absl::Status other =
      ApplyDelta(Path("full1"), Path("dx"), Path("out-other")).status();
  EXPECT_THAT(std::string(other.message()), HasSubstr("builds on batch 2222"));
  EXPECT_EQ(DeltaRefusalOf(other), DeltaRefusal::kOtherBase);

  const absl::Status backwards =
      ApplyDelta(Path("d1"), Path("full"), Path("out-b")).status();
  EXPECT_EQ(backwards.code(), absl::StatusCode::kFailedPrecondition);

  for (const char* out : {"out-gap", "out-replay", "out-other", "out-b"}) {
    EXPECT_FALSE(std::filesystem::exists(Path(out))) << out;
  }
}

TEST_F(DeltaTest, DamagedDeltaIsRefusedAndLeavesNoOutput) {
  WriteBatch(Path("full"), Header(v1::SOORT_BATCH_VOLLEDIG), {Profile("a", "1011AA")});
  WriteBatch(Path("d1"), Header(v1::SOORT_BATCH_DELTA, 1), {Profile("a", "2022AA")});
  std::filesystem::resize_file(Path("d1"), std::filesystem::file_size(Path("d1")) - 3);
  const absl::Status status = ApplyDelta(Path("full"), Path("d1"), Path("out")).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_FALSE(std::filesystem::exists(Path("out")));
  // Nothing half-written either.
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST(UuidTest, RandomVersionFour) {
  const std::string a = NewUuid(), b = NewUuid();
  EXPECT_TRUE(validate_internal::IsUuid(a)) << a;
  EXPECT_NE(a, b);
  EXPECT_EQ(a[14], '4');
  EXPECT_TRUE(std::string("89ab").find(a[19]) != std::string::npos);
  EXPECT_TRUE(validate_internal::IsDateTime(NowRfc3339()));
}

}  // namespace
}  // namespace vum
