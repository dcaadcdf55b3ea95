#include "vum/violation.h"

#include "gtest/gtest.h"

namespace vum {
namespace {

TEST(FieldPathTest, AppendAndRemoveLastWalkDownAndBackUp) {
  FieldPath path;
  EXPECT_TRUE(path.empty());
  path.Append("arbeidsmarktkwalificatie");
  path.Append("opleiding", 12);
  path.Append("datumDiploma");
  EXPECT_EQ(path.ToString(), "arbeidsmarktkwalificatie.opleiding[12].datumDiploma");
  path.RemoveLast();
  EXPECT_EQ(path.ToString(), "arbeidsmarktkwalificatie.opleiding[12]");
  path.RemoveLast();
  path.Append("cursus", 0);
  EXPECT_EQ(path.ToString(), "arbeidsmarktkwalificatie.cursus[0]");
  path.RemoveLast();
  path.RemoveLast();
  EXPECT_TRUE(path.empty());
  EXPECT_EQ(path, FieldPath());
}

TEST(FieldPathTest, SegmentsAreReadBackFromTheText) {
  FieldPath path;
  path.Append("arbeidsmarktkwalificatie");
  path.Append("opleiding", 3);
  path.Append("datumDiploma");
  const std::vector<FieldPath::Segment> segments = path.segments();
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[0].name, "arbeidsmarktkwalificatie");
  EXPECT_EQ(segments[0].index, -1);
  EXPECT_EQ(segments[1].name, "opleiding");
  EXPECT_EQ(segments[1].index, 3);
  EXPECT_EQ(segments[2].name, "datumDiploma");
  EXPECT_EQ(segments[2].index, -1);
  EXPECT_TRUE(FieldPath().segments().empty());
}

TEST(FieldPathTest, EqualityIsOnEverySegmentAndIndex) {
  FieldPath a, b, c;
  a.Append("emailadres", 1);
  b.Append("emailadres", 1);
  c.Append("emailadres", 2);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  b.Reserve(200);  // room for text changes nothing a reader sees
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace vum
