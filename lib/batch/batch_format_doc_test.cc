// docs/batch-format.md shows a small batch as a hex dump (written from the
// format's description, not by this library). It must read as a whole batch.

#include <fstream>
#include <regex>
#include <sstream>

#include "gtest/gtest.h"
#include "vum/batch.h"

namespace vum {
namespace {

TEST(BatchFormatDocTest, TheDocumentedExampleIsAWholeBatch) {
  std::ifstream in(std::string(VUM_SOURCE_DIR) + "/docs/batch-format.md");
  std::string line, bytes;
  // xxd lines: "00000000: 750a 730a ...  text"
  const std::regex dump(R"(^[0-9a-f]{8}: ((?:[0-9a-f]{2,4} )+))");
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, dump)) continue;
    std::string hex = m[1];
    hex.erase(std::remove(hex.begin(), hex.end(), ' '), hex.end());
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
      bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
  }
  ASSERT_EQ(bytes.size(), 183u);
  auto reader = BatchReader::FromBytes(bytes);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->header().batch_id(), "00000000-0000-4000-8000-000000000001");
  v1::BatchRecord record;
  RecordPosition position;
  ASSERT_TRUE(*(*reader)->Next(&record, &position));
  EXPECT_EQ(record.werkzoekende().id_werkzoekende(), "wz-1");
  EXPECT_EQ(position.offset, 118u);
  ASSERT_TRUE(*(*reader)->Next(&record, &position));
  EXPECT_EQ(record.intrekking().id_record(), "wz-2");
  EXPECT_EQ(record.intrekking().reden(), v1::REDEN_INTREKKING_WERK_GEVONDEN);
  EXPECT_EQ(position.offset, 129u);
  absl::StatusOr<bool> end = (*reader)->Next(&record, &position);
  ASSERT_TRUE(end.ok()) << end.status();
  EXPECT_FALSE(*end);
  EXPECT_EQ((*reader)->trailer().aantal_records(), 2u);
}

}  // namespace
}  // namespace vum
