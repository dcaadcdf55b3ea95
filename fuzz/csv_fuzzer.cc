// Any bytes as CSV and as a code-list file: errors, never crashes. And the
// same bytes as a CSV of profiles and of vacancies, from cells to records
// (vum convert's reader: columns, types, the formula guard, UTF-8), with
// every row either a record or a rejection.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "lib/codelist/csv.h"
#include "vum/code_list.h"
#include "vum/convert.h"

namespace {

// A private file per fuzzing process for the bytes, and one for the output.
const std::string& Dir() {
  static const std::string* const dir = [] {
    std::string d = "/tmp/vum-csv-fuzz-XXXXXX";
    if (mkdtemp(d.data()) == nullptr) std::abort();
    return new std::string(d);
  }();
  return *dir;
}

void AsRecords(const std::string& text, vum::RecordType type) {
  const std::string in = Dir() + "/in.csv";
  std::ofstream(in, std::ios::binary | std::ios::trunc) << text;
  vum::ConvertOptions options;
  options.record_type = type;
  options.limits.max_document_bytes = 1 << 16;
  absl::StatusOr<vum::ConvertReport> report =
      vum::Convert(in, vum::DataFormat::kCsv, Dir() + "/out.ndjson",
                   vum::DataFormat::kNdjson, options);
  // Nothing is lost: every row read is written or rejected.
  if (report.ok() && !report->reconciles()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)vum::csv_internal::ParseCsv(text);
  (void)vum::csv_internal::ParseCsv(text, ';');
  vum::CodeList::CsvImport import;
  import.id = "fuzz";
  import.version = "1";
  import.valid_from = absl::CivilDay(2024, 1, 1);
  import.code_column = "code";
  import.label_column = "label";
  absl::StatusOr<vum::CodeList> list = vum::CodeList::FromCsv(text, import);
  if (list.ok()) (void)vum::CodeList::Parse(list->Serialize(), "fuzz");
  (void)vum::CodeList::Parse(text, "fuzz");
  AsRecords(text, vum::RecordType::kWerkzoekende);
  AsRecords(text, vum::RecordType::kVacature);
  return 0;
}
