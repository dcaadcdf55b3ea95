#include "lib/report/implicit_equalities.h"

#include <glpk.h>

#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace vum::report_internal {
namespace {

using Matrix = std::vector<std::vector<double>>;
constexpr Movement kUp = Movement::kUpOnly;
constexpr Movement kDown = Movement::kDownOnly;
constexpr Movement kFree = Movement::kFree;

TEST(ImplicitEqualitiesTest, TwoCellsAtTheirLeastThatAddUpCannotMove) {
  EXPECT_EQ(ImplicitEqualities({{1, 1}}, {kUp, kUp}), (std::vector<bool>{true, true}));
}

TEST(ImplicitEqualitiesTest, TwoCellsThatMayTradeCanMove) {
  EXPECT_EQ(ImplicitEqualities({{1, -1}}, {kUp, kUp}), (std::vector<bool>{false, false}));
  EXPECT_EQ(ImplicitEqualities({{1, 1}}, {kUp, kDown}),
            (std::vector<bool>{false, false}));
}

TEST(ImplicitEqualitiesTest, AFreeCellCanTakeUpAnyMove) {
  EXPECT_EQ(ImplicitEqualities({{1, 1, 1}}, {kUp, kUp, kFree}),
            (std::vector<bool>{false, false, false}));
}

TEST(ImplicitEqualitiesTest, NoEquationsLeaveEveryCellFree) {
  EXPECT_EQ(ImplicitEqualities({}, {kUp, kDown}), (std::vector<bool>{false, false}));
}

// No equation alone pins a cell: x0 + x1 - x2 = 0, x2 - x3 = 0 and
// x3 + x4 = 0 with x0, x1 and x4 at their least value. The last two let x2
// only go down, and then the first holds x0 and x1 (and so all) still.
TEST(ImplicitEqualitiesTest, SumsThatPinOnlyTogether) {
  const Matrix a = {{1, 1, -1, 0, 0}, {0, 0, 1, -1, 0}, {0, 0, 0, 1, 1}};
  EXPECT_EQ(ImplicitEqualities(a, {kUp, kUp, kFree, kFree, kUp}),
            (std::vector<bool>{true, true, false, false, true}));
}

// A redundant equation (the same sum twice) changes nothing.
TEST(ImplicitEqualitiesTest, RepeatedEquationsAreHarmless) {
  const Matrix a = {{1, 1, -1}, {1, 1, -1}, {2, 2, -2}};
  EXPECT_EQ(ImplicitEqualities(a, {kUp, kUp, kDown}),
            (std::vector<bool>{true, true, true}));
  EXPECT_EQ(ImplicitEqualities(a, {kUp, kUp, kUp}),
            (std::vector<bool>{false, false, false}));
}

// GLPK's simplex, asked for the largest move of one coordinate in its
// allowed direction within the box [-1, 1]: 0 when it is stuck.
bool StuckByGlpk(const Matrix& a, const std::vector<Movement>& movement, size_t j) {
  const int n = static_cast<int>(movement.size()), rows = static_cast<int>(a.size());
  glp_prob* lp = glp_create_prob();
  glp_add_cols(lp, n);
  for (int c = 0; c < n; ++c) {
    const double lo = movement[c] == kUp ? 0 : -1, hi = movement[c] == kDown ? 0 : 1;
    glp_set_col_bnds(lp, c + 1, GLP_DB, lo, hi);
  }
  std::vector<int> ia = {0}, ja = {0};
  std::vector<double> ar = {0};
  if (rows > 0) glp_add_rows(lp, rows);
  for (int r = 0; r < rows; ++r) {
    glp_set_row_bnds(lp, r + 1, GLP_FX, 0, 0);
    for (int c = 0; c < n; ++c) {
      if (a[r][c] == 0) continue;
      ia.push_back(r + 1);
      ja.push_back(c + 1);
      ar.push_back(a[r][c]);
    }
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_set_obj_coef(lp, static_cast<int>(j) + 1, movement[j] == kUp ? 1 : -1);
  glp_set_obj_dir(lp, GLP_MAX);
  glp_smcp options;
  glp_init_smcp(&options);
  options.msg_lev = GLP_MSG_OFF;
  EXPECT_EQ(glp_simplex(lp, &options), 0);
  const bool stuck = glp_get_obj_val(lp) < 1e-7;
  glp_delete_prob(lp);
  return stuck;
}

// Random sparse systems with coefficients in {-1, 0, 1} (the shape of the
// report's sums) and random movements: the same answer as GLPK per column.
TEST(ImplicitEqualitiesTest, AgreesWithGlpkOnRandomSystems) {
  absl::BitGen random;
  int stuck_seen = 0, moving_seen = 0;
  for (int round = 0; round < 400; ++round) {
    const int rows = absl::Uniform(random, 0, 8), n = absl::Uniform(random, 1, 14);
    Matrix a(rows, std::vector<double>(n, 0));
    for (auto& row : a)
      for (double& v : row)
        v = absl::Bernoulli(random, 0.3) ? (absl::Bernoulli(random, 0.5) ? 1 : -1) : 0;
    std::vector<Movement> movement(n);
    for (Movement& m : movement) {
      const int pick = absl::Uniform(random, 0, 5);
      m = pick < 3 ? kUp : pick < 4 ? kDown : kFree;
    }
    const std::vector<bool> stuck = ImplicitEqualities(a, movement);
    ASSERT_EQ(stuck.size(), static_cast<size_t>(n));
    for (int j = 0; j < n; ++j) {
      const bool expected = movement[j] != kFree && StuckByGlpk(a, movement, j);
      ASSERT_EQ(stuck[j], expected) << "round " << round << " column " << j;
      (expected ? stuck_seen : moving_seen) += 1;
    }
  }
  EXPECT_GT(stuck_seen, 100) << "the systems must hold stuck columns";
  EXPECT_GT(moving_seen, 100);
}

}  // namespace
}  // namespace vum::report_internal
