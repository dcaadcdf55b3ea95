#include "vum/validator.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/access/field_access.h"
#include "lib/testing/files.h"
#include "lib/validate/test_records.h"
#include "vum/json.h"
#include "vum/v1/batch.pb.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"
#include "vum/v1/views.pb.h"

namespace vum {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string kSourceDir = VUM_SOURCE_DIR;

using ::vum::testing::ReadFileOrDie;

class ValidatorTest : public ::testing::Test {
 protected:
  ValidatorTest() : lists_(testing::FixtureCodeLists()) {}

  std::unique_ptr<Validator> Make(ValidatorOptions options = {}) {
    options.reference_date = testing::kTestDay;
    if (options.code_lists == nullptr) options.code_lists = &lists_;
    absl::StatusOr<std::unique_ptr<Validator>> v = Validator::Create(options);
    EXPECT_TRUE(v.ok()) << v.status();
    return *std::move(v);
  }

  template <typename Record>
  Record Parse(const std::string& json) {
    Record record;
    const absl::Status status = ParseJson(json, &record);
    EXPECT_TRUE(status.ok()) << status;
    return record;
  }

  static std::vector<std::string> Ids(const ValidationResult& result) {
    std::vector<std::string> ids;
    for (const Violation& v : result.violations()) {
      ids.push_back(absl::StrCat(v.rule_id, " ", v.path.ToString()));
    }
    return ids;
  }

  CodeListRegistry lists_;
};

TEST_F(ValidatorTest, EveryExampleConforms) {
  auto validator = Make();
  for (const char* dir : {"/examples/werkzoekenden", "/examples/vacatures"}) {
    for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + dir)) {
      SCOPED_TRACE(entry.path().string());
      const std::string text = ReadFileOrDie(entry.path().string());
      std::unique_ptr<google::protobuf::Message> record;
      if (std::string(dir).find("vacatures") != std::string::npos) {
        record = std::make_unique<v1::Vacature>(Parse<v1::Vacature>(text));
      } else {
        record = std::make_unique<v1::Werkzoekende>(Parse<v1::Werkzoekende>(text));
      }
      absl::StatusOr<ValidationResult> result = validator->Validate(*record);
      ASSERT_TRUE(result.ok());
      EXPECT_THAT(Ids(*result), IsEmpty());
      EXPECT_THAT(result->unchecked_rule_ids(), IsEmpty());
    }
  }
}

TEST_F(ValidatorTest, DocumentsUsingEveryPropertyConform) {
  auto validator = Make({.vum_strict = true});
  auto profile = Parse<v1::Werkzoekende>(
      ReadFileOrDie(kSourceDir + "/lib/json/testdata/werkzoekende-alle-elementen.json"));
  EXPECT_THAT(Ids(*validator->Validate(profile)), IsEmpty());
  auto vacancy = Parse<v1::Vacature>(
      ReadFileOrDie(kSourceDir + "/lib/json/testdata/vacature-alle-elementen.json"));
  EXPECT_THAT(Ids(*validator->Validate(vacancy)), IsEmpty());
}

