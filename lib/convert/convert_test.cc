#include "vum/convert.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/convert/flat_fields.h"
#include "lib/testing/files.h"
#include "vum/generator.h"
#include "vum/json.h"

namespace vum {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using ::vum::testing::ReadFileOrDie;

class ConvertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / absl::StrCat("vum-convert-", getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A batch of `n` generated records, some of them invalid under the
  // standard (conversion keeps those: it is not validation).
  std::vector<v1::BatchRecord> WriteBatch(const std::string& path, RecordType type, int n,
                                          bool withdrawal = false) {
    RecordGenerator generator({.seed = 21, .invalid_fraction = 0.1});
    v1::BatchKop header;
    header.set_batch_id("4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c");
    header.set_soort(v1::SOORT_BATCH_VOLLEDIG);
    header.set_inhoud(type == RecordType::kVacature ? v1::SOORT_INHOUD_VACATURES
                                                    : v1::SOORT_INHOUD_WERKZOEKENDEN);
    auto writer = *BatchWriter::Create(path, header);
    std::vector<v1::BatchRecord> records(n);
    for (auto& r : records) {
      type == RecordType::kVacature ? generator.NextVacancy(r.mutable_vacature())
                                    : generator.NextProfile(r.mutable_werkzoekende());
      EXPECT_TRUE(writer->Write(r).ok());
    }
    if (withdrawal) {
      v1::BatchRecord w;
      w.mutable_intrekking()->set_id_record("x");
      EXPECT_TRUE(writer->Write(w).ok());
      records.push_back(w);
    }
    EXPECT_TRUE(writer->Finish().ok());
    return records;
  }

  // `record` as printed in VUM JSON and read back.
  static v1::BatchRecord AsJsonReadsIt(const v1::BatchRecord& record) {
    v1::BatchRecord back = record;
    google::protobuf::Message* inner =
        record.has_werkzoekende()
            ? static_cast<google::protobuf::Message*>(back.mutable_werkzoekende())
            : back.mutable_vacature();
    EXPECT_TRUE(ParseJson(*PrintJson(*inner), inner).ok());
    return back;
  }

  static std::vector<v1::BatchRecord> ReadBatch(const std::string& path) {
    auto reader = *BatchReader::Open(path);
    std::vector<v1::BatchRecord> out;
    v1::BatchRecord record;
    RecordPosition position;
    while (*reader->Next(&record, &position)) out.push_back(record);
    return out;
  }

  std::filesystem::path dir_;
};

TEST_F(ConvertTest, EveryPairOfStreamFormatsPreservesEveryRecord) {
  for (RecordType type : {RecordType::kWerkzoekende, RecordType::kVacature}) {
    const auto records = WriteBatch(Path("origin.vumb"), type, 400);
    const DataFormat formats[] = {DataFormat::kBatch, DataFormat::kJsonArray,
                                  DataFormat::kNdjson};
    for (DataFormat from : formats) {
      for (DataFormat to : formats) {
        SCOPED_TRACE(absl::StrCat(DataFormatName(from), " -> ", DataFormatName(to)));
        // origin -> from -> to -> batch, then compare.
        ConvertOptions options;
        options.record_type = type;
        ASSERT_TRUE(
            Convert(Path("origin.vumb"), DataFormat::kBatch, Path("a"), from, options)
                .ok());
        auto report = Convert(Path("a"), from, Path("b"), to, options);
        ASSERT_TRUE(report.ok()) << report.status();
        EXPECT_EQ(report->read, 400u);
        EXPECT_EQ(report->written, 400u);
        EXPECT_TRUE(report->reconciles());
        ASSERT_TRUE(
            Convert(Path("b"), to, Path("c.vumb"), DataFormat::kBatch, options).ok());
        const auto back = ReadBatch(Path("c.vumb"));
        ASSERT_EQ(back.size(), records.size());
        // Through JSON an empty value (an invalid record's) counts as absent.
        const bool json = from != DataFormat::kBatch || to != DataFormat::kBatch;
        for (size_t i = 0; i < records.size(); ++i) {
          ASSERT_EQ(back[i].SerializeAsString(),
                    (json ? AsJsonReadsIt(records[i]) : records[i]).SerializeAsString())
              << i;
        }
      }
    }
  }
}

TEST_F(ConvertTest, SingleRecordFormats) {
  const auto records = WriteBatch(Path("one.vumb"), RecordType::kWerkzoekende, 1);
  for (DataFormat single : {DataFormat::kJson, DataFormat::kBinary}) {
    ASSERT_TRUE(Convert(Path("one.vumb"), DataFormat::kBatch, Path("x"), single).ok());
    ASSERT_TRUE(Convert(Path("x"), single, Path("y.vumb"), DataFormat::kBatch).ok());
    EXPECT_EQ(ReadBatch(Path("y.vumb"))[0].SerializeAsString(),
              records[0].SerializeAsString());
  }
  WriteBatch(Path("two.vumb"), RecordType::kWerkzoekende, 2);
  const absl::Status two =
      Convert(Path("two.vumb"), DataFormat::kBatch, Path("two.json"), DataFormat::kJson)
          .status();
  EXPECT_EQ(two.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(two.message()), HasSubstr("more than one record"));
  EXPECT_FALSE(std::filesystem::exists(Path("two.json")));
}

// A file whose only record cannot be read: the conversion to a format that
// holds one record fails, and says why the record was rejected (no value).
TEST_F(ConvertTest, TheOnlyRecordRejectedSaysWhy) {
  std::ofstream(Path("bad.json")) << R"({"idWerkzoekende": 12345})";
  const absl::Status s =
      Convert(Path("bad.json"), DataFormat::kJson, Path("bad.bin"), DataFormat::kBinary)
          .status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()), HasSubstr("1 record(s) rejected, the first ("));
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("\"idWerkzoekende\": expected a string"));
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("12345")));
  EXPECT_FALSE(std::filesystem::exists(Path("bad.bin")));
}

