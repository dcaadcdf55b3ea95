#include "vum/view.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/files.h"
#include "lib/validate/test_records.h"
#include "privacy/testdata/new_fields.pb.h"  // generated from lib/privacy/testdata
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/schema.h"
#include "vum/validator.h"

namespace vum {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kConsent[] = "0a1b2c3d-0b7d-4c3e-9a51-2d8e6f0a1b2c";

using ::vum::testing::ReadFileOrDie;

// Whether `field`'s class may appear in the employer view.
bool EmployerMaySee(const FieldDescriptor& field, bool consent) {
  const v1::PrivacyClass c = InfoOf(field).privacy();
  return VisibleIn(c, v1::VIEW_EMPLOYER) &&
         (consent || !NeedsConsentIn(c, v1::VIEW_EMPLOYER));
}

// Replaces every string the employer may not see (by class, or because it is
// quasi-identifying text that cannot be generalised) with a unique canary,
// and returns the canaries.
std::vector<std::string> PlantCanaries(Message* m, bool consent, int& counter) {
  std::vector<std::string> canaries;
  const auto* r = m->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*m, &fields);
  for (const FieldDescriptor* f : fields) {
    const int n = f->is_repeated() ? r->FieldSize(*m, f) : 1;
    if (f->message_type() != nullptr) {
      for (int i = 0; i < n; ++i) {
        auto more = PlantCanaries(f->is_repeated() ? r->MutableRepeatedMessage(m, f, i)
                                                   : r->MutableMessage(m, f),
                                  consent, counter);
        canaries.insert(canaries.end(), more.begin(), more.end());
      }
      continue;
    }
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) continue;
    bool hidden = !EmployerMaySee(*f, consent);
    if (InfoOf(*f).privacy() == v1::PRIVACY_QUASI_IDENTIFIER) {
      bool formatted = false;
      for (const v1::Rule& rule : InfoOf(*f).rule())
        formatted |= rule.kind_case() == v1::Rule::kFormat;
      hidden |= !formatted;  // a name of a school or former employer
    }
    if (!hidden) continue;
    for (int i = 0; i < n; ++i) {
      const std::string canary = absl::StrCat("KANARIE", counter++, "X");
      f->is_repeated() ? r->SetRepeatedString(m, f, i, canary)
                       : r->SetString(m, f, canary);
      canaries.push_back(canary);
    }
  }
  return canaries;
}

// Every present field in the view is one the employer may see.
void ExpectOnlyVisibleClasses(const Message& m, bool consent) {
  const auto* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    ASSERT_TRUE(EmployerMaySee(*f, consent)) << f->full_name();
    if (f->message_type() == nullptr) continue;
    for (int i = 0; i < (f->is_repeated() ? r->FieldSize(m, f) : 1); ++i) {
      ExpectOnlyVisibleClasses(
          f->is_repeated() ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f),
          consent);
    }
  }
}

void ExpectNoPersonalValueInEmployerView(v1::Werkzoekende profile, bool consent,
                                         int& counter) {
  const std::vector<std::string> canaries = PlantCanaries(&profile, consent, counter);
  absl::StatusOr<v1::Matchingsprofiel> view = MatchingProfileOf(
      profile, {.publication_consent_id = kConsent,
                .special_category_consent_id = consent ? kConsent : ""});
  ASSERT_TRUE(view.ok());
  std::string json;
  PrintJsonFast(*view, &json);
  for (const std::string& canary : canaries) {
    ASSERT_THAT(json, Not(HasSubstr(canary)));
  }
  ExpectOnlyVisibleClasses(view->profiel(), consent);
}

TEST(ViewTest, EmployerViewOfEveryExampleHoldsNoPersonalValue) {
  int counter = 0, examples = 0;
  for (const char* dir : {"/examples/werkzoekenden", "/lib/json/testdata"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(VUM_SOURCE_DIR) + dir)) {
      if (absl::StrContains(entry.path().string(), "vacature")) continue;
      v1::Werkzoekende profile;
      ASSERT_TRUE(ParseJson(ReadFileOrDie(entry.path().string()), &profile).ok())
          << entry.path();
      ExpectNoPersonalValueInEmployerView(profile, false, counter);
      ExpectNoPersonalValueInEmployerView(profile, true, counter);
      ++examples;
    }
  }
  EXPECT_GE(examples, 7);
  EXPECT_GT(counter, 20);
}

TEST(ViewTest, EmployerViewOf100kGeneratedProfilesHoldsNoPersonalValue) {
  RecordGenerator generator({.seed = 2026});
  v1::Werkzoekende profile;
  int counter = 0;
  for (int i = 0; i < 100000; ++i) {
    generator.NextProfile(&profile);
    ExpectNoPersonalValueInEmployerView(profile, i % 2 == 0, counter);
  }
  EXPECT_GT(counter, 100000);
}

