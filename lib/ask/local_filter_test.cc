#include "lib/ask/local_filter.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/shipped_pc4.h"

namespace vum::ask {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1790000000);

class LocalFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    compiler_ = *QuestionCompiler::Create(&vum::testing::ShippedPc4());
  }
  static v1::Selectievraag Question(const std::string& criteria) {
    return *ReadSelectionQuestion(absl::StrCat(
        R"({"soort":"werkzoekenden","selectiegebied":{"postcode":"3511AA","afstand":20})",
        criteria, "}"));
  }
  // An answer with one result per number of hours, ignoring criterion 0.
  static v1::Selectieresultaat Answer(std::vector<int> hours, v1::RedenGenegeerd reason) {
    v1::Selectieresultaat r;
    for (size_t i = 0; i < hours.size(); ++i) {
      v1::Selectieresultaatregel* row = r.add_resultaat();
      row->set_vum_id(std::string(63, 'a') + static_cast<char>('0' + i));
      row->mutable_werkzoekende()->mutable_mobiliteit()->set_bemiddelingspostcode("3512");
      row->mutable_werkzoekende()
          ->mutable_werktijden()
          ->set_aantal_werkuren_per_week_minimaal(hours[i]);
    }
    v1::GenegeerdCriterium* g = r.add_genegeerd_criterium();
    g->set_index(0);
    g->set_reden(reason);
    return r;
  }
  LocalFilter Apply(const v1::Selectievraag& q, v1::Selectieresultaat* r) {
    return ApplyIgnoredCriteria(q, true, kNow, *compiler_, vum::testing::ShippedPc4(), r);
  }

  std::unique_ptr<QuestionCompiler> compiler_;
};

TEST_F(LocalFilterTest, ACriterionTheNodeIgnoredIsAppliedToItsResults) {
  const v1::Selectievraag q =
      Question(R"(,"werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":24})");
  v1::Selectieresultaat r = Answer({16, 32, 24, 40}, v1::REDEN_GENEGEERD_ONBEKEND_PAD);
  const LocalFilter f = Apply(q, &r);
  EXPECT_THAT(f.applied, ::testing::ElementsAre(0));
  EXPECT_TRUE(f.not_applied.empty());
  EXPECT_EQ(f.removed, 2);
  ASSERT_EQ(r.resultaat_size(), 2);
  for (const auto& row : r.resultaat()) {
    EXPECT_LE(row.werkzoekende().werktijden().aantal_werkuren_per_week_minimaal(), 24);
  }
}

TEST_F(LocalFilterTest, ACriterionNeitherCanApplyDropsTheNodesResults) {
  const v1::Selectievraag q = Question(R"(,"onbekend.gegeven":{"$eq":"x"})");
  v1::Selectieresultaat r = Answer({16, 32}, v1::REDEN_GENEGEERD_ONBEKEND_PAD);
  const LocalFilter f = Apply(q, &r);
  EXPECT_THAT(f.not_applied, ::testing::ElementsAre(0));
  EXPECT_EQ(f.removed, 2);
  EXPECT_EQ(r.resultaat_size(), 0);
}

TEST_F(LocalFilterTest, AnEmptyCriterionCountsAsAbsent) {
  const v1::Selectievraag q =
      Question(R"(,"werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":24})");
  v1::Selectieresultaat r = Answer({16, 32}, v1::REDEN_GENEGEERD_LEGE_WAARDE);
  const LocalFilter f = Apply(q, &r);
  EXPECT_TRUE(f.applied.empty());
  EXPECT_EQ(r.resultaat_size(), 2);
}

}  // namespace
}  // namespace vum::ask
