#include "lib/report/implicit_equalities.h"

#include <cmath>
#include <cstddef>
#include <utility>

namespace vum::report_internal {
namespace {

constexpr double kEpsilon = 1e-9;

// A linear program in tableau form: maximize the sum of the `targets` over
// {y >= 0 : e y = 0, y_t <= 1 for each target t}, e the equalities' columns.
// Solved by the primal simplex from y = 0 with Bland's rule (the start is
// degenerate: every equality's right side is 0, so cycling is the risk).
class Tableau {
 public:
  // `columns[v]`: the equalities' coefficients of variable v.
  Tableau(const std::vector<std::vector<double>>& columns,
          const std::vector<size_t>& targets, size_t equalities)
      : variables_(columns.size()) {
    const size_t rows = equalities + targets.size();
    width_ = variables_ + targets.size() + equalities;  // slacks, then artificials
    rows_.assign(rows, std::vector<double>(width_ + 1, 0));
    basis_.resize(rows);
    for (size_t v = 0; v < variables_; ++v)
      for (size_t r = 0; r < equalities; ++r) rows_[r][v] = columns[v][r];
    for (size_t r = 0; r < equalities; ++r) {
      rows_[r][variables_ + targets.size() + r] = 1;  // artificial, at 0
      basis_[r] = variables_ + targets.size() + r;
    }
    for (size_t t = 0; t < targets.size(); ++t) {
      std::vector<double>& row = rows_[equalities + t];
      row[targets[t]] = 1;
      row[variables_ + t] = 1;  // slack
      row[width_] = 1;
      basis_[equalities + t] = variables_ + t;
    }
    live_.assign(rows, true);
    cost_.assign(width_, 0);
    for (size_t t : targets) cost_[t] = 1;
    DriveOutArtificials(equalities);
  }

  // Runs the simplex to optimality. False if it did not finish within
  // `max_pivots` (or, which a bounded program cannot do, found it unbounded).
  [[nodiscard]] bool Maximize(size_t max_pivots) {
    for (size_t pivots = 0; pivots < max_pivots; ++pivots) {
      size_t entering = kNone;
      for (size_t k = 0; k < first_artificial() && entering == kNone; ++k)
        if (cost_[k] > kEpsilon) entering = k;
      if (entering == kNone) return true;
      const size_t leaving = Leaving(entering);
      if (leaving == kNone) return false;
      Pivot(leaving, entering);
    }
    return false;
  }

  // The value of every variable at the current basis (slacks and
  // artificials included).
  [[nodiscard]] std::vector<double> Values() const {
    std::vector<double> values(width_, 0);
    for (size_t r = 0; r < rows_.size(); ++r)
      if (live_[r]) values[basis_[r]] = rows_[r][width_];
    return values;
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  size_t first_artificial() const { return width_ - artificials_; }

  // Replaces each artificial basic variable (all at 0) by a real one with a
  // nonzero entry in its row; a row without one is redundant and dropped.
  void DriveOutArtificials(size_t equalities) {
    artificials_ = equalities;
    for (size_t r = 0; r < equalities; ++r) {
      size_t k = 0;
      while (k < first_artificial() && std::abs(rows_[r][k]) < kEpsilon) ++k;
      if (k == first_artificial()) {
        live_[r] = false;
      } else {
        Pivot(r, k);  // its right side is 0: no other row's changes
      }
    }
  }

  // Bland's rule: the least ratio, ties to the least basic variable.
  size_t Leaving(size_t entering) const {
    size_t best = kNone;
    double best_ratio = 0;
    for (size_t r = 0; r < rows_.size(); ++r) {
      const double a = rows_[r][entering];
      if (!live_[r] || a <= kEpsilon) continue;
      const double ratio = rows_[r][width_] / a;
      if (best == kNone || ratio < best_ratio - kEpsilon ||
          (ratio < best_ratio + kEpsilon && basis_[r] < basis_[best])) {
        best = r;
        best_ratio = ratio;
      }
    }
    return best;
  }

  void Pivot(size_t row, size_t column) {
    std::vector<double>& p = rows_[row];
    const double scale = p[column];
    for (double& v : p) v /= scale;
    for (size_t r = 0; r < rows_.size(); ++r) {
      if (r == row || !live_[r] || std::abs(rows_[r][column]) < kEpsilon) continue;
      const double f = rows_[r][column];
      for (size_t k = 0; k <= width_; ++k) rows_[r][k] -= f * p[k];
      rows_[r][column] = 0;
    }
    if (std::abs(cost_[column]) >= kEpsilon) {
      const double f = cost_[column];
      for (size_t k = 0; k < width_; ++k) cost_[k] -= f * p[k];
      cost_[column] = 0;
    }
    basis_[row] = column;
  }

  size_t variables_;
  size_t width_ = 0;                       // columns without the right side
  size_t artificials_ = 0;                 // the last columns; never enter
  std::vector<std::vector<double>> rows_;  // [row][column], right side last
  std::vector<size_t> basis_;
  std::vector<bool> live_;    // false: a redundant equality
  std::vector<double> cost_;  // reduced costs of the objective
};

}  // namespace

std::vector<bool> ImplicitEqualities(const std::vector<std::vector<double>>& a,
                                     const std::vector<Movement>& movement) {
  const size_t n = movement.size(), equalities = a.size();
  // The program's variables are nonnegative: a bounded coordinate (sign
  // turned where it may only go down) is one, a free coordinate two (up and
  // down). `of[j]` is bounded coordinate j's variable.
  std::vector<std::vector<double>> columns;
  std::vector<size_t> of(n, 0);
  std::vector<size_t> unknown;  // bounded coordinates not yet seen moving
  auto column = [&](size_t j, double sign) {
    std::vector<double> c(equalities);
    for (size_t r = 0; r < equalities; ++r) c[r] = sign * a[r][j];
    columns.push_back(std::move(c));
  };
  for (size_t j = 0; j < n; ++j) {
    if (movement[j] == Movement::kFree) {
      column(j, 1);
      column(j, -1);
      continue;
    }
    of[j] = columns.size();
    unknown.push_back(j);
    column(j, movement[j] == Movement::kUpOnly ? 1 : -1);
  }
  // Each program moves as many unknown coordinates as it can (each by at
  // most 1); those it moved are known to move, and the next program asks
  // about the rest, until one moves none: those are stuck.
  while (!unknown.empty()) {
    std::vector<size_t> targets;
    for (size_t j : unknown) targets.push_back(of[j]);
    Tableau program(columns, targets, equalities);
    if (!program.Maximize(50 * (columns.size() + equalities + targets.size()) + 1000))
      break;
    const std::vector<double> values = program.Values();
    std::vector<size_t> still;
    for (size_t j : unknown)
      if (values[of[j]] <= kEpsilon) still.push_back(j);
    if (still.size() == unknown.size()) break;
    unknown = std::move(still);
  }
  std::vector<bool> stuck(n, false);
  for (size_t j : unknown) stuck[j] = true;
  return stuck;
}

}  // namespace vum::report_internal