TEST_F(ValidatorTest, DocumentBreakingRulesGetsIdsAndPaths) {
  auto validator = Make({.vum_strict = true});
  auto profile = Parse<v1::Werkzoekende>(R"({
    "idWerkzoekende": "",
    "mobiliteit": {"bemiddelingspostcode": "1234SA"},
    "werktijden": {"aantalWerkurenPerWeekMinimaal": 40, "aantalWerkurenPerWeekMaximaal": 20},
    "arbeidsmarktkwalificatie": {
      "taalbeheersing": [{"codeTaal": "xx1"}],
      "opleiding": [{"codeNiveauOpleiding": 4}, {"codeNiveauOpleiding": 5},
                    {"codeNiveauOpleiding": 6, "datumDiploma": "2023-02-30"}]
    },
    "contactpersoon": [{"naamContactpersoonAfdeling": "Team"}]
  })");
  absl::StatusOr<ValidationResult> result = validator->Validate(profile);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->conforms());
  EXPECT_THAT(
      Ids(*result),
      // An empty value counts as absent: the id is missing, not too short.
      ElementsAre("WZ-01 idWerkzoekende", "MOB-05 mobiliteit.bemiddelingspostcode",
                  "WTD-01 werktijden.aantalWerkurenPerWeekMinimaal",
                  "TAL-07 arbeidsmarktkwalificatie.taalbeheersing[0].codeTaal",
                  "TAL-02 arbeidsmarktkwalificatie.taalbeheersing[0].codeTaal",
                  "OPL-07 arbeidsmarktkwalificatie.opleiding[2].datumDiploma",
                  "CPA-01 contactpersoon[0]"));
  const Violation& order = result->violations()[2];
  ASSERT_EQ(order.related_paths.size(), 1u);
  EXPECT_EQ(order.related_paths[0].ToString(),
            "werktijden.aantalWerkurenPerWeekMaximaal");
  const Violation& at_least_one = result->violations()[6];
  EXPECT_EQ(at_least_one.related_paths.size(), 2u);
  EXPECT_EQ(result->count(Severity::kError), 6);
  // At the standard's level, vum's three stricter checks (MOB-05, WTD-01,
  // TAL-02) only warn; CPA-01 is a warning either way.
  const ValidationResult standard = *Make()->Validate(profile);
  EXPECT_EQ(standard.count(Severity::kError), 3);
  EXPECT_EQ(standard.count(Severity::kWarning), 4);
}

TEST_F(ValidatorTest, StructuredPathHasIndices) {
  auto validator = Make();
  auto profile = Parse<v1::Werkzoekende>(
      R"({"idWerkzoekende": "a", "emailadres": ["a@b.nl", "geen-adres"]})");
  const ValidationResult result = *validator->Validate(profile);
  ASSERT_EQ(result.violations().size(), 1u);
  const FieldPath& path = result.violations()[0].path;
  ASSERT_EQ(path.segments().size(), 1u);
  EXPECT_EQ(path.segments()[0].name, "emailadres");
  EXPECT_EQ(path.segments()[0].index, 1);
  EXPECT_EQ(path.ToString(), "emailadres[1]");
  EXPECT_THAT(result.violations()[0].params, Not(IsEmpty()));
}

TEST_F(ValidatorTest, PropertiesReadAsAbsentAreReportedFirstAsInfo) {
  v1::Werkzoekende profile;
  std::vector<FieldPath> absent;
  ASSERT_TRUE(ParseJson(R"({"idWerkzoekende": "", "persoonlijkePresentatie": ""})",
                        &profile, &absent)
                  .ok());
  const ValidationResult result = *Make()->Validate(profile, absent);
  EXPECT_THAT(Ids(result),
              ElementsAre("JSON-01 idWerkzoekende", "JSON-01 persoonlijkePresentatie",
                          "WZ-01 idWerkzoekende"));
  EXPECT_EQ(result.count(Severity::kInfo), 2);
  EXPECT_EQ(result.violations()[0].severity, Severity::kInfo);
  EXPECT_EQ(result.violations()[0].message, FindRule(kEmptyValueRuleId)->message_nl);
  // Left out when only warnings and errors are asked for.
  EXPECT_THAT(Ids(*Make({.min_severity = Severity::kWarning})->Validate(profile, absent)),
              ElementsAre("WZ-01 idWerkzoekende"));
  // Taking the paths over gives the same.
  EXPECT_EQ(Ids(*Make()->Validate(profile, std::move(absent))), Ids(result));
}

