#include "lib/report/suppression.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "lib/report/implicit_equalities.h"

namespace vum::report_internal {
namespace {

using Breakdown = std::map<std::string, GroupCounts>;

// parent = the sum of members, for every measure.
struct SumRelation {
  GroupCounts* parent = nullptr;
  std::vector<GroupCounts*> members;
};

// Per cell, the sums it stands in (their index) with its coefficient there:
// +1 as the parent, -1 as a member.
using SumTerms = std::map<const GroupCounts*, std::vector<std::pair<size_t, double>>>;

SumTerms TermsOf(const std::vector<SumRelation>& sums) {
  SumTerms terms;
  for (size_t i = 0; i < sums.size(); ++i) {
    terms[sums[i].parent].push_back({i, 1});
    for (const GroupCounts* g : sums[i].members) terms[g].push_back({i, -1});
  }
  return terms;
}

// Withholds all of `group`'s cells.
void WithholdWhole(GroupCounts& group) {
  group.suppressed.assign(group.suppressed.size(), true);
}

void SuppressPrimary(GroupCounts& group, size_t measures, uint64_t k) {
  auto small = [k](uint64_t n) { return n > 0 && n < k; };
  group.suppressed.assign(measures, false);
  if (small(group.profiles)) {
    WithholdWhole(group);
    return;
  }
  for (Measure m = 1; m < static_cast<Measure>(measures); ++m) {
    const uint64_t count = group.count(m);
    group.suppressed[m] = small(count) || small(group.profiles - count);
  }
}

// The municipalities of each province and of each labour-market region, where
// every profile of that province or region lies in one of them: the sums a
// reader who knows the geography can form. Derived from the postcode list the
// counts were made with.
std::vector<SumRelation> NestedSums(ReportSnapshot& s, const Pc4Register* pc4) {
  if (pc4 == nullptr) return {};
  // Municipality -> the provinces (regions) its areas lie in; "onbekend" for
  // a profile without a known area lies in "onbekend" only.
  std::map<std::string, std::set<std::string>> provinces, regions;
  provinces[kUnknownGroup].insert(kUnknownGroup);
  regions[kUnknownGroup].insert(kUnknownGroup);
  for (const Pc4Area& a : pc4->areas()) {
    const std::string& municipality =
        a.municipality.empty() ? kUnknownGroup : a.municipality;
    provinces[municipality].insert(a.province);
    regions[municipality].insert(a.labour_market_region.empty() ? kUnknownGroup
                                                                : a.labour_market_region);
  }
  std::vector<SumRelation> sums;
  auto nest = [&](Breakdown& parents,
                  const std::map<std::string, std::set<std::string>>& where) {
    std::map<std::string, SumRelation> by_parent;
    std::set<std::string> split;  // parents sharing a municipality with another
    for (auto& [municipality, group] : s.by_municipality) {
      auto it = where.find(municipality);
      if (it == where.end()) continue;
      for (const std::string& parent : it->second) {
        if (it->second.size() > 1) split.insert(parent);
        by_parent[parent].members.push_back(&group);
      }
    }
    for (auto& [name, relation] : by_parent) {
      auto parent = parents.find(name);
      if (split.count(name) != 0 || parent == parents.end()) continue;
      relation.parent = &parent->second;
      sums.push_back(std::move(relation));
    }
  };
  nest(s.by_province, provinces);
  nest(s.by_labour_market_region, regions);
  return sums;
}

// Makes the cells of measure `m` of `sum` safe against it: withheld, the
// parent counted as one, none or at least two, and the withheld members at
// least k together while the parent is published. True if it withheld more.
bool ProtectSum(const SumRelation& sum, Measure m, uint64_t k) {
  GroupCounts& parent = *sum.parent;
  int hidden = parent.suppressed[m] ? 1 : 0;
  uint64_t total = 0;
  for (const GroupCounts* group : sum.members) {
    if (!group->suppressed[m]) continue;
    ++hidden;
    total += group->count(m);
  }
  bool changed = false;
  auto safe = [&] {
    return hidden == 0 || (hidden >= 2 && (parent.suppressed[m] || total >= k));
  };
  while (!safe()) {
    // The published member with the smallest count that adds to the sum;
    // failing that, any published member; failing that, the parent.
    GroupCounts* pick = nullptr;
    for (GroupCounts* group : sum.members) {
      if (group->suppressed[m]) continue;
      const uint64_t c = group->count(m), best = pick == nullptr ? 0 : pick->count(m);
      if (pick == nullptr || (c > 0 && (best == 0 || c < best))) pick = group;
    }
    if (pick == nullptr) {
      if (parent.suppressed[m]) break;  // every cell is withheld already
      parent.suppressed[m] = true;
    } else {
      pick->suppressed[m] = true;
      total += pick->count(m);
    }
    ++hidden;
    changed = true;
  }
  return changed;
}

// The least value of measure `m` a reader knows group `g` has: 0, and 1 for
// the profiles of a listed group.
uint64_t Least(const GroupCounts* g, Measure m) {
  return m == kProfilesMeasure && g->profiles > 0 ? 1 : 0;
}

// Whether `g`'s count of `m` equals the greatest value a reader knows it can
// have: its group's published profile count.
bool AtMost(const GroupCounts* g, Measure m) {
  return m != kProfilesMeasure && !g->suppressed[kProfilesMeasure] &&
         g->count(m) == g->profiles;
}

// Whether `g`'s count of `m` may move either way within what a reader knows.
bool HasRoom(const GroupCounts* g, Measure m) {
  return g->count(m) != Least(g, m) && !AtMost(g, m);
}

// The sums of measure `m` as linear equations over the withheld cells, and
// what they fix. A reader knows more than the sums: no count is below its
// least value (0; 1 for a listed group's profiles) nor above its group's
// published profile count. From the true counts, a cell at such a bound may
// move one way only; the cells that cannot move at all in any direction the
// sums allow (ImplicitEqualities, a linear program over all the sums at
// once) are added as equations "cell = value". A withheld cell is then fixed
// when its unit vector lies in the row space of all the equations, read from
// their reduced (Gauss-Jordan) form: its row there has no other entry. The
// reduction's row operations are kept (`ops`), so that the effect of
// withholding one more cell can be read without reducing again.
class Elimination {
 public:
  // Sparse rows over the columns: (column, coefficient).
  using Equations = std::vector<std::vector<std::pair<int, double>>>;

