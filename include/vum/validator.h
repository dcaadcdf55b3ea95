// vum/validator.h: checks records against every rule of the standard.
//
// The rules are declared in the schema (proto/vum/v1, see docs/schema.md and
// docs/rules.md). A Validator compiles them once, when it is created, into a
// plan per message type, so that validating a record walks the record and
// does no option look-ups or string work for rules that pass.
//
// "Could not validate" and "does not conform" are different answers:
// Validate() returns a Status only when it cannot judge the record at all (a
// message type outside the standard); a record that breaks rules yields a
// ValidationResult holding the violations.
//
// Example:
//
//   vum::CodeListRegistry lists;
//   if (absl::Status s = lists.LoadDirectory("codelists"); !s.ok()) return s;
//   absl::StatusOr<std::unique_ptr<vum::Validator>> validator =
//       vum::Validator::Create({.code_lists = &lists});
//   if (!validator.ok()) return validator.status();
//   absl::StatusOr<vum::ValidationResult> result = (*validator)->Validate(profile);
//   if (result.ok() && !result->conforms()) {
//     for (const vum::Violation& v : result->violations()) std::cout << v.rule_id << "\n";
//   }
//
// Thread safety: a Validator is immutable after Create; Validate may be
// called concurrently from any number of threads. The code-list registry it
// was given must outlive it and must not change.

#ifndef VUM_VALIDATOR_H_
#define VUM_VALIDATOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/message.h"
#include "vum/code_list.h"
#include "vum/rules.h"
#include "vum/violation.h"

namespace vum {

// The language of violation messages.
enum class Language { kDutch, kEnglish };

struct ValidatorOptions {
  // Stop at the first violation of severity error.
  bool stop_at_first_error = false;
  // The day whose code-list versions apply; unset means today (UTC).
  std::optional<absl::CivilDay> reference_date;
  Language language = Language::kDutch;
  // Violations less serious than this are not reported.
  Severity min_severity = Severity::kInfo;
  // Lists for the rules that bind a field to an external code list. Not
  // owned; may be null, and then those rules are reported as unchecked.
  const CodeListRegistry* code_lists = nullptr;
  // Transition mode for sources coming from the pilot contracts (0.8.x): a
  // breach of a rule the pilot did not have (RuleDescription::pilot, listed
  // in docs/migration.md) is a warning instead of an error, so that such
  // a source is told what to mend without being cut off. Rules the pilot had
  // stay errors.
  bool pilot_transition = false;
  // vum's strict level: a breach of one of vum's own stricter rules
  // (RuleLevel::kVum, docs/rules.md "Levels") is judged at the rule's
  // severity, so an error makes the record non-conforming. Off (the
  // default), such a breach is a warning: a record the koppelvlak 3.0
  // accepts conforms.
  bool vum_strict = false;
};

// The verdict on one record.
class ValidationResult {
 public:
  // No violation of severity error.
  [[nodiscard]] bool conforms() const { return errors_ == 0; }
  // In the order the record was walked: fields in schema order, then the
  // rules over several fields of each message (after the properties read as
  // absent, when those were given).
  [[nodiscard]] const std::vector<Violation>& violations() const { return violations_; }
  [[nodiscard]] int count(Severity severity) const;
  // Ids of code-list rules that a present value needed but that could not be
  // checked, because no version of the list is loaded for the reference date.
  [[nodiscard]] const std::vector<std::string>& unchecked_rule_ids() const {
    return unchecked_;
  }

 private:
  friend class Validator;
  std::vector<Violation> violations_;
  std::vector<std::string> unchecked_;
  int errors_ = 0;
  int warnings_ = 0;
  int infos_ = 0;
};

class Validator {
 public:
  // Compiles the rules of every message type of the standard. Returns
  // INTERNAL if the schema declares a rule this library cannot enforce (a
  // build of the library against a newer schema), so that no rule is ever
  // silently skipped.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Validator>> Create(
      const ValidatorOptions& options = {});

  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // Checks `record` and everything in it. INVALID_ARGUMENT if its type is not
  // a message of the standard.
  [[nodiscard]] absl::StatusOr<ValidationResult> Validate(
      const google::protobuf::Message& record) const;

  // As Validate(record), for a record read from VUM JSON: first reports each
  // property in `read_as_absent` (what ParseJson read as absent for its
  // empty value) as a violation of kEmptyValueRuleId, at info severity.
  [[nodiscard]] absl::StatusOr<ValidationResult> Validate(
      const google::protobuf::Message& record,
      const std::vector<FieldPath>& read_as_absent) const;
  // The same, taking the paths over instead of copying them (bulk reading:
  // JsonParser fills the list again for the next record).
  [[nodiscard]] absl::StatusOr<ValidationResult> Validate(
      const google::protobuf::Message& record,
      std::vector<FieldPath>&& read_as_absent) const;

  [[nodiscard]] const ValidatorOptions& options() const;

 private:
  class Impl;
  explicit Validator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_VALIDATOR_H_
