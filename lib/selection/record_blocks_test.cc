// RecordBlocks: every record comes back byte for byte, whatever its size and
// wherever its block ends; small records share blocks, large ones do not; a
// record outlives the blocks' writer and every other record of its block.

#include "lib/selection/record_blocks.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "vum/generator.h"
#include "vum/v1/job_seeker.pb.h"

namespace vum::selection_internal {
namespace {

// Bytes of length `n` that differ from those of any other `seed`.
std::string Pattern(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((seed * 131 + i * 7) & 0xff);
  return s;
}

class RecordBlocksTest : public ::testing::TestWithParam<bool> {};

// With and without a thread preparing blocks ahead.
TEST_P(RecordBlocksTest, EveryCopyIsItsBytesAcrossBlockEnds) {
  std::vector<std::string> given;
  std::vector<RecordBytes> kept;
  size_t blocks_begun = 0;  // records in a block not right after the one before
  {
    RecordBlocks blocks(/*prepare_ahead=*/GetParam());
    // Sizes that do not divide a block, so that records meet each block's end;
    // zero, and larger than a block's share (an allocation of its own), among
    // them; until three blocks are full.
    const size_t sizes[] = {
        3 * RecordBlocks::kBlockBytes,    0, 1, 1313, 4093, RecordBlocks::kLargestInBlock,
        RecordBlocks::kLargestInBlock + 1};
    const char* end_of_last = nullptr;  // in a block
    size_t in_blocks = 0;
    for (uint32_t i = 0; in_blocks < 3 * RecordBlocks::kBlockBytes; ++i) {
      const size_t n = sizes[i % (sizeof(sizes) / sizeof(sizes[0]))];
      given.push_back(Pattern(n, i));
      kept.push_back(blocks.Copy(given.back()));
      if (n == 0 || n > RecordBlocks::kLargestInBlock) continue;
      in_blocks += n;
      blocks_begun += kept.back().data() != end_of_last;
      end_of_last = kept.back().data() + n;
    }
  }                             // the writer goes; what it gave stays
  EXPECT_GE(blocks_begun, 3u);  // three blocks of bytes need three blocks at least
  ASSERT_EQ(kept.size(), given.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i].view(), given[i]) << "record " << i << " of " << given[i].size();
  }
}

TEST_P(RecordBlocksTest, SmallRecordsShareABlockAndLargeOnesHaveTheirOwn) {
  RecordBlocks blocks(GetParam());
  const std::string small = Pattern(100, 1);
  const RecordBytes a = blocks.Copy(small);
  const RecordBytes b = blocks.Copy(small);
  EXPECT_EQ(b.data(), a.data() + a.size());  // one after the other
  const std::string large = Pattern(RecordBlocks::kLargestInBlock + 1, 2);
  const RecordBytes c = blocks.Copy(large);
  const RecordBytes d = blocks.Copy(small);
  EXPECT_EQ(c.view(), large);
  EXPECT_EQ(d.data(), b.data() + b.size());  // the large one took no block room
}

TEST_P(RecordBlocksTest, ARecordOutlivesTheOthersOfItsBlock) {
  RecordBytes last;
  {
    RecordBlocks blocks(GetParam());
    std::vector<RecordBytes> others;
    for (uint32_t i = 0; i < 100; ++i) others.push_back(blocks.Copy(Pattern(1000, i)));
    last = blocks.Copy(Pattern(1000, 100));
  }
  EXPECT_EQ(last.view(), Pattern(1000, 100));
}

TEST_P(RecordBlocksTest, SerializeWritesWhatProtobufWrites) {
  RecordGenerator generator({.seed = 7});
  RecordBlocks blocks(GetParam());
  v1::Werkzoekende p;
  for (int i = 0; i < 200; ++i) {
    (void)generator.NextProfile(&p);  // valid: no invalid_fraction
    const std::optional<RecordBytes> bytes = blocks.Serialize(p);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(bytes->view(), p.SerializeAsString()) << "profile " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Blocks, RecordBlocksTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "PreparedAhead" : "MadeWhenNeeded";
                         });

}  // namespace
}  // namespace vum::selection_internal
