#include "vum/batch_validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/validate/test_records.h"
#include "vum/generator.h"

namespace vum {
namespace {

using ::testing::HasSubstr;

using testing::TestBatchHeader;

class BatchValidationTest : public ::testing::Test {
 protected:
  BatchValidationTest()
      : lists_(testing::FixtureCodeLists()),
        validator_(*Validator::Create(
            {.reference_date = testing::kTestDay, .code_lists = &lists_})) {}

  BatchReport Validate(const std::string& bytes, std::vector<RecordVerdict>* verdicts) {
    auto reader = *BatchReader::FromBytes(bytes);
    return *ValidateBatch(*reader, *validator_,
                          [&](const RecordVerdict& v) { verdicts->push_back(v); });
  }

  CodeListRegistry lists_;
  std::unique_ptr<Validator> validator_;
};

TEST_F(BatchValidationTest, EveryRecordGetsAVerdictAndTheCountsReconcile) {
  RecordGenerator generator({.seed = 9, .invalid_fraction = 0.2});
  std::string bytes;
  auto writer = *BatchWriter::CreateInMemory(&bytes, TestBatchHeader());
  std::vector<bool> broken;
  for (int i = 0; i < 1000; ++i) {
    v1::BatchRecord record;
    broken.push_back(generator.NextProfile(record.mutable_werkzoekende()));
    ASSERT_TRUE(writer->Write(record).ok());
  }
  v1::BatchRecord withdrawal;
  withdrawal.mutable_intrekking()->set_id_record("synth-wz-9-3");
  withdrawal.mutable_intrekking()->set_reden(
      v1::REDEN_INTREKKING_TOESTEMMING_INGETROKKEN);
  ASSERT_TRUE(writer->Write(withdrawal).ok());
  broken.push_back(false);
  v1::BatchRecord vacancy;
  generator.NextVacancy(vacancy.mutable_vacature());
  ASSERT_TRUE(writer->Write(vacancy).ok());  // the wrong kind for this batch
  broken.push_back(true);
  ASSERT_TRUE(writer->Finish().ok());

  std::vector<RecordVerdict> verdicts;
  const BatchReport report = Validate(bytes, &verdicts);
  EXPECT_TRUE(report.file_status.ok());
  EXPECT_TRUE(report.header_result.conforms());
  EXPECT_EQ(report.read, 1002u);
  EXPECT_TRUE(report.reconciles());
  ASSERT_EQ(verdicts.size(), 1002u);
  uint64_t rejected = 0;
  for (size_t i = 0; i < verdicts.size(); ++i) {
    EXPECT_EQ(verdicts[i].position.index, i);
    EXPECT_EQ(verdicts[i].accepted, !broken[i]) << i;
    rejected += !verdicts[i].accepted;
  }
  EXPECT_EQ(report.rejected, rejected);
  EXPECT_GT(rejected, 150u);
  EXPECT_EQ(verdicts[1000].kind, "intrekking");
  EXPECT_THAT(verdicts[1001].problem,
              HasSubstr("a vacature in a batch of SOORT_INHOUD_WERKZOEKENDEN"));
  EXPECT_FALSE(report.all_accepted());
}

TEST_F(BatchValidationTest, DamagedFileKeepsTheVerdictsSoFar) {
  RecordGenerator generator({.seed = 9});
  std::string bytes;
  auto writer = *BatchWriter::CreateInMemory(&bytes, TestBatchHeader());
  for (int i = 0; i < 10; ++i) {
    v1::BatchRecord record;
    generator.NextProfile(record.mutable_werkzoekende());
    ASSERT_TRUE(writer->Write(record).ok());
  }
  ASSERT_TRUE(writer->Finish().ok());
  std::vector<RecordVerdict> verdicts;
  const BatchReport report = Validate(bytes.substr(0, bytes.size() * 2 / 3), &verdicts);
  EXPECT_EQ(report.file_status.code(), absl::StatusCode::kDataLoss);
  EXPECT_GT(report.read, 0u);
  EXPECT_EQ(verdicts.size(), report.read);
  EXPECT_TRUE(report.reconciles());
  EXPECT_FALSE(report.all_accepted());
}

TEST_F(BatchValidationTest, HeaderIsValidatedToo) {
  v1::BatchKop header = TestBatchHeader();
  header.set_afzender_oin("123");
  std::string bytes;
  auto writer = *BatchWriter::CreateInMemory(&bytes, header);
  ASSERT_TRUE(writer->Finish().ok());
  std::vector<RecordVerdict> verdicts;
  const BatchReport report = Validate(bytes, &verdicts);
  ASSERT_EQ(report.header_result.violations().size(), 1u);
  EXPECT_EQ(report.header_result.violations()[0].rule_id, "BKP-05");
  EXPECT_FALSE(report.all_accepted());
}

}  // namespace
}  // namespace vum
