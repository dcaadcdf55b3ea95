// For every rule of the schema: a record that conforms and records that break
// that rule, built from the rule's declaration. The conforming record must
// have no violation at all; each breaking record must have a violation with
// the rule's id at the expected path. A new rule is covered without writing a
// test, and a rule kind the harness cannot break fails here.

#include "lib/validate/rule_cases.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "lib/validate/test_records.h"
#include "vum/rules.h"
#include "vum/schema.h"
#include "vum/validator.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

using testing::AllRuleSites;
using testing::Case;
using testing::RuleCaseBuilder;
using testing::RuleSite;

class RuleCasesTest : public ::testing::TestWithParam<RuleSite> {
 protected:
  static void SetUpTestSuite() {
    lists_ = new CodeListRegistry(testing::FixtureCodeLists());
    // At vum's strict level every rule is judged at its catalogue severity;
    // at the default level vum's own rules warn.
    validator_ = Validator::Create({.reference_date = testing::kTestDay,
                                    .code_lists = lists_,
                                    .vum_strict = true})
                     ->release();
    default_validator_ =
        Validator::Create({.reference_date = testing::kTestDay, .code_lists = lists_})
            ->release();
  }

  static std::string Describe(const ValidationResult& result) {
    std::string out;
    for (const Violation& v : result.violations()) {
      absl::StrAppend(&out, "\n  ", v.rule_id, " at \"", v.path.ToString(), "\"");
    }
    return out;
  }

  std::vector<Case> Conforming() const {
    return RuleCaseBuilder(*lists_).Conforming(GetParam());
  }
  std::vector<Case> Breaking() const {
    return RuleCaseBuilder(*lists_).Breaking(GetParam());
  }

  static CodeListRegistry* lists_;
  static Validator* validator_;
  static Validator* default_validator_;
};

CodeListRegistry* RuleCasesTest::lists_ = nullptr;
Validator* RuleCasesTest::validator_ = nullptr;
Validator* RuleCasesTest::default_validator_ = nullptr;

TEST_P(RuleCasesTest, ConformingRecordHasNoViolation) {
  for (const Case& c : Conforming()) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<ValidationResult> result = validator_->Validate(*c.record);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_TRUE(result->violations().empty()) << Describe(*result);
    EXPECT_TRUE(result->unchecked_rule_ids().empty());
  }
}

TEST_P(RuleCasesTest, BreakingRecordViolatesTheRuleAtItsPath) {
  const std::string& id = GetParam().rule->id();
  const std::vector<Case> cases = Breaking();
  ASSERT_FALSE(cases.empty());
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<ValidationResult> result = validator_->Validate(*c.record);
    ASSERT_TRUE(result.ok()) << result.status();
    const Violation* found = nullptr;
    for (const Violation& v : result->violations()) {
      if (v.rule_id == id && v.path.ToString() == c.path) found = &v;
    }
    ASSERT_NE(found, nullptr) << id << " not reported at \"" << c.path
                              << "\"; got:" << Describe(*result);
    EXPECT_EQ(found->message, FindRule(id)->message_nl);
    EXPECT_EQ(found->severity, FindRule(id)->severity);
    // Below the strict level a vum rule's error is a warning; the standard's
    // rules keep their severity.
    const RuleDescription& rule = *FindRule(id);
    const Severity want =
        rule.level == RuleLevel::kVum && rule.severity == Severity::kError
            ? Severity::kWarning
            : rule.severity;
    absl::StatusOr<ValidationResult> by_default = default_validator_->Validate(*c.record);
    ASSERT_TRUE(by_default.ok());
    bool seen = false;
    for (const Violation& v : by_default->violations()) {
      if (v.rule_id == id && v.path.ToString() == c.path) {
        seen = true;
        EXPECT_EQ(v.severity, want);
      }
    }
    EXPECT_TRUE(seen);
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryRule, RuleCasesTest, ::testing::ValuesIn(AllRuleSites()),
    [](const ::testing::TestParamInfo<RuleSite>& info) {
      return absl::StrReplaceAll(info.param.rule->id(), {{"-", "_"}});
    });

TEST(RuleCatalogueTest, EveryRuleHasMessagesInBothLanguages) {
  // Every rule the schema declares, and the one rule of reading VUM JSON.
  ASSERT_EQ(RuleCatalogue().size(), AllRuleSites().size() + 1);
  ASSERT_NE(FindRule(kEmptyValueRuleId), nullptr);
  for (const RuleDescription& rule : RuleCatalogue()) {
    EXPECT_FALSE(rule.id.empty());
    EXPECT_FALSE(rule.message_nl.empty()) << rule.id;
    EXPECT_FALSE(rule.message_en.empty()) << rule.id;
    EXPECT_NE(rule.kind, "none") << rule.id;
    EXPECT_EQ(FindRule(rule.id), &rule) << "two rules share id " << rule.id;
  }
}

}  // namespace
}  // namespace vum
