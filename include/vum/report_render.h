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
[[nodiscard]] std::string ReportCsv(const CompletenessReport& report);
[[nodiscard]] std::string ReportJson(const CompletenessReport& report);

}  // namespace vum

#endif  // VUM_REPORT_RENDER_H_
