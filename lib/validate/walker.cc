#include "lib/validate/walker.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "lib/schema/field_types.h"
#include "vum/schema.h"

namespace vum::validate_internal {
namespace {

// Each reads field `f` of `m` through its generated accessors `a`, or through
// reflection `r` when `a` is null; `index` is an element, or -1.

bool Present(const FieldAccess* a, const Reflection* r, const Message& m,
             const FieldDescriptor* f) {
  if (a != nullptr) return a->size(m) > 0;
  return f->is_repeated() ? r->FieldSize(m, f) > 0 : r->HasField(m, f);
}

const std::string& StringOf(const FieldAccess* a, const Reflection* r, const Message& m,
                            const FieldDescriptor* f, int index, std::string* scratch) {
  if (a != nullptr) return a->string(m, index);
  return index >= 0 ? r->GetRepeatedStringReference(m, f, index, scratch)
                    : r->GetStringReference(m, f, scratch);
}

const Message& MessageOf(const FieldAccess* a, const Reflection* r, const Message& m,
                         const FieldDescriptor* f, int index) {
  if (a != nullptr) return a->message(m, index);
  return index >= 0 ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f);
}

// The number in a numeric field, as a double (exact for every value the
// schema's ranges allow); an enum's number; a bool as 0 or 1.
double NumberOf(const FieldAccess* a, const Reflection* r, const Message& m,
                const FieldDescriptor* f, int index) {
  if (a != nullptr) return a->number(m, index);
  const bool rep = index >= 0;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f);
    case FieldDescriptor::CPPTYPE_INT64:
      return static_cast<double>(rep ? r->GetRepeatedInt64(m, f, index)
                                     : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f);
    case FieldDescriptor::CPPTYPE_UINT64:
      return static_cast<double>(rep ? r->GetRepeatedUInt64(m, f, index)
                                     : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f);
    case FieldDescriptor::CPPTYPE_FLOAT:
      return rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f);
    case FieldDescriptor::CPPTYPE_ENUM:
      return rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? 1 : 0;
    default:
      return 0;
  }
}

// A key that is equal for equal elements of a list, for the uniqueness rule.
// Replaces `*key`, whose buffer is reused.
void ElementKey(const FieldAccess* a, const Reflection* r, const Message& m,
                const FieldDescriptor* f, int index, std::string* key) {
  key->clear();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;  // reflection's, for a value it must copy
      key->append(StringOf(a, r, m, f, index, &scratch));
      return;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      // Sized first and written into the key in one go: a string stream
      // would grow the key step by step.
      const Message& element = MessageOf(a, r, m, f, index);
      key->resize(element.ByteSizeLong());
      google::protobuf::io::ArrayOutputStream stream(key->data(),
                                                     static_cast<int>(key->size()));
      google::protobuf::io::CodedOutputStream coded(&stream);
      coded.SetSerializationDeterministic(true);
      element.SerializeWithCachedSizes(&coded);
      return;
    }
    default:
      absl::StrAppend(key, NumberOf(a, r, m, f, index));
      return;
  }
}

}  // namespace

bool Walker::InViewSlow(const FieldPlan& fp, int size, const ViewContext& view) {
  const v1::View v = view.check->view;
  const bool excluded = !impl_.Visible(fp.privacy, v);
  const bool unconsented = !view.consent && impl_.NeedsConsent(fp.privacy, v);
  if (!excluded && !unconsented) return true;
  // An element the view leaves out may not be there, and its presence
  // rules do not apply.
  if (size > 0) {
    Report(view.check->rule, Child(fp.field), {},
           {{"view", LabelOf(v)},
            {"privacy", LabelOf(fp.privacy)},
            {"reason", excluded ? "excluded" : "no-consent"}});
  }
  return false;
}

void Walker::Report(const RuleRef& rule, const FieldPath& path,
                    std::vector<FieldPath> related, std::vector<RuleParam> params) {
  if (static_cast<int>(rule.severity) > static_cast<int>(options_.min_severity)) return;
  switch (rule.severity) {
    case Severity::kError:
      ++counts_.errors;
      break;
    case Severity::kWarning:
      ++counts_.warnings;
      break;
    case Severity::kInfo:
      ++counts_.infos;
      break;
  }
  violations_.push_back(Violation{rule.description->id, rule.severity, path,
                                  std::move(related), std::move(params), *rule.message});
  if (rule.severity == Severity::kError && options_.stop_at_first_error) stopped_ = true;
}

