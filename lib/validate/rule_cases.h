// Test support: for any rule of the schema, records that conform and records
// that break it, built from the rule's declaration. The rule tests
// (rule_cases_test.cc) and the conformance vectors (conformance/vectors) both
// come from here.

#ifndef VUM_LIB_VALIDATE_RULE_CASES_H_
#define VUM_LIB_VALIDATE_RULE_CASES_H_

#include <algorithm>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "lib/validate/test_records.h"
#include "vum/schema.h"

namespace vum::testing {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

struct RuleSite {
  const v1::Rule* rule;
  const Descriptor* message;
  const FieldDescriptor* field;  // null for a rule over several fields
};

// gtest prints a site as its rule id.
inline void PrintTo(const RuleSite& site, std::ostream* os) { *os << site.rule->id(); }

inline std::vector<RuleSite> AllRuleSites() {
  std::vector<RuleSite> sites;
  for (const Descriptor* m : StandardMessages()) {
    for (int i = 0; i < m->field_count(); ++i) {
      for (const v1::Rule& rule : InfoOf(*m->field(i)).rule()) {
        sites.push_back({&rule, m, m->field(i)});
      }
    }
    for (const v1::Rule& rule : InfoOf(*m).rule()) sites.push_back({&rule, m, nullptr});
  }
  return sites;
}

struct Case {
  std::string name;
  std::unique_ptr<Message> record;
  std::string path;  // where the violation must be; unused when conforming
};

class RuleCaseBuilder {
 public:
  explicit RuleCaseBuilder(const CodeListRegistry& lists) : builder_(lists) {}

  // A record that conforms and lets `site`'s rule judge something (two for
  // a rule about consent).
  std::vector<Case> Conforming(const RuleSite& site) const;
  // Records that break `site`'s rule, each with the path of the violation.
  // Empty for a rule kind this builder cannot break.
  std::vector<Case> Breaking(const RuleSite& site) const;

 private:
  std::unique_ptr<Message> Filled(const RuleSite& site) const {
    std::unique_ptr<Message> m(google::protobuf::MessageFactory::generated_factory()
                                   ->GetPrototype(site.message)
                                   ->New());
    builder_.Fill(m.get());
    return m;
  }

  static std::string Path(const FieldDescriptor* f, int index = -1) {
    return index < 0 ? f->json_name() : absl::StrCat(f->json_name(), "[", index, "]");
  }

  // After `wanted` was set: sets what `when` rules now ask for, and
  // clears the other members of an exactly-one set, keeping what was set.
  void Repair(Message* m, std::vector<const FieldDescriptor*> keep) const {
    const Descriptor* type = m->GetDescriptor();
    for (const v1::Rule& rule : InfoOf(*type).rule()) {
      if (rule.kind_case() != v1::Rule::kWhen) continue;
      const FieldDescriptor* condition = type->FindFieldByName(rule.when().field());
      if (!RecordBuilder::Present(*m, condition) || !rule.when().equals().empty())
        continue;
      for (const std::string& name : rule.when().then()) {
        const FieldDescriptor* f = type->FindFieldByName(name);
        if (!RecordBuilder::Present(*m, f)) builder_.SetValid(m, f);
        keep.push_back(f);
      }
    }
    for (const v1::Rule& rule : InfoOf(*type).rule()) {
      if (rule.kind_case() != v1::Rule::kExactlyOne) continue;
      for (const std::string& name : rule.exactly_one().fields()) {
        const FieldDescriptor* f = type->FindFieldByName(name);
        if (std::find(keep.begin(), keep.end(), f) != keep.end()) continue;
        bool other_kept = false;
        for (const std::string& n : rule.exactly_one().fields()) {
          const FieldDescriptor* g = type->FindFieldByName(n);
          other_kept |= std::find(keep.begin(), keep.end(), g) != keep.end();
        }
        if (other_kept) m->GetReflection()->ClearField(m, f);
      }
    }
  }

  // Makes `condition` present, holding `equals` when that is set.
  void SetCondition(Message* m, const FieldDescriptor* condition,
                    const std::string& equals) const {
    m->GetReflection()->ClearField(m, condition);
    if (equals.empty()) {
      builder_.SetValid(m, condition);
    } else if (condition->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      RecordBuilder::SetString(m, condition, equals);
    } else {
      RecordBuilder::SetEnum(m, condition, std::stoi(equals));
    }
  }

  std::vector<Case> BreakFieldRule(const RuleSite& site) const;
  std::vector<Case> BreakMessageRule(const RuleSite& site) const;

