// PrintWireAsJson against PrintJsonFast: for any message, printing its bytes
// must give what printing it parsed gives, and bytes the serializer would not
// write must be refused (the caller then parses them).
#include "lib/json/json_printer.h"

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "lib/io/wire_format.h"
#include "testing/wire_kinds.pb.h"  // generated from lib/testing/wire_kinds.proto
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/process.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::json_internal {
namespace {

using google::protobuf::Message;
using test::AlleSoorten;
using test::Binnen;

// The wire printer's output for `m`'s bytes, or "(refused)".
std::string FromWire(const Message& m) {
  std::string out;
  if (!PrintWireAsJson(m.GetDescriptor(), m.SerializeAsString(), &out))
    return "(refused)";
  return out;
}

std::string Parsed(const Message& m) {
  std::string out;
  PrintJsonFast(m, &out);
  return out;
}

// Text with what escaping must get right: quotes, controls, HTML
// characters, multi-byte and invisible code points.
std::string Text(std::mt19937& rng) {
  static const char* const kPieces[] = {"a",
                                        "Zaandam",
                                        "\"",
                                        "\\",
                                        "<",
                                        ">",
                                        "\n",
                                        "\t",
                                        "\x01",
                                        "\x7f",
                                        "\xc3\xa9",
                                        "\xe2\x82\xac",
                                        "\xf0\x9f\x98\x80",
                                        "\xe2\x80\xa8",
                                        "\xef\xbb\xbf",
                                        "\xc2\xad",
                                        " "};
  std::string s;
  const int n = static_cast<int>(rng() % 6);
  for (int i = 0; i < n; ++i) s += kPieces[rng() % std::size(kPieces)];
  return s;
}

double Double(std::mt19937& rng) {
  switch (rng() % 6) {
    case 0:
      return 0.0;
    case 1:
      return std::numeric_limits<double>::quiet_NaN();
    case 2:
      return -std::numeric_limits<double>::infinity();
    case 3:
      return 0.1 * static_cast<int>(rng() % 1000);
    default:
      return std::ldexp(static_cast<double>(rng()), static_cast<int>(rng() % 200) - 100);
  }
}

// A value of each kind at random, often the default (absent when the field
// has no presence), extremes included.
uint64_t Bits(std::mt19937& rng) {
  switch (rng() % 4) {
    case 0:
      return 0;
    case 1:
      return ~uint64_t{0};
    case 2:
      return rng() % 300;
    default:
      return (uint64_t{rng()} << 32) | rng();
  }
}

void Fill(Binnen* b, std::mt19937& rng, int depth) {
  if (rng() % 2) b->set_tekst(Text(rng));
  for (int i = static_cast<int>(rng() % 3); i > 0; --i) {
    b->add_getallen(static_cast<int32_t>(Bits(rng)));
  }
  if (depth < 3 && rng() % 3 == 0) Fill(b->mutable_dieper(), rng, depth + 1);
}

AlleSoorten Random(std::mt19937& rng) {
  AlleSoorten m;
  m.set_i32(static_cast<int32_t>(Bits(rng)));
  m.set_i64(static_cast<int64_t>(Bits(rng)));
  m.set_u32(static_cast<uint32_t>(Bits(rng)));
  m.set_u64(Bits(rng));
  m.set_s32(static_cast<int32_t>(Bits(rng)));
  m.set_s64(static_cast<int64_t>(Bits(rng)));
  m.set_f32(static_cast<uint32_t>(Bits(rng)));
  m.set_f64(Bits(rng));
  m.set_sf32(static_cast<int32_t>(Bits(rng)));
  m.set_sf64(static_cast<int64_t>(Bits(rng)));
  m.set_fl(static_cast<float>(Double(rng)));
  m.set_db(Double(rng));
  m.set_vlag(rng() % 2);
  m.set_tekst(Text(rng));
  m.set_data(Text(rng) + std::string(rng() % 3, '\0'));
  m.set_kleur(static_cast<test::Kleur>(rng() % 4));  // 3: not declared
  if (rng() % 2) m.set_opt_i32(static_cast<int32_t>(rng() % 2));
  if (rng() % 2) m.set_opt_tekst(rng() % 2 ? "" : Text(rng));
  if (rng() % 2) m.set_opt_vlag(false);
  if (rng() % 2) m.set_opt_db(0.0);
  if (rng() % 2) Fill(m.mutable_binnen(), rng, 0);
  for (int i = static_cast<int>(rng() % 4); i > 0; --i) {
    m.add_rep_i32(static_cast<int32_t>(Bits(rng)));
    m.add_rep_s64(static_cast<int64_t>(Bits(rng)));
    m.add_rep_db(Double(rng));
    m.add_rep_fl(static_cast<float>(Double(rng)));
    m.add_rep_f32(static_cast<uint32_t>(Bits(rng)));
    m.add_rep_vlag(rng() % 2);
    m.add_rep_kleur(static_cast<test::Kleur>(rng() % 3));
    m.add_los_i32(static_cast<int32_t>(Bits(rng)));
    m.add_rep_tekst(Text(rng));
    m.add_rep_data(Text(rng));
    Fill(m.add_rep_binnen(), rng, 1);
  }
  if (rng() % 3 == 0) m.set_keuze_tekst(Text(rng));
  if (rng() % 3 == 0) m.set_keuze_getal(0);
  if (rng() % 2) m.set_ver(static_cast<int32_t>(Bits(rng)));
  return m;
}

TEST(PrintWireAsJsonTest, PrintsEveryKindOfValueAsTheParsedMessageIsPrinted) {
  std::mt19937 rng(20261205);
  for (int i = 0; i < 3000; ++i) {
    const AlleSoorten m = Random(rng);
    ASSERT_EQ(FromWire(m), Parsed(m)) << m.ShortDebugString();
  }
}

TEST(PrintWireAsJsonTest, PrintsGeneratedRecordsAsTheParsedRecordsArePrinted) {
  RecordGenerator generator({.seed = 11});
  for (int i = 0; i < 300; ++i) {
    v1::Werkzoekende profile;
    v1::Vacature vacancy;
    v1::Procesgegevens process;
    generator.NextProfile(&profile);
    generator.NextVacancy(&vacancy);
    generator.NextProcessData(profile, &process);
    ASSERT_EQ(FromWire(profile), Parsed(profile));
    ASSERT_EQ(FromWire(vacancy), Parsed(vacancy));
    ASSERT_EQ(FromWire(process), Parsed(process));
  }
}

// Bytes another serializer may write and protobuf's parser reads: a default
// written out where the field has no presence is still absent.
TEST(PrintWireAsJsonTest, ADefaultWrittenOutIsLeftOutAsParsingLeavesItOut) {
  std::string wire;
  io_internal::AppendVarint(1 << 3, &wire);  // i32 = 0
  io_internal::AppendVarint(0, &wire);
  io_internal::AppendVarint((14 << 3) | 2, &wire);  // tekst = ""
  io_internal::AppendVarint(0, &wire);
  io_internal::AppendVarint(17 << 3, &wire);  // opt_i32 = 0: present
  io_internal::AppendVarint(0, &wire);
  std::string out;
  ASSERT_TRUE(PrintWireAsJson(AlleSoorten::descriptor(), wire, &out));
  AlleSoorten parsed;
  ASSERT_TRUE(parsed.ParseFromString(wire));
  EXPECT_EQ(out, Parsed(parsed));
  EXPECT_EQ(out, "{\"optI32\":0}");
}

// Each of these parses (protobuf merges, reorders or keeps unknown fields),
// but not into what the bytes say in order: the printer refuses them.
TEST(PrintWireAsJsonTest, BytesOutOfTheSerializersOrderAreRefused) {
  const auto field = [](int number, int value) {
    std::string w;
    io_internal::AppendVarint(static_cast<uint64_t>(number) << 3, &w);
    io_internal::AppendVarint(static_cast<uint64_t>(value), &w);
    return w;
  };
  const std::string cases[] = {
      field(3, 1) + field(1, 1),                   // out of number order
      field(1, 1) + field(1, 2),                   // a singular field twice
      field(22, 1) + field(23, 1) + field(22, 2),  // a list written apart
      field(999, 1),                               // not declared
      field(1, 1) + "\x0a\x01x",                   // i32 as length-delimited
  };
  for (const std::string& wire : cases) {
    std::string out = "stale";
    EXPECT_FALSE(PrintWireAsJson(AlleSoorten::descriptor(), wire, &out));
    EXPECT_EQ(out, "");
    AlleSoorten parsed;
    EXPECT_TRUE(parsed.ParseFromString(wire));  // so the caller's fallback reads them
  }
}

TEST(PrintWireAsJsonTest, MalformedBytesAndBadTextAreRefused) {
  std::string out;
  // A length past the end; a varint cut short; a string not UTF-8 (an
  // overlong form, a surrogate): protobuf's parser refuses each too.
  for (const std::string& wire :
       {std::string("\x72\x05"
                    "ab",
                    4),
        std::string("\x08\xff", 2), std::string("\x72\x02\xc0\x80", 4),
        std::string("\x72\x03\xed\xa0\x80", 5)}) {
    EXPECT_FALSE(PrintWireAsJson(AlleSoorten::descriptor(), wire, &out));
    AlleSoorten parsed;
    EXPECT_FALSE(parsed.ParseFromString(wire));
  }
  // A list of a list-typed field, packed, holds its elements' own kinds.
  std::string packed;
  io_internal::AppendVarint((22 << 3) | 2, &packed);
  io_internal::AppendVarint(2, &packed);
  packed += "\x05\x80";  // the second element cut short
  EXPECT_FALSE(PrintWireAsJson(AlleSoorten::descriptor(), packed, &out));
}

}  // namespace
}  // namespace vum::json_internal
