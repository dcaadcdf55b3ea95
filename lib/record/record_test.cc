#include "vum/record.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/v1/job_seeker.pb.h"

namespace vum {
namespace {

using ::testing::HasSubstr;

std::string Binary() {
  v1::Werkzoekende profile;
  profile.set_id_werkzoekende("gem0363-wz-1");
  profile.mutable_mobiliteit()->set_maximale_reistijd(30);
  profile.add_emailadres("a@b.nl");
  return profile.SerializeAsString();
}

TEST(RecordTest, DetectsTheEncoding) {
  EXPECT_EQ(DetectEncoding("  \n{\"a\": 1}"), Encoding::kJson);
  EXPECT_EQ(DetectEncoding("[{}]"), Encoding::kJson);
  EXPECT_EQ(DetectEncoding(Binary()), Encoding::kBinary);
  EXPECT_EQ(DetectEncoding(""), Encoding::kBinary);
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF{\"a\": 1}"), Encoding::kJson);
}

TEST(RecordTest, ParsesBothEncodingsToTheSameRecord) {
  v1::Werkzoekende a, b;
  ASSERT_TRUE(ParseRecord(Binary(), &a).ok());
  ASSERT_TRUE(ParseRecord(R"({"idWerkzoekende": "gem0363-wz-1",
      "mobiliteit": {"maximaleReistijd": 30}, "emailadres": ["a@b.nl"]})",
                          &b)
                  .ok());
  EXPECT_EQ(a.SerializeAsString(), b.SerializeAsString());
}

TEST(RecordTest, EveryTruncationOfABinaryRecordIsAnErrorNotACrash) {
  const std::string bytes = Binary();
  int errors = 0;
  for (size_t n = 1; n < bytes.size(); ++n) {
    v1::Werkzoekende profile;
    const absl::Status status =
        ParseBinary(absl::string_view(bytes).substr(0, n), &profile);
    if (!status.ok()) {
      ++errors;
      EXPECT_THAT(std::string(status.message()),
                  HasSubstr("not a valid binary Werkzoekende"));
    }
  }
  // A cut between two fields is a valid shorter record; a cut inside one is not.
  EXPECT_GT(errors, static_cast<int>(bytes.size()) / 2);
}

// A file that is neither JSON nor a record is called that, and what it looks
// like is named when its first bytes say so.
TEST(RecordTest, AFileThatIsNeitherJsonNorARecordIsCalledThat) {
  v1::Werkzoekende profile;
  const absl::Status png =
      ParseRecord(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), &profile);
  EXPECT_EQ(png.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(png.message(),
            "neither VUM JSON (no JSON object) nor a binary Werkzoekende: the file looks "
            "like a PNG image");
  EXPECT_THAT(std::string(ParseRecord("\xff\xff\xff garbage", &profile).message()),
              ::testing::StartsWith("neither VUM JSON (no JSON object) nor a binary"));
  EXPECT_TRUE(ParseRecord(Binary(), &profile).ok());
}

TEST(RecordTest, InvalidUtf8InBinaryIsAnError) {
  v1::Werkzoekende profile;
  std::string bytes = Binary();
  bytes[2] = '\xff';  // inside idWerkzoekende
  EXPECT_EQ(ParseBinary(bytes, &profile).code(), absl::StatusCode::kInvalidArgument);
}

TEST(RecordTest, NewRecordByNameOrFullName) {
  auto a = NewRecord("werkzoekende");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->GetDescriptor()->full_name(), "vum.v1.Werkzoekende");
  EXPECT_TRUE(NewRecord("vum.v1.Vacature").ok());
  EXPECT_TRUE(NewRecord("BatchKop").ok());
  const auto missing = NewRecord("cv");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("werkzoekende"));
}

TEST(RecordTest, AByteOrderMarkIsSkippedAndAnEmptyInputIsNoRecord) {
  v1::Werkzoekende p;
  EXPECT_TRUE(ParseRecord("\xEF\xBB\xBF{\"idWerkzoekende\": \"gem0363-wz-1\"}", &p).ok());
  EXPECT_EQ(p.id_werkzoekende(), "gem0363-wz-1");
  for (const char* empty : {"", "  \n", "\xEF\xBB\xBF", "\xEF\xBB\xBF \n"}) {
    absl::Status s = ParseRecord(empty, &p);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << empty;
    EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("empty"));
  }
}

}  // namespace
}  // namespace vum