void Walker::Unchecked(const RuleRef& rule) {
  for (const std::string& id : unchecked_) {
    if (id == rule.description->id) return;
  }
  unchecked_.push_back(rule.description->id);
}

FieldPath Walker::Here() const {
  FieldPath p;
  for (size_t i = 0; i < depth_; ++i) {
    p.Append(trail_[i].field->field->json_name(), trail_[i].index);
  }
  return p;
}

FieldPath Walker::HereAt(int index) const {
  FieldPath p = Here();
  if (index >= 0) {
    p.RemoveLast();
    p.Append(trail_[depth_ - 1].field->field->json_name(), index);
  }
  return p;
}

FieldPath Walker::Child(const FieldDescriptor* f) const {
  FieldPath p = Here();
  p.Append(f->json_name());
  return p;
}

void Walker::WalkMessage(const Message& m, const MessagePlan& plan,
                         const ViewContext* view) {
  if (generated_ && plan.generated_walk != nullptr) {
    plan.generated_walk(*this, m, plan, view);
    return;
  }
  // Without a generated walker (a DynamicMessage, or generated code off),
  // every field is read through reflection.
  const Reflection* r = ReflectionOf(m, plan);
  for (const FieldPlan& fp : plan.fields) {
    if (stopped_) return;
    const FieldDescriptor* f = fp.field;
    const int size = fp.repeated ? r->FieldSize(m, f) : (r->HasField(m, f) ? 1 : 0);
    if (!InView(fp, size, view)) continue;
    Enter(fp);
    for (const FieldCheck& check : fp.checks) {
      if (stopped_) break;
      CheckField(r, m, fp, check, size, view);
    }
    if (fp.nested != nullptr && size > 0 && !stopped_) {
      ViewContext nested_view{fp.view_check, false};
      if (fp.view_check != nullptr) {
        nested_view.consent = fp.view_check->consent_field != nullptr &&
                              Present(nullptr, r, m, fp.view_check->consent_field);
      }
      const ViewContext* next = fp.view_check != nullptr ? &nested_view : view;
      if (fp.repeated) {
        for (int i = 0; i < size && !stopped_; ++i) {
          At(i);
          WalkMessage(r->GetRepeatedMessage(m, f, i), *fp.nested, next);
        }
        At(-1);
      } else {
        WalkMessage(r->GetMessage(m, f), *fp.nested, next);
      }
    }
    Leave();
  }
  MessageChecks(m, plan, view);
}

bool Walker::AllVisible(const MessageCheck& check, const ViewContext& view) const {
  for (v1::PrivacyClass c : check.privacy) {
    if (!impl_.Visible(c, view.check->view) ||
        (!view.consent && impl_.NeedsConsent(c, view.check->view))) {
      return false;
    }
  }
  return true;
}

void Walker::CheckField(const Reflection* r, const Message& m, const FieldPlan& fp,
                        const FieldCheck& check, int size, const ViewContext* view) {
  switch (check.kind) {
    case FieldCheckKind::kRequired:
      if (size == 0) Report(check.rule, Here(), {}, {});
      return;
    case FieldCheckKind::kItems:
      CheckItems(r, m, fp, check, size);
      return;
    case FieldCheckKind::kWithinView:
      return;  // Applied while walking the nested record.
    default:
      break;
  }
  if (!fp.repeated) {
    if (size > 0) CheckValue(fp, check, ValueOf(r, m, fp, -1), -1, view);
    return;
  }
  for (int i = 0; i < size && !stopped_; ++i) {
    CheckValue(fp, check, ValueOf(r, m, fp, i), i, view);
  }
}

