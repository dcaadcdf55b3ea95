// Reading and writing profiles: VUM JSON (protobuf's JSON utilities behind
// vum::ParseJson / vum::PrintJson) beside protobuf binary, on the profile
// that uses every element of the pilot contract and on the shipped examples.
//
// Run: build/bench/vum_json_bench [--benchmark_filter=...]

#include <filesystem>
#include <fstream>
#include <sstream>

#include "benchmark/benchmark.h"
#include "lib/testing/files.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"

namespace {

using ::vum::testing::ReadFileOrDie;

const std::vector<std::string>& Documents(bool full_profile_only) {
  static const auto* const full = new std::vector<std::string>{
      ReadFileOrDie(std::string(VUM_SOURCE_DIR) +
                    "/lib/json/testdata/werkzoekende-alle-elementen.json")};
  static const auto* const examples = [] {
    auto* docs = new std::vector<std::string>;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::string(VUM_SOURCE_DIR) + "/examples/werkzoekenden")) {
      docs->push_back(ReadFileOrDie(entry.path().string()));
    }
    return docs;
  }();
  return full_profile_only ? *full : *examples;
}

void SetCounters(benchmark::State& state, size_t bytes) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}

void BM_ParseJson(benchmark::State& state) {
  const auto& docs = Documents(state.range(0) == 0);
  vum::v1::Werkzoekende profile;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& doc = docs[i++ % docs.size()];
    bytes += doc.size();
    if (!vum::ParseJson(doc, &profile).ok()) state.SkipWithError("parse failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ParseJson)->Arg(0)->Arg(1)->ArgName("examples");

void BM_FastParseJson(benchmark::State& state) {
  const auto& docs = Documents(state.range(0) == 0);
  vum::JsonParser parser;
  vum::v1::Werkzoekende profile;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& doc = docs[i++ % docs.size()];
    bytes += doc.size();
    if (!parser.Parse(doc, &profile).ok()) state.SkipWithError("parse failed");
  }
  state.counters["fallbacks"] = static_cast<double>(parser.fallback_count());
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FastParseJson)->Arg(0)->Arg(1)->ArgName("examples");

void BM_PrintJson(benchmark::State& state) {
  vum::v1::Werkzoekende profile;
  if (!vum::ParseJson(Documents(true)[0], &profile).ok()) state.SkipWithError("parse");
  size_t bytes = 0;
  for (auto _ : state) {
    auto json = vum::PrintJson(profile);
    bytes = json->size();
    benchmark::DoNotOptimize(json);
  }
  SetCounters(state, bytes);
}
BENCHMARK(BM_PrintJson);

void BM_FastPrintJson(benchmark::State& state) {
  vum::v1::Werkzoekende profile;
  if (!vum::ParseJson(Documents(true)[0], &profile).ok()) state.SkipWithError("parse");
  std::string out;
  for (auto _ : state) {
    vum::PrintJsonFast(profile, &out);
    benchmark::DoNotOptimize(out);
  }
  SetCounters(state, out.size());
}
BENCHMARK(BM_FastPrintJson);

void BM_ParseBinary(benchmark::State& state) {
  vum::v1::Werkzoekende profile;
  if (!vum::ParseJson(Documents(true)[0], &profile).ok()) state.SkipWithError("parse");
  const std::string binary = profile.SerializeAsString();
  for (auto _ : state) {
    profile.Clear();
    if (!profile.ParseFromString(binary)) state.SkipWithError("parse failed");
  }
  SetCounters(state, binary.size());
}
BENCHMARK(BM_ParseBinary);

void BM_SerializeBinary(benchmark::State& state) {
  vum::v1::Werkzoekende profile;
  if (!vum::ParseJson(Documents(true)[0], &profile).ok()) state.SkipWithError("parse");
  std::string out;
  for (auto _ : state) {
    out.clear();
    profile.SerializeToString(&out);
    benchmark::DoNotOptimize(out);
  }
  SetCounters(state, out.size());
}
BENCHMARK(BM_SerializeBinary);

}  // namespace

BENCHMARK_MAIN();
