// Internal: a compiled selection question, as the caseload index runs it.
#ifndef VUM_LIB_SELECTION_PLAN_H_
#define VUM_LIB_SELECTION_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/selection/paths.h"
#include "vum/pc4.h"
#include "vum/selection.h"

namespace vum {

class QuestionPlan {
 public:
  // One comparison of the values at one leaf path.
  struct Condition {
    const selection_internal::LeafPath* path = nullptr;
    v1::SelectieOperator op = v1::SELECTIE_OPERATOR_ONGESPECIFICEERD;
    // Enum codes, whole numbers, days since 1970-01-01 or number codes;
    // sorted and distinct.
    std::vector<int64_t> numbers;
    // Codes as asked (sorted, distinct), or the folded text of $contains.
    std::vector<std::string> texts;
  };
  // One criterion of the question: one condition, or the conditions that one
  // element of `list` must meet together ($elemMatch).
  struct Criterion {
    int index = 0;  // in the question
    const selection_internal::ListPath* list = nullptr;
    std::vector<Condition> conditions;
    bool needs_consent = false;
  };

  v1::SoortSelectie kind = v1::SOORT_SELECTIE_ONGESPECIFICEERD;
  const selection_internal::PathCatalogue* paths = nullptr;
  const Pc4Area* centre = nullptr;
  int distance_km = 0;
  int max_results = 0;  // 0: not asked
  std::vector<Criterion> criteria;
};

namespace selection_internal {

// `text` with A-Z and the upper-case letters of Latin-1 (UTF-8) folded to
// lower case, for $contains.
[[nodiscard]] std::string FoldCase(absl::string_view text);

}  // namespace selection_internal
}  // namespace vum

#endif  // VUM_LIB_SELECTION_PLAN_H_
