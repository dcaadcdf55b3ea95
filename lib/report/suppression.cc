#include "lib/report/suppression.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace vum::report_internal {
namespace {

using Breakdown = std::map<std::string, GroupCounts>;

// parent = the sum of members, for every measure.
struct SumRelation {
  GroupCounts* parent = nullptr;
  std::vector<GroupCounts*> members;
};

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

// The sums of measure `m` as linear equations over the withheld cells,
// reduced (Gauss-Jordan): a withheld cell is fixed by the published figures
// when its unit vector lies in the equations' row space, that is when its row
// of the reduced form has no other entry, or when that row's cells all weigh
// in one direction and its value leaves each of them only its least value (no
// count is below 0, and a listed group has at least one profile: two withheld
// municipalities that must add up to 2 hold one each). The reduction's row operations are
// kept (`ops`), so that the effect of withholding one more cell can be read
// without reducing again. The coefficients are 0 and +-1; one row per sum
// that holds a withheld cell.
class Elimination {
 public:
  Elimination(const std::vector<SumRelation>& sums, Measure m) : sums_(sums), m_(m) {
    std::vector<std::vector<std::pair<int, double>>> equations;
    for (const SumRelation& sum : sums) {
      std::vector<std::pair<int, double>> row;
      if (sum.parent->suppressed[m]) row.push_back({Column(sum.parent), 1});
      for (const GroupCounts* g : sum.members)
        if (g->suppressed[m]) row.push_back({Column(g), -1});
      equation_of_sum_.push_back(row.empty() ? -1 : static_cast<int>(equations.size()));
      if (!row.empty()) equations.push_back(std::move(row));
    }
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
    for (size_t i = 0; i < sums_.size(); ++i) {
      double c = sums_[i].parent == y ? 1 : 0;
      for (const GroupCounts* g : sums_[i].members) c -= g == y ? 1 : 0;
      if (c == 0) continue;
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

  void Reduce(const std::vector<std::vector<std::pair<int, double>>>& equations) {
    const size_t rows = equations.size(), columns = column_.size();
    std::vector<std::vector<double>> a(rows, std::vector<double>(columns, 0));
    for (size_t r = 0; r < rows; ++r)
      for (const auto& [c, v] : equations[r]) a[r][c] += v;
    ops_.assign(rows, std::vector<double>(rows, 0));
    for (size_t r = 0; r < rows; ++r) ops_[r][r] = 1;
    std::vector<const GroupCounts*> cell_of(columns);
    for (const auto& [g, c] : column_) cell_of[c] = g;
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
      if (nonzero == 1) {
        fixed_[cell_of[pivot_column[r]]] = r;
      } else if (AtLeastValues(a[r], cell_of)) {
        for (size_t c = 0; c < columns; ++c)
          if (std::abs(a[r][c]) > kEpsilon) fixed_.emplace(cell_of[c], r);
      }
    }
  }

  // The least value the intruder knows a withheld cell has.
  double Least(const GroupCounts* g) const {
    return m_ == kProfilesMeasure && g->profiles > 0 ? 1 : 0;
  }

  // Whether the reduced `row` has every cell at its least value: its
  // coefficients share one sign and its value (from the true counts, which
  // satisfy it) is what the cells' least values give.
  bool AtLeastValues(const std::vector<double>& row,
                     const std::vector<const GroupCounts*>& cell_of) const {
    double value = 0, least = 0;
    int sign = 0;
    for (size_t c = 0; c < row.size(); ++c) {
      if (std::abs(row[c]) < kEpsilon) continue;
      const int s = row[c] > 0 ? 1 : -1;
      if (sign != 0 && s != sign) return false;
      sign = s;
      value += std::abs(row[c]) * static_cast<double>(cell_of[c]->count(m_));
      least += std::abs(row[c]) * Least(cell_of[c]);
    }
    return sign != 0 && std::abs(value - least) < 1e-6;
  }

  const std::vector<SumRelation>& sums_;
  const Measure m_;
  std::map<const GroupCounts*, int> column_;
  std::vector<int> equation_of_sum_;      // its row in the equations, or -1
  std::vector<std::vector<double>> ops_;  // reduced = ops_ * equations
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
// next to it: the smallest that frees it, else the smallest. True if it
// withheld one. Each call withholds more, and with every cell withheld none
// is fixed (the counts are not all zero), so calling it until false ends.
bool UnfixOne(const std::vector<SumRelation>& sums, Measure m) {
  const Elimination elimination(sums, m);
  for (const auto& fixed : elimination.fixed()) {
    const GroupCounts* cell = fixed.first;
    const std::vector<GroupCounts*> candidates = Neighbours(sums, m, cell);
    if (candidates.empty()) continue;
    GroupCounts* pick = candidates.front();
    for (GroupCounts* candidate : candidates) {
      if (elimination.Frees(candidate, cell)) {
        pick = candidate;
        break;
      }
    }
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
      if (UnfixOne(sums, m)) {
        changed = true;
      } else {
        audited[m] = hidden;
      }
    }
  }
}

}  // namespace vum::report_internal
