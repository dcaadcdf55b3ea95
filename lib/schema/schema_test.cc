// Tests of the schema itself: every element is declared completely and every
// declared rule is well formed. These walk all descriptors, so a new element
// without a label, a privacy class or a well-formed rule fails here.

#include "vum/schema.h"

#include <map>
#include <regex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/schema/field_types.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using schema_internal::IsNumeric;
using ::testing::IsEmpty;

// Every field of every message of the standard.
std::vector<const FieldDescriptor*> AllFields() {
  std::vector<const FieldDescriptor*> fields;
  for (const Descriptor* message : StandardMessages()) {
    for (int i = 0; i < message->field_count(); ++i) {
      fields.push_back(message->field(i));
    }
  }
  return fields;
}

bool IsString(const FieldDescriptor& f) {
  return f.type() == FieldDescriptor::TYPE_STRING;
}

bool HasFormat(const FieldDescriptor& f, v1::Format format) {
  for (const v1::Rule& rule : InfoOf(f).rule()) {
    if (rule.kind_case() == v1::Rule::kFormat && rule.format() == format) return true;
  }
  return false;
}

TEST(SchemaTest, CoversTheWholeDataset) {
  std::set<std::string> names;
  for (const Descriptor* m : StandardMessages()) names.insert(m->name());
  for (const char* expected :
       {"Werkzoekende", "Vacature", "Toestemming", "Voorstelverzoek", "Voorstelresultaat",
        "Procesgegevens", "Matchingsprofiel", "Detailprofiel", "Envelop", "BatchKop",
        "BatchRecord", "BatchSluiting", "Intrekking"}) {
    EXPECT_TRUE(names.count(expected)) << expected;
  }
  for (const auto* file : StandardFiles()) {
    EXPECT_NE(file->name(), "vum/v1/options.proto");
  }
}

TEST(SchemaTest, EveryFileDeclaresTheSameStandardVersion) {
  EXPECT_EQ(StandardVersion(), "1.5.0");  // Gegevensstandaard 1.5
  for (const auto* file : StandardFiles()) {
    EXPECT_EQ(file->options().GetExtension(v1::file).standard_version(),
              StandardVersion())
        << file->name();
  }
}

TEST(SchemaTest, EveryElementHasALabelAndADefinition) {
  std::vector<std::string> missing;
  auto check = [&](const std::string& name, const std::string& label,
                   const std::string& definition) {
    if (label.empty()) missing.push_back(absl::StrCat(name, ": no label"));
    if (definition.empty()) missing.push_back(absl::StrCat(name, ": no definition"));
  };
  for (const Descriptor* m : StandardMessages()) {
    check(m->full_name(), InfoOf(*m).label(), InfoOf(*m).definition());
  }
  for (const FieldDescriptor* f : AllFields()) {
    check(f->full_name(), InfoOf(*f).label(), InfoOf(*f).definition());
  }
  for (const auto* e : StandardEnums()) {
    check(e->full_name(), InfoOf(*e).label(), InfoOf(*e).definition());
    for (int i = 0; i < e->value_count(); ++i) {
      check(e->value(i)->full_name(), InfoOf(*e->value(i)).label(),
            InfoOf(*e->value(i)).definition());
    }
  }
  EXPECT_THAT(missing, IsEmpty());
}

TEST(SchemaTest, EveryFieldHasAPrivacyClass) {
  std::vector<std::string> missing;
  for (const FieldDescriptor* f : AllFields()) {
    if (InfoOf(*f).privacy() == v1::PRIVACY_CLASS_UNSPECIFIED) {
      missing.push_back(f->full_name());
    }
  }
  EXPECT_THAT(missing, IsEmpty());
}

TEST(SchemaTest, SpecialCategoryDataIsDeclaredAsSuch) {
  // Disability and support needs are health data (GDPR art. 9).
  const Descriptor* profile = v1::Werkzoekende::descriptor();
  EXPECT_EQ(InfoOf(*profile->FindFieldByName("indicatie_ldr_registratie")).privacy(),
            v1::PRIVACY_SPECIAL_CATEGORY);
  EXPECT_EQ(InfoOf(*profile->FindFieldByName("eis_aan_werk")).privacy(),
            v1::PRIVACY_SPECIAL_CATEGORY);
  const Descriptor* needs = v1::EisAanWerk::descriptor();
  for (int i = 0; i < needs->field_count(); ++i) {
    EXPECT_EQ(InfoOf(*needs->field(i)).privacy(), v1::PRIVACY_SPECIAL_CATEGORY)
        << needs->field(i)->full_name();
  }
}

