// MapHugePiece: each piece is its own, aligned to its size, zeroed and
// writable to its last byte; TouchHugePiece changes none of its bytes.

#include "lib/selection/huge_pages.h"

#include <cstdint>
#include <vector>

#include "gtest/gtest.h"

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

}  // namespace
}  // namespace vum::selection_internal