// vum's stricter level: a record the koppelvlak 3.0 accepts conforms, each
// breach of a vum rule a warning; at vum's strict level those are errors. On
// the generated path and through reflection.
TEST_F(ValidatorTest, VumLevelWarnsUnlessStrict) {
  const std::string doc = R"({"idWerkzoekende": "a",
      "telefoonnummer": ["12345"],
      "vervoermiddel": [{"codeVervoermiddel": 1}, {"codeVervoermiddel": 1}],
      "werktijden": {"aantalWerkurenPerWeekMinimaal": 40, "aantalWerkurenPerWeekMaximaal": 20},
      "mobiliteit": {"bemiddelingspostcode": "0123AB"}})";
  auto profile = Parse<v1::Werkzoekende>(doc);
  for (bool generated : {true, false}) {
    SCOPED_TRACE(generated ? "generated" : "reflection");
    std::optional<access_internal::DisableGeneratedCodeForTesting> off;
    if (!generated) off.emplace();
    const ValidationResult standard = *Make()->Validate(profile);
    const ValidationResult strict = *Make({.vum_strict = true})->Validate(profile);
    EXPECT_TRUE(standard.conforms()) << ::testing::PrintToString(Ids(standard));
    EXPECT_EQ(standard.count(Severity::kWarning), 4);
    EXPECT_EQ(strict.count(Severity::kError), 4) << ::testing::PrintToString(Ids(strict));
    ASSERT_EQ(standard.violations().size(), strict.violations().size());
    for (const Violation& v : standard.violations()) {
      EXPECT_EQ(FindRule(v.rule_id)->level, RuleLevel::kVum) << v.rule_id;
    }
  }
  // A breach of the standard's own level stays an error.
  auto bad = Parse<v1::Werkzoekende>(R"({"idWerkzoekende": "a b",
      "mobiliteit": {"maximaleReistijd": 30}})");
  EXPECT_THAT(
      Ids(*Make()->Validate(bad)),
      ElementsAre("WZ-18 idWerkzoekende", "MOB-04 mobiliteit.bemiddelingspostcode"));
  EXPECT_EQ(Make()->Validate(bad)->count(Severity::kError), 2);
}

// The pilot transition, at vum's strict level: what the pilot contract
// accepted is a warning, what it refused too an error.
TEST_F(ValidatorTest, PilotTransitionWarnsOfRulesThePilotLacked) {
  const std::string doc = R"({"idWerkzoekende": "a",
      "vervoermiddel": [{"codeVervoermiddel": 1}, {"codeVervoermiddel": 1}],
      "werktijden": {"aantalWerkurenPerWeekMinimaal": 40, "aantalWerkurenPerWeekMaximaal": 20},
      "indicatieLdrRegistratie": 7})";
  auto profile = Parse<v1::Werkzoekende>(doc);
  for (bool generated : {true, false}) {
    SCOPED_TRACE(generated ? "generated" : "reflection");
    std::optional<access_internal::DisableGeneratedCodeForTesting> off;
    if (!generated) off.emplace();
    auto strict = Make({.vum_strict = true});
    auto transition = Make({.pilot_transition = true, .vum_strict = true});
    const ValidationResult before = *strict->Validate(profile);
    const ValidationResult after = *transition->Validate(profile);
    EXPECT_EQ(before.count(Severity::kError), 3) << ::testing::PrintToString(Ids(before));
    EXPECT_EQ(after.count(Severity::kError), 1);
    EXPECT_EQ(after.count(Severity::kWarning), 2);
    ASSERT_EQ(after.violations().size(), before.violations().size());
    for (const Violation& v : after.violations()) {
      const RuleDescription& rule = *FindRule(v.rule_id);
      const Severity want =
          rule.pilot == PilotRule::kHad ? Severity::kError : Severity::kWarning;
      EXPECT_EQ(v.severity, want) << v.rule_id;
    }
  }
}

TEST_F(ValidatorTest, MessagesInEnglishAndDutch) {
  auto profile = Parse<v1::Werkzoekende>(R"({"idWerkzoekende": "a",
      "werktijden": {"aantalWerkurenPerWeekMaximaal": 120}})");
  EXPECT_EQ(
      Make()->Validate(profile)->violations()[0].message,
      "'Aantal werkuren per week maximaal' moet een geheel getal van 0 tot en met 99 "
      "zijn.");
  EXPECT_EQ(
      Make({.language = Language::kEnglish})->Validate(profile)->violations()[0].message,
      "aantalWerkurenPerWeekMaximaal must be a whole number from 0 to 99.");
}

