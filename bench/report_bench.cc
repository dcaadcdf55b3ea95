// The completeness report's throughput and peak memory: generated profiles
// (spread over the real four-digit areas, a third of their optional elements
// left out) counted into a report with validation, one at a time.
//
//   VUM_BENCH_RECORDS=1000000 build/bench/vum_report_bench
//
// Memory does not grow with the caseload; peak RSS is reported to show it.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/time/civil_time.h"
#include "bench/bench_support.h"
#include "vum/generator.h"
#include "vum/report.h"
#include "vum/report_render.h"

int main() {
  const long records = vum::bench::EnvLong("VUM_BENCH_RECORDS", 100000);
  auto pc4 = vum::Pc4Register::Load(std::string(VUM_SOURCE_DIR) + "/codelists/pc4.tsv");
  if (!pc4.ok()) {
    std::fprintf(stderr, "ERROR OCCURRED: no PC4 list\n");
    return 1;
  }
  vum::ReportBuilder builder(
      {.k = 10, .pc4 = &*pc4, .validator = &vum::bench::SharedValidator()});
  vum::RecordGenerator generator(
      {.seed = 2026, .pc4 = &*pc4, .incomplete_fraction = 0.3});
  vum::v1::Werkzoekende profile;
  std::chrono::steady_clock::duration counting{};
  builder.StartSnapshot("2026-09-30");
  for (long i = 0; i < records; ++i) {
    generator.NextProfile(&profile);
    const auto start = std::chrono::steady_clock::now();
    builder.Add(profile, i % 3 == 0 ? "00000001001234567000" : "00000001009876543000");
    counting += std::chrono::steady_clock::now() - start;
  }
  const auto start = std::chrono::steady_clock::now();
  const vum::CompletenessReport report = std::move(builder).Finish();
  const std::string html = vum::ReportHtml(report);
  const double render_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
          .count();
  const double seconds = std::chrono::duration<double>(counting).count();
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  if (report.snapshots().empty() ||
      report.snapshots()[0].all.profiles != static_cast<uint64_t>(records)) {
    std::fprintf(stderr,
                 "ERROR OCCURRED: the report counted the wrong number of profiles\n");
    return 1;
  }
  std::printf("profiles: %ld, counted with validation in %.2f s: %.0f profiles/s\n",
              records, seconds, records / seconds);
  std::printf("page rendered in %.0f ms (%zu bytes); peak RSS %.1f MiB\n", render_ms,
              html.size(), usage.ru_maxrss / 1024.0);
  return 0;
}
