// The stages of building a selection index from NDJSON, each on one thread,
// per profile: simdjson's parse alone (the peer), the parse with the
// generated writer into the binary form the index keeps
// (JsonParser::ParseToBinaryInPlace), and the reading of a record's
// selectable values from those bytes (FactReader). The whole build runs these on two or
// more threads beside the index's own work (vum_selection_bench); here each is measured
// alone, where a change to one shows without the swings of the whole
// (docs/performance.md).
//
// The profiles are generated (seed 2026, the shipped postcodes), 86 in 100 of
// them with every absent property written as an empty value, as senders
// write them and as `vum generate --empty-values 0.86` does.
//
// Run: build/bench/vum_index_stages_bench [--benchmark_filter=...]

#include <simdjson.h>

#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "lib/selection/fact_reader.h"
#include "lib/selection/paths.h"
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/pc4.h"
#include "vum/v1/job_seeker.pb.h"

namespace {

constexpr int kProfiles = 20'000;
// A padded_string's padding is what parsing in place may read past a line.
static_assert(simdjson::SIMDJSON_PADDING >= vum::JsonParser::kBytesReadPastEnd);

// The profiles as JSON lines and as the binary form, made once.
struct Caseload {
  std::vector<simdjson::padded_string> json;
  std::vector<std::string> binary;
};

const Caseload& Profiles() {
  static const Caseload* const caseload = [] {
    auto* c = new Caseload;
    auto pc4 = vum::Pc4Register::Load(std::string(VUM_SOURCE_DIR) + "/codelists/pc4.tsv");
    if (!pc4.ok()) return c;  // each benchmark reports the empty caseload
    vum::RecordGenerator generator({.seed = 2026, .pc4 = &*pc4});
    vum::JsonParser parser;
    vum::v1::Werkzoekende profile;
    std::string binary;
    for (int i = 0; i < kProfiles; ++i) {
      generator.NextProfile(&profile);
      absl::StatusOr<std::string> json =
          vum::PrintJson(profile, {.empty_values = i % 100 < 86});
      if (!json.ok() ||
          !parser.ParseToBinary(*json, *vum::v1::Werkzoekende::descriptor(), &binary)
               .ok()) {
        continue;
      }
      c->json.emplace_back(*json);
      c->binary.push_back(binary);
    }
    return c;
  }();
  return *caseload;
}

// True when every profile was made; otherwise the benchmark ends in an error.
bool CheckCaseload(benchmark::State& state) {
  if (Profiles().json.size() == kProfiles) return true;
  state.SkipWithError("ERROR OCCURRED: the profiles could not all be made");
  return false;
}

void BM_SimdjsonParse(benchmark::State& state) {
  if (!CheckCaseload(state)) return;
  const Caseload& c = Profiles();
  simdjson::dom::parser parser;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const simdjson::padded_string& doc = c.json[i++ % c.json.size()];
    bytes += doc.size();
    simdjson::dom::element root;
    if (parser.parse(doc).get(root) != simdjson::SUCCESS) {
      state.SkipWithError("ERROR OCCURRED: simdjson refused a profile");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_SimdjsonParse);

void BM_ParseToBinary(benchmark::State& state) {
  if (!CheckCaseload(state)) return;
  const Caseload& c = Profiles();
  vum::JsonParser parser;
  std::string binary;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    // In place, as the NDJSON reader parses each line where it was read.
    const simdjson::padded_string& doc = c.json[i++ % c.json.size()];
    bytes += doc.size();
    if (!parser
             .ParseToBinaryInPlace(absl::string_view(doc.data(), doc.size()),
                                   *vum::v1::Werkzoekende::descriptor(), &binary)
             .ok()) {
      state.SkipWithError("ERROR OCCURRED: a profile was not read");
      return;
    }
  }
  state.counters["fallbacks"] = static_cast<double>(parser.fallback_count());
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ParseToBinary);

void BM_ReadFacts(benchmark::State& state) {
  if (!CheckCaseload(state)) return;
  const Caseload& c = Profiles();
  using vum::selection_internal::FactReader;
  const FactReader reader(*vum::selection_internal::PathCatalogue::For(
      vum::v1::SOORT_SELECTIE_WERKZOEKENDEN));
  vum::selection_internal::ReadFacts facts;
  vum::selection_internal::RecordKeys keys;
  size_t i = 0, values = 0;
  for (auto _ : state) {
    facts.Clear();
    if (reader.Read(c.binary[i++ % c.binary.size()], FactReader::kCheckText, &facts,
                    &keys) != FactReader::kRead) {
      state.SkipWithError("ERROR OCCURRED: a record's values were not read");
      return;
    }
    values += facts.facts.size();
  }
  state.counters["values"] =
      benchmark::Counter(static_cast<double>(values), benchmark::Counter::kAvgIterations);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadFacts);

}  // namespace

BENCHMARK_MAIN();