TEST_F(ConvertTest, CsvKeepsTheFlatPartOfEveryRecord) {
  for (RecordType type : {RecordType::kWerkzoekende, RecordType::kVacature}) {
    const auto records = WriteBatch(Path("origin.vumb"), type, 300);
    ConvertOptions options;
    options.record_type = type;
    ASSERT_TRUE(Convert(Path("origin.vumb"), DataFormat::kBatch, Path("x.csv"),
                        DataFormat::kCsv, options)
                    .ok());
    auto report = Convert(Path("x.csv"), DataFormat::kCsv, Path("back.vumb"),
                          DataFormat::kBatch, options);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_EQ(report->written, 300u);
    const auto back = ReadBatch(Path("back.vumb"));
    ASSERT_EQ(back.size(), records.size());
    const auto* descriptor = type == RecordType::kVacature
                                 ? v1::Vacature::descriptor()
                                 : v1::Werkzoekende::descriptor();
    for (size_t i = 0; i < records.size(); ++i) {
      const auto& a =
          type == RecordType::kVacature
              ? static_cast<const google::protobuf::Message&>(records[i].vacature())
              : records[i].werkzoekende();
      const auto& b =
          type == RecordType::kVacature
              ? static_cast<const google::protobuf::Message&>(back[i].vacature())
              : back[i].werkzoekende();
      for (const auto& field : convert_internal::FlatFieldsOf(descriptor)) {
        ASSERT_EQ(convert_internal::FlatValue(b, field),
                  convert_internal::FlatValue(a, field))
            << i << " " << field.column;
      }
    }
  }
}

TEST_F(ConvertTest, CsvNeverHandsASpreadsheetAFormulaYetRoundTrips) {
  v1::Werkzoekende p;
  p.set_id_werkzoekende("=HYPERLINK(\"http://example.nl\",\"klik\")");
  p.set_persoonlijke_presentatie("'s-Hertogenbosch");
  p.mutable_mobiliteit()->set_bemiddelingspostcode("@5611AB");
  std::ofstream(Path("one.json")) << *PrintJson(p);
  ASSERT_TRUE(
      Convert(Path("one.json"), DataFormat::kJson, Path("safe.csv"), DataFormat::kCsv)
          .ok());
  const std::string csv = ReadFileOrDie(Path("safe.csv"));
  EXPECT_THAT(csv, HasSubstr("\"'=HYPERLINK("));
  EXPECT_THAT(csv, HasSubstr(",'@5611AB"));
  EXPECT_THAT(csv, HasSubstr(",'s-Hertogenbosch"));
  EXPECT_THAT(csv, Not(HasSubstr(",=")));
  ASSERT_TRUE(Convert(Path("safe.csv"), DataFormat::kCsv, Path("back.ndjson"),
                      DataFormat::kNdjson)
                  .ok());
  v1::Werkzoekende back;
  ASSERT_TRUE(ParseJson(ReadFileOrDie(Path("back.ndjson")), &back).ok());
  EXPECT_EQ(back.SerializeAsString(), p.SerializeAsString());
  ConvertOptions raw;
  raw.csv_raw = true;
  ASSERT_TRUE(
      Convert(Path("one.json"), DataFormat::kJson, Path("raw.csv"), DataFormat::kCsv, raw)
          .ok());
  EXPECT_THAT(ReadFileOrDie(Path("raw.csv")), HasSubstr("\"=HYPERLINK("));
}

