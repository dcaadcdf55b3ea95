#include "lib/codelist/csv.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace vum::csv_internal {
namespace {

absl::Status FieldTooLong(int line, size_t limit) {
  return absl::ResourceExhaustedError(absl::StrCat(
      "CSV line ", line, ": a field is longer than the limit of ", limit, " bytes"));
}

}  // namespace

absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(absl::string_view text,
                                                               char delimiter,
                                                               size_t max_field_bytes) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  int line = 1;
  size_t i = 0;
  bool row_open = false;
  while (i < text.size()) {
    row_open = true;
    if (text[i] == '"' && field.empty()) {
      const int start_line = line;
      ++i;
      while (true) {
        if (i >= text.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat("CSV line ", start_line, ": a quoted field is not closed"));
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        if (field.size() >= max_field_bytes)
          return FieldTooLong(start_line, max_field_bytes);
        field += text[i++];
      }
      if (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r') {
        return absl::InvalidArgumentError(
            absl::StrCat("CSV line ", line, ": text after a closing quote"));
      }
      continue;
    }
    const char c = text[i];
    if (c == delimiter) {
      row.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;  // the '\n' ends the row
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      row_open = false;
      ++line;
      ++i;
    } else {
      if (field.size() >= max_field_bytes) return FieldTooLong(line, max_field_bytes);
      field += c;
      ++i;
    }
  }
  if (row_open) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// Whether the first character after the leading apostrophes would start a
// formula.
bool Formula(absl::string_view value) {
  const size_t i = value.find_first_not_of('\'');
  return i != absl::string_view::npos &&
         absl::string_view("=+-@\t\r").find(value[i]) != absl::string_view::npos;
}

}  // namespace

std::string SpreadsheetSafe(absl::string_view value) {
  return Formula(value) ? absl::StrCat("'", value) : std::string(value);
}

std::string FromSpreadsheetSafe(absl::string_view value) {
  if (!value.empty() && value[0] == '\'' && Formula(value)) value.remove_prefix(1);
  return std::string(value);
}

}  // namespace vum::csv_internal