  RecordBuilder builder_;
};

inline std::vector<Case> RuleCaseBuilder::Conforming(const RuleSite& site) const {
  std::vector<Case> cases;
  auto m = Filled(site);
  // Make sure the rule has something to judge.
  if (site.field != nullptr && !RecordBuilder::Present(*m, site.field)) {
    builder_.SetValid(m.get(), site.field);
    Repair(m.get(), {site.field});
  }
  if (site.rule->kind_case() == v1::Rule::kOrder) {
    const FieldDescriptor* a = site.message->FindFieldByName(site.rule->order().first());
    const FieldDescriptor* b = site.message->FindFieldByName(site.rule->order().second());
    builder_.SetValid(m.get(), a);
    builder_.SetValid(m.get(), b);  // equal values are in order
  }
  if (site.rule->kind_case() == v1::Rule::kWhen) {
    // The condition holds and what it asks for is there.
    const auto& req = site.rule->when();
    const FieldDescriptor* condition = site.message->FindFieldByName(req.field());
    SetCondition(m.get(), condition, req.equals());
    std::vector<const FieldDescriptor*> keep = {condition};
    for (const std::string& name : req.then()) {
      keep.push_back(site.message->FindFieldByName(name));
      builder_.SetValid(m.get(), keep.back());
    }
    Repair(m.get(), keep);
  }
  cases.push_back({"filled", std::move(m), ""});
  if (site.rule->kind_case() == v1::Rule::kWithinView &&
      !site.rule->within_view().consent_field().empty()) {
    // With consent, special-category data may be shown.
    auto consented = Filled(site);
    const FieldDescriptor* consent =
        site.message->FindFieldByName(site.rule->within_view().consent_field());
    builder_.SetValid(consented.get(), consent);
    Message* view =
        consented->GetReflection()->MutableMessage(consented.get(), site.field);
    for (int i = 0; i < view->GetDescriptor()->field_count(); ++i) {
      const FieldDescriptor* f = view->GetDescriptor()->field(i);
      if (InfoOf(*f).privacy() == v1::PRIVACY_SPECIAL_CATEGORY)
        builder_.SetValid(view, f);
    }
    cases.push_back({"special category with consent", std::move(consented), ""});
  }
  return cases;
}

inline std::vector<Case> RuleCaseBuilder::BreakFieldRule(const RuleSite& site) const {
  const FieldDescriptor* f = site.field;
  const v1::Rule& rule = *site.rule;
  const auto* reflection = Filled(site)->GetReflection();
  std::vector<Case> cases;
  // A record whose field holds one `value` (a list: one element).
  auto with_value = [&](const std::string& name, auto set) {
    auto m = Filled(site);
    reflection->ClearField(m.get(), f);
    set(m.get());
    cases.push_back({name, std::move(m), Path(f, f->is_repeated() ? 0 : -1)});
  };
  switch (rule.kind_case()) {
    case v1::Rule::kRequired: {
      auto m = Filled(site);
      reflection->ClearField(m.get(), f);
      cases.push_back({"absent", std::move(m), Path(f)});
      break;
    }
    case v1::Rule::kLength: {
      with_value("too long", [&](Message* m) {
        RecordBuilder::SetString(m, f, std::string(rule.length().max() + 1, 'a'));
      });
      if (rule.length().min() > 0) {
        with_value("too short", [&](Message* m) {
          RecordBuilder::SetString(m, f, std::string(rule.length().min() - 1, 'a'));
        });
      }
      break;
    }
    case v1::Rule::kRange: {
      with_value("above", [&](Message* m) {
        RecordBuilder::SetNumber(m, f, static_cast<double>(rule.range().max()) + 1);
      });
      if (f->cpp_type() != FieldDescriptor::CPPTYPE_UINT64 || rule.range().min() > 0) {
        with_value("below", [&](Message* m) {
          RecordBuilder::SetNumber(m, f, static_cast<double>(rule.range().min()) - 1);
        });
      }
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
        with_value("not whole", [&](Message* m) {
          RecordBuilder::SetNumber(m, f, static_cast<double>(rule.range().min()) + 0.5);
        });
      }
      break;
    }
    case v1::Rule::kFormat: {
      // "x" has no format but an identifier's; a space breaks that one.
      const std::string bad = site.rule->format() == v1::FORMAT_SAFE_ID ? "a b" : "x";
      with_value("malformed", [&](Message* m) { RecordBuilder::SetString(m, f, bad); });
      break;
    }
    case v1::Rule::kCodeSet:
      with_value("unknown code",
                 [&](Message* m) { RecordBuilder::SetString(m, f, "ZZ"); });
      break;
    case v1::Rule::kCodeList:
      if (f->enum_type() != nullptr) {
        with_value("undeclared code",
                   [&](Message* m) { RecordBuilder::SetEnum(m, f, 999); });
        for (int i = 0; i < f->enum_type()->value_count(); ++i) {
          if (!InfoOf(*f->enum_type()->value(i)).placeholder()) continue;
          with_value("placeholder", [&](Message* m) {
            RecordBuilder::SetEnum(m, f, f->enum_type()->value(i)->number());
          });
        }
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        with_value("code not in list",
                   [&](Message* m) { RecordBuilder::SetString(m, f, "ZZZ"); });
      } else {
        with_value("code not in list",
                   [&](Message* m) { RecordBuilder::SetNumber(m, f, 99998); });
      }
      break;
    case v1::Rule::kItems: {
      auto m = Filled(site);
      reflection->ClearField(m.get(), f);
      for (uint32_t i = 0; i <= rule.items().max(); ++i) builder_.SetValid(m.get(), f);
      cases.push_back({"too many", std::move(m), Path(f)});
      if (rule.items().unique()) {
        auto d = Filled(site);
        reflection->ClearField(d.get(), f);
        builder_.SetValid(d.get(), f);
        builder_.SetValid(d.get(), f);
        cases.push_back({"duplicate", std::move(d), Path(f, 1)});
      }
      break;
    }
    case v1::Rule::kWithinView: {
      const v1::View view = rule.within_view().view();
      const Descriptor* nested = f->message_type();
      for (int i = 0; i < nested->field_count(); ++i) {
        const FieldDescriptor* g = nested->field(i);
        const v1::PrivacyClass c = InfoOf(*g).privacy();
        const bool excluded = !VisibleIn(c, view);
        const bool needs_consent = VisibleIn(c, view) && NeedsConsentIn(c, view);
        if (!excluded && !needs_consent) continue;
        auto m = Filled(site);
        builder_.SetValid(reflection->MutableMessage(m.get(), f), g);
        cases.push_back(
            {absl::StrCat(excluded ? "excluded " : "without consent ", g->json_name()),
             std::move(m), absl::StrCat(Path(f), ".", g->json_name())});
      }
      break;
    }
    default:
      break;  // no way to break this kind: the caller sees no case
  }
  return cases;
}

