#include "vum/anonymity.h"

#include "gtest/gtest.h"
#include "vum/generator.h"
#include "vum/view.h"

namespace vum {
namespace {

KAnonymityReport CheckGenerated(int n, PostcodeLevel level, int k,
                                KAnonymityChecker* out = nullptr) {
  auto checker = *KAnonymityChecker::Create(v1::Werkzoekende::descriptor(), {.k = k});
  RecordGenerator generator({.seed = 8});
  v1::Werkzoekende profile;
  for (int i = 0; i < n; ++i) {
    generator.NextProfile(&profile);
    auto view = *MatchingProfileOf(
        profile, {.publication_consent_id = "c", .generalisation = {.postcode = level}});
    checker.Add(view.profiel());
  }
  const KAnonymityReport report = checker.Report();
  if (out != nullptr) *out = std::move(checker);
  return report;
}

TEST(KAnonymityTest, ReportsRareProfilesOnAGeneratedBatch) {
  KAnonymityChecker checker =
      *KAnonymityChecker::Create(v1::Werkzoekende::descriptor(), {});
  const KAnonymityReport four =
      CheckGenerated(20000, PostcodeLevel::kFourDigits, 5, &checker);
  EXPECT_EQ(four.columns, std::vector<std::string>{"mobiliteit.bemiddelingspostcode"});
  EXPECT_EQ(four.profiles, 20000u);
  // 9,000 four-digit postcodes for 20,000 people: most groups are small.
  EXPECT_GT(four.too_rare, 10000u);
  EXPECT_EQ(four.smallest_group, 1u);
  uint64_t rare = 0;
  for (uint64_t i = 0; i < four.profiles; ++i) rare += checker.TooRare(i);
  EXPECT_EQ(rare, four.too_rare);

  // Generalised to the two-digit region, every group is large enough.
  const KAnonymityReport region = CheckGenerated(20000, PostcodeLevel::kRegion, 5);
  EXPECT_EQ(region.too_rare, 0u);
  EXPECT_LE(region.groups, 90u);
  EXPECT_GE(region.smallest_group, 5u);
}

TEST(KAnonymityTest, ChosenColumnsAndBadOptions) {
  auto checker = *KAnonymityChecker::Create(
      v1::Werkzoekende::descriptor(),
      {.k = 2,
       .columns = {"mobiliteit.bemiddelingspostcode", "indicatieLdrRegistratie"}});
  v1::Werkzoekende a, b, c;
  a.mutable_mobiliteit()->set_bemiddelingspostcode("1011");
  b = a;
  c = a;
  c.set_indicatie_ldr_registratie(v1::JA_NEE_JA);
  checker.Add(a);
  checker.Add(b);
  checker.Add(c);
  EXPECT_FALSE(checker.TooRare(0));
  EXPECT_TRUE(checker.TooRare(2));
  EXPECT_EQ(checker.Report().groups, 2u);
  EXPECT_FALSE(KAnonymityChecker::Create(v1::Werkzoekende::descriptor(), {.k = 0}).ok());
  EXPECT_FALSE(
      KAnonymityChecker::Create(v1::Werkzoekende::descriptor(),
                                {.columns = {"arbeidsmarktkwalificatie.opleiding"}})
          .ok());
}

}  // namespace
}  // namespace vum