TEST_F(ConvertTest, CsvWithInvalidUtf8OrARepeatedColumnIsNeverLostSilently) {
  std::ofstream(Path("utf8.csv")) << "idWerkzoekende,persoonlijkePresentatie\r\n"
                                  << "a,goed\r\n"
                                  << "b,fout \xC3\x28 tekst\r\n"
                                  << "c,caf\xC3\xA9\r\n";
  for (DataFormat to : {DataFormat::kNdjson, DataFormat::kBatch}) {
    auto report = Convert(Path("utf8.csv"), DataFormat::kCsv,
                          Path(to == DataFormat::kBatch ? "u.vumb" : "u.ndjson"), to);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_EQ(report->read, 3u);
    EXPECT_EQ(report->written, 2u);
    ASSERT_EQ(report->rejected.size(), 1u);
    EXPECT_EQ(report->rejected[0].where, "row 3");
    EXPECT_EQ(report->rejected[0].reason,
              "column 2 (persoonlijkePresentatie) is not valid UTF-8");
    EXPECT_TRUE(report->reconciles());
  }
  std::ofstream(Path("twice.csv")) << "idWerkzoekende,idWerkzoekende\r\na,b\r\n";
  const absl::Status twice =
      Convert(Path("twice.csv"), DataFormat::kCsv, Path("t.ndjson"), DataFormat::kNdjson)
          .status();
  EXPECT_EQ(twice.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(twice.message()), HasSubstr("idWerkzoekende appears twice"));
}

TEST_F(ConvertTest, WithdrawalsCannotLeaveABatchSilently) {
  WriteBatch(Path("w.vumb"), RecordType::kWerkzoekende, 3, /*withdrawal=*/true);
  for (DataFormat to : {DataFormat::kJsonArray, DataFormat::kNdjson, DataFormat::kCsv}) {
    const absl::Status status =
        Convert(Path("w.vumb"), DataFormat::kBatch, Path("out"), to).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(status.message()), HasSubstr("withdrawal"));
    EXPECT_FALSE(std::filesystem::exists(Path("out")));
  }
  EXPECT_TRUE(
      Convert(Path("w.vumb"), DataFormat::kBatch, Path("copy.vumb"), DataFormat::kBatch)
          .ok());
  EXPECT_EQ(ReadBatch(Path("copy.vumb")).size(), 4u);
}

TEST_F(ConvertTest, UnreadableRecordsAreReportedAndTheRestConverted) {
  std::ofstream(Path("list.json"))
      << "[\n"
         "  {\"idWerkzoekende\": \"a\"},\n"
         "  {\"idWerkzoekende\": 12, \"x\": \"GEHEIM\"},\n"
         "  {\"idWerkzoekende\": \"c\", \"mobiliteit\": {\"maximaleReistijd\": "
         "\"GEHEIM\"}},\n"
         "  {\"idWerkzoekende\": \"d\", \"emailadres\": [\"a]b,c\"]}\n"
         "]\n";
  auto report = Convert(Path("list.json"), DataFormat::kJsonArray, Path("out.ndjson"),
                        DataFormat::kNdjson);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->read, 4u);
  EXPECT_EQ(report->written, 2u);
  ASSERT_EQ(report->rejected.size(), 2u);
  EXPECT_TRUE(report->reconciles());
  EXPECT_EQ(report->rejected[0].index, 1u);
  EXPECT_EQ(report->rejected[0].where, "line 3");
  EXPECT_EQ(report->rejected[1].where, "line 4");
  EXPECT_THAT(report->rejected[1].reason, HasSubstr("mobiliteit.maximaleReistijd"));
  for (const auto& r : report->rejected) EXPECT_THAT(r.reason, Not(HasSubstr("GEHEIM")));
  EXPECT_EQ(ReadFileOrDie(Path("out.ndjson")),
            "{\"idWerkzoekende\":\"a\"}\n{\"idWerkzoekende\":\"d\",\"emailadres\":[\"a]b,"
            "c\"]}\n");
}

