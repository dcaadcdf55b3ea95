// The conformance runner's reports for CI systems and programs: JUnit XML (a
// testcase per case), JSON, and a failure list to start from.
#ifndef VUM_CONFORMANCE_RUNNER_REPORTS_H_
#define VUM_CONFORMANCE_RUNNER_REPORTS_H_

#include <string>
#include <vector>

#include "runner/suite.h"

namespace vum::conformance {

void WriteJUnit(const std::string& path, const std::vector<Result>& results);
void WriteJson(const std::string& path, const std::vector<Result>& results,
               const Tally& tally);
// The ids of the cases that failed, each with its outcome as a first reason.
void WriteFailureList(const std::string& path, const std::vector<Result>& results);

}  // namespace vum::conformance

#endif  // VUM_CONFORMANCE_RUNNER_REPORTS_H_
