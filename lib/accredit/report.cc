// The results of an accreditation as people and CI read them
// (lib/accredit/accreditation.h): verdicts under a failure list, JUnit XML
// and an HTML page.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/accredit/accreditation.h"
#include "lib/io/markup.h"
#include "vum/ids.h"

namespace vum::accredit {

Verdict VerdictOf(const CaseResult& result, const std::set<std::string>& listed) {
  const bool expected_to_fail = listed.count(result.id) > 0;
  if (result.passed) return expected_to_fail ? Verdict::kUnexpectedPass : Verdict::kPass;
  return expected_to_fail ? Verdict::kExpectedFail : Verdict::kFail;
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "PASS";
    case Verdict::kFail:
      return "FAIL";
    case Verdict::kExpectedFail:
      return "XFAIL";
    case Verdict::kUnexpectedPass:
      return "UNEXPECTED PASS";
  }
  return "";
}

std::string JUnitXml(const std::vector<CaseResult>& results,
                     const std::set<std::string>& listed, absl::string_view suite) {
  size_t failures = 0, skipped = 0;
  std::string cases;
  for (const CaseResult& r : results) {
    absl::StrAppend(&cases, "  <testcase name=\"", io_internal::EscapeMarkup(r.id),
                    "\">");
    switch (VerdictOf(r, listed)) {
      case Verdict::kPass:
        break;
      case Verdict::kFail:
        ++failures;
        absl::StrAppend(&cases, "<failure message=\"",
                        io_internal::EscapeMarkup(r.message), "\"/>");
        break;
      case Verdict::kExpectedFail:
        ++skipped;
        absl::StrAppend(&cases, "<skipped message=\"on the failure list: ",
                        io_internal::EscapeMarkup(r.message), "\"/>");
        break;
      case Verdict::kUnexpectedPass:
        ++failures;
        absl::StrAppend(&cases,
                        "<failure message=\"passed, but is on the failure list\"/>");
        break;
    }
    absl::StrAppend(&cases, "</testcase>\n");
  }
  return absl::StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"",
                      io_internal::EscapeMarkup(suite), "\" tests=\"", results.size(),
                      "\" failures=\"", failures, "\" skipped=\"", skipped, "\">\n",
                      cases, "</testsuite>\n");
}

std::string HtmlReport(const std::vector<CaseResult>& results,
                       const std::set<std::string>& listed, absl::string_view title) {
  size_t counts[4] = {0, 0, 0, 0};
  std::string rows;
  for (const CaseResult& r : results) {
    const Verdict v = VerdictOf(r, listed);
    ++counts[static_cast<int>(v)];
    const bool bad = v == Verdict::kFail || v == Verdict::kUnexpectedPass;
    absl::StrAppend(&rows, "<tr class=\"", bad ? "fout" : "goed", "\"><td><code>",
                    io_internal::EscapeMarkup(r.id), "</code></td><td>", VerdictName(v),
                    "</td><td>", io_internal::EscapeMarkup(r.message), "</td></tr>\n");
  }
  const bool ok = counts[static_cast<int>(Verdict::kFail)] == 0 &&
                  counts[static_cast<int>(Verdict::kUnexpectedPass)] == 0;
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>",
      io_internal::EscapeMarkup(title),
      "</title><style>body{font-family:sans-serif;margin:2em;color:#1a1a1a}"
      "table{border-collapse:collapse}td,th{border:1px solid #767676;padding:.3em .6em;"
      "text-align:left;vertical-align:top}tr.fout td:nth-child(2){color:#a00000;"
      "font-weight:bold}p.uitslag{font-size:1.2em;font-weight:bold}</style></"
      "head><body>\n"
      "<h1>",
      io_internal::EscapeMarkup(title), "</h1>\n<p>Judged ", NowRfc3339(),
      " by vum accredit (koppelvlak 3.0).</p>\n<p class=\"uitslag\">",
      ok ? "Passed" : "Not passed", ": ", results.size(), " cases; ",
      counts[static_cast<int>(Verdict::kPass)], " passed, ",
      counts[static_cast<int>(Verdict::kExpectedFail)], " failed as listed, ",
      counts[static_cast<int>(Verdict::kFail)] +
          counts[static_cast<int>(Verdict::kUnexpectedPass)],
      " unexpected.</p>\n<table><caption>Every case, in the order judged</caption>"
      "<thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Verdict</th>"
      "<th scope=\"col\">Expected and observed</th></tr></thead><tbody>\n",
      rows, "</tbody></table>\n</body></html>\n");
}

}  // namespace vum::accredit
