// Validation beside parsing: records per second for parsing alone and for
// parsing plus validating, on generated profiles and on the examples, from
// protobuf binary and from VUM JSON. The goal of the standard's reference
// implementation: validating a parsed profile costs no more than parsing it.
//
// Run: build/bench/vum_validate_bench [--benchmark_filter=...]

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/bench_support.h"
#include "benchmark/benchmark.h"
#include "vum/code_list.h"
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/validator.h"

namespace {

constexpr int kCorpus = 1000;

struct Corpus {
  std::vector<std::string> binary;
  std::vector<std::string> json;
};

// Profiles as they travel: `kCorpus` generated ones, or the examples.
const Corpus& Profiles(bool examples) {
  static const Corpus* const generated = [] {
    auto* c = new Corpus;
    vum::RecordGenerator generator({.seed = 2026});
    vum::v1::Werkzoekende profile;
    for (int i = 0; i < kCorpus; ++i) {
      generator.NextProfile(&profile);
      c->binary.push_back(profile.SerializeAsString());
      c->json.push_back(*vum::PrintJson(profile));
    }
    return c;
  }();
  static const Corpus* const shipped = [] {
    auto* c = new Corpus;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::string(VUM_SOURCE_DIR) + "/examples/werkzoekenden")) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      vum::v1::Werkzoekende profile;
      if (!vum::ParseJson(text.str(), &profile).ok()) abort();
      c->json.push_back(text.str());
      c->binary.push_back(profile.SerializeAsString());
    }
    return c;
  }();
  return examples ? *shipped : *generated;
}

using vum::bench::SharedValidator;

enum Mode { kParse = 0, kParseAndValidate = 1, kValidateOnly = 2 };

template <bool kJson>
void Run(benchmark::State& state) {
  const Corpus& corpus = Profiles(state.range(1) == 1);
  const auto& docs = kJson ? corpus.json : corpus.binary;
  const Mode mode = static_cast<Mode>(state.range(0));
  const vum::Validator& validator = SharedValidator();
  std::vector<vum::v1::Werkzoekende> parsed(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) parsed[i].ParseFromString(corpus.binary[i]);
  vum::v1::Werkzoekende profile;
  size_t i = 0, bytes = 0, violations = 0;
  for (auto _ : state) {
    const size_t k = i++ % docs.size();
    const vum::v1::Werkzoekende* record = &parsed[k];
    if (mode != kValidateOnly) {
      bytes += docs[k].size();
      const bool ok = kJson ? vum::ParseJson(docs[k], &profile).ok()
                            : (profile.Clear(), profile.ParseFromString(docs[k]));
      if (!ok) state.SkipWithError("parse failed");
      record = &profile;
    }
    if (mode != kParse) violations += validator.Validate(*record)->violations().size();
  }
  if (violations != 0) state.SkipWithError("a corpus record does not conform");
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void Args(benchmark::internal::Benchmark* b) {
  b->ArgNames({"mode", "examples"});
  for (int examples : {0, 1}) {
    for (int mode : {kParse, kParseAndValidate}) b->Args({mode, examples});
  }
}

void BM_Binary(benchmark::State& state) { Run<false>(state); }
void BM_Json(benchmark::State& state) { Run<true>(state); }
void BM_ValidateParsed(benchmark::State& state) { Run<false>(state); }

BENCHMARK(BM_Binary)->Apply(Args);
BENCHMARK(BM_Json)->Apply(Args);
BENCHMARK(BM_ValidateParsed)
    ->ArgNames({"mode", "examples"})
    ->Args({kValidateOnly, 0})
    ->Args({kValidateOnly, 1});

}  // namespace

BENCHMARK_MAIN();
