// Internal: the walk that validates a record, shared by the schema-driven
// engine (Walker::Walk, over the plans of plan.h) and the walkers generated
// from the schema (validation_walkers.cc, written by vum_codegen), which call
// the same checks and reports in the same order with the fields' values read
// straight from the generated classes.

#ifndef VUM_LIB_VALIDATE_WALKER_H_
#define VUM_LIB_VALIDATE_WALKER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/inlined_vector.h"
#include "google/protobuf/message.h"
#include "lib/access/field_access.h"
#include "lib/validate/formats.h"
#include "lib/validate/plan.h"
#include "vum/schema.h"
#include "vum/validator.h"

namespace vum::validate_internal {

using access_internal::FieldAccess;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// What a validator holds, immutable after Create.
struct Context {
  Context(const ValidatorOptions& o, absl::CivilDay d, std::unique_ptr<Plans> p)
      : options(o), day(d), plans(std::move(p)) {
    for (int c = 0; c < kClasses; ++c) {
      for (int v = 0; v < kViews; ++v) {
        visible[c][v] =
            VisibleIn(static_cast<v1::PrivacyClass>(c), static_cast<v1::View>(v));
        needs_consent[c][v] =
            NeedsConsentIn(static_cast<v1::PrivacyClass>(c), static_cast<v1::View>(v));
        generalised[c][v] =
            GeneralisedIn(static_cast<v1::PrivacyClass>(c), static_cast<v1::View>(v));
      }
    }
  }

  bool Visible(v1::PrivacyClass c, v1::View v) const { return visible[c][v]; }
  bool NeedsConsent(v1::PrivacyClass c, v1::View v) const { return needs_consent[c][v]; }
  bool Generalised(v1::PrivacyClass c, v1::View v) const { return generalised[c][v]; }

  static constexpr int kClasses = v1::PrivacyClass_ARRAYSIZE;
  static constexpr int kViews = v1::View_ARRAYSIZE;
  ValidatorOptions options;
  absl::CivilDay day;
  std::unique_ptr<Plans> plans;
  // The schema's privacy declarations as tables, to avoid option look-ups
  // while walking.
  bool visible[kClasses][kViews];
  bool needs_consent[kClasses][kViews];
  bool generalised[kClasses][kViews];
};

// Whether `value` has from `min` to `max` characters (bytes, for `bytes`).
// UTF-8 takes one to four bytes a character, so the byte count usually
// decides without counting characters.
inline bool LengthWithin(const std::string& value, bool bytes, int64_t min, int64_t max) {
  const auto n = static_cast<int64_t>(value.size());
  if (bytes) return n >= min && n <= max;
  const int64_t fewest = (n + 3) / 4;  // characters at least, at most n
  if (fewest >= min && n <= max) return true;
  if (n < min || fewest > max) return false;
  const auto characters = static_cast<int64_t>(validate_internal::CodePoints(value));
  return characters >= min && characters <= max;
}

// One validation of one record: walks it, collects violations and counts.
// Not thread-safe; one per Validator::Validate call. `context` must outlive it.
class Walker {
 public:
  // `generated`: the record is an instance of its generated class, so that
  // generated walkers and accessors may read it. A DynamicMessage of the same
  // type is not, and is read through reflection only.
  Walker(const Context& context, bool generated)
      : impl_(context), options_(context.options), generated_(generated) {}

  struct Counts {
    int errors = 0, warnings = 0, infos = 0;
  };

  // Validates `m`, whose plan is `plan`.
  void Walk(const Message& m, const MessagePlan& plan) { WalkMessage(m, plan, nullptr); }

  const Counts& counts() const { return counts_; }
  std::vector<Violation>& violations() { return violations_; }
  std::vector<std::string>& unchecked() { return unchecked_; }

  // The steps a generated walker takes, each as WalkMessage takes it.

  // Whether a check or a walk has stopped at the first error.
  [[nodiscard]] bool stopped() const { return stopped_; }

  // Outside a view, true. Inside one, whether the view shows the field; if
  // it does not, a present field is reported as not allowed there.
  [[nodiscard]] ABSL_ATTRIBUTE_ALWAYS_INLINE bool InView(const FieldPlan& fp, int size,
                                                         const ViewContext* view) {
    return view == nullptr || InViewSlow(fp, size, *view);
  }

