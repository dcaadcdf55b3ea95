// Internal: small-cell protection of a report's snapshot (vum/report.h,
// docs/report.md "How small numbers are protected").
#ifndef VUM_LIB_REPORT_SUPPRESSION_H_
#define VUM_LIB_REPORT_SUPPRESSION_H_

#include "vum/report.h"

namespace vum::report_internal {

// Fills GroupCounts::suppressed of every group of `snapshot`: primary
// suppression of each count or complement from 1 to k-1 and of each group
// under k, then, when `secondary`, secondary suppression until in every
// breakdown (source, province, municipality, target group) and measure the
// withheld cells, the total counted as one, number none or at least two,
// and the withheld group cells hold at least k together when the total is
// published. A group whose profile count is withheld is withheld whole.
void SuppressSmallCells(ReportSnapshot& snapshot, int k, bool secondary);

}  // namespace vum::report_internal

#endif  // VUM_LIB_REPORT_SUPPRESSION_H_
