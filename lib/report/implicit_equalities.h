// Internal: which coordinates of a polyhedral cone cannot move, for the audit
// of small-cell protection (lib/report/suppression.cc).
//
// A withheld cell's value is fixed by the published figures when no feasible
// direction from the true counts changes it. Those directions form the cone
//
//   { d : a d = 0,  d_j >= 0 where a cell sits at its least value,
//                   d_j <= 0 where it sits at its greatest }.
//
// The bounded coordinates that are 0 on the whole cone (its implicit
// equalities) are found here with a small dense simplex; what else is fixed
// then follows by linear algebra (the caller's Gauss-Jordan reduction).
//
// Example:
//   // x0 + x1 = 0 with both at their least value: neither can move.
//   std::vector<bool> stuck = ImplicitEqualities(
//       {{1, 1}}, {Movement::kUpOnly, Movement::kUpOnly});  // {true, true}
#ifndef VUM_LIB_REPORT_IMPLICIT_EQUALITIES_H_
#define VUM_LIB_REPORT_IMPLICIT_EQUALITIES_H_

#include <cstdint>
#include <vector>

namespace vum::report_internal {

// The way one coordinate may move from the point the cone is taken at.
enum class Movement : uint8_t {
  kFree,      // either way
  kUpOnly,    // d_j >= 0 (at its least value)
  kDownOnly,  // d_j <= 0 (at its greatest value)
};

// For the cone {d : a d = 0, d_j >= 0 where kUpOnly, d_j <= 0 where
// kDownOnly}, `a` a dense matrix of rows of equal length (small integers in
// practice), `movement` one entry per column: returns, per column, whether it
// is bounded (not kFree) and 0 for every d of the cone. kFree columns are
// false. Exact up to a tolerance of 1e-9 on the pivots; should the simplex
// not finish within its bound on pivots, every bounded column it has not yet
// seen move is reported stuck (more withheld, never less).
[[nodiscard]] std::vector<bool> ImplicitEqualities(
    const std::vector<std::vector<double>>& a, const std::vector<Movement>& movement);

}  // namespace vum::report_internal

#endif  // VUM_LIB_REPORT_IMPLICIT_EQUALITIES_H_
