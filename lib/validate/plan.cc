#include "lib/validate/plan.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "lib/schema/field_types.h"
#include "vum/schema.h"

namespace vum::validate_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using schema_internal::IsNumeric;

absl::Status Unsupported(absl::string_view id, absl::string_view why) {
  return absl::InternalError(absl::StrCat("rule ", id, " cannot be enforced: ", why));
}

bool IsString(const FieldDescriptor& f) {
  return f.type() == FieldDescriptor::TYPE_STRING;
}

class Compiler {
 public:
  Compiler(const ValidatorOptions& options, absl::CivilDay day)
      : options_(options), day_(day) {}

  // The generated accessors of `f`, or null.
  static const access_internal::FieldAccess* AccessOf(const FieldDescriptor& f) {
    const access_internal::MessageAccess* access =
        access_internal::FindMessageAccess(f.containing_type());
    return access == nullptr ? nullptr : &access->fields[f.index()];
  }

  absl::StatusOr<RuleRef> Ref(const v1::Rule& rule) const {
    const RuleDescription* d = FindRule(rule.id());
    if (d == nullptr) return Unsupported(rule.id(), "not in the rule catalogue");
    // In transition mode a rule the pilot lacked warns a source that still
    // sends what the pilot allowed, instead of refusing it.
    // Below vum's strict level, vum's own stricter rules warn.
    const bool warn = d->severity == Severity::kError &&
                      ((options_.pilot_transition && d->pilot == PilotRule::kLacked) ||
                       (!options_.vum_strict && d->level == RuleLevel::kVum));
    return RuleRef{
        d, warn ? Severity::kWarning : d->severity,
        options_.language == Language::kEnglish ? &d->message_en : &d->message_nl};
  }

  absl::StatusOr<FieldCheck> FieldRule(const v1::Rule& rule,
                                       const FieldDescriptor& f) const {
    absl::StatusOr<RuleRef> ref = Ref(rule);
    if (!ref.ok()) return ref.status();
    FieldCheck check;
    check.kind = FieldCheckKind::kRequired;
    check.rule = *ref;
    check.zero_rule = *ref;
    if (options_.pilot_transition && ref->description->pilot == PilotRule::kAllowedZero &&
        ref->severity == Severity::kError) {
      check.zero_rule.severity = Severity::kWarning;
    }
    switch (rule.kind_case()) {
      case v1::Rule::kRequired:
        return check;
      case v1::Rule::kLength:
        if (!IsString(f) && f.type() != FieldDescriptor::TYPE_BYTES) {
          return Unsupported(rule.id(), "length on a field that is not text");
        }
        check.kind = FieldCheckKind::kLength;
        check.min = rule.length().min();
        check.max = rule.length().max();
        return check;
      case v1::Rule::kRange:
        if (!IsNumeric(f)) return Unsupported(rule.id(), "range on a non-numeric field");
        check.kind = FieldCheckKind::kRange;
        check.min = rule.range().min();
        check.max = rule.range().max();
        return check;
      case v1::Rule::kFormat:
        if (!IsString(f)) return Unsupported(rule.id(), "format on a non-string field");
        check.kind = FieldCheckKind::kFormat;
        check.format = rule.format();
        return check;
      case v1::Rule::kCodeSet:
        if (!IsString(f)) return Unsupported(rule.id(), "code set on a non-string field");
        check.kind = FieldCheckKind::kCodeSet;
        for (const v1::Code& code : rule.code_set().code())
          check.codes.push_back(code.code());
        return check;
      case v1::Rule::kCodeList:
        return CodeListRule(rule, f, std::move(check));
      case v1::Rule::kItems:
        if (!f.is_repeated()) return Unsupported(rule.id(), "items on a single field");
        check.kind = FieldCheckKind::kItems;
        check.min = rule.items().min();
        check.max = rule.items().max();
        check.unique = rule.items().unique();
        return check;
      case v1::Rule::kWithinView:
        if (f.message_type() == nullptr) {
          return Unsupported(rule.id(), "within_view on a field that is not a record");
        }
        check.kind = FieldCheckKind::kWithinView;
        check.view = rule.within_view().view();
        if (!rule.within_view().consent_field().empty()) {
          check.consent_field =
              f.containing_type()->FindFieldByName(rule.within_view().consent_field());
          if (check.consent_field == nullptr) {
            return Unsupported(rule.id(), "its consent field does not exist");
          }
        }
        return check;
      default:
        return Unsupported(rule.id(), "a message rule declared on a field");
    }
  }

