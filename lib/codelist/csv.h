// Internal: a strict RFC 4180 CSV reader for importing publishers' code
// lists (and, later, municipal spreadsheets).

#ifndef VUM_LIB_CODELIST_CSV_H_
#define VUM_LIB_CODELIST_CSV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vum::csv_internal {

// Splits `text` into rows of fields. Quoted fields may hold the delimiter,
// line breaks and doubled quotes; line ends are LF or CRLF; a UTF-8
// byte-order mark is skipped; a final line end is optional. INVALID_ARGUMENT
// with the line number for an unterminated quote or text after a closing
// quote; RESOURCE_EXHAUSTED with the line number for a field longer than
// `max_field_bytes`.
[[nodiscard]] absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(
    absl::string_view text, char delimiter = ',',
    size_t max_field_bytes = size_t{64} << 10);

// `value` as a spreadsheet may show it but never run it: a value that a
// spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
// carriage return, after any apostrophes) gets one more apostrophe in front.
// FromSpreadsheetSafe undoes exactly that, so values round-trip; a value such
// as "'s-Hertogenbosch" is left as it is both ways.
[[nodiscard]] std::string SpreadsheetSafe(absl::string_view value);
[[nodiscard]] std::string FromSpreadsheetSafe(absl::string_view value);

}  // namespace vum::csv_internal

#endif  // VUM_LIB_CODELIST_CSV_H_
