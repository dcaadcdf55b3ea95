// vum/report_render.h: a CompletenessReport as a page, CSV and JSON.
//
// Every count and share goes through the report's small-cell protection
// (PublishedCount, PublishedShare, PublishedMean), so each output can be
// published as it is.
//
// - HTML: one self-contained page (no network access: no fonts, scripts or
//   images from elsewhere) with charts drawn as inline SVG by this library:
//   completeness per element as bars, matchability per source, a dot map of
//   the four-digit areas coloured by matchability, and trends as lines.
// - CSV: one row per snapshot, group and element, for a spreadsheet; a cell
//   that starts with =, +, - or @ is prefixed with ' so that no spreadsheet
//   reads it as a formula.
// - JSON: the same figures, for programs.
//
// Example:
//
//   std::string page = vum::ReportHtml(report);
//
// Thread safety: the functions may run concurrently on one report.

#ifndef VUM_REPORT_RENDER_H_
#define VUM_REPORT_RENDER_H_

#include <string>

#include "vum/report.h"

namespace vum {

[[nodiscard]] std::string ReportHtml(const CompletenessReport& report);

// How the CSV is written. kRfc4180: comma, decimal point, CRLF (RFC 4180).
// kDutch: what Dutch spreadsheet programs read without an import step:
// semicolon, decimal comma, CRLF, and a UTF-8 byte-order mark.
enum class CsvDialect { kRfc4180, kDutch };

// One row per date, group and element (with its share), per group the mean
// matchability and the records that conform to the standard, and per date the
// profiles breaking each rule. A suppressed count is an empty cell and the
// last column ("afgeschermd") says "ja". docs/report.md lists the columns.
[[nodiscard]] std::string ReportCsv(const CompletenessReport& report,
                                    CsvDialect dialect = CsvDialect::kRfc4180);
[[nodiscard]] std::string ReportJson(const CompletenessReport& report);

}  // namespace vum

#endif  // VUM_REPORT_RENDER_H_