TEST_F(ConvertTest, MalformedArrayStopsWithoutOutput) {
  for (const char* text : {"{\"idWerkzoekende\": \"a\"}", "[{\"idWerkzoekende\": \"a\"}",
                           "[{}, {}] x", "[{} {}]"}) {
    std::ofstream(Path("bad.json")) << text;
    const absl::Status status = Convert(Path("bad.json"), DataFormat::kJsonArray,
                                        Path("out.vumb"), DataFormat::kBatch)
                                    .status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(status.message()), HasSubstr("not a JSON array of records"))
        << text;
    EXPECT_FALSE(std::filesystem::exists(Path("out.vumb"))) << text;
  }
  std::ofstream(Path("empty.json")) << "[ ]";
  auto report = Convert(Path("empty.json"), DataFormat::kJsonArray, Path("e.vumb"),
                        DataFormat::kBatch);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->read, 0u);
}

TEST_F(ConvertTest, CsvErrorsNameTheColumnAndRowButNoValue) {
  std::ofstream(Path("bad-header.csv")) << "idWerkzoekende,leeftijd\r\na,1\r\n";
  const absl::Status header = Convert(Path("bad-header.csv"), DataFormat::kCsv,
                                      Path("o.vumb"), DataFormat::kBatch)
                                  .status();
  EXPECT_THAT(std::string(header.message()),
              HasSubstr("column 2 of the header row is not a column of the standard"));
  EXPECT_THAT(std::string(header.message()), Not(HasSubstr("leeftijd")));
  // A file with CR line ends is one row: its header cell holds data, never
  // echoed.
  std::ofstream(Path("cr.csv")) << "idWerkzoekende\rGEHEIM-123\r";
  const absl::Status cr =
      Convert(Path("cr.csv"), DataFormat::kCsv, Path("o.vumb"), DataFormat::kBatch)
          .status();
  EXPECT_FALSE(cr.ok());
  EXPECT_THAT(std::string(cr.message()), Not(HasSubstr("GEHEIM")));
  std::ofstream(Path("rows.csv")) << "idWerkzoekende,mobiliteit.maximaleReistijd\r\n"
                                     "a,30\r\nb,GEHEIM\r\nc\r\n\r\n";
  auto report =
      Convert(Path("rows.csv"), DataFormat::kCsv, Path("o.vumb"), DataFormat::kBatch);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->written, 1u);
  ASSERT_EQ(report->rejected.size(), 2u);
  EXPECT_EQ(report->rejected[0].where, "row 3");
  EXPECT_THAT(report->rejected[0].reason,
              HasSubstr("column mobiliteit.maximaleReistijd: expected a whole number"));
  EXPECT_THAT(report->rejected[0].reason, Not(HasSubstr("GEHEIM")));
  EXPECT_THAT(report->rejected[1].reason, HasSubstr("has 1 cells, the header 2"));
}

TEST_F(ConvertTest, FormatsByNameAndPath) {
  EXPECT_EQ(*ParseDataFormat("json-array"), DataFormat::kJsonArray);
  EXPECT_FALSE(ParseDataFormat("xml").ok());
  EXPECT_EQ(*DataFormatFromPath("a.vumb.zst"), DataFormat::kBatch);
  EXPECT_EQ(*DataFormatFromPath("a.jsonl"), DataFormat::kNdjson);
  EXPECT_FALSE(DataFormatFromPath("a.txt").ok());
}

TEST(CsvColumnsTest, CheckedInDocIsCurrent) {
  EXPECT_EQ(ReadFileOrDie(std::string(VUM_SOURCE_DIR) + "/docs/csv-columns.md"),
            CsvColumnsMarkdown())
      << "regenerate with: build/tools/vum/vum schema csv > docs/csv-columns.md";
  EXPECT_THAT(CsvColumns(RecordType::kWerkzoekende),
              ::testing::Contains("mobiliteit.bemiddelingspostcode"));
  EXPECT_THAT(CsvColumns(RecordType::kVacature), ::testing::Contains("sector.codeSbi"));
}

}  // namespace
}  // namespace vum