TEST(ViewTest, MatchingProfileGeneralisesAndValidates) {
  v1::Werkzoekende profile;
  ASSERT_TRUE(
      ParseJson(ReadFileOrDie(std::string(VUM_SOURCE_DIR) +
                              "/lib/json/testdata/werkzoekende-alle-elementen.json"),
                &profile)
          .ok());
  auto view = *MatchingProfileOf(profile, {.publication_consent_id = kConsent});
  const v1::Werkzoekende& shown = view.profiel();
  EXPECT_EQ(shown.mobiliteit().bemiddelingspostcode(), "1034");
  EXPECT_EQ(shown.arbeidsmarktkwalificatie().opleiding(0).datum_diploma(), "2019-07-01");
  EXPECT_FALSE(
      shown.arbeidsmarktkwalificatie().opleiding(0).has_naam_opleidingsinstituut());
  EXPECT_FALSE(shown.arbeidsmarktkwalificatie().werkervaring(0).has_naam_organisatie());
  EXPECT_FALSE(shown.has_id_werkzoekende());
  EXPECT_FALSE(shown.has_persoonlijke_presentatie());
  EXPECT_EQ(shown.emailadres_size(), 0);
  EXPECT_FALSE(shown.has_eis_aan_werk());  // no special-category consent
  EXPECT_FALSE(shown.has_indicatie_ldr_registratie());
  EXPECT_EQ(shown.arbeidsmarktkwalificatie().taalbeheersing_size(), 1);  // kept

  auto region =
      *MatchingProfileOf(profile, {.publication_consent_id = kConsent,
                                   .generalisation = {.postcode = PostcodeLevel::kRegion,
                                                      .dates = DateLevel::kYear}});
  EXPECT_EQ(region.profiel().mobiliteit().bemiddelingspostcode(), "10");
  EXPECT_EQ(region.profiel().arbeidsmarktkwalificatie().opleiding(0).datum_diploma(),
            "2019-01-01");

  auto consented = *MatchingProfileOf(profile, {.publication_consent_id = kConsent,
                                                .special_category_consent_id = kConsent});
  EXPECT_TRUE(consented.profiel().has_eis_aan_werk());

  CodeListRegistry lists = testing::FixtureCodeLists();
  auto validator =
      *Validator::Create({.reference_date = testing::kTestDay, .code_lists = &lists});
  for (const auto* v : {&view, &region, &consented}) {
    const ValidationResult result = *validator->Validate(*v);
    EXPECT_TRUE(result.violations().empty()) << result.violations()[0].rule_id << " "
                                             << result.violations()[0].path.ToString();
  }
  EXPECT_EQ(MatchingProfileOf(profile, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ViewTest, DetailProfileKeepsEverything) {
  v1::Werkzoekende profile;
  ASSERT_TRUE(
      ParseJson(ReadFileOrDie(std::string(VUM_SOURCE_DIR) +
                              "/lib/json/testdata/werkzoekende-alle-elementen.json"),
                &profile)
          .ok());
  v1::Procesgegevens process;
  process.set_id_werkzoekende(profile.id_werkzoekende());
  const v1::Detailprofiel view = DetailProfileOf(profile, &process);
  EXPECT_EQ(view.profiel().SerializeAsString(), profile.SerializeAsString());
  EXPECT_EQ(view.procesgegevens().id_werkzoekende(), profile.id_werkzoekende());
}

TEST(ViewTest, NewFieldsLandInTheRightViewsWithoutCodeChanges) {
  test::ProfielMetNieuweVelden record;
  record.set_bestaand("a");
  record.set_nieuw_contact("b");
  record.set_nieuw_bijzonder("c");
  record.set_nieuwe_postcode("1011AB");
  record.set_nieuwe_vrije_tekst("d");

  test::ProfielMetNieuweVelden employer = record;
  EXPECT_EQ(ReduceToView(&employer, {.view = v1::VIEW_EMPLOYER}), 3);
  Generalise(&employer, v1::VIEW_EMPLOYER, {});
  EXPECT_TRUE(employer.has_bestaand());
  EXPECT_FALSE(employer.has_nieuw_contact());
  EXPECT_FALSE(employer.has_nieuw_bijzonder());
  EXPECT_FALSE(employer.has_nieuwe_vrije_tekst());
  EXPECT_EQ(employer.nieuwe_postcode(), "1011");

  test::ProfielMetNieuweVelden consented = record;
  EXPECT_EQ(ReduceToView(&consented,
                         {.view = v1::VIEW_EMPLOYER, .special_category_consent = true}),
            2);
  EXPECT_TRUE(consented.has_nieuw_bijzonder());

  test::ProfielMetNieuweVelden mediator = record;
  EXPECT_EQ(ReduceToView(&mediator, {.view = v1::VIEW_MEDIATOR}), 0);
  EXPECT_EQ(mediator.SerializeAsString(), record.SerializeAsString());
}

}  // namespace
}  // namespace vum
