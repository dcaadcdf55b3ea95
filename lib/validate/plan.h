// Internal: the validation plan. Validator::Create compiles the rules the
// schema declares into one MessagePlan per message type, resolving field
// names, code sets, code lists and messages once, so that validating a
// record only walks it and compares.

#ifndef VUM_LIB_VALIDATE_PLAN_H_
#define VUM_LIB_VALIDATE_PLAN_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/descriptor.h"
#include "lib/access/field_access.h"
#include "vum/code_list.h"
#include "vum/rules.h"
#include "vum/v1/options.pb.h"
#include "vum/validator.h"

namespace vum::validate_internal {

// What every check carries to report a violation.
struct RuleRef {
  const RuleDescription* description = nullptr;
  Severity severity = Severity::kError;
  // The message in the validator's language.
  const std::string* message = nullptr;
};

enum class FieldCheckKind {
  kRequired,
  kLength,
  kRange,
  kFormat,
  kCodeSet,
  kEnumCode,
  kCodeList,
  kItems,
  kWithinView,
};

struct FieldCheck {
  FieldCheckKind kind = FieldCheckKind::kRequired;
  RuleRef rule;
  // kEnumCode: what a breach by code 0 reports (a warning in transition
  // mode where the pilot allowed 0; else `rule`).
  RuleRef zero_rule;
  int64_t min = 0;
  int64_t max = 0;
  bool unique = false;
  v1::Format format = v1::FORMAT_UNSPECIFIED;
  // kCodeSet: the codes; kEnumCode: allowed enum numbers.
  std::vector<std::string> codes;
  absl::flat_hash_set<int> enum_numbers;
  // kCodeList: the version in force on the reference date, or null when no
  // version is loaded; for a numeric field its codes as numbers.
  const CodeList* list = nullptr;
  absl::flat_hash_set<int64_t> numeric_codes;
  // kWithinView.
  v1::View view = v1::VIEW_UNSPECIFIED;
  const google::protobuf::FieldDescriptor* consent_field = nullptr;
};

struct MessagePlan;

struct FieldPlan {
  const google::protobuf::FieldDescriptor* field = nullptr;
  // The generated accessors, for the steps generated walkers share (duplicate
  // keys), or null: reflection.
  const access_internal::FieldAccess* access = nullptr;
  // Copied from `field`, whose type accessors check a once-flag per call.
  google::protobuf::FieldDescriptor::CppType cpp_type =
      google::protobuf::FieldDescriptor::CPPTYPE_INT32;
  bool repeated = false;
  bool bytes = false;
  v1::PrivacyClass privacy = v1::PRIVACY_CLASS_UNSPECIFIED;
  std::vector<FieldCheck> checks;
  // For message fields: the plan of the nested type, and the check that
  // makes the nested record a view, if any.
  const MessagePlan* nested = nullptr;
  const FieldCheck* view_check = nullptr;
};

enum class MessageCheckKind { kOrder, kRequires, kExactlyOne, kAtLeastOne };
enum class OrderKind { kDate, kDateTime, kNumber };

struct MessageCheck {
  MessageCheckKind kind = MessageCheckKind::kOrder;
  RuleRef rule;
  // kOrder: {first, second}; kRequires: {condition, then...};
  // kExactlyOne/kAtLeastOne: the candidates.
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  // The generated accessors of `fields` (null entries: reflection).
  std::vector<const access_internal::FieldAccess*> access;
  OrderKind order = OrderKind::kNumber;
  // Privacy classes of `fields`, to skip the rule inside a view that
  // excludes one of them.
  std::vector<v1::PrivacyClass> privacy;
  // kRequires with a code: the condition holds only for this code, compared
  // as text for a string field and as a number otherwise.
  bool has_equals = false;
  std::string equals;
  int64_t equals_number = 0;
};

// Where a walk is inside a record that must be a view: the check that makes
// it one, and whether the person consented to special-category data.
struct ViewContext {
  const FieldCheck* check;
  bool consent;
};

class Walker;

// A walker generated from the schema for one message type (vum_codegen):
// the same walk as Walker::Walk over the type's plan, with the fields read
// through the generated class.
using GeneratedWalk = void (*)(Walker& walker, const google::protobuf::Message& m,
                               const MessagePlan& plan, const ViewContext* view);

struct GeneratedWalker {
  const google::protobuf::Descriptor* (*descriptor)();
  GeneratedWalk walk;
  // The kinds of each field's checks the walker was generated for, as
  // CheckKindsOf spells them; a plan that differs does not use it.
  const char* check_kinds;
};

// Defined in the generated source.
extern const GeneratedWalker kGeneratedWalkers[];
extern const int kGeneratedWalkerCount;

struct MessagePlan {
  const google::protobuf::Descriptor* type = nullptr;
  // The generated walker of `type`, or null to walk the plan.
  GeneratedWalk generated_walk = nullptr;
  // Shared by every generated message of `type`; resolved once, since
  // Message::GetReflection() costs a once-flag check on every call.
  const google::protobuf::Reflection* reflection = nullptr;
  std::vector<FieldPlan> fields;
  std::vector<MessageCheck> checks;
};

// The kinds of the checks of each field of `plan`, one letter a check, fields
// separated by ',' (e.g. "RL,F,,I"): what a generated walker must agree on.
[[nodiscard]] std::string CheckKindsOf(const MessagePlan& plan);

// All plans of the standard, compiled for one set of validator options.
class Plans {
 public:
  // INTERNAL if the schema declares a rule that cannot be compiled.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Plans>> Compile(
      const ValidatorOptions& options, absl::CivilDay reference_date);

  // The plan of `type`, or null if it is not a message of the standard.
  [[nodiscard]] const MessagePlan* Find(const google::protobuf::Descriptor* type) const;

 private:
  absl::flat_hash_map<const google::protobuf::Descriptor*, std::unique_ptr<MessagePlan>>
      plans_;
};

}  // namespace vum::validate_internal

#endif  // VUM_LIB_VALIDATE_PLAN_H_