TEST_F(ValidatorTest, StopAtFirstErrorAndMinimumSeverity) {
  auto profile = Parse<v1::Werkzoekende>(R"({"idWerkzoekende": "",
      "mobiliteit": {"bemiddelingspostcode": "x"},
      "contactpersoon": [{"naamContactpersoonAfdeling": "Team"}]})");
  EXPECT_EQ(Make()->Validate(profile)->violations().size(), 4u);
  const ValidationResult first = *Make({.stop_at_first_error = true})->Validate(profile);
  EXPECT_THAT(Ids(first), ElementsAre("WZ-01 idWerkzoekende"));
  // CPA-01 is a warning, and so is vum's stricter postcode check MOB-05.
  const ValidationResult errors =
      *Make({.min_severity = Severity::kError})->Validate(profile);
  EXPECT_EQ(errors.violations().size(), 2u);
  EXPECT_EQ(errors.count(Severity::kWarning), 0);
  const ValidationResult all = *Make()->Validate(profile);
  EXPECT_EQ(all.count(Severity::kWarning), 2);
  EXPECT_EQ(all.violations()[2].severity, Severity::kWarning);
  EXPECT_EQ(all.violations()[3].severity, Severity::kWarning);
}

TEST_F(ValidatorTest, WarningsAloneStillConform) {
  auto profile = Parse<v1::Werkzoekende>(R"({"idWerkzoekende": "a",
      "contactpersoon": [{"naamContactpersoonAfdeling": "Team"}]})");
  const ValidationResult result = *Make()->Validate(profile);
  EXPECT_TRUE(result.conforms());
  EXPECT_EQ(result.count(Severity::kWarning), 1);
}

TEST_F(ValidatorTest, CodeListVersionFollowsTheReferenceDate) {
  // Driving-licence categories of the 2013 directive: before 2013 no version
  // is in force, and the rule cannot be checked.
  auto profile = Parse<v1::Werkzoekende>(R"({"idWerkzoekende": "a",
      "arbeidsmarktkwalificatie": {"rijbewijs": [{"codeSoortRijbewijs": "AM"}]}})");
  ValidatorOptions options;
  options.code_lists = &lists_;
  options.reference_date = absl::CivilDay(2012, 1, 1);
  const ValidationResult old = *(*Validator::Create(options))->Validate(profile);
  EXPECT_TRUE(old.conforms());
  EXPECT_THAT(old.unchecked_rule_ids(), ElementsAre("RBW-02"));
  EXPECT_THAT(Make()->Validate(profile)->unchecked_rule_ids(), IsEmpty());
}

TEST_F(ValidatorTest, WithoutCodeListsTheBindingsAreReportedUnchecked) {
  ValidatorOptions options;
  options.reference_date = testing::kTestDay;
  auto validator = *Validator::Create(options);
  auto profile = Parse<v1::Werkzoekende>(R"({"idWerkzoekende": "a",
      "arbeidsmarktkwalificatie": {"taalbeheersing": [{"codeTaal": "zzz"}]},
      "sector": [{"codeSbi": 8130}]})");
  const ValidationResult result = *validator->Validate(profile);
  EXPECT_TRUE(result.conforms());
  EXPECT_THAT(result.unchecked_rule_ids(), ElementsAre("TAL-02", "SBI-03"));
}

TEST_F(ValidatorTest, NumericCodesMatchListCodesByTheirDigits) {
  auto profile = Parse<v1::Werkzoekende>(
      R"({"idWerkzoekende": "a", "sector": [{"codeSbi": 111}, {"codeSbi": 112}]})");
  EXPECT_THAT(Ids(*Make()->Validate(profile)), ElementsAre("SBI-03 sector[1].codeSbi"));
}

TEST_F(ValidatorTest, MatchingProfileHoldsOnlyWhatAnEmployerMaySee) {
  auto validator = Make();
  v1::Matchingsprofiel view;
  view.set_id_matchingsprofiel("4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c");
  view.set_id_toestemming_publicatie("0a1b2c3d-0b7d-4c3e-9a51-2d8e6f0a1b2c");
  view.mutable_profiel()->mutable_werktijden()->set_aantal_werkuren_per_week_maximaal(20);
  // idWerkzoekende is required in a profile, but not shown in this view.
  EXPECT_THAT(Ids(*validator->Validate(view)), IsEmpty());

  view.mutable_profiel()->add_emailadres("a@b.nl");
  view.mutable_profiel()->set_persoonlijke_presentatie("tekst");
  view.mutable_profiel()->mutable_eis_aan_werk()->set_indicatie_begeleiding(
      v1::INDICATIE_JA);
  EXPECT_THAT(Ids(*validator->Validate(view)),
              ElementsAre("MPR-04 profiel.persoonlijkePresentatie",
                          "MPR-04 profiel.eisAanWerk", "MPR-04 profiel.emailadres"));

  view.set_id_toestemming_bijzondere_gegevens("1a1b2c3d-0b7d-4c3e-9a51-2d8e6f0a1b2c");
  EXPECT_THAT(
      Ids(*validator->Validate(view)),
      ElementsAre("MPR-04 profiel.persoonlijkePresentatie", "MPR-04 profiel.emailadres"));
}

