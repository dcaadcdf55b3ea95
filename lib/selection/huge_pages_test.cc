// MapHugePiece: each piece is its own, aligned to its size, zeroed and
// writable to its last byte; TouchHugePiece changes none of its bytes.

#include "lib/selection/huge_pages.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "lib/testing/address_space.h"

namespace vum::selection_internal {
namespace {

TEST(HugePagesTest, PiecesAreAlignedZeroedAndTheirOwn) {
  std::vector<std::shared_ptr<char>> pieces;
  for (int i = 0; i < 3; ++i) pieces.push_back(MapHugePiece());
  for (size_t i = 0; i < pieces.size(); ++i) {
    char* p = pieces[i].get();
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kHugePieceBytes, 0u) << i;
    size_t nonzero = 0;
    for (size_t at = 0; at < kHugePieceBytes; ++at) nonzero += p[at] != 0;
    EXPECT_EQ(nonzero, 0u) << i;
    p[0] = static_cast<char>(i + 1);
    p[kHugePieceBytes - 1] = static_cast<char>(i + 1);
  }
  // No piece overlaps another: each still holds its own marks.
  for (size_t i = 0; i < pieces.size(); ++i) {
    EXPECT_EQ(pieces[i].get()[0], static_cast<char>(i + 1));
    EXPECT_EQ(pieces[i].get()[kHugePieceBytes - 1], static_cast<char>(i + 1));
  }
}

TEST(HugePagesTest, TouchLeavesEveryByteZeroed) {
  std::shared_ptr<char> piece = MapHugePiece();
  TouchHugePiece(piece.get());
  size_t nonzero = 0;
  for (size_t at = 0; at < kHugePieceBytes; ++at) nonzero += piece.get()[at] != 0;
  EXPECT_EQ(nonzero, 0u);
}

// A region of any size is rounded up to whole pieces: aligned, zeroed and
// writable to the end of its last piece, and each region its own.
TEST(HugePagesTest, RegionsAreRoundedUpAlignedAndZeroed) {
  constexpr size_t kPiece = kHugePieceBytes;
  // Bytes asked for, and the bytes of the whole pieces that hold them.
  const std::pair<size_t, size_t> sizes[] = {{1, kPiece},
                                             {kPiece, kPiece},
                                             {kPiece + 1, 2 * kPiece},
                                             {5 * kPiece / 2, 3 * kPiece}};
  std::vector<char*> regions;
  for (const auto& [bytes, rounded] : sizes) {
    auto* region = static_cast<char*>(MapHugeRegion(bytes));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(region) % kPiece, 0u) << bytes;
    size_t nonzero = 0;
    for (size_t at = 0; at < rounded; at += 512) nonzero += region[at] != 0;
    EXPECT_EQ(nonzero + region[rounded - 1], 0u) << bytes;
    region[0] = region[rounded - 1] = static_cast<char>(regions.size() + 1);
    regions.push_back(region);
  }
  for (size_t i = 0; i < regions.size(); ++i) {
    const auto& [bytes, rounded] = sizes[i];
    EXPECT_EQ(regions[i][0], static_cast<char>(i + 1));
    EXPECT_EQ(regions[i][rounded - 1], static_cast<char>(i + 1));
    UnmapHugeRegion(regions[i], bytes);
  }
}

// HugePageAllocator: arrays of kHugePieceBytes and more are regions for huge
// pages (aligned to a piece, which operator new does not give an array that
// large); smaller ones come from the heap. A container that grows through the
// threshold keeps its elements, and frees each array as it was made (a
// region given to operator delete, or the reverse, would end the test).
TEST(HugePagesTest, AllocatorPutsLargeArraysInRegionsAndKeepsTheElements) {
  HugePageAllocator<uint64_t> alloc;
  constexpr size_t kLarge = kHugePieceBytes / sizeof(uint64_t);
  for (size_t n : {kLarge, kLarge + 1, 3 * kLarge}) {
    uint64_t* a = alloc.allocate(n);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % kHugePieceBytes, 0u) << n;
    a[0] = a[n - 1] = n;
    EXPECT_EQ(a[0] + a[n - 1], 2 * n);
    alloc.deallocate(a, n);
  }
  uint64_t* small = alloc.allocate(kLarge - 1);
  small[0] = small[kLarge - 2] = 7;
  alloc.deallocate(small, kLarge - 1);

  std::vector<uint64_t, HugePageAllocator<uint64_t>> grown;
  for (uint64_t i = 0; i < 3 * kLarge; ++i) grown.push_back(i * 2654435761u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(grown.data()) % kHugePieceBytes, 0u);
  for (uint64_t i = 0; i < grown.size(); ++i) ASSERT_EQ(grown[i], i * 2654435761u) << i;
  grown.resize(10);
  grown.shrink_to_fit();  // back to the heap
  EXPECT_EQ(grown[9], 9 * uint64_t{2654435761u});
  EXPECT_TRUE(HugePageAllocator<char>() == alloc);
  EXPECT_THROW((void)alloc.allocate(SIZE_MAX / 4), std::bad_array_new_length);
}

// Out of memory, the thread that maps pieces ahead stops instead of ending
// the process, and Next fails in its caller's thread with std::bad_alloc.
// The child waits 200 ms after that failure so that a thread ending the
// process would do so first.
TEST(HugePagesDeathTest, OutOfMemoryFailsInTheCallersThreadOnly) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        HugePiecesAhead ahead;
        std::vector<std::shared_ptr<char>> taken;
        taken.reserve(64);
        for (int i = 0; i < 2; ++i) taken.push_back(ahead.Next());
        rlimit limit{};
        getrlimit(RLIMIT_AS, &limit);
        limit.rlim_cur =
            testing::AddressSpaceInUse() + (size_t{1} << 20);  // no piece fits
        setrlimit(RLIMIT_AS, &limit);
        try {
          for (int i = 0; i < 60; ++i) taken.push_back(ahead.Next());
        } catch (const std::bad_alloc&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
          std::_Exit(3);
        }
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(3), "");
}

}  // namespace
}  // namespace vum::selection_internal
