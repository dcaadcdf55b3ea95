#include "vum/generator.h"

#include "gtest/gtest.h"
#include "lib/validate/test_records.h"
#include "vum/validator.h"

namespace vum {
namespace {

class GeneratorTest : public ::testing::Test {
 protected:
  GeneratorTest()
      : lists_(testing::FixtureCodeLists()),
        validator_(*Validator::Create(
            {.reference_date = testing::kTestDay, .code_lists = &lists_})) {}
  CodeListRegistry lists_;
  std::unique_ptr<Validator> validator_;
};

TEST_F(GeneratorTest, GeneratedRecordsConform) {
  RecordGenerator generator({.seed = 7});
  v1::Werkzoekende profile;
  v1::Vacature vacancy;
  for (int i = 0; i < 2000; ++i) {
    EXPECT_FALSE(generator.NextProfile(&profile));
    const ValidationResult p = *validator_->Validate(profile);
    ASSERT_TRUE(p.violations().empty() && p.unchecked_rule_ids().empty())
        << i << ": " << p.violations()[0].rule_id << " "
        << p.violations()[0].path.ToString();
    EXPECT_FALSE(generator.NextVacancy(&vacancy));
    const ValidationResult v = *validator_->Validate(vacancy);
    ASSERT_TRUE(v.violations().empty() && v.unchecked_rule_ids().empty())
        << i << ": " << v.violations()[0].rule_id << " "
        << v.violations()[0].path.ToString();
  }
}

TEST_F(GeneratorTest, RecordsMadeInvalidBreakARule) {
  RecordGenerator generator({.seed = 7, .invalid_fraction = 1.0});
  v1::Werkzoekende profile;
  v1::Vacature vacancy;
  for (int i = 0; i < 500; ++i) {
    EXPECT_TRUE(generator.NextProfile(&profile));
    EXPECT_FALSE(validator_->Validate(profile)->conforms()) << i;
    EXPECT_TRUE(generator.NextVacancy(&vacancy));
    EXPECT_FALSE(validator_->Validate(vacancy)->conforms()) << i;
  }
}

TEST_F(GeneratorTest, SomeInvalidAtTheRequestedShare) {
  RecordGenerator generator({.seed = 3, .invalid_fraction = 0.1});
  v1::Werkzoekende profile;
  int invalid = 0;
  for (int i = 0; i < 10000; ++i) {
    const bool broken = generator.NextProfile(&profile);
    EXPECT_EQ(broken, !validator_->Validate(profile)->conforms());
    invalid += broken;
  }
  EXPECT_GT(invalid, 800);
  EXPECT_LT(invalid, 1200);
}

TEST(GeneratorDeterminismTest, SameSeedSameRecordsOtherSeedOthers) {
  RecordGenerator a({.seed = 11}), b({.seed = 11}), c({.seed = 12});
  v1::Werkzoekende pa, pb, pc;
  int differ = 0;
  for (int i = 0; i < 100; ++i) {
    a.NextProfile(&pa);
    b.NextProfile(&pb);
    c.NextProfile(&pc);
    EXPECT_EQ(pa.SerializeAsString(), pb.SerializeAsString());
    differ +=
        pa.mobiliteit().bemiddelingspostcode() != pc.mobiliteit().bemiddelingspostcode();
  }
  EXPECT_GT(differ, 90);
}

}  // namespace
}  // namespace vum

TEST(IncompleteGeneratorTest, LeavesOutOptionalElements) {
  vum::RecordGenerator complete({.seed = 5});
  vum::RecordGenerator none({.seed = 5, .incomplete_fraction = 1.0});
  vum::RecordGenerator some({.seed = 5, .incomplete_fraction = 0.4});
  vum::v1::Werkzoekende p;
  int with_education = 0;
  for (int i = 0; i < 1000; ++i) {
    complete.NextProfile(&p);
    EXPECT_EQ(p.arbeidsmarktkwalificatie().opleiding_size(), 1);
    none.NextProfile(&p);
    EXPECT_EQ(p.arbeidsmarktkwalificatie().opleiding_size(), 0);
    EXPECT_EQ(p.arbeidsmarktkwalificatie().taalbeheersing_size(), 0);
    EXPECT_FALSE(p.has_werktijden());
    some.NextProfile(&p);
    with_education += p.arbeidsmarktkwalificatie().opleiding_size();
  }
  EXPECT_NEAR(with_education, 600, 60);
}
