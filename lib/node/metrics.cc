#include "lib/node/metrics.h"

#include "absl/strings/str_cat.h"

namespace vum::node {

void Metrics::Request(const std::string& route, int status, absl::Duration took) {
  const double seconds = absl::ToDoubleSeconds(took);
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::SourceAnswer(const std::string& source_oin, const std::string& outcome) {
  std::lock_guard lock(mu_);
  ++source_answers_[{source_oin, outcome}];
}

std::string Metrics::Text() const {
  std::string out =
      "# HELP vum_requests_total Requests answered, by route and HTTP status.\n"
      "# TYPE vum_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [key, n] : requests_) {
    absl::StrAppend(&out, "vum_requests_total{route=\"", key.first, "\",status=\"",
                    key.second, "\"} ", n, "\n");
  }
  out +=
      "# HELP vum_request_duration_seconds Time to answer a request, by route.\n"
      "# TYPE vum_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      absl::StrAppend(&out, "vum_request_duration_seconds_bucket{route=\"", route,
                      "\",le=\"", kBuckets[i], "\"} ", h.counts[i], "\n");
    }
    absl::StrAppend(&out, "vum_request_duration_seconds_bucket{route=\"", route,
                    "\",le=\"+Inf\"} ", h.count, "\n");
    absl::StrAppend(&out, "vum_request_duration_seconds_sum{route=\"", route, "\"} ",
                    h.sum, "\n");
    absl::StrAppend(&out, "vum_request_duration_seconds_count{route=\"", route, "\"} ",
                    h.count, "\n");
  }
  if (!source_answers_.empty()) {
    out +=
        "# HELP vum_source_answers_total The sources' answers, by source and outcome.\n"
        "# TYPE vum_source_answers_total counter\n";
  }
  for (const auto& [key, n] : source_answers_) {
    absl::StrAppend(&out, "vum_source_answers_total{bron=\"", key.first, "\",uitkomst=\"",
                    key.second, "\"} ", n, "\n");
  }
  absl::StrAppend(&out,
                  "# HELP vum_log_entries_total Entries written to the processing log.\n"
                  "# TYPE vum_log_entries_total counter\n"
                  "vum_log_entries_total ",
                  log_entries_.load(), "\n",
                  "# HELP vum_records Records in the selection indexes.\n"
                  "# TYPE vum_records gauge\n"
                  "vum_records{soort=\"werkzoekenden\"} ",
                  profiles_.load(), "\nvum_records{soort=\"vacatures\"} ",
                  vacancies_.load(), "\n");
  return out;
}

}  // namespace vum::node