  // The walk enters the field, leaves it, or is at element `index` of it.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Enter(const FieldPlan& fp) {
    if (depth_ == trail_.size()) trail_.resize(2 * depth_);
    trail_[depth_++] = {&fp, -1};
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Leave() { --depth_; }
  ABSL_ATTRIBUTE_ALWAYS_INLINE void At(int index) { trail_[depth_ - 1].index = index; }

  // Reports the field missing, or its value or element `index` faulty.
  void Missing(const FieldCheck& check);
  // `zero`: the value is code 0 (kEnumCode), which may be judged apart.
  void Faulty(const FieldPlan& fp, const FieldCheck& check, int index, bool zero = false);

  // Whether the view shows the field's class generalised.
  [[nodiscard]] bool Generalised(const FieldPlan& fp, const ViewContext* view) const {
    return view != nullptr && impl_.Generalised(fp.privacy, view->check->view);
  }

  // A list's size and duplicates.
  void Items(const Message& m, const MessagePlan& plan, const FieldPlan& fp,
             const FieldCheck& check, int size);

  // The rules over several fields of `m`.
  void MessageChecks(const Message& m, const MessagePlan& plan, const ViewContext* view);

  // A field's value or element, as its checks need it.
  struct Value {
    const std::string* text = nullptr;  // string and bytes fields
    int enum_number = 0;
    double number = 0;  // numeric fields
  };

  // Judges `v`, the value or element `index` (-1: the value) of the field the
  // walk is at, by `check`.
  void CheckValue(const FieldPlan& fp, const FieldCheck& check, const Value& v, int index,
                  const ViewContext* view);

 private:
  bool InViewSlow(const FieldPlan& fp, int size, const ViewContext& view);

  void Report(const RuleRef& rule, const FieldPath& path, std::vector<FieldPath> related,
              std::vector<RuleParam> params);

  void Unchecked(const RuleRef& rule);

  // The walk keeps where it is as field plans and indices; a FieldPath with
  // its strings is built only for a violation.
  struct Step {
    const FieldPlan* field;
    int index;
  };

  FieldPath Here() const;

  // The path of element `index` of the field the walk is at (-1: the field).
  FieldPath HereAt(int index) const;

  FieldPath Child(const FieldDescriptor* f) const;

  void WalkMessage(const Message& m, const MessagePlan& plan, const ViewContext* view);

  bool AllVisible(const MessageCheck& check, const ViewContext& view) const;

  // The walk is at the field, without an index.
  void CheckField(const Reflection* r, const Message& m, const FieldPlan& fp,
                  const FieldCheck& check, int size, const ViewContext* view);

  void CheckItems(const Reflection* r, const Message& m, const FieldPlan& fp,
                  const FieldCheck& check, int size);

  Value ValueOf(const Reflection* r, const Message& m, const FieldPlan& fp, int index);

  static std::vector<RuleParam> ParamsOf(const FieldDescriptor* f,
                                         const FieldCheck& check);

  void CheckMessage(const Reflection* r, const Message& m, const MessageCheck& check);

  // The reflection to read `m` with: its generated class's, resolved once in
  // the plan, or else its own.
  const Reflection* ReflectionOf(const Message& m, const MessagePlan& plan) const {
    return generated_ ? plan.reflection : m.GetReflection();
  }

  // The accessors of a field, if this walk may use them.
  const FieldAccess* Access(const FieldAccess* access) const {
    return generated_ ? access : nullptr;
  }

  const Context& impl_;
  const ValidatorOptions& options_;
  const bool generated_;
  static constexpr int kPairwiseItems = 16;

  // The steps in use are the first `depth_`; Enter is on every field's path,
  // so it only grows the trail past the deepest record seen.
  absl::InlinedVector<Step, 16> trail_ = absl::InlinedVector<Step, 16>(16);
  size_t depth_ = 0;
  std::string scratch_;
  bool stopped_ = false;
  Counts counts_;
  std::vector<Violation> violations_;
  std::vector<std::string> unchecked_;
};

}  // namespace vum::validate_internal

#endif  // VUM_LIB_VALIDATE_WALKER_H_
