#include "lib/selection/position_sets.h"

#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "gtest/gtest.h"

namespace vum::selection_internal {
namespace {

std::vector<uint64_t> All(size_t positions) {
  return std::vector<uint64_t>((positions + 63) / 64, ~uint64_t{0});
}

std::set<uint32_t> Positions(const std::vector<uint64_t>& words) {
  std::set<uint32_t> out;
  for (size_t w = 0; w < words.size(); ++w) {
    for (int b = 0; b < 64; ++b) {
      if ((words[w] >> b) & 1) out.insert(static_cast<uint32_t>(w * 64 + b));
    }
  }
  return out;
}

TEST(PositionSetsTest, KeysOfOtherPathsOrValuesDoNotMix) {
  EXPECT_NE(PositionSets::Key(1, 2), PositionSets::Key(2, 1));
  EXPECT_NE(PositionSets::Key(0, -1), PositionSets::Key(1, 0));
}

TEST(PositionSetsTest, IntersectsWithTheUnionOfTheKeys) {
  PositionSets sets;
  const uint64_t a = PositionSets::Key(3, 17), b = PositionSets::Key(3, 18);
  sets.Add(a, 0);
  sets.Add(a, 70);
  sets.Add(b, 70);
  sets.Add(b, 200);
  std::vector<uint64_t> words = All(256);
  sets.IntersectWith({a}, &words);
  EXPECT_EQ(Positions(words), (std::set<uint32_t>{0, 70}));
  words = All(256);
  sets.IntersectWith({a, b}, &words);
  EXPECT_EQ(Positions(words), (std::set<uint32_t>{0, 70, 200}));
  sets.IntersectWith({b}, &words);  // $all: both
  EXPECT_EQ(Positions(words), (std::set<uint32_t>{70, 200}));
  sets.IntersectWith({PositionSets::Key(4, 17)}, &words);  // held nowhere
  EXPECT_TRUE(Positions(words).empty());
  words = All(256);
  sets.IntersectWith({}, &words);
  EXPECT_TRUE(Positions(words).empty());
}

TEST(PositionSetsTest, RemovedPositionsAndForgottenKeys) {
  PositionSets sets;
  const uint64_t a = PositionSets::Key(1, 1);
  sets.Add(a, 5);
  sets.Add(a, 300);
  const size_t with_two = sets.bytes();
  sets.Remove(a, 300);
  sets.Remove(a, 9999);                     // never added: nothing happens
  sets.Remove(PositionSets::Key(9, 9), 5);  // unknown key: nothing happens
  std::vector<uint64_t> words = All(320);
  sets.IntersectWith({a}, &words);
  EXPECT_EQ(Positions(words), (std::set<uint32_t>{5}));
  sets.Remove(a, 5);
  words = All(320);
  sets.IntersectWith({a}, &words);
  EXPECT_TRUE(Positions(words).empty());
  EXPECT_LT(sets.bytes(), with_two);  // the key held nowhere is forgotten
}

// Against a plain model, over random additions and removals.
TEST(PositionSetsTest, AgreesWithAModel) {
  std::mt19937 rng(7);
  PositionSets sets;
  std::set<std::pair<uint64_t, uint32_t>> model;
  for (int step = 0; step < 20000; ++step) {
    const uint64_t key = PositionSets::Key(rng() % 3, static_cast<int32_t>(rng() % 4));
    const uint32_t position = rng() % 500;
    if (rng() % 3 == 0) {
      sets.Remove(key, position);
      model.erase({key, position});
    } else {
      sets.Add(key, position);
      model.insert({key, position});
    }
  }
  for (int path = 0; path < 3; ++path) {
    for (int value = 0; value < 4; ++value) {
      const uint64_t key = PositionSets::Key(path, value);
      std::vector<uint64_t> words = All(500);
      sets.IntersectWith({key}, &words);
      std::set<uint32_t> expected;
      for (const auto& [k, p] : model) {
        if (k == key) expected.insert(p);
      }
      EXPECT_EQ(Positions(words), expected) << path << " " << value;
    }
  }
}

}  // namespace
}  // namespace vum::selection_internal
