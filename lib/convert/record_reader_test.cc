#include "vum/record_reader.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/batch.h"
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/v1/process.pb.h"

namespace vum {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RecordReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat("vum-reader-", getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) const {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // Every record of `path`: its id, or "!" and its fault's reason.
  static std::vector<std::string> ReadAll(const std::string& path,
                                          const RecordReaderOptions& options = {}) {
    absl::StatusOr<std::unique_ptr<RecordReader>> reader =
        RecordReader::Open(path, options);
    EXPECT_TRUE(reader.ok()) << reader.status();
    std::vector<std::string> out;
    if (!reader.ok()) return out;
    v1::BatchRecord record;
    RecordPlace place;
    for (absl::StatusOr<bool> more;
         (more = (*reader)->Next(&record, &place)).ok() && *more;) {
      EXPECT_EQ(place.index, out.size());
      out.push_back(place.fault == RecordFault::kNone
                        ? record.werkzoekende().id_werkzoekende()
                        : absl::StrCat("! ", place.where));
    }
    return out;
  }

  std::filesystem::path dir_;
};

TEST(DataFormatOfContentTest, TellsEachFormatByItsFirstBytes) {
  EXPECT_EQ(DataFormatOfContent("[{\"a\":1}]"), DataFormat::kJsonArray);
  EXPECT_EQ(DataFormatOfContent("\xEF\xBB\xBF  {\n  \"a\": 1\n}"), DataFormat::kJson);
  EXPECT_EQ(DataFormatOfContent("{\"a\":1}\n{\"a\":2}\n"), DataFormat::kNdjson);
  EXPECT_EQ(DataFormatOfContent("{\"a\":1}\r\n"), DataFormat::kJson);
  EXPECT_EQ(DataFormatOfContent("{\"a\": \"a line longer than the head"), std::nullopt);
  // Printed over several lines, with objects on lines of their own.
  EXPECT_EQ(DataFormatOfContent("{\n  \"a\": [\n    {\n      \"b\": 1\n    }\n  ]\n}\n"),
            DataFormat::kJson);
  EXPECT_EQ(DataFormatOfContent("\x28\xB5\x2F\xFD rest"), DataFormat::kBatch);
  EXPECT_EQ(DataFormatOfContent("idWerkzoekende,mobiliteit.maximaleReistijd\n"),
            DataFormat::kCsv);
  EXPECT_EQ(DataFormatOfContent(std::string("\x0a\x03"
                                            "abc",
                                            5)),
            DataFormat::kBinary);
  EXPECT_EQ(DataFormatOfContent(""), std::nullopt);
}

TEST_F(RecordReaderTest, ContentDecidesBeforeTheName) {
  // NDJSON and an array in files named .json; the name decides only for an
  // empty file.
  const std::string ndjson =
      Write("lijst.json", "{\"idWerkzoekende\":\"a\"}\n{\"idWerkzoekende\":\"b\"}\n");
  const std::string array =
      Write("array.json", "[{\"idWerkzoekende\":\"a\"},\n {\"idWerkzoekende\":\"b\"}]");
  EXPECT_EQ(*DetectDataFormat(ndjson), DataFormat::kNdjson);
  EXPECT_EQ(*DetectDataFormat(array), DataFormat::kJsonArray);
  EXPECT_EQ(*DetectDataFormat(Write("leeg.csv", "")), DataFormat::kCsv);
  EXPECT_EQ(ReadAll(ndjson), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ReadAll(array), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(DetectDataFormat((dir_ / "er-niet").string()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RecordReaderTest, AFaultyRecordIsYieldedWithItsPlaceAndATypedFault) {
  RecordReaderOptions options;
  options.limits.max_document_bytes = 64;
  options.limits.max_depth = 3;
  const std::string path =
      Write("r.ndjson",
            absl::StrCat("{\"idWerkzoekende\":\"a\"}\n{\"idWerkzoekende\": GEHEIM}\n",
                         "{\"idWerkzoekende\":\"", std::string(80, 'x'), "\"}\n",
                         "{\"idWerkzoekende\":\"d\"}\n",
                         "{\"idWerkzoekende\":\"e\",\"a\":[[[\"GEHEIM\"]]]}\n"));
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      RecordReader::Open(path, options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->format(), DataFormat::kNdjson);
  EXPECT_EQ((*reader)->batch_header(), nullptr);
  v1::BatchRecord record;
  RecordPlace place;
  std::vector<RecordFault> faults;
  std::vector<std::string> places;
  for (absl::StatusOr<bool> more;
       (more = (*reader)->Next(&record, &place)).ok() && *more;) {
    faults.push_back(place.fault);
    places.push_back(place.where);
    EXPECT_THAT(place.reason, Not(HasSubstr("GEHEIM")));
    if (place.fault != RecordFault::kNone) {
      EXPECT_FALSE(record.has_werkzoekende());
    }
  }
  EXPECT_EQ(faults,
            (std::vector<RecordFault>{RecordFault::kNone, RecordFault::kUnreadable,
                                      RecordFault::kTooLarge, RecordFault::kNone,
                                      RecordFault::kTooLarge}));  // the last too deep
  EXPECT_EQ(places,
            (std::vector<std::string>{"line 1", "line 2", "line 3", "line 4", "line 5"}));
}

TEST_F(RecordReaderTest, ListsThePropertiesReadAsAbsentWhenAsked) {
  const std::string path =
      Write("r.json", R"({"idWerkzoekende": "a", "persoonlijkePresentatie": ""})");
  RecordReaderOptions options;
  options.list_absent = true;
  auto reader = *RecordReader::Open(path, options);
  v1::BatchRecord record;
  RecordPlace place;
  ASSERT_TRUE(*reader->Next(&record, &place));
  ASSERT_EQ(place.absent.size(), 1u);
  EXPECT_EQ(place.absent[0].ToString(), "persoonlijkePresentatie");
}

TEST_F(RecordReaderTest, ReadsOtherMessagesFromDocumentsButABatchOnlyAsBatchRecords) {
  const std::string process =
      Write("p.ndjson", "{\"idWerkzoekende\":\"a\"}\n{\"idWerkzoekende\":\"b\"}\n");
  auto reader = *RecordReader::Open(process);
  v1::Procesgegevens p;
  RecordPlace place;
  ASSERT_TRUE(*reader->NextMessage(&p, &place));
  EXPECT_EQ(p.id_werkzoekende(), "a");
  ASSERT_TRUE(*reader->NextMessage(&p, &place));
  EXPECT_EQ(place.index, 1u);

  const std::string batch = (dir_ / "b.vumb").string();
  v1::BatchKop header;
  header.set_batch_id("4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c");
  header.set_soort(v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(v1::SOORT_INHOUD_VACATURES);
  auto writer = *BatchWriter::Create(batch, header);
  v1::BatchRecord vacancy;
  vacancy.mutable_vacature()->set_id_vacature("v1");
  ASSERT_TRUE(writer->Write(vacancy).ok());
  ASSERT_TRUE(writer->Finish().ok());
  // Named .json: the content says batch.
  std::filesystem::rename(batch, dir_ / "b.json");
  auto batch_reader = *RecordReader::Open((dir_ / "b.json").string());
  EXPECT_EQ(batch_reader->format(), DataFormat::kBatch);
  EXPECT_EQ(batch_reader->record_type(), RecordType::kVacature);
  ASSERT_NE(batch_reader->batch_header(), nullptr);
  EXPECT_EQ(batch_reader->NextMessage(&p, &place).status().code(),
            absl::StatusCode::kFailedPrecondition);
  std::string bytes;
  EXPECT_EQ(batch_reader->NextBinary(*v1::Vacature::descriptor(), &bytes, &place)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  v1::BatchRecord record;
  ASSERT_TRUE(*batch_reader->Next(&record, &place));
  EXPECT_EQ(record.vacature().id_vacature(), "v1");
  EXPECT_THAT(place.where, HasSubstr("offset"));
  EXPECT_FALSE(*batch_reader->Next(&record, &place));
}

TEST_F(RecordReaderTest, AMalformedArrayStopsTheReadingWithAStatus) {
  auto reader = *RecordReader::Open(
      Write("a.json", "[{\"idWerkzoekende\":\"a\"}, {\"idWerkzoekende\":\"b\"}"));
  v1::BatchRecord record;
  RecordPlace place;
  ASSERT_TRUE(*reader->Next(&record, &place));
  absl::StatusOr<bool> more = reader->Next(&record, &place);
  EXPECT_EQ(more.status().code(), absl::StatusCode::kInvalidArgument);
}

// The reader parses each document over the record of the one before (its
// nested records reused, not freed): every record must still be what a fresh
// parse of its line gives, whatever the line before held or left out.
TEST_F(RecordReaderTest, EachRecordIsWhatAFreshParseOfItsDocumentGives) {
  RecordGenerator generator({.seed = 21, .incomplete_fraction = 0.5});
  std::vector<std::string> lines;
  v1::Werkzoekende profile;
  for (int i = 0; i < 300; ++i) {
    EXPECT_FALSE(generator.NextProfile(&profile));  // breaks no rule
    absl::StatusOr<std::string> json =
        PrintJson(profile, {.empty_values = i % 3 == 0});  // some as senders write
    ASSERT_TRUE(json.ok()) << json.status();
    lines.push_back(i % 10 == 9 ? absl::StrCat("{\"idWerkzoekende\":\"kaal", i, "\"}")
                                : *json);
  }
  std::string text;
  for (const std::string& line : lines) absl::StrAppend(&text, line, "\n");
  auto reader = *RecordReader::Open(Write("fresh.ndjson", text));
  v1::BatchRecord record;
  RecordPlace place;
  size_t n = 0;
  for (absl::StatusOr<bool> more; (more = reader->Next(&record, &place)).ok() && *more;
       ++n) {
    ASSERT_EQ(place.fault, RecordFault::kNone) << place.where;
    v1::Werkzoekende fresh;
    ASSERT_TRUE(ParseJson(lines[n], &fresh).ok());
    ASSERT_EQ(record.werkzoekende().SerializeAsString(), fresh.SerializeAsString())
        << place.where;
  }
  EXPECT_EQ(n, lines.size());
}

// NextBinary gives, record by record and in every format, the bytes of what
// NextMessage reads, with the same places, faults, reasons and absent lists;
// a faulty record leaves the bytes empty.
TEST_F(RecordReaderTest, NextBinaryGivesWhatNextMessageReadsInEveryFormat) {
  RecordGenerator generator({.seed = 4, .incomplete_fraction = 0.3});
  v1::Werkzoekende profile;
  std::string ndjson, array = "[", csv = "idWerkzoekende,mobiliteit.maximaleReistijd\r\n";
  for (int i = 0; i < 120; ++i) {
    (void)generator.NextProfile(&profile);
    std::string line = *PrintJson(profile, {.empty_values = i % 2 == 0});
    if (i % 17 == 3) line = "{\"idWerkzoekende\": GEHEIM}";
    if (i % 23 == 5) line = "{\"idWerkzoekende\": \"x\", \"onbekend\": 1}";
    absl::StrAppend(&ndjson, line, "\n");
    absl::StrAppend(&array, i == 0 ? "" : ",\n", line);
    absl::StrAppend(&csv, "id", i, ",", i % 9 == 0 ? "twaalf" : absl::StrCat(i), "\r\n");
  }
  array += "]";
  (void)generator.NextProfile(&profile);
  RecordReaderOptions options;
  options.list_absent = true;
  for (const std::string& path :
       {Write("b.ndjson", ndjson), Write("b.json", array), Write("b.csv", csv),
        Write("one.json", *PrintJson(profile, {.empty_values = true})),
        Write("one.bin", profile.SerializeAsString())}) {
    SCOPED_TRACE(path);
    auto messages = *RecordReader::Open(path, options);
    auto binaries = *RecordReader::Open(path, options);
    v1::Werkzoekende record;
    std::string bytes;
    RecordPlace want, got;
    size_t n = 0, faults = 0;
    for (;; ++n) {
      absl::StatusOr<bool> more = messages->NextMessage(&record, &want);
      absl::StatusOr<bool> more_binary =
          binaries->NextBinary(*v1::Werkzoekende::descriptor(), &bytes, &got);
      ASSERT_TRUE(more.ok() && more_binary.ok());
      ASSERT_EQ(*more_binary, *more);
      if (!*more) break;
      ASSERT_EQ(got.index, want.index);
      ASSERT_EQ(got.where, want.where);
      ASSERT_EQ(got.fault, want.fault);
      ASSERT_EQ(got.reason, want.reason);
      ASSERT_EQ(got.absent.size(), want.absent.size()) << got.where;
      for (size_t k = 0; k < got.absent.size(); ++k)
        ASSERT_EQ(got.absent[k].ToString(), want.absent[k].ToString());
      if (want.fault != RecordFault::kNone) {
        ++faults;
        EXPECT_TRUE(bytes.empty()) << got.where;
        continue;
      }
      ASSERT_EQ(bytes, record.SerializeAsString()) << got.where;
    }
    EXPECT_GE(n, 1u);
    if (n > 1) {
      EXPECT_GT(faults, 0u);
    }
  }
}

// Lines parsed ahead on threads (parse_threads) are given in the file's
// order with the places and faults the caller's own parse gives: over many
// chunks of lines, with unreadable, too large, too deep and blank lines,
// and a file that ends on a chunk's last line.
TEST_F(RecordReaderTest, LinesParsedAheadAreWhatTheCallersOwnParseGives) {
  RecordGenerator generator({.seed = 9, .incomplete_fraction = 0.3});
  v1::Werkzoekende profile;
  std::string ndjson;
  const int kLines = 3 * 256;  // LinesParsedAhead::kLinesPerChunk
  for (int i = 0; i < kLines; ++i) {
    (void)generator.NextProfile(&profile);
    std::string line = *PrintJson(profile, {.empty_values = i % 2 == 0});
    if (i % 17 == 3) line = "{\"idWerkzoekende\": GEHEIM}";
    if (i % 29 == 7) line = absl::StrCat(line, std::string(9000, ' '));  // too large
    if (i % 31 == 11) line = "{\"idWerkzoekende\":\"d\",\"a\":[[[[[[1]]]]]]}";
    if (i % 37 == 13) absl::StrAppend(&ndjson, "  \n");  // blank: not a record
    absl::StrAppend(&ndjson, line, "\n");
  }
  const std::string path = Write("ahead.ndjson", ndjson);
  RecordReaderOptions serial;
  serial.limits.max_document_bytes = 8000;
  serial.limits.max_depth = 5;
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    RecordReaderOptions ahead = serial;
    ahead.parse_threads = threads;
    auto want_reader = *RecordReader::Open(path, serial);
    auto got_reader = *RecordReader::Open(path, ahead);
    const auto& type = *v1::Werkzoekende::descriptor();
    std::string want_bytes, got_bytes;
    RecordPlace want, got;
    size_t n = 0;
    std::map<RecordFault, int> faults;
    for (;; ++n) {
      absl::StatusOr<bool> more = want_reader->NextBinary(type, &want_bytes, &want);
      absl::StatusOr<bool> more_ahead = got_reader->NextBinary(type, &got_bytes, &got);
      ASSERT_TRUE(more.ok() && more_ahead.ok());
      ASSERT_EQ(*more_ahead, *more) << n;
      if (!*more) break;
      ASSERT_EQ(got.index, want.index);
      ASSERT_EQ(got.where, want.where);
      ASSERT_EQ(got.fault, want.fault) << got.where;
      ASSERT_EQ(got.reason, want.reason) << got.where;
      ASSERT_EQ(got_bytes, want_bytes) << got.where;
      ++faults[got.fault];
    }
    EXPECT_EQ(n, static_cast<size_t>(kLines));
    EXPECT_GT(faults[RecordFault::kUnreadable], 0);
    EXPECT_GT(faults[RecordFault::kTooLarge], 10);  // too large and too deep
    EXPECT_GT(faults[RecordFault::kNone], kLines / 2);
    // Once parsing ahead, the reader gives the binary form of that type only.
    RecordPlace place;
    v1::Procesgegevens process;
    EXPECT_EQ(got_reader->NextMessage(&process, &place).status().code(),
              absl::StatusCode::kFailedPrecondition);
  }
}

}  // namespace
}  // namespace vum