inline std::vector<Case> RuleCaseBuilder::BreakMessageRule(const RuleSite& site) const {
  const v1::Rule& rule = *site.rule;
  const Descriptor* type = site.message;
  const auto* reflection = Filled(site)->GetReflection();
  std::vector<Case> cases;
  auto field = [&](const std::string& name) { return type->FindFieldByName(name); };
  switch (rule.kind_case()) {
    case v1::Rule::kOrder: {
      const FieldDescriptor* a = field(rule.order().first());
      const FieldDescriptor* b = field(rule.order().second());
      auto m = Filled(site);
      if (a->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        const bool moment = RecordBuilder::FindRule(a, v1::Rule::kFormat)->format() ==
                            v1::FORMAT_DATE_TIME;
        RecordBuilder::SetString(m.get(), a,
                                 moment ? "2026-03-01T00:00:00Z" : "2026-03-01");
        RecordBuilder::SetString(m.get(), b,
                                 moment ? "2026-01-01T00:00:00Z" : "2026-01-01");
      } else {
        RecordBuilder::SetNumber(m.get(), a, 40);
        RecordBuilder::SetNumber(m.get(), b, 20);
      }
      cases.push_back({"out of order", std::move(m), Path(a)});
      break;
    }
    case v1::Rule::kWhen: {
      const FieldDescriptor* condition = field(rule.when().field());
      auto m = Filled(site);
      SetCondition(m.get(), condition, rule.when().equals());
      for (const std::string& name : rule.when().then()) {
        reflection->ClearField(m.get(), field(name));
      }
      cases.push_back({"condition without its consequence", std::move(m),
                       Path(field(rule.when().then(0)))});
      break;
    }
    case v1::Rule::kExactlyOne:
    case v1::Rule::kAtLeastOne: {
      const auto& names = rule.kind_case() == v1::Rule::kExactlyOne
                              ? rule.exactly_one().fields()
                              : rule.at_least_one().fields();
      auto none = Filled(site);
      for (const std::string& name : names)
        reflection->ClearField(none.get(), field(name));
      cases.push_back({"none present", std::move(none), ""});
      // Two at once, where they are not alternatives of one protobuf oneof.
      if (rule.kind_case() == v1::Rule::kExactlyOne &&
          field(names[0])->containing_oneof() == nullptr) {
        auto two = Filled(site);
        builder_.SetValid(two.get(), field(names[0]));
        builder_.SetValid(two.get(), field(names[1]));
        cases.push_back({"two present", std::move(two), ""});
      }
      break;
    }
    default:
      break;  // no way to break this kind: the caller sees no case
  }
  return cases;
}

inline std::vector<Case> RuleCaseBuilder::Breaking(const RuleSite& site) const {
  return site.field != nullptr ? BreakFieldRule(site) : BreakMessageRule(site);
}

}  // namespace vum::testing

#endif  // VUM_LIB_VALIDATE_RULE_CASES_H_