TEST(SchemaTest, EnumsNameTheirCodeListAndOnlyZeroIsAPlaceholder) {
  std::set<std::string> lists;
  for (const auto* e : StandardEnums()) {
    const std::string& list = InfoOf(*e).code_list();
    EXPECT_FALSE(list.empty()) << e->full_name();
    EXPECT_TRUE(lists.insert(list).second) << "code list used twice: " << list;
    for (int i = 0; i < e->value_count(); ++i) {
      if (InfoOf(*e->value(i)).placeholder()) {
        EXPECT_EQ(e->value(i)->number(), 0) << e->value(i)->full_name();
      }
    }
  }
}

TEST(SchemaTest, RuleIdsAreWellFormedAndUnique) {
  const std::regex id_form("[A-Z]{2,3}-[0-9]{2}");
  std::map<std::string, std::string> owner;  // rule id -> element
  std::vector<std::string> problems;
  auto check = [&](const v1::Rule& rule, const std::string& element) {
    if (!std::regex_match(rule.id(), id_form)) {
      problems.push_back(
          absl::StrCat(element, ": malformed rule id \"", rule.id(), "\""));
    }
    if (rule.kind_case() == v1::Rule::KIND_NOT_SET) {
      problems.push_back(absl::StrCat(element, ": rule ", rule.id(), " has no kind"));
    }
    auto [it, inserted] = owner.emplace(rule.id(), element);
    if (!inserted) {
      problems.push_back(
          absl::StrCat("rule id ", rule.id(), " used by ", it->second, " and ", element));
    }
  };
  for (const Descriptor* m : StandardMessages()) {
    for (const v1::Rule& rule : InfoOf(*m).rule()) check(rule, m->full_name());
  }
  for (const FieldDescriptor* f : AllFields()) {
    for (const v1::Rule& rule : InfoOf(*f).rule()) check(rule, f->full_name());
  }
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_GT(owner.size(), 250u);
}

TEST(SchemaTest, FieldRulesFitTheirField) {
  std::vector<std::string> problems;
  for (const FieldDescriptor* f : AllFields()) {
    for (const v1::Rule& rule : InfoOf(*f).rule()) {
      bool fits = true;
      switch (rule.kind_case()) {
        case v1::Rule::kRequired:
          break;
        case v1::Rule::kLength:
          fits = (IsString(*f) || f->type() == FieldDescriptor::TYPE_BYTES) &&
                 rule.length().min() <= rule.length().max() && rule.length().max() > 0;
          break;
        case v1::Rule::kRange:
          fits = IsNumeric(*f) && rule.range().min() <= rule.range().max();
          break;
        case v1::Rule::kFormat:
          fits = IsString(*f) && rule.format() != v1::FORMAT_UNSPECIFIED;
          break;
        case v1::Rule::kCodeSet:
          fits = IsString(*f) && rule.code_set().code_size() > 0;
          break;
        case v1::Rule::kCodeList:
          fits = f->enum_type() != nullptr ? rule.code_list().list().empty()
                                           : !rule.code_list().list().empty() &&
                                                 (IsString(*f) || IsNumeric(*f));
          break;
        case v1::Rule::kItems:
          fits = f->is_repeated() && rule.items().max() > 0 &&
                 rule.items().min() <= rule.items().max();
          break;
        case v1::Rule::kWithinView:
          fits = f->message_type() != nullptr &&
                 rule.within_view().view() != v1::VIEW_UNSPECIFIED &&
                 (rule.within_view().consent_field().empty() ||
                  f->containing_type()->FindFieldByName(
                      rule.within_view().consent_field()) != nullptr);
          break;
        default:
          fits = false;  // A message-level rule declared on a field.
      }
      if (!fits) problems.push_back(absl::StrCat(f->full_name(), ": rule ", rule.id()));
    }
  }
  EXPECT_THAT(problems, IsEmpty());
}

