// The validator walks the standard's messages with walkers generated from the
// schema (vum_codegen: values read from the generated classes, bounds and
// codes compiled in) and, for other messages, walks the compiled plan
// reading through the generated access tables (lib/access). With the tables
// disabled it walks every plan through reflection: the reference. Both must
// give the same verdict, violation for violation: on every rule's conforming
// and breaking records, the examples, thousands of generated records with
// broken ones among them, and views (matching profiles with and without
// consent, full profiles wrapped as views they break).

#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/dynamic_message.h"
#include "gtest/gtest.h"
#include "lib/access/field_access.h"
#include "lib/testing/files.h"
#include "lib/validate/plan.h"
#include "lib/validate/rule_cases.h"
#include "lib/validate/test_records.h"
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/v1/views.pb.h"
#include "vum/validator.h"
#include "vum/view.h"

namespace vum {
namespace {

using google::protobuf::Message;

// Everything a result says, as text.
std::string Describe(const ValidationResult& result) {
  std::string out =
      absl::StrCat("errors=", result.count(Severity::kError),
                   " warnings=", result.count(Severity::kWarning),
                   " infos=", result.count(Severity::kInfo),
                   " unchecked=", absl::StrJoin(result.unchecked_rule_ids(), ","), "\n");
  for (const Violation& v : result.violations()) {
    absl::StrAppend(&out, v.rule_id, " ", static_cast<int>(v.severity), " ",
                    v.path.ToString(), " related=");
    for (const FieldPath& p : v.related_paths) absl::StrAppend(&out, p.ToString(), ";");
    for (const RuleParam& p : v.params) absl::StrAppend(&out, " ", p.name, "=", p.value);
    absl::StrAppend(&out, " | ", v.message, "\n");
  }
  return out;
}

class AccessDifferentialTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (bool stop : {false, true}) {
      const ValidatorOptions options{.stop_at_first_error = stop,
                                     .reference_date = testing::kTestDay,
                                     .code_lists = &lists_};
      {
        access_internal::DisableGeneratedCodeForTesting disable;
        reference_.push_back(*Validator::Create(options));
      }
      tables_.push_back(*Validator::Create(options));
    }
    // Without code lists too: rules reported as unchecked.
    {
      access_internal::DisableGeneratedCodeForTesting disable;
      reference_.push_back(*Validator::Create({.reference_date = testing::kTestDay}));
    }
    tables_.push_back(*Validator::Create({.reference_date = testing::kTestDay}));
  }

  // Checks `record` with every pair of validators; returns the number of
  // violations the first pair found, so that a caller can see that its
  // corpus exercised rejection at all.
  int Compare(const Message& record, const std::string& what) {
    int violations = 0;
    for (size_t i = 0; i < reference_.size(); ++i) {
      absl::StatusOr<ValidationResult> expected = reference_[i]->Validate(record);
      absl::StatusOr<ValidationResult> got = tables_[i]->Validate(record);
      EXPECT_EQ(expected.status(), got.status()) << what;
      if (!expected.ok() || !got.ok()) continue;
      EXPECT_EQ(Describe(*expected), Describe(*got))
          << what << " (validator " << i << ")";
      if (i == 0) violations = static_cast<int>(expected->violations().size());
    }
    return violations;
  }

  CodeListRegistry lists_ = testing::FixtureCodeLists();
  std::vector<std::unique_ptr<Validator>> reference_;
  std::vector<std::unique_ptr<Validator>> tables_;
};

TEST(GeneratedWalkersTest,
     EveryStandardMessageIsWalkedByGeneratedCodeUnlessTablesAreOff) {
  const ValidatorOptions options{.reference_date = testing::kTestDay};
  absl::StatusOr<std::unique_ptr<validate_internal::Plans>> plans =
      validate_internal::Plans::Compile(options, testing::kTestDay);
  ASSERT_TRUE(plans.ok()) << plans.status();
  std::unique_ptr<validate_internal::Plans> reference;
  {
    access_internal::DisableGeneratedCodeForTesting disable;
    reference = *validate_internal::Plans::Compile(options, testing::kTestDay);
  }
  for (const google::protobuf::Descriptor* type : StandardMessages()) {
    EXPECT_NE((*plans)->Find(type)->generated_walk, nullptr) << type->full_name();
    EXPECT_EQ(reference->Find(type)->generated_walk, nullptr) << type->full_name();
  }
}