void Walker::CheckItems(const Reflection* r, const Message& m, const FieldPlan& fp,
                        const FieldCheck& check, int size) {
  if (size == 0) return;
  if (size < check.min || size > check.max) {
    Report(check.rule, Here(), {},
           {{"min", absl::StrCat(check.min)},
            {"max", absl::StrCat(check.max)},
            {"problem", size > check.max ? "too-many" : "too-few"}});
    // Past the maximum, a uniqueness check would only cost time.
    if (size > check.max) return;
  }
  if (!check.unique || size < 2) return;
  // The keys' buffers are the thread's, kept from record to record.
  static thread_local std::vector<std::string> keys;
  if (keys.size() < static_cast<size_t>(size)) keys.resize(size);
  for (int i = 0; i < size; ++i)
    ElementKey(Access(fp.access), r, m, fp.field, i, &keys[i]);
  // Short lists (the usual case) are compared pairwise, without a table.
  absl::flat_hash_map<absl::string_view, int> first;
  for (int i = 0; i < size && !stopped_; ++i) {
    int earlier = -1;
    if (size <= kPairwiseItems) {
      for (int j = 0; j < i && earlier < 0; ++j) {
        if (keys[j] == keys[i]) earlier = j;
      }
    } else if (auto [it, inserted] = first.emplace(keys[i], i); !inserted) {
      earlier = it->second;
    }
    if (earlier < 0) continue;
    Report(check.rule, HereAt(i), {HereAt(earlier)}, {{"problem", "duplicate"}});
  }
}

Walker::Value Walker::ValueOf(const Reflection* r, const Message& m, const FieldPlan& fp,
                              int index) {
  Value v;
  switch (fp.cpp_type) {
    case FieldDescriptor::CPPTYPE_STRING:
      v.text = &StringOf(nullptr, r, m, fp.field, index, &scratch_);
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      v.enum_number = index >= 0 ? r->GetRepeatedEnumValue(m, fp.field, index)
                                 : r->GetEnumValue(m, fp.field);
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
    case FieldDescriptor::CPPTYPE_BOOL:
      break;  // no value rule applies
    default:
      v.number = NumberOf(nullptr, r, m, fp.field, index);
  }
  return v;
}

std::vector<RuleParam> Walker::ParamsOf(const FieldDescriptor* f,
                                        const FieldCheck& check) {
  switch (check.kind) {
    case FieldCheckKind::kLength:
    case FieldCheckKind::kRange:
      return {{"min", absl::StrCat(check.min)}, {"max", absl::StrCat(check.max)}};
    case FieldCheckKind::kFormat:
      return {{"format", schema_internal::FormatName(check.format)}};
    case FieldCheckKind::kCodeSet:
      return {{"codes", absl::StrJoin(check.codes, ",")}};
    case FieldCheckKind::kEnumCode:
      return {{"list", InfoOf(*f->enum_type()).code_list()}};
    case FieldCheckKind::kCodeList:
      return {{"list", check.list->id()}, {"version", check.list->version()}};
    default:
      return {};
  }
}

void Walker::CheckMessage(const Reflection* r, const Message& m,
                          const MessageCheck& check) {
  switch (check.kind) {
    case MessageCheckKind::kOrder: {
      const FieldDescriptor* a = check.fields[0];
      const FieldDescriptor* b = check.fields[1];
      const FieldAccess* access_a = Access(check.access[0]);
      const FieldAccess* access_b = Access(check.access[1]);
      if (!Present(access_a, r, m, a) || !Present(access_b, r, m, b)) return;
      std::optional<double> ka, kb;
      if (check.order == OrderKind::kNumber) {
        ka = NumberOf(access_a, r, m, a, -1);
        kb = NumberOf(access_b, r, m, b, -1);
      } else {
        auto key = check.order == OrderKind::kDate ? validate_internal::DateKey
                                                   : validate_internal::DateTimeKey;
        const auto x = key(StringOf(access_a, r, m, a, -1, &scratch_));
        const auto y = key(StringOf(access_b, r, m, b, -1, &scratch_));
        // A malformed value is its format rule's violation.
        if (!x || !y) return;
        ka = static_cast<double>(*x);
        kb = static_cast<double>(*y);
      }
      if (*ka > *kb) {
        Report(check.rule, Child(a), {Child(b)},
               {{"first", a->json_name()}, {"second", b->json_name()}});
      }
      return;
    }
    case MessageCheckKind::kRequires: {
      const FieldDescriptor* condition = check.fields[0];
      const FieldAccess* condition_access = Access(check.access[0]);
      if (!Present(condition_access, r, m, condition)) return;
      if (check.has_equals) {
        const bool equal = condition->cpp_type() == FieldDescriptor::CPPTYPE_STRING
                               ? StringOf(condition_access, r, m, condition, -1,
                                          &scratch_) == check.equals
                               : NumberOf(condition_access, r, m, condition, -1) ==
                                     static_cast<double>(check.equals_number);
        if (!equal) return;
      }
      for (size_t i = 1; i < check.fields.size() && !stopped_; ++i) {
        if (Present(Access(check.access[i]), r, m, check.fields[i])) continue;
        Report(check.rule, Child(check.fields[i]), {Child(condition)},
               {{"field", condition->json_name()},
                {"equals", check.equals},
                {"then", check.fields[i]->json_name()}});
      }
      return;
    }
    case MessageCheckKind::kExactlyOne:
    case MessageCheckKind::kAtLeastOne: {
      int present = 0;
      for (size_t i = 0; i < check.fields.size(); ++i) {
        present += Present(Access(check.access[i]), r, m, check.fields[i]);
      }
      const bool ok =
          check.kind == MessageCheckKind::kExactlyOne ? present == 1 : present >= 1;
      if (ok) return;
      std::vector<FieldPath> related;
      std::vector<std::string> names;
      for (const FieldDescriptor* f : check.fields) {
        related.push_back(Child(f));
        names.push_back(f->json_name());
      }
      Report(check.rule, Here(), std::move(related),
             {{"fields", absl::StrJoin(names, ",")}, {"present", absl::StrCat(present)}});
      return;
    }
  }
}