TEST(SchemaTest, MessageRulesNameFieldsOfTheirMessage) {
  std::vector<std::string> problems;
  for (const Descriptor* m : StandardMessages()) {
    for (const v1::Rule& rule : InfoOf(*m).rule()) {
      std::vector<std::string> names;
      switch (rule.kind_case()) {
        case v1::Rule::kOrder: {
          names = {rule.order().first(), rule.order().second()};
          const FieldDescriptor* a = m->FindFieldByName(rule.order().first());
          const FieldDescriptor* b = m->FindFieldByName(rule.order().second());
          // Both dates, both moments, or both numbers.
          if (a != nullptr && b != nullptr &&
              !((HasFormat(*a, v1::FORMAT_DATE) && HasFormat(*b, v1::FORMAT_DATE)) ||
                (HasFormat(*a, v1::FORMAT_DATE_TIME) &&
                 HasFormat(*b, v1::FORMAT_DATE_TIME)) ||
                (IsNumeric(*a) && IsNumeric(*b)))) {
            problems.push_back(absl::StrCat(m->full_name(), ": rule ", rule.id(),
                                            " orders incomparable fields"));
          }
          break;
        }
        case v1::Rule::kWhen:
          names.assign(rule.when().then().begin(), rule.when().then().end());
          names.push_back(rule.when().field());
          if (!rule.when().equals().empty()) {
            const FieldDescriptor* f = m->FindFieldByName(rule.when().field());
            if (f != nullptr && f->enum_type() != nullptr &&
                f->enum_type()->FindValueByNumber(std::stoi(rule.when().equals())) ==
                    nullptr) {
              problems.push_back(absl::StrCat(m->full_name(), ": rule ", rule.id(),
                                              " compares with an undeclared code"));
            }
          }
          break;
        case v1::Rule::kExactlyOne:
          names.assign(rule.exactly_one().fields().begin(),
                       rule.exactly_one().fields().end());
          break;
        case v1::Rule::kAtLeastOne:
          names.assign(rule.at_least_one().fields().begin(),
                       rule.at_least_one().fields().end());
          break;
        default:
          problems.push_back(absl::StrCat(m->full_name(), ": rule ", rule.id(),
                                          " is a field rule declared on a message"));
      }
      for (const std::string& name : names) {
        if (m->FindFieldByName(name) == nullptr) {
          problems.push_back(absl::StrCat(m->full_name(), ": rule ", rule.id(),
                                          " names unknown field \"", name, "\""));
        }
      }
    }
  }
  EXPECT_THAT(problems, IsEmpty());
}

// The pilot contracts left enumerations out and allowed empty values and
// endless lists; the standard closes each of these.
TEST(SchemaTest, EveryCodedFieldIsBoundToItsCodes) {
  // Codes of vocabularies outside the standard that vum does not ship: the
  // koppelvlak 3.0 codes occupations and skills as CompetentNL URIs and
  // education names as SuwiML codes, and checks only their length and shape.
  const std::set<std::string> external = {
      "vum.v1.Beroep.code_beroepsnaam", "vum.v1.Competentiebeheersing.code_competentie",
      "vum.v1.Opleiding.code_opleidingsnaam",
      "vum.v1.GevraagdeOpleiding.code_opleidingsnaam"};
  std::vector<std::string> unbound;
  for (const FieldDescriptor* f : AllFields()) {
    const bool coded = f->enum_type() != nullptr ||
                       absl::StartsWith(f->name(), "code_") ||
                       absl::StartsWith(f->name(), "landencode");
    if (!coded || external.count(f->full_name())) continue;
    bool bound = false;
    for (const v1::Rule& rule : InfoOf(*f).rule()) {
      bound |= rule.kind_case() == v1::Rule::kCodeList ||
               rule.kind_case() == v1::Rule::kCodeSet;
    }
    if (!bound) unbound.push_back(f->full_name());
  }
  EXPECT_THAT(unbound, IsEmpty());
}