  absl::StatusOr<FieldCheck> CodeListRule(const v1::Rule& rule, const FieldDescriptor& f,
                                          FieldCheck check) const {
    if (f.enum_type() != nullptr) {
      check.kind = FieldCheckKind::kEnumCode;
      for (int i = 0; i < f.enum_type()->value_count(); ++i) {
        const auto* value = f.enum_type()->value(i);
        if (!InfoOf(*value).placeholder()) check.enum_numbers.insert(value->number());
      }
      return check;
    }
    if (!IsString(f) && !IsNumeric(f)) {
      return Unsupported(rule.id(), "code list on a field that holds no code");
    }
    check.kind = FieldCheckKind::kCodeList;
    if (options_.code_lists != nullptr) {
      check.list = options_.code_lists->Find(rule.code_list().list(), day_);
    }
    if (check.list != nullptr && IsNumeric(f)) {
      // A numeric field cannot keep leading zeros or dots: compare the
      // list's codes by their digits ("01.11" is 111).
      for (const CodeList::Entry& entry : check.list->entries()) {
        if (!check.list->Contains(entry.code, day_)) continue;
        std::string digits;
        for (char c : entry.code) {
          if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digits += c;
        }
        int64_t number;
        if (!digits.empty() && absl::SimpleAtoi(digits, &number)) {
          check.numeric_codes.insert(number);
        }
      }
    }
    return check;
  }

  absl::StatusOr<MessageCheck> MessageRule(const v1::Rule& rule,
                                           const Descriptor& m) const {
    absl::StatusOr<RuleRef> ref = Ref(rule);
    if (!ref.ok()) return ref.status();
    MessageCheck check;
    check.kind = MessageCheckKind::kOrder;
    check.rule = *ref;
    std::vector<std::string> names;
    switch (rule.kind_case()) {
      case v1::Rule::kOrder:
        names = {rule.order().first(), rule.order().second()};
        break;
      case v1::Rule::kWhen:
        check.kind = MessageCheckKind::kRequires;
        names.push_back(rule.when().field());
        names.insert(names.end(), rule.when().then().begin(), rule.when().then().end());
        check.has_equals = !rule.when().equals().empty();
        check.equals = rule.when().equals();
        break;
      case v1::Rule::kExactlyOne:
        check.kind = MessageCheckKind::kExactlyOne;
        names.assign(rule.exactly_one().fields().begin(),
                     rule.exactly_one().fields().end());
        break;
      case v1::Rule::kAtLeastOne:
        check.kind = MessageCheckKind::kAtLeastOne;
        names.assign(rule.at_least_one().fields().begin(),
                     rule.at_least_one().fields().end());
        break;
      default:
        return Unsupported(rule.id(), "a field rule declared on a message");
    }
    for (const std::string& name : names) {
      const FieldDescriptor* f = m.FindFieldByName(name);
      if (f == nullptr) return Unsupported(rule.id(), absl::StrCat("no field ", name));
      check.fields.push_back(f);
      check.access.push_back(AccessOf(*f));
      check.privacy.push_back(InfoOf(*f).privacy());
    }
    if (check.has_equals && !IsString(*check.fields[0]) &&
        !absl::SimpleAtoi(check.equals, &check.equals_number)) {
      return Unsupported(rule.id(), "compares a number with a code that is not a number");
    }
    if (check.kind == MessageCheckKind::kOrder) {
      absl::StatusOr<OrderKind> kind = OrderOf(rule, *check.fields[0]);
      if (!kind.ok()) return kind.status();
      check.order = *kind;
    }
    return check;
  }

