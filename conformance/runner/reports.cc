#include "runner/reports.h"

#include <fstream>

#include "lib/io/markup.h"
#include "lib/json/json_string.h"

namespace vum::conformance {
namespace {

using io_internal::EscapeMarkup;

}  // namespace

void WriteJUnit(const std::string& path, const std::vector<Result>& results) {
  int failures = 0;
  for (const Result& r : results) failures += Failed(r) && !r.listed;
  std::ofstream out(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite "
         "name=\"vum-conformance\" tests=\""
      << results.size() << "\" failures=\"" << failures << "\">\n";
  for (const Result& r : results) {
    out << "  <testcase classname=\"vum.conformance." << EscapeMarkup(r.suite)
        << "\" name=\"" << EscapeMarkup(r.test_case->id()) << "\">";
    if (Failed(r) && r.listed) {
      out << "<skipped message=\"in the failure list\"/>";
    } else if (Failed(r)) {
      out << "<failure message=\"" << OutcomeName(r.outcome) << "\">"
          << EscapeMarkup(r.detail) << "</failure>";
    } else if (r.listed) {
      out << "<failure message=\"unexpected pass\">in the failure list, but "
             "passed</failure>";
    }
    out << "</testcase>\n";
  }
  out << "</testsuite>\n</testsuites>\n";
}

void WriteJson(const std::string& path, const std::vector<Result>& results,
               const Tally& tally) {
  std::ofstream out(path);
  out << "{\"summary\":{\"cases\":" << results.size()
      << ",\"unexpectedFailures\":" << tally.unexpected_failures
      << ",\"unexpectedPasses\":" << tally.unexpected_passes << "},\"cases\":[";
  for (size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    out << (i ? "," : "") << "{\"id\":" << json_internal::JsonString(r.test_case->id())
        << ",\"outcome\":\"" << OutcomeName(r.outcome)
        << "\",\"inFailureList\":" << (r.listed ? "true" : "false")
        << ",\"detail\":" << json_internal::JsonString(r.detail) << "}";
  }
  out << "]}\n";
}

void WriteFailureList(const std::string& path, const std::vector<Result>& results) {
  std::ofstream out(path);
  out << "# Cases this testee fails; give each a reason after '#'.\n";
  for (const Result& r : results) {
    if (Failed(r)) out << r.test_case->id() << "  # " << OutcomeName(r.outcome) << "\n";
  }
}

}  // namespace vum::conformance