TEST(SchemaTest, NoStringFieldAcceptsAnEmptyValue) {
  std::vector<std::string> open;
  for (const FieldDescriptor* f : AllFields()) {
    if (!IsString(*f)) continue;
    bool closed = false;
    for (const v1::Rule& rule : InfoOf(*f).rule()) {
      closed |= (rule.kind_case() == v1::Rule::kLength && rule.length().min() > 0) ||
                rule.kind_case() == v1::Rule::kFormat ||
                rule.kind_case() == v1::Rule::kCodeSet ||
                rule.kind_case() == v1::Rule::kCodeList;
    }
    if (!closed) open.push_back(f->full_name());
  }
  EXPECT_THAT(open, IsEmpty());
}

TEST(SchemaTest, EveryListHasAnUpperBound) {
  std::vector<std::string> unbounded;
  for (const FieldDescriptor* f : AllFields()) {
    if (!f->is_repeated()) continue;
    bool bounded = false;
    for (const v1::Rule& rule : InfoOf(*f).rule()) {
      bounded |= rule.kind_case() == v1::Rule::kItems && rule.items().max() > 0;
    }
    if (!bounded) unbounded.push_back(f->full_name());
  }
  EXPECT_THAT(unbounded, IsEmpty());
}

TEST(SchemaTest, ScalarFieldsTrackPresence) {
  // Without presence, a code 0 ("onbekend") could not be told from absence
  // and would vanish from the JSON form.
  std::vector<std::string> implicit;
  for (const FieldDescriptor* f : AllFields()) {
    if (!f->is_repeated() && !f->has_presence()) implicit.push_back(f->full_name());
  }
  EXPECT_THAT(implicit, IsEmpty());
}

TEST(ViewsTest, EmployerSeesNoIdentifiersContactDataOrFreeText) {
  for (auto privacy : {v1::PRIVACY_DIRECT_IDENTIFIER, v1::PRIVACY_CONTACT,
                       v1::PRIVACY_FREE_TEXT, v1::PRIVACY_CLASS_UNSPECIFIED}) {
    EXPECT_FALSE(VisibleIn(privacy, v1::VIEW_EMPLOYER)) << privacy;
  }
  for (auto privacy : {v1::PRIVACY_NOT_PERSONAL, v1::PRIVACY_PERSONAL,
                       v1::PRIVACY_QUASI_IDENTIFIER, v1::PRIVACY_SPECIAL_CATEGORY}) {
    EXPECT_TRUE(VisibleIn(privacy, v1::VIEW_EMPLOYER)) << privacy;
  }
  EXPECT_TRUE(NeedsConsentIn(v1::PRIVACY_SPECIAL_CATEGORY, v1::VIEW_EMPLOYER));
  EXPECT_FALSE(NeedsConsentIn(v1::PRIVACY_SPECIAL_CATEGORY, v1::VIEW_MEDIATOR));
  EXPECT_FALSE(NeedsConsentIn(v1::PRIVACY_PERSONAL, v1::VIEW_EMPLOYER));
}

TEST(ViewsTest, MediatorAndOwnerSeeEveryClass) {
  for (int c = v1::PRIVACY_NOT_PERSONAL; c <= v1::PRIVACY_SPECIAL_CATEGORY; ++c) {
    const auto privacy = static_cast<v1::PrivacyClass>(c);
    EXPECT_TRUE(VisibleIn(privacy, v1::VIEW_MEDIATOR)) << c;
    EXPECT_TRUE(VisibleIn(privacy, v1::VIEW_OWNER)) << c;
    EXPECT_FALSE(LabelOf(privacy).empty()) << c;
  }
  EXPECT_EQ(LabelOf(v1::VIEW_EMPLOYER), "Matchingsprofiel");
  EXPECT_EQ(LabelOf(v1::VIEW_MEDIATOR), "Detailprofiel");
}

TEST(SchemaTest, InfoOfAForeignElementIsEmpty) {
  const Descriptor* foreign = v1::Rule::descriptor();  // meta-schema, no options
  EXPECT_TRUE(InfoOf(*foreign).label().empty());
  EXPECT_EQ(InfoOf(*foreign->field(0)).privacy(), v1::PRIVACY_CLASS_UNSPECIFIED);
}

}  // namespace
}  // namespace vum