  // `terms`: TermsOf(sums); must outlive this.
  Elimination(const std::vector<SumRelation>& sums, const SumTerms& terms, Measure m)
      : m_(m), terms_(terms) {
    Equations equations;
    for (const SumRelation& sum : sums) {
      std::vector<std::pair<int, double>> row;
      if (sum.parent->suppressed[m]) row.push_back({Column(sum.parent), 1});
      for (const GroupCounts* g : sum.members)
        if (g->suppressed[m]) row.push_back({Column(g), -1});
      equation_of_sum_.push_back(row.empty() ? -1 : static_cast<int>(equations.size()));
      if (!row.empty()) equations.push_back(std::move(row));
    }
    cell_of_.resize(column_.size());
    for (const auto& [g, c] : column_) cell_of_[c] = g;
    const std::vector<bool> stuck = Stuck(equations);
    for (size_t c = 0; c < stuck.size(); ++c)
      if (stuck[c]) equations.push_back({{static_cast<int>(c), 1.0}});
    Reduce(equations);
  }

  // The withheld cells the sums fix, each with its row.
  [[nodiscard]] const std::map<const GroupCounts*, size_t>& fixed() const {
    return fixed_;
  }

  // Whether withholding the published cell `y` too leaves `x` (fixed) free:
  // y is no new pivot (its column lies in the pivots' span) and it enters x's
  // row. False when y stands in a sum without a withheld cell: it would be
  // alone there, and fixed itself.
  [[nodiscard]] bool Frees(const GroupCounts* y, const GroupCounts* x) const {
    std::vector<double> column(ops_.size(), 0);
    auto terms = terms_.find(y);
    if (terms == terms_.end()) return false;
    for (const auto& [i, c] : terms->second) {
      const int e = equation_of_sum_[i];
      if (e < 0) return false;
      for (size_t r = 0; r < ops_.size(); ++r) column[r] += ops_[r][e] * c;
    }
    for (size_t r = rank_; r < column.size(); ++r)
      if (std::abs(column[r]) > kEpsilon) return false;
    return std::abs(column[fixed_.at(x)]) > kEpsilon;
  }

