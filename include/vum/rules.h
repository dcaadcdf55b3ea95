// vum/rules.h: the rule catalogue of the standard.
//
// Every validation rule is declared in the schema with a stable id. This
// header lists them with the element they belong to, their kind, severity and
// message in Dutch and English. The messages are filled from the rule's
// parameters and the schema's labels only, never from a record, so a
// violation's message is the catalogue's message for its rule.
// docs/rules.md is RuleCatalogueMarkdown().
//
// Example:
//
//   for (const vum::RuleDescription& rule : vum::RuleCatalogue()) {
//     std::cout << rule.id << "  " << rule.element << "  " << rule.message_en << "\n";
//   }
//
// Thread safety: the catalogue is built once, on first use, and is immutable.

#ifndef VUM_RULES_H_
#define VUM_RULES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace vum {

// How serious a breach of a rule is. A record conforms when it breaks no
// rule of severity error.
enum class Severity { kError = 0, kWarning = 1, kInfo = 2 };

// "error", "warning" or "info".
[[nodiscard]] absl::string_view SeverityName(Severity severity);

// The id of the reading rule "a property with an empty value counts as
// absent" (VUM interface 2.0): ParseJson reads `""`, `[]` and `null` as
// absent, and a validator reports each such property at info severity, so
// that a source learns it sent one. The rule is in the catalogue.
inline constexpr char kEmptyValueRuleId[] = "JSON-01";

// Whether the pilot contracts (0.8.x) had a rule (docs/migration.md). In
// transition mode (ValidatorOptions::pilot_transition) a breach of a rule
// they lacked is a warning, not an error.
enum class PilotRule {
  kHad,
  // The pilot accepted values the rule rejects.
  kLacked,
  // The pilot allowed code 0, which the scale does not have: a breach by
  // code 0 is a warning in transition mode, any other an error.
  kAllowedZero,
};

// Whose rule it is (docs/rules.md, "Levels"). Every record the koppelvlak
// 3.0 contract accepts breaks no rule of the standard's level; vum's own
// stricter checks are a level of their own, warnings unless a validator is
// asked for vum's strict level (ValidatorOptions::vum_strict).
enum class RuleLevel {
  kStandard,
  kVum,
};

// "standard" or "vum".
[[nodiscard]] absl::string_view RuleLevelName(RuleLevel level);

struct RuleDescription {
  std::string id;
  // The element: "Werktijden" for a rule over several fields,
  // "Werktijden.aantalWerkurenPerWeekMinimaal" for a field rule.
  std::string element;
  // The rule kind as in options.proto, e.g. "length", "order".
  std::string kind;
  // A short technical statement, e.g. "length 1..120".
  std::string summary;
  Severity severity = Severity::kError;
  std::string message_nl;
  std::string message_en;
  // Why the rule exists, where the schema says so.
  std::string note;
  PilotRule pilot = PilotRule::kHad;
  RuleLevel level = RuleLevel::kStandard;
};

// Every rule declared in the schema, in schema order.
[[nodiscard]] const std::vector<RuleDescription>& RuleCatalogue();

// The rule with `id`, or nullptr.
[[nodiscard]] const RuleDescription* FindRule(absl::string_view id);

// The rule catalogue as Markdown; docs/rules.md is this text.
[[nodiscard]] std::string RuleCatalogueMarkdown();

}  // namespace vum

#endif  // VUM_RULES_H_
