#include "lib/report/suppression.h"

#include <vector>

namespace vum::report_internal {
namespace {

using Breakdown = std::map<std::string, GroupCounts>;

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

// Makes `breakdown`'s cells of measure `m` safe against the sum that equals
// the total; true if it withheld anything more.
bool ProtectSum(Breakdown& breakdown, GroupCounts& all, Measure m, uint64_t k) {
  int hidden = all.suppressed[m] ? 1 : 0;
  uint64_t sum = 0;
  for (const auto& [name, group] : breakdown) {
    if (!group.suppressed[m]) continue;
    ++hidden;
    sum += group.count(m);
  }
  bool changed = false;
  auto safe = [&] {
    return hidden == 0 || (hidden >= 2 && (all.suppressed[m] || sum >= k));
  };
  while (!safe()) {
    // The published group with the smallest count that adds to the sum;
    // failing that, any published group; failing that, the total.
    GroupCounts* pick = nullptr;
    for (auto& [name, group] : breakdown) {
      if (group.suppressed[m]) continue;
      const uint64_t c = group.count(m), best = pick == nullptr ? 0 : pick->count(m);
      if (pick == nullptr || (c > 0 && (best == 0 || c < best))) pick = &group;
    }
    if (pick == nullptr) {
      if (all.suppressed[m]) break;  // every cell is withheld already
      all.suppressed[m] = true;
    } else {
      pick->suppressed[m] = true;
      sum += pick->count(m);
    }
    ++hidden;
    changed = true;
  }
  return changed;
}

}  // namespace

void SuppressSmallCells(ReportSnapshot& snapshot, int k, bool secondary) {
  const uint64_t min = static_cast<uint64_t>(k);
  const size_t measures = snapshot.all.measure_count();
  const std::vector<Breakdown*> breakdowns = {&snapshot.by_source, &snapshot.by_province,
                                              &snapshot.by_municipality,
                                              &snapshot.by_target_group};
  std::vector<GroupCounts*> groups = {&snapshot.all};
  for (Breakdown* b : breakdowns) {
    for (auto& [name, group] : *b) groups.push_back(&group);
  }
  for (GroupCounts* g : groups) SuppressPrimary(*g, measures, min);
  if (!secondary) return;
  for (bool changed = true; changed;) {
    changed = false;
    for (Breakdown* b : breakdowns) {
      for (Measure m = 0; m < static_cast<Measure>(measures); ++m)
        changed |= ProtectSum(*b, snapshot.all, m, min);
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
  }
}

}  // namespace vum::report_internal
