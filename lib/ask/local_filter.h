// lib/ask/local_filter.h: applying, at the asker, the criteria a node
// reported as ignored.
//
// The node's results are matching views; they are indexed on the spot (under
// their vumIDs, selectable as the node found them) and the question is run
// over them again with only the criteria the node ignored.
//
// Thread safety: a function only.

#ifndef VUM_LIB_ASK_LOCAL_FILTER_H_
#define VUM_LIB_ASK_LOCAL_FILTER_H_

#include <vector>

#include "absl/time/time.h"
#include "vum/pc4.h"
#include "vum/selection.h"
#include "vum/v1/selection.pb.h"

namespace vum::ask {

struct LocalFilter {
  std::vector<int> applied;      // indices of criteria applied here
  std::vector<int> not_applied;  // ignored by the node and by this asker
  int removed = 0;               // results removed
};

// Applies to `result` the criteria of `question` it reports as ignored
// (except empty ones, which count as absent). When one cannot be applied here
// either, every result is removed: none can be shown to fit.
[[nodiscard]] LocalFilter ApplyIgnoredCriteria(const v1::Selectievraag& question,
                                               bool legal_basis, absl::Time now,
                                               const QuestionCompiler& compiler,
                                               const Pc4Register& pc4,
                                               v1::Selectieresultaat* result);

}  // namespace vum::ask

#endif  // VUM_LIB_ASK_LOCAL_FILTER_H_
