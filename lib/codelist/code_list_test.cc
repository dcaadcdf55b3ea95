#include "vum/code_list.h"

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum {
namespace {

using ::testing::HasSubstr;

constexpr absl::string_view kCountries =
    "# test fixture\n"
    "@list iso-3166-1-alpha-2\n"
    "@version 2024\n"
    "@title Landen\n"
    "@valid-from 2024-01-01\n"
    "NL\tNederland\n"
    "BE\tBelgië\n"
    "AN\tNederlandse Antillen\t1900-01-01\t2010-10-10\n";

TEST(CodeListTest, ParsesHeadersEntriesAndValidity) {
  absl::StatusOr<CodeList> list = CodeList::Parse(kCountries, "countries");
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->id(), "iso-3166-1-alpha-2");
  EXPECT_EQ(list->version(), "2024");
  EXPECT_EQ(list->entries().size(), 3u);
  EXPECT_TRUE(list->ValidOn(absl::CivilDay(2024, 1, 1)));
  EXPECT_FALSE(list->ValidOn(absl::CivilDay(2023, 12, 31)));
  EXPECT_TRUE(list->Contains("NL", absl::CivilDay(2025, 5, 1)));
  EXPECT_FALSE(list->Contains("nl", absl::CivilDay(2025, 5, 1)));  // exact match
  EXPECT_FALSE(list->Contains("AN", absl::CivilDay(2025, 5, 1)));  // code expired
  EXPECT_EQ(list->Find("BE")->label, "België");
}

TEST(CodeListTest, SerializeReadsBack) {
  absl::StatusOr<CodeList> list = CodeList::Parse(kCountries, "countries");
  ASSERT_TRUE(list.ok());
  absl::StatusOr<CodeList> again = CodeList::Parse(list->Serialize(), "again");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->Serialize(), list->Serialize());
  EXPECT_EQ(again->Find("AN")->valid_to, absl::CivilDay(2010, 10, 10));
}

TEST(CodeListTest, ErrorsNameTheLine) {
  EXPECT_THAT(std::string(CodeList::Parse("@list x\n@version 1\n@valid-from 2024-01-01\n"
                                          "A\tone\nA\ttwice\n",
                                          "f.codelist")
                              .status()
                              .message()),
              HasSubstr("f.codelist:5: code \"A\" appears twice"));
  EXPECT_THAT(
      std::string(CodeList::Parse("@list x\n@version 1\n@valid-from 2024-13-01\n", "f")
                      .status()
                      .message()),
      HasSubstr("f:3: expected a date"));
  EXPECT_THAT(
      std::string(CodeList::Parse("@list x\n@valid-from 2024-01-01\nA\tone\n", "f")
                      .status()
                      .message()),
      HasSubstr("missing @version"));
  EXPECT_THAT(std::string(CodeList::Parse("@list x\n@version 1\n@valid-from 2024-01-01\n"
                                          "no tab here\n",
                                          "f")
                              .status()
                              .message()),
              HasSubstr("f:4: expected code, label"));
  EXPECT_THAT(std::string(CodeList::Parse("@lijst x\n", "f").status().message()),
              HasSubstr("unknown header @lijst"));
}

TEST(CodeListRegistryTest, SelectsTheVersionInForce) {
  CodeListRegistry registry;
  ASSERT_TRUE(registry
                  .Add(*CodeList::Parse("@list l\n@version 1\n@valid-from 2020-01-01\n"
                                        "@valid-to 2023-12-31\nA\told\n",
                                        "v1"))
                  .ok());
  ASSERT_TRUE(registry
                  .Add(*CodeList::Parse(
                      "@list l\n@version 2\n@valid-from 2024-01-01\nB\tnew\n", "v2"))
                  .ok());
  EXPECT_EQ(registry.Find("l", absl::CivilDay(2022, 6, 1))->version(), "1");
  EXPECT_EQ(registry.Find("l", absl::CivilDay(2026, 6, 1))->version(), "2");
  EXPECT_EQ(registry.Find("l", absl::CivilDay(2019, 6, 1)), nullptr);
  EXPECT_EQ(registry.Find("other", absl::CivilDay(2022, 6, 1)), nullptr);
  EXPECT_TRUE(registry.Has("l"));
  EXPECT_EQ(registry.lists().size(), 2u);
}

TEST(CodeListRegistryTest, RefusesDuplicateAndOverlappingVersions) {
  CodeListRegistry registry;
  ASSERT_TRUE(
      registry.Add(*CodeList::Parse("@list l\n@version 1\n@valid-from 2020-01-01\n", "a"))
          .ok());
  EXPECT_EQ(
      registry.Add(*CodeList::Parse("@list l\n@version 1\n@valid-from 2030-01-01\n", "b"))
          .code(),
      absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(
      registry.Add(*CodeList::Parse("@list l\n@version 2\n@valid-from 2024-01-01\n", "c"))
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST(CodeListRegistryTest, LoadsTheShippedLists) {
  CodeListRegistry registry;
  ASSERT_TRUE(registry.LoadDirectory(std::string(VUM_SOURCE_DIR) + "/codelists").ok());
  const absl::CivilDay day(2026, 6, 1);
  ASSERT_NE(registry.Find("iso-3166-1-alpha-2", day), nullptr);
  EXPECT_TRUE(registry.Find("iso-3166-1-alpha-2", day)->Contains("NL", day));
  EXPECT_GT(registry.Find("iso-639-3", day)->entries().size(), 7000u);
  EXPECT_TRUE(registry.Find("iso-639-3", day)->Contains("nld", day));
  EXPECT_TRUE(registry.Find("rijbewijscategorie", day)->Contains("B+", day));
  EXPECT_EQ(registry.Find("rijbewijscategorie", absl::CivilDay(2012, 1, 1)), nullptr);
}

TEST(CodeListRegistryTest, MissingFilesAndFoldersAreNotFound) {
  CodeListRegistry registry;
  EXPECT_EQ(registry.LoadFile("/nonexistent/x.codelist").code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(registry.LoadDirectory("/nonexistent").code(), absl::StatusCode::kNotFound);
}

TEST(CodeListCsvTest, ImportsAPublisherFile) {
  std::ifstream in(std::string(VUM_SOURCE_DIR) +
                   "/lib/codelist/testdata/sbi-fixture.csv");
  std::stringstream text;
  text << in.rdbuf();
  CodeList::CsvImport import;
  import.id = "sbi";
  import.version = "2008-2024";
  import.valid_from = absl::CivilDay(2024, 1, 1);
  import.code_column = "SBI-code";
  import.label_column = "Omschrijving";
  import.delimiter = ';';
  absl::StatusOr<CodeList> list = CodeList::FromCsv(text.str(), import);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->entries().size(), 4u);  // the row without a code is skipped
  EXPECT_EQ(list->Find("01")->label, "Teelt van eenjarige gewassen; \"akkerbouw\"");
  EXPECT_TRUE(list->Contains("81.30", absl::CivilDay(2025, 1, 1)));

  import.code_column = "Code";
  EXPECT_THAT(std::string(CodeList::FromCsv(text.str(), import).status().message()),
              HasSubstr("no column \"Code\""));
}

}  // namespace
}  // namespace vum