 private:
  static constexpr double kEpsilon = 1e-9;

  int Column(const GroupCounts* g) {
    return column_.emplace(g, static_cast<int>(column_.size())).first->second;
  }

  // The `equations` as a dense matrix.
  std::vector<std::vector<double>> Dense(const Equations& equations) const {
    std::vector<std::vector<double>> a(equations.size(),
                                       std::vector<double>(column_.size(), 0));
    for (size_t r = 0; r < equations.size(); ++r)
      for (const auto& [c, v] : equations[r]) a[r][c] += v;
    return a;
  }

  void Reduce(const Equations& equations) {
    const size_t rows = equations.size(), columns = column_.size();
    std::vector<std::vector<double>> a = Dense(equations);
    ops_.assign(rows, std::vector<double>(rows, 0));
    for (size_t r = 0; r < rows; ++r) ops_[r][r] = 1;
    std::vector<size_t> pivot_column;
    for (size_t c = 0; c < columns && rank_ < rows; ++c) {
      size_t pivot = rank_;
      for (size_t r = rank_; r < rows; ++r)
        if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
      if (std::abs(a[pivot][c]) < kEpsilon) continue;
      std::swap(a[pivot], a[rank_]);
      std::swap(ops_[pivot], ops_[rank_]);
      const double p = a[rank_][c];
      for (double& v : a[rank_]) v /= p;
      for (double& v : ops_[rank_]) v /= p;
      for (size_t r = 0; r < rows; ++r) {
        if (r == rank_ || std::abs(a[r][c]) < kEpsilon) continue;
        const double f = a[r][c];
        for (size_t j = c; j < columns; ++j) a[r][j] -= f * a[rank_][j];
        for (size_t j = 0; j < rows; ++j) ops_[r][j] -= f * ops_[rank_][j];
      }
      pivot_column.push_back(c);
      ++rank_;
    }
    for (size_t r = 0; r < rank_; ++r) {
      int nonzero = 0;
      for (double v : a[r]) nonzero += std::abs(v) > kEpsilon;
      if (nonzero == 1) fixed_[cell_of_[pivot_column[r]]] = r;
    }
  }

  // Which cells cannot move from their true counts in any direction the
  // sums and the bounds a reader knows allow.
  std::vector<bool> Stuck(const Equations& equations) const {
    const size_t columns = cell_of_.size();
    std::vector<Movement> movement(columns, Movement::kFree);
    std::vector<bool> pinned(columns, false);
    for (size_t c = 0; c < columns; ++c) {
      const GroupCounts* g = cell_of_[c];
      const bool at_least = g->count(m_) == Least(g, m_), at_most = AtMost(g, m_);
      pinned[c] = at_least && at_most;
      if (at_least) movement[c] = Movement::kUpOnly;
      if (at_most) movement[c] = Movement::kDownOnly;
    }
    std::vector<bool> stuck = ImplicitEqualities(Dense(equations), movement);
    for (size_t c = 0; c < columns; ++c) stuck[c] = stuck[c] || pinned[c];
    return stuck;
  }

