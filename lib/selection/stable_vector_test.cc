#include "lib/selection/stable_vector.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace vum::selection_internal {
namespace {

// Across the edges of the first pieces (256, 768, 1,792, ... elements) and
// well past them: every element is where it was put, at the address it had
// when it was put.
TEST(StableVectorTest, ElementsKeepTheirValuesAndAddressesAsItGrows) {
  StableVector<std::string> v;
  std::vector<const std::string*> addresses;
  constexpr size_t kCount = 70'000;
  for (size_t i = 0; i < kCount; ++i) {
    std::string& added = v.emplace_back(std::to_string(i));
    addresses.push_back(&added);
    ASSERT_EQ(v.size(), i + 1);
    ASSERT_GE(v.capacity(), v.size());
  }
  for (size_t i = 0; i < kCount; ++i) {
    ASSERT_EQ(&v[i], addresses[i]) << i;
    ASSERT_EQ(v[i], std::to_string(i)) << i;
  }
  // Pieces double: never more than twice what is held, plus the first piece.
  EXPECT_LE(v.capacity(), 2 * kCount + 256);
}

TEST(StableVectorTest, PiecesEndExactlyWhereTheNextBegins) {
  StableVector<int> v;
  const size_t edges[] = {255, 256, 767, 768, 1791, 1792, 3839};
  size_t next = 0;
  for (size_t edge : edges) {
    for (; next <= edge; ++next) v.emplace_back(static_cast<int>(next));
    ASSERT_EQ(v[edge], static_cast<int>(edge));
    ASSERT_EQ(v[edge - 1], static_cast<int>(edge - 1));
  }
  EXPECT_EQ(v.capacity(), size_t{3840});  // 256 + 512 + 1,024 + 2,048
  v.emplace_back(-1);
  EXPECT_EQ(v.capacity(), size_t{7936});
  EXPECT_EQ(v[3840], -1);
}

TEST(StableVectorTest, ClearDestroysEveryElementAndItIsUsableAfter) {
  auto counted = std::make_shared<int>(0);
  StableVector<std::shared_ptr<int>> v;
  for (int i = 0; i < 1000; ++i) v.emplace_back(counted);
  EXPECT_EQ(counted.use_count(), 1001);
  v.clear();
  EXPECT_EQ(counted.use_count(), 1);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), size_t{0});
  v.emplace_back(counted);
  EXPECT_EQ(counted.use_count(), 2);
  {
    StableVector<std::shared_ptr<int>> destroyed;
    for (int i = 0; i < 300; ++i) destroyed.emplace_back(counted);
    EXPECT_EQ(counted.use_count(), 302);
  }
  EXPECT_EQ(counted.use_count(), 2);
}

// A piece of 2 MiB or more is a region of its own for huge pages: it starts
// at a 2 MiB boundary, and its elements are held and destroyed as any other.
TEST(StableVectorTest, LargePiecesAreAlignedForHugePagesAndBehaveTheSame) {
  struct Big {
    std::shared_ptr<int> counted;
    int value = 0;
    char padding[1024 - sizeof(std::shared_ptr<int>) - sizeof(int)] = {};
  };
  static_assert(sizeof(Big) == 1024);
  auto counted = std::make_shared<int>(0);
  StableVector<Big> v;
  // Pieces of 256, 512 and 1,024 elements (256 KiB to 1 MiB), then one of
  // 2,048 (2 MiB) from element 1,792 on, and one of 4 MiB from 3,840.
  for (int i = 0; i < 5000; ++i) v.emplace_back(Big{counted, i});
  EXPECT_EQ(reinterpret_cast<uintptr_t>(&v[1792]) % kHugePieceBytes, 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(&v[3840]) % kHugePieceBytes, 0u);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(v[i].value, i) << i;
  EXPECT_EQ(counted.use_count(), 5001);
  v.clear();
  EXPECT_EQ(counted.use_count(), 1);
}

}  // namespace
}  // namespace vum::selection_internal
