// Any bytes as CSV and as a code-list file: errors, never crashes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lib/codelist/csv.h"
#include "vum/code_list.h"

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
  return 0;
}
