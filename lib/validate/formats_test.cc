#include "lib/validate/formats.h"

#include <simdjson.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace vum::validate_internal {
namespace {

TEST(FormatsTest, DateMustExist) {
  EXPECT_TRUE(IsDate("2026-01-31"));
  EXPECT_TRUE(IsDate("2024-02-29"));   // leap year
  EXPECT_TRUE(IsDate("2000-02-29"));   // divisible by 400
  EXPECT_FALSE(IsDate("1900-02-29"));  // divisible by 100, not 400
  EXPECT_FALSE(IsDate("2026-02-29"));
  EXPECT_FALSE(IsDate("2026-04-31"));
  EXPECT_FALSE(IsDate("2026-13-01"));
  EXPECT_FALSE(IsDate("2026-00-10"));
  EXPECT_FALSE(IsDate("0000-01-01"));
  EXPECT_FALSE(IsDate("2026-1-01"));
  EXPECT_FALSE(IsDate("2026/01/01"));
  EXPECT_FALSE(IsDate("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(IsDate(""));
  EXPECT_FALSE(IsDate("２０２６-01-01"));
}

TEST(FormatsTest, DateTimeIsRfc3339WithZone) {
  EXPECT_TRUE(IsDateTime("2026-03-01T10:00:00Z"));
  EXPECT_TRUE(IsDateTime("2026-03-01T10:00:00+01:00"));
  EXPECT_TRUE(IsDateTime("2026-03-01T10:00:00.123456789-05:30"));
  EXPECT_FALSE(IsDateTime("2026-03-01T10:00:00"));   // no zone
  EXPECT_FALSE(IsDateTime("2026-03-01 10:00:00Z"));  // no T
  EXPECT_FALSE(IsDateTime("2026-03-01T24:00:00Z"));
  EXPECT_FALSE(IsDateTime("2026-03-01T10:60:00Z"));
  EXPECT_FALSE(IsDateTime("2026-02-30T10:00:00Z"));
  EXPECT_FALSE(IsDateTime("2026-03-01T10:00:00.Z"));
  EXPECT_FALSE(IsDateTime("2026-03-01T10:00:00.1234567890Z"));
  EXPECT_FALSE(IsDateTime("2026-03-01T10:00:00+0100"));
}

TEST(FormatsTest, DateKeyCountsDaysAsTheCivilCalendarDoes) {
  const absl::CivilDay epoch(1970, 1, 1);
  for (absl::CivilDay day(1600, 1, 1); day <= absl::CivilDay(2400, 12, 31); ++day) {
    const std::string text = absl::FormatCivilTime(day);
    ASSERT_EQ(DateKey(text), day - epoch) << text;
  }
}

TEST(FormatsTest, DateTimeKeysCompareMomentsAcrossZones) {
  EXPECT_EQ(*DateTimeKey("2026-03-01T10:00:00+01:00"),
            *DateTimeKey("2026-03-01T09:00:00Z"));
  EXPECT_LT(*DateTimeKey("2026-03-01T09:00:00.5Z"), *DateTimeKey("2026-03-01T09:00:01Z"));
  EXPECT_EQ(*DateKey("1970-01-02"), 1);
  EXPECT_LT(*DateKey("2025-12-31"), *DateKey("2026-01-01"));
}

TEST(FormatsTest, PostcodeAsTheContractDefinesIt) {
  EXPECT_TRUE(IsPostcodeNl("1011AB"));
  EXPECT_TRUE(IsPostcodeNl("9999zz"));
  EXPECT_TRUE(IsPostcodeNl("1234Sb"));
  EXPECT_FALSE(IsPostcodeNl("1011 AB"));  // no space
  EXPECT_FALSE(IsPostcodeNl("0123AB"));   // first digit not 0
  EXPECT_FALSE(IsPostcodeNl("1234SA"));
  EXPECT_FALSE(IsPostcodeNl("1234sd"));
  EXPECT_FALSE(IsPostcodeNl("1234Ss"));
  EXPECT_FALSE(IsPostcodeNl("12345A"));
  EXPECT_FALSE(IsPostcodeNl("1234A"));
}

TEST(FormatsTest, GeneralisedPostcodes) {
  EXPECT_TRUE(IsGeneralisedForm(v1::FORMAT_POSTCODE_NL, "1011"));
  EXPECT_TRUE(IsGeneralisedForm(v1::FORMAT_POSTCODE_NL, "10"));
  EXPECT_FALSE(IsGeneralisedForm(v1::FORMAT_POSTCODE_NL, "0101"));
  EXPECT_FALSE(IsGeneralisedForm(v1::FORMAT_POSTCODE_NL, "101"));
  EXPECT_FALSE(IsGeneralisedForm(v1::FORMAT_POSTCODE_NL, "1011AB"));
  EXPECT_FALSE(IsGeneralisedForm(v1::FORMAT_DATE, "2026-01"));
}

TEST(FormatsTest, Email) {
  EXPECT_TRUE(IsEmail("a@b.nl"));
  EXPECT_TRUE(IsEmail("kandidaat.417+werk@mail.example.nl"));
  EXPECT_FALSE(IsEmail("a@b"));
  EXPECT_FALSE(IsEmail("a@@b.nl"));
  EXPECT_FALSE(IsEmail("a@b@c.nl"));
  EXPECT_FALSE(IsEmail("@b.nl"));
  EXPECT_FALSE(IsEmail("a b@c.nl"));
  EXPECT_FALSE(IsEmail("a@b..nl"));
  EXPECT_FALSE(IsEmail("a@.b.nl"));
  EXPECT_FALSE(IsEmail(std::string(65, 'a') + "@b.nl"));
}

TEST(FormatsTest, DutchPhoneNumbersAsTheContractPattern) {
  EXPECT_TRUE(IsPhoneNl("0612345678"));
  EXPECT_TRUE(IsPhoneNl("06-12345678"));
  EXPECT_TRUE(IsPhoneNl("+31612345678"));
  EXPECT_TRUE(IsPhoneNl("0031612345678"));
  EXPECT_TRUE(IsPhoneNl("020-5551234"));
  EXPECT_TRUE(IsPhoneNl("0591-123456"));
  EXPECT_TRUE(IsPhoneNl("0205551234"));
  EXPECT_FALSE(IsPhoneNl("061234567"));     // eight digits
  EXPECT_FALSE(IsPhoneNl("06123456789"));   // ten digits
  EXPECT_FALSE(IsPhoneNl("0012345678"));    // starts with 0 after prefix
  EXPECT_FALSE(IsPhoneNl("06-1234-5678"));  // two hyphens
  EXPECT_FALSE(IsPhoneNl("061-2345678"));   // hyphen after 61: area may not start with 6
  EXPECT_FALSE(IsPhoneNl("020-0551234"));   // number after hyphen starts with 0
  EXPECT_FALSE(IsPhoneNl("+32612345678"));  // Belgian
  EXPECT_FALSE(IsPhoneNl("06 12345678"));
  EXPECT_FALSE(IsPhoneNl(""));
}

TEST(FormatsTest, UrlWithOptionalScheme) {
  EXPECT_TRUE(IsUrl("https://www.example.nl"));
  EXPECT_TRUE(IsUrl("http://example.nl/cv?id=1"));
  EXPECT_TRUE(IsUrl("www.example.nl/portfolio"));
  EXPECT_FALSE(IsUrl("https://localhost"));
  EXPECT_FALSE(IsUrl("ftp://example.nl"));
  EXPECT_FALSE(IsUrl("https://exa mple.nl"));
  EXPECT_FALSE(IsUrl(""));
}

TEST(FormatsTest, BsnElfproef) {
  EXPECT_TRUE(IsBsn("111222333"));
  EXPECT_TRUE(IsBsn("123456782"));
  EXPECT_FALSE(IsBsn("123456789"));
  EXPECT_FALSE(IsBsn("000000000"));
  EXPECT_FALSE(IsBsn("12345678"));
  EXPECT_FALSE(IsBsn("12345678a"));
}

TEST(FormatsTest, UuidOinKvkVersionDigits) {
  EXPECT_TRUE(IsUuid("4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c"));
  EXPECT_FALSE(IsUuid("4F1C2A9E-0B7D-4C3E-9A51-2D8E6F0A1B2C"));
  EXPECT_FALSE(IsUuid("4f1c2a9e0b7d4c3e9a512d8e6f0a1b2c"));
  EXPECT_TRUE(HasFormat(v1::FORMAT_OIN, "00000001003214345000"));
  EXPECT_FALSE(HasFormat(v1::FORMAT_OIN, "0000000100321434500"));
  EXPECT_TRUE(HasFormat(v1::FORMAT_KVK_NUMMER, "12345678"));
  EXPECT_FALSE(HasFormat(v1::FORMAT_KVK_NUMMER, "1234567"));
  EXPECT_TRUE(IsVersion("1.0"));
  EXPECT_TRUE(IsVersion("1.0.12"));
  EXPECT_FALSE(IsVersion("1"));
  EXPECT_FALSE(IsVersion("1.01"));
  EXPECT_FALSE(IsVersion("1.0.0.0"));
  EXPECT_FALSE(IsVersion("1..0"));
  EXPECT_TRUE(IsDigits("0363", 4));
  EXPECT_FALSE(IsDigits("036a"));
  EXPECT_TRUE(IsOin("00000001001234567000"));
  EXPECT_FALSE(IsOin("0000000100123456700"));    // 19 digits
  EXPECT_FALSE(IsOin("00000001001234567000 "));  // 21 characters
  EXPECT_FALSE(IsOin("0000000100123456700x"));
  EXPECT_EQ(HasFormat(v1::FORMAT_OIN, "00000001001234567000"),
            IsOin("00000001001234567000"));
  EXPECT_FALSE(HasFormat(v1::FORMAT_UNSPECIFIED, "x"));
}

TEST(FormatsTest, CodePointsCountCharactersNotBytes) {
  EXPECT_EQ(CodePoints("abc"), 3u);
  EXPECT_EQ(CodePoints("België"), 6u);
  EXPECT_EQ(CodePoints("🇳🇱"), 2u);
}

TEST(FormatsTest, Utf8IsWellFormedOrNot) {
  for (const char* good : {"", "abc", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                           "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF"}) {
    EXPECT_TRUE(IsValidUtf8(good)) << good;
  }
  for (const char* bad :
       {"\x80", "\xC3", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xF5\x80\x80\x80", "a\xFF\x62", "\xE2\x82"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << absl::CEscape(bad);
  }
}

// Against simdjson's validator (an independent one, with its own kernels),
// on random mixes of ASCII runs of every length around the eight-byte steps,
// valid characters of every width and bytes that break them.
TEST(FormatsTest, Utf8AgreesWithSimdjsonOnRandomText) {
  std::mt19937 random(2026);
  const std::vector<std::string> pieces = {"a",
                                           "abcdefg",
                                           "abcdefgh",
                                           "0123456789abcdefghij",
                                           "\xC3\xA9",
                                           "\xE2\x82\xAC",
                                           "\xF0\x9F\x98\x80",
                                           "\xED\x9F\xBF",
                                           "\x80",
                                           "\xC3",
                                           "\xE0\x80\x80",
                                           "\xED\xA0\x80",
                                           "\xF4\x90\x80\x80",
                                           "\xFF",
                                           "\xC0\xAF",
                                           "\xE2\x82"};
  size_t valid = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (int k = random() % 8; k > 0; --k) {
      // Mostly valid pieces, so that a break sits anywhere in a long text.
      const size_t which = random() % 4 == 0 ? random() % pieces.size() : random() % 8;
      text += pieces[which];
    }
    const bool want = simdjson::validate_utf8(text.data(), text.size());
    ASSERT_EQ(IsValidUtf8(text), want) << absl::CEscape(text);
    valid += want;
  }
  EXPECT_GT(valid, 2000u);
  EXPECT_LT(valid, 18000u);
}

}  // namespace
}  // namespace vum::validate_internal