  const Measure m_;
  const SumTerms& terms_;
  std::map<const GroupCounts*, int> column_;
  std::vector<const GroupCounts*> cell_of_;  // column -> cell
  std::vector<int> equation_of_sum_;         // its row in the equations, or -1
  std::vector<std::vector<double>> ops_;     // reduced = ops_ * equations
  size_t rank_ = 0;
  std::map<const GroupCounts*, size_t> fixed_;
};

// The published cells of measure `m` that share a sum with `cell`, by
// ascending count.
std::vector<GroupCounts*> Neighbours(const std::vector<SumRelation>& sums, Measure m,
                                     const GroupCounts* cell) {
  std::set<GroupCounts*> seen;
  std::vector<GroupCounts*> out;
  auto add = [&](GroupCounts* g) {
    if (!g->suppressed[m] && seen.insert(g).second) out.push_back(g);
  };
  for (const SumRelation& sum : sums) {
    if (sum.parent != cell &&
        std::find(sum.members.begin(), sum.members.end(), cell) == sum.members.end())
      continue;
    add(sum.parent);
    for (GroupCounts* g : sum.members) add(g);
  }
  std::stable_sort(out.begin(), out.end(), [m](GroupCounts* x, GroupCounts* y) {
    return x->count(m) < y->count(m);
  });
  return out;
}

// If the sums fix a withheld cell of measure `m`, withholds one more cell
// next to it: the smallest that frees it by the reduced equations, else the
// smallest that may move either way (a cell at a bound cannot give a cell at
// a bound room), else the smallest. True if it withheld one. Each call
// withholds one more cell, so calling it until false ends.
bool UnfixOne(const std::vector<SumRelation>& sums, const SumTerms& terms, Measure m) {
  const Elimination elimination(sums, terms, m);
  for (const auto& fixed : elimination.fixed()) {
    const GroupCounts* cell = fixed.first;
    const std::vector<GroupCounts*> candidates = Neighbours(sums, m, cell);
    if (candidates.empty()) continue;
    GroupCounts* pick = nullptr;
    for (GroupCounts* candidate : candidates) {
      if (elimination.Frees(candidate, cell)) {
        pick = candidate;
        break;
      }
    }
    for (GroupCounts* candidate : candidates) {
      if (pick == nullptr && HasRoom(candidate, m)) pick = candidate;
    }
    if (pick == nullptr) pick = candidates.front();
    pick->suppressed[m] = true;
    return true;
  }
  return false;
}

size_t Withheld(const std::vector<GroupCounts*>& groups, Measure m) {
  size_t n = 0;
  for (const GroupCounts* g : groups) n += g->suppressed[m];
  return n;
}

}  // namespace

void SuppressSmallCells(ReportSnapshot& snapshot, int k, bool secondary,
                        const Pc4Register* pc4) {
  const uint64_t min = static_cast<uint64_t>(k);
  const size_t measures = snapshot.all.measure_count();
  const std::vector<Breakdown*> breakdowns = {
      &snapshot.by_source, &snapshot.by_province, &snapshot.by_municipality,
      &snapshot.by_labour_market_region, &snapshot.by_target_group};
  std::vector<GroupCounts*> groups = {&snapshot.all};
  std::vector<SumRelation> sums;
  for (Breakdown* b : breakdowns) {
    SumRelation sum{&snapshot.all, {}};
    for (auto& [name, group] : *b) {
      groups.push_back(&group);
      sum.members.push_back(&group);
    }
    sums.push_back(std::move(sum));
  }
  for (SumRelation& nested : NestedSums(snapshot, pc4)) sums.push_back(std::move(nested));
  for (GroupCounts* g : groups) SuppressPrimary(*g, measures, min);
  if (!secondary) return;
  std::vector<size_t> audited(measures, SIZE_MAX);  // withheld cells when clean
  const SumTerms terms = TermsOf(sums);
  for (bool changed = true; changed;) {
    changed = false;
    for (const SumRelation& sum : sums) {
      for (Measure m = 0; m < static_cast<Measure>(measures); ++m)
        changed |= ProtectSum(sum, m, min);
    }
    // A group whose size is withheld is withheld whole: its published counts
    // would bound its size from below.
    for (GroupCounts* g : groups) {
      if (!g->suppressed[kProfilesMeasure]) continue;
      for (Measure m = 1; m < static_cast<Measure>(measures); ++m) {
        changed |= !g->suppressed[m];
        g->suppressed[m] = true;
      }
    }
    if (changed) continue;
    // The sums together may still fix a cell each leaves free. A measure whose
    // withheld cells have not changed since its last clean audit is skipped.
    for (Measure m = 0; m < static_cast<Measure>(measures); ++m) {
      const size_t hidden = Withheld(groups, m);
      if (audited[m] == hidden) continue;
      if (UnfixOne(sums, terms, m)) {
        changed = true;
      } else {
        audited[m] = hidden;
      }
    }
  }
}

}  // namespace vum::report_internal