TEST_F(AccessDifferentialTest, RuleCases) {
  testing::RuleCaseBuilder builder(lists_);
  int cases = 0, violations = 0;
  for (const testing::RuleSite& site : testing::AllRuleSites()) {
    for (auto cases_of :
         {&testing::RuleCaseBuilder::Conforming, &testing::RuleCaseBuilder::Breaking}) {
      for (const testing::Case& c : (builder.*cases_of)(site)) {
        violations += Compare(*c.record, absl::StrCat(site.rule->id(), " ", c.name));
        ++cases;
      }
    }
  }
  EXPECT_GT(cases, 700);
  EXPECT_GT(violations, 400);
}

TEST_F(AccessDifferentialTest, Examples) {
  int documents = 0;
  for (const char* dir :
       {"/examples/werkzoekenden", "/examples/vacatures", "/examples/broken"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(VUM_SOURCE_DIR + std::string(dir))) {
      const std::string text = testing::ReadFileOrDie(entry.path().string());
      v1::Werkzoekende profile;
      v1::Vacature vacancy;
      if (ParseJson(text, &profile).ok()) {
        Compare(profile, entry.path().string());
        ++documents;
      } else if (ParseJson(text, &vacancy).ok()) {
        Compare(vacancy, entry.path().string());
        ++documents;
      }
    }
  }
  EXPECT_GE(documents, 6);
}

TEST_F(AccessDifferentialTest, GeneratedRecordsAndViews) {
  RecordGenerator generator({.seed = 31, .invalid_fraction = 0.3});
  v1::Werkzoekende profile;
  v1::Vacature vacancy;
  int violations = 0;
  for (int i = 0; i < 3000; ++i) {
    generator.NextProfile(&profile);
    generator.NextVacancy(&vacancy);
    violations += Compare(profile, absl::StrCat("profile ", i));
    violations += Compare(vacancy, absl::StrCat("vacancy ", i));
    if (i % 10 != 0) continue;
    // A full profile where only the employer's view may be: every field the
    // view leaves out is a violation.
    v1::Matchingsprofiel wrapped;
    wrapped.set_id_matchingsprofiel("8a0d4ab8-3f3c-4c5e-9b1e-0d5e4f4f2b6a");
    wrapped.set_id_toestemming_publicatie("0c9b6a2e-8d3f-4e1b-a7c2-5f6e7d8c9b0a");
    *wrapped.mutable_profiel() = profile;
    violations += Compare(wrapped, absl::StrCat("wrapped profile ", i));
    wrapped.set_id_toestemming_bijzondere_gegevens(
        "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    violations += Compare(wrapped, absl::StrCat("wrapped profile with consent ", i));
    for (const char* consent : {"", "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}) {
      absl::StatusOr<v1::Matchingsprofiel> matching = MatchingProfileOf(
          profile, {.publication_consent_id = "0c9b6a2e-8d3f-4e1b-a7c2-5f6e7d8c9b0a",
                    .special_category_consent_id = consent});
      ASSERT_TRUE(matching.ok()) << matching.status();
      Compare(*matching, absl::StrCat("matching profile ", i));
    }
    Compare(DetailProfileOf(profile), absl::StrCat("detail profile ", i));
  }
  EXPECT_GT(violations, 1000);
}

// A DynamicMessage of a standard type has the generated class's descriptor
// but not its layout: generated code must leave it to reflection, with the
// same verdict.
TEST_F(AccessDifferentialTest, DynamicMessagesAreReadThroughReflection) {
  google::protobuf::DynamicMessageFactory factory;
  RecordGenerator generator({.seed = 8, .invalid_fraction = 0.3});
  v1::Werkzoekende profile;
  v1::Vacature vacancy;
  int violations = 0;
  for (int i = 0; i < 300; ++i) {
    generator.NextProfile(&profile);
    generator.NextVacancy(&vacancy);
    for (const Message* record :
         {static_cast<const Message*>(&profile), static_cast<const Message*>(&vacancy)}) {
      std::unique_ptr<Message> dynamic(
          factory.GetPrototype(record->GetDescriptor())->New());
      ASSERT_TRUE(dynamic->ParseFromString(record->SerializeAsString()));
      for (size_t v = 0; v < tables_.size(); ++v) {
        absl::StatusOr<ValidationResult> expected = tables_[v]->Validate(*record);
        absl::StatusOr<ValidationResult> got = tables_[v]->Validate(*dynamic);
        ASSERT_TRUE(expected.ok() && got.ok());
        ASSERT_EQ(Describe(*expected), Describe(*got)) << "record " << i;
        if (v == 0) violations += static_cast<int>(got->violations().size());
      }
    }
  }
  EXPECT_GT(violations, 50);
}

}  // namespace
}  // namespace vum
