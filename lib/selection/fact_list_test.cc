#include "lib/selection/fact_list.h"

#include <cstdint>
#include <memory>
#include <vector>

#include "gtest/gtest.h"

namespace vum::selection_internal {
namespace {

std::vector<Fact> Facts(int from, int n) {
  std::vector<Fact> facts;
  for (int i = from; i < from + n; ++i)
    facts.push_back({static_cast<uint16_t>(i % 64), static_cast<uint16_t>(i % 7), i});
  return facts;
}

void ExpectHolds(const FactList& list, int n) {
  ASSERT_EQ(list.size(), static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(list.data()[i].value, i) << i;
    ASSERT_EQ(list.data()[i].path, i % 64) << i;
    ASSERT_EQ(list.data()[i].group, i % 7) << i;
  }
}

TEST(FactListTest, AppendsKeepEveryFactInOrderAsItGrows) {
  FactList list;
  int n = 0;
  for (int step : {1, 15, 16, 100, 1000, 3}) {
    const std::vector<Fact> more = Facts(n, step);
    list.Append(more.data(), more.size());
    n += step;
    ASSERT_GE(list.capacity(), list.size());
  }
  ExpectHolds(list, n);
  EXPECT_FALSE(list.in_region());
  list.Append(nullptr, 0);
  ExpectHolds(list, n);
}

// In its slice a list appends in place; past it, it moves to the heap with
// its facts and lets go of the region.
TEST(FactListTest, AListStaysInItsSliceUntilItOutgrowsIt) {
  auto region = std::make_shared<FactRegion>(300);
  const std::weak_ptr<FactRegion> watch = region;
  FactList list;
  const std::vector<Fact> first = Facts(0, 50);
  list.Append(first.data(), first.size());
  list.MoveTo(region, region->facts() + 100, 200);
  EXPECT_EQ(list.data(), region->facts() + 100);
  EXPECT_EQ(list.capacity(), 200u);
  const std::vector<Fact> second = Facts(50, 150);
  list.Append(second.data(), second.size());  // 200: still fits
  EXPECT_EQ(list.data(), region->facts() + 100);
  ExpectHolds(list, 200);
  region.reset();
  EXPECT_FALSE(watch.expired()) << "the list keeps its region";
  const std::vector<Fact> third = Facts(200, 1);
  list.Append(third.data(), third.size());  // 201: out of the slice
  EXPECT_FALSE(list.in_region());
  EXPECT_TRUE(watch.expired()) << "the last list that leaves frees the region";
  ExpectHolds(list, 201);
}

// Lists share a region, each in its slice; moving a list moves its slice.
TEST(FactListTest, ListsShareARegionAndMoveWithTheirSlice) {
  auto region = std::make_shared<FactRegion>(100);
  const std::weak_ptr<FactRegion> watch = region;
  FactList a, b;
  a.MoveTo(region, region->facts(), 40);
  b.MoveTo(region, region->facts() + 40, 60);
  region.reset();
  const std::vector<Fact> facts = Facts(0, 60);
  a.Append(facts.data(), 40);
  b.Append(facts.data(), 60);
  ExpectHolds(a, 40);
  ExpectHolds(b, 60);
  FactList moved = std::move(a);
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(a.data(), nullptr);
  ExpectHolds(moved, 40);
  moved.Reserve(41);  // to the heap
  ExpectHolds(moved, 40);
  EXPECT_FALSE(watch.expired()) << "b is still there";
  b = FactList();
  EXPECT_TRUE(watch.expired());
}

TEST(FactListTest, AnEmptyRegionMapsNothing) {
  FactRegion region(0);
  EXPECT_EQ(region.facts(), nullptr);
  FactList list;
  list.MoveTo(std::make_shared<FactRegion>(0), nullptr, 0);
  const std::vector<Fact> facts = Facts(0, 3);
  list.Append(facts.data(), facts.size());
  ExpectHolds(list, 3);
}

}  // namespace
}  // namespace vum::selection_internal
