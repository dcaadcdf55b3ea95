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

#include "vum/violation.h"

namespace vum {

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
};

// Every rule declared in the schema, in schema order.
[[nodiscard]] const std::vector<RuleDescription>& RuleCatalogue();

// The rule with `id`, or nullptr.
[[nodiscard]] const RuleDescription* FindRule(absl::string_view id);

// The rule catalogue as Markdown; docs/rules.md is this text.
[[nodiscard]] std::string RuleCatalogueMarkdown();

}  // namespace vum

#endif  // VUM_RULES_H_
