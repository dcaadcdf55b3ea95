// Internal: the one JSON form of a violation, for every report that writes
// one (vum validate, vum batch, the exchange node's problems and upload
// reports):
//   {"ruleId":"WTD-01","severity":"error","path":"werktijden.x",
//    "relatedPaths":[...],"params":{...},"message":"..."}
// The message and params come from the rule, never from the record.
#ifndef VUM_LIB_JSON_VIOLATION_JSON_H_
#define VUM_LIB_JSON_VIOLATION_JSON_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/json/json_string.h"
#include "vum/rules.h"
#include "vum/violation.h"

namespace vum::json_internal {

inline std::string ViolationJson(const Violation& v) {
  std::vector<std::string> related, params;
  for (const FieldPath& p : v.related_paths) related.push_back(JsonString(p.ToString()));
  for (const RuleParam& p : v.params) {
    params.push_back(absl::StrCat(JsonString(p.name), ":", JsonString(p.value)));
  }
  const RuleDescription* rule = FindRule(v.rule_id);
  return absl::StrCat(
      "{\"ruleId\":", JsonString(v.rule_id), ",\"level\":",
      JsonString(RuleLevelName(rule == nullptr ? RuleLevel::kStandard : rule->level)),
      ",\"severity\":", JsonString(SeverityName(v.severity)),
      ",\"path\":", JsonString(v.path.ToString()), ",\"relatedPaths\":[",
      absl::StrJoin(related, ","), "],\"params\":{", absl::StrJoin(params, ","),
      "},\"message\":", JsonString(v.message), "}");
}

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_VIOLATION_JSON_H_
