// Internal: small-cell protection of a report's snapshot (vum/report.h,
// docs/report.md "How small numbers are protected").
#ifndef VUM_LIB_REPORT_SUPPRESSION_H_
#define VUM_LIB_REPORT_SUPPRESSION_H_

#include "vum/report.h"

namespace vum::report_internal {

// The group of profiles whose source, area or target group is not known.
inline constexpr char kUnknownGroup[] = "onbekend";

// Fills GroupCounts::suppressed of every group of `snapshot`: primary
// suppression of each count or complement from 1 to k-1 and of each group
// under k, then, when `secondary`, secondary suppression over every sum a
// reader can form: each breakdown (source, province, municipality,
// arbeidsmarktregio, target group) adds up to the total, and the
// municipalities of a province or region (from `pc4`, which may be null) add
// up to it. In every sum and measure the withheld cells, the parent counted
// as one, number none or at least two, and the withheld members hold at least
// k together while the parent is published; and no withheld cell's value
// follows from the sums together with the bounds a reader knows (a count is
// at least 0, a listed group's profiles at least 1, an element's count at
// most its group's published profiles): an audit by linear programming and
// Gauss-Jordan reduction, per count. A group whose profile count is withheld
// is withheld whole.
void SuppressSmallCells(ReportSnapshot& snapshot, int k, bool secondary,
                        const Pc4Register* pc4);

}  // namespace vum::report_internal

#endif  // VUM_LIB_REPORT_SUPPRESSION_H_