  static absl::StatusOr<OrderKind> OrderOf(const v1::Rule& rule,
                                           const FieldDescriptor& f) {
    if (IsNumeric(f)) return OrderKind::kNumber;
    for (const v1::Rule& r : InfoOf(f).rule()) {
      if (r.kind_case() != v1::Rule::kFormat) continue;
      if (r.format() == v1::FORMAT_DATE) return OrderKind::kDate;
      if (r.format() == v1::FORMAT_DATE_TIME) return OrderKind::kDateTime;
    }
    return Unsupported(rule.id(), "orders fields that are neither dates nor numbers");
  }

 private:
  const ValidatorOptions& options_;
  absl::CivilDay day_;
};

}  // namespace

std::string CheckKindsOf(const MessagePlan& plan) {
  std::string out;
  for (size_t i = 0; i < plan.fields.size(); ++i) {
    if (i > 0) out += ',';
    for (const FieldCheck& check : plan.fields[i].checks) {
      out += "RLGFSECIV"[static_cast<int>(check.kind)];
    }
  }
  return out;
}

absl::StatusOr<std::unique_ptr<Plans>> Plans::Compile(const ValidatorOptions& options,
                                                      absl::CivilDay reference_date) {
  auto plans = std::unique_ptr<Plans>(new Plans);
  for (const Descriptor* type : StandardMessages()) {
    auto plan = std::make_unique<MessagePlan>();
    plan->type = type;
    plan->reflection = google::protobuf::MessageFactory::generated_factory()
                           ->GetPrototype(type)
                           ->GetReflection();
    plans->plans_.emplace(type, std::move(plan));
  }
  const Compiler compiler(options, reference_date);
  for (auto& [type, plan] : plans->plans_) {
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      FieldPlan field;
      field.field = f;
      field.access = Compiler::AccessOf(*f);
      field.cpp_type = f->cpp_type();
      field.repeated = f->is_repeated();
      field.bytes = f->type() == FieldDescriptor::TYPE_BYTES;
      field.privacy = InfoOf(*f).privacy();
      if (f->message_type() != nullptr) field.nested = plans->Find(f->message_type());
      for (const v1::Rule& rule : InfoOf(*f).rule()) {
        absl::StatusOr<FieldCheck> check = compiler.FieldRule(rule, *f);
        if (!check.ok()) return check.status();
        field.checks.push_back(*std::move(check));
      }
      for (const FieldCheck& check : field.checks) {
        if (check.kind == FieldCheckKind::kWithinView) field.view_check = &check;
      }
      plan->fields.push_back(std::move(field));
    }
    for (const v1::Rule& rule : InfoOf(*type).rule()) {
      absl::StatusOr<MessageCheck> check = compiler.MessageRule(rule, *type);
      if (!check.ok()) return check.status();
      plan->checks.push_back(*std::move(check));
    }
  }
  // The generated walkers, where the plan is the one they were generated for
  // (and access tables are on: the walkers read through the generated
  // classes).
  for (int i = 0; i < kGeneratedWalkerCount; ++i) {
    const GeneratedWalker& walker = kGeneratedWalkers[i];
    const Descriptor* type = walker.descriptor();
    auto it = plans->plans_.find(type);
    if (it == plans->plans_.end() ||
        access_internal::FindMessageAccess(type) == nullptr) {
      continue;
    }
    if (CheckKindsOf(*it->second) != walker.check_kinds) {
      return absl::InternalError(absl::StrCat("the generated walker of ",
                                              type->full_name(),
                                              " does not match its rules; rebuild"));
    }
    it->second->generated_walk = walker.walk;
  }
  return plans;
}

const MessagePlan* Plans::Find(const Descriptor* type) const {
  auto it = plans_.find(type);
  return it == plans_.end() ? nullptr : it->second.get();
}

}  // namespace vum::validate_internal
