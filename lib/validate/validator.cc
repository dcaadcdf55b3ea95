#include "vum/validator.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/validate/plan.h"
#include "lib/validate/walker.h"

namespace vum {

using google::protobuf::Message;
using validate_internal::Context;
using validate_internal::MessagePlan;
using validate_internal::Plans;
using validate_internal::Walker;

int ValidationResult::count(Severity severity) const {
  switch (severity) {
    case Severity::kError:
      return errors_;
    case Severity::kWarning:
      return warnings_;
    case Severity::kInfo:
      return infos_;
  }
  return 0;
}

class Validator::Impl {
 public:
  explicit Impl(Context c) : context(std::move(c)) {}
  Context context;
};

Validator::Validator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Validator::~Validator() = default;

absl::StatusOr<std::unique_ptr<Validator>> Validator::Create(
    const ValidatorOptions& options) {
  const absl::CivilDay day =
      options.reference_date.value_or(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()));
  absl::StatusOr<std::unique_ptr<Plans>> plans = Plans::Compile(options, day);
  if (!plans.ok()) return plans.status();
  ValidatorOptions resolved = options;
  resolved.reference_date = day;
  return std::unique_ptr<Validator>(
      new Validator(std::make_unique<Impl>(Context(resolved, day, *std::move(plans)))));
}

const ValidatorOptions& Validator::options() const { return impl_->context.options; }

absl::StatusOr<ValidationResult> Validator::Validate(const Message& record) const {
  const MessagePlan* plan = impl_->context.plans->Find(record.GetDescriptor());
  if (plan == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("message type ", record.GetDescriptor()->full_name(),
                     " is not a message of the VUM standard"));
  }
  ValidationResult result;
  // Generated code reads the record as its generated class; anything else
  // with the same descriptor (a DynamicMessage) is read through reflection.
  Walker walker(impl_->context, record.GetReflection() == plan->reflection);
  walker.Walk(record, *plan);
  result.violations_ = std::move(walker.violations());
  result.unchecked_ = std::move(walker.unchecked());
  result.errors_ = walker.counts().errors;
  result.warnings_ = walker.counts().warnings;
  result.infos_ = walker.counts().infos;
  return result;
}

absl::StatusOr<ValidationResult> Validator::Validate(
    const Message& record, const std::vector<FieldPath>& read_as_absent) const {
  if (read_as_absent.empty() || impl_->context.options.min_severity != Severity::kInfo)
    return Validate(record);
  return Validate(record, std::vector<FieldPath>(read_as_absent));
}

absl::StatusOr<ValidationResult> Validator::Validate(
    const Message& record, std::vector<FieldPath>&& read_as_absent) const {
  absl::StatusOr<ValidationResult> result = Validate(record);
  if (!result.ok() || read_as_absent.empty() ||
      impl_->context.options.min_severity != Severity::kInfo) {
    return result;
  }
  const RuleDescription& rule = *FindRule(kEmptyValueRuleId);
  const std::string& message = impl_->context.options.language == Language::kEnglish
                                   ? rule.message_en
                                   : rule.message_nl;
  std::vector<Violation> all;
  all.reserve(read_as_absent.size() + result->violations_.size());
  for (FieldPath& path : read_as_absent) {
    all.push_back(Violation{rule.id, Severity::kInfo, std::move(path), {}, {}, message});
  }
  for (Violation& v : result->violations_) all.push_back(std::move(v));
  result->violations_ = std::move(all);
  result->infos_ += static_cast<int>(read_as_absent.size());
  return result;
}

}  // namespace vum
