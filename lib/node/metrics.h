// lib/node/metrics.h: the node's counters, written as Prometheus text.
//
// Thread safety: every method may be called concurrently.

#ifndef VUM_LIB_NODE_METRICS_H_
#define VUM_LIB_NODE_METRICS_H_

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "absl/time/time.h"

namespace vum::node {

class Metrics {
 public:
  // One request on `route` (a name such as "selectie", never a path with a
  // vumID) answered with `status` after `took`.
  void Request(const std::string& route, int status, absl::Duration took);
  void LogEntries(size_t n) { log_entries_ += n; }
  void Records(size_t profiles, size_t vacancies) {
    profiles_ = profiles;
    vacancies_ = vacancies;
  }
  // The exchange facility: one source's answer to one request, by outcome
  // ("beantwoord", "geweigerd", "mislukt", "verlopen", "ongeldig").
  void SourceAnswer(const std::string& source_oin, const std::string& outcome);
  // The text of /metrics.
  [[nodiscard]] std::string Text() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  1,    5};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::pair<std::string, std::string>, uint64_t> source_answers_;
  std::atomic<uint64_t> log_entries_{0};
  std::atomic<size_t> profiles_{0}, vacancies_{0};
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_METRICS_H_