void Walker::MessageChecks(const Message& m, const MessagePlan& plan,
                           const ViewContext* view) {
  for (const MessageCheck& check : plan.checks) {
    if (stopped_) return;
    if (view != nullptr && !AllVisible(check, *view)) continue;
    CheckMessage(ReflectionOf(m, plan), m, check);
  }
}

void Walker::Items(const Message& m, const MessagePlan& plan, const FieldPlan& fp,
                   const FieldCheck& check, int size) {
  CheckItems(ReflectionOf(m, plan), m, fp, check, size);
}

void Walker::Missing(const FieldCheck& check) { Report(check.rule, Here(), {}, {}); }

void Walker::Faulty(const FieldPlan& fp, const FieldCheck& check, int index, bool zero) {
  Report(zero ? check.zero_rule : check.rule, HereAt(index), {},
         ParamsOf(fp.field, check));
}

void Walker::CheckValue(const FieldPlan& fp, const FieldCheck& check, const Value& v,
                        int index, const ViewContext* view) {
  bool ok = true;
  if (fp.cpp_type == FieldDescriptor::CPPTYPE_STRING) {
    const std::string& value = *v.text;
    switch (check.kind) {
      case FieldCheckKind::kLength:
        ok = LengthWithin(value, fp.bytes, check.min, check.max);
        break;
      case FieldCheckKind::kFormat:
        ok = validate_internal::HasFormat(check.format, value) ||
             // A view that generalises this class shows the generalised form.
             (view != nullptr && impl_.Generalised(fp.privacy, view->check->view) &&
              validate_internal::IsGeneralisedForm(check.format, value));
        break;
      case FieldCheckKind::kCodeSet:
        ok =
            std::find(check.codes.begin(), check.codes.end(), value) != check.codes.end();
        break;
      case FieldCheckKind::kCodeList:
        if (check.list == nullptr) {
          Unchecked(check.rule);
          return;
        }
        ok = check.list->Contains(value, impl_.day);
        break;
      default:
        break;
    }
  } else if (fp.cpp_type == FieldDescriptor::CPPTYPE_ENUM) {
    if (check.kind == FieldCheckKind::kEnumCode) {
      ok = check.enum_numbers.contains(v.enum_number);
    }
  } else {
    const double value = v.number;
    const bool whole = std::floor(value) == value && std::isfinite(value);
    switch (check.kind) {
      case FieldCheckKind::kRange:
        ok = whole && value >= static_cast<double>(check.min) &&
             value <= static_cast<double>(check.max);
        break;
      case FieldCheckKind::kCodeList:
        if (check.list == nullptr) {
          Unchecked(check.rule);
          return;
        }
        ok = whole && std::fabs(value) < 9.2e18 &&
             check.numeric_codes.contains(static_cast<int64_t>(value));
        break;
      default:
        break;
    }
  }
  if (ok) return;
  const bool zero = fp.cpp_type == FieldDescriptor::CPPTYPE_ENUM && v.enum_number == 0;
  Faulty(fp, check, index, zero);
}

}  // namespace vum::validate_internal
