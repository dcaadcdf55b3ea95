#include "lib/selection/zeroed.h"

#include <cstdint>
#include <set>

#include "gtest/gtest.h"

namespace vum::selection_internal {
namespace {

// Up to N on the stack, past it on the heap: either way every value starts at
// zero and is a place of its own.
TEST(ZeroedTest, EveryValueStartsAtZeroAndIsItsOwnOnTheStackOrTheHeap) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{16}, size_t{17}, size_t{1000}}) {
    Zeroed<uint32_t, 16> values(n);
    EXPECT_EQ(values.on_heap(), n > 16) << n;
    std::set<const uint32_t*> places;
    for (size_t i = 0; i < n; ++i) {
      EXPECT_EQ(values[i], 0u) << n << " " << i;
      values[i] = static_cast<uint32_t>(i + 1);
      places.insert(&values[i]);
    }
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(values[i], i + 1) << n << " " << i;
    EXPECT_EQ(places.size(), n);
  }
}

// A stack left dirty by an earlier call does not show through.
TEST(ZeroedTest, TheStackOfAnEarlierCallDoesNotShowThrough) {
  auto fill = [] {
    Zeroed<uint64_t, 2> words(2);
    words[0] = ~uint64_t{0};
    words[1] = ~uint64_t{0};
    return words[0] & words[1];
  };
  auto read = [] {
    Zeroed<uint64_t, 2> words(2);
    return words[0] | words[1];
  };
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(fill(), ~uint64_t{0});
    EXPECT_EQ(read(), 0u);
  }
}

}  // namespace
}  // namespace vum::selection_internal