TEST_F(ValidatorTest, AbsurdlyLargeListIsOneViolation) {
  v1::Werkzoekende profile;
  profile.set_id_werkzoekende("a");
  for (int i = 0; i < 200000; ++i) profile.add_emailadres("a@b.nl");
  const ValidationResult result = *Make()->Validate(profile);
  EXPECT_THAT(Ids(result), ElementsAre("WZ-09 emailadres"));
  EXPECT_EQ(result.violations()[0].params[2].value, "too-many");
}

TEST_F(ValidatorTest, MessageTypeOutsideTheStandardIsAStatus) {
  const absl::StatusOr<ValidationResult> result = Make()->Validate(v1::Rule());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("vum.v1.Rule"));
}

TEST_F(ValidatorTest, BatchMessagesAreValidatedToo) {
  v1::BatchKop header = testing::TestBatchHeader();
  header.set_soort(v1::SOORT_BATCH_DELTA);
  EXPECT_THAT(Ids(*Make()->Validate(header)),
              ElementsAre("BKP-01 volgnummer", "BKP-01 basisBatchId"));
}

// Every string field of a profile holds a canary that breaks its rules; no
// message or parameter of any violation may repeat it.
TEST_F(ValidatorTest, NoViolationCarriesAValue) {
  v1::Werkzoekende profile = Parse<v1::Werkzoekende>(
      ReadFileOrDie(kSourceDir + "/lib/json/testdata/"
                                 "werkzoekende-alle-elementen.json"));
  int planted = 0;
  std::function<void(google::protobuf::Message*)> plant =
      [&](google::protobuf::Message* m) {
        const auto* r = m->GetReflection();
        std::vector<const google::protobuf::FieldDescriptor*> fields;
        r->ListFields(*m, &fields);
        for (const auto* f : fields) {
          if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
            for (int i = 0; i < (f->is_repeated() ? r->FieldSize(*m, f) : 1); ++i) {
              plant(f->is_repeated() ? r->MutableRepeatedMessage(m, f, i)
                                     : r->MutableMessage(m, f));
            }
          } else if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
            const std::string canary = absl::StrCat("GEHEIM-", std::string(2100, 'x'));
            if (f->is_repeated()) {
              for (int i = 0; i < r->FieldSize(*m, f); ++i)
                r->SetRepeatedString(m, f, i, canary);
            } else {
              r->SetString(m, f, canary);
            }
            ++planted;
          }
        }
      };
  plant(&profile);
  ASSERT_GT(planted, 40);
  for (Language language : {Language::kDutch, Language::kEnglish}) {
    const ValidationResult result = *Make({.language = language})->Validate(profile);
    EXPECT_GT(result.violations().size(), 40u);
    for (const Violation& v : result.violations()) {
      EXPECT_THAT(v.message, Not(HasSubstr("GEHEIM"))) << v.rule_id;
      for (const RuleParam& p : v.params) EXPECT_THAT(p.value, Not(HasSubstr("GEHEIM")));
    }
  }
}

TEST(ValidatorThreadsTest, OneValidatorServesManyThreads) {
  CodeListRegistry lists = testing::FixtureCodeLists();
  auto validator =
      *Validator::Create({.reference_date = testing::kTestDay, .code_lists = &lists});
  v1::Werkzoekende profile;
  profile.set_id_werkzoekende("");  // too short, and not an identifier
  const size_t expected = validator->Validate(profile)->violations().size();
  ASSERT_EQ(expected, 2u);
  std::vector<std::thread> threads;
  std::atomic<int> agreed{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        agreed += validator->Validate(profile)->violations().size() == expected;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(agreed.load(), 2000);
}

}  // namespace
}  // namespace vum
