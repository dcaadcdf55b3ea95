// VUM JSON in bulk, three ways, on the same generated profiles in one run:
//   - protobuf's JSON utilities (vum::ParseJson) and then the validator;
//   - the fast path (vum::JsonParser, simdjson) and then the validator;
//   - RapidJSON's SchemaValidator with the JSON Schema that `vum schema
//     jsonschema werkzoekende` derives from the schema. It checks less: no
//     rules over several fields, no calendar dates, no code lists.
// Plus printing: protobuf's printer against PrintJsonFast.

#include <rapidjson/document.h>
#include <rapidjson/schema.h>

#include "bench/bench_support.h"
#include "benchmark/benchmark.h"
#include "google/protobuf/util/json_util.h"
#include "vum/code_list.h"
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/schema.h"
#include "vum/validator.h"

namespace {

constexpr int kProfiles = 20000;

const std::vector<std::string>& Documents() {
  static const auto* const docs = [] {
    auto* d = new std::vector<std::string>;
    vum::RecordGenerator generator({.seed = 99});
    vum::v1::Werkzoekende profile;
    for (int i = 0; i < kProfiles; ++i) {
      generator.NextProfile(&profile);
      std::string json;
      vum::PrintJsonFast(profile, &json);  // byte for byte PrintJson, faster
      d->push_back(std::move(json));
    }
    return d;
  }();
  return *docs;
}

using vum::bench::SharedValidator;

void Finish(benchmark::State& state, size_t bytes, size_t failures) {
  if (failures != 0) state.SkipWithError("a document was rejected");
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_ProtobufJsonUtil(benchmark::State& state) {
  const bool validate = state.range(0) == 1;
  const auto& docs = Documents();
  vum::v1::Werkzoekende profile;
  size_t i = 0, bytes = 0, failures = 0;
  for (auto _ : state) {
    const std::string& doc = docs[i++ % docs.size()];
    bytes += doc.size();
    failures += !vum::ParseJson(doc, &profile).ok();
    if (validate) failures += !SharedValidator().Validate(profile)->conforms();
  }
  Finish(state, bytes, failures);
}
BENCHMARK(BM_ProtobufJsonUtil)->Arg(0)->Arg(1)->ArgName("validate");

void BM_FastJson(benchmark::State& state) {
  const bool validate = state.range(0) == 1;
  const auto& docs = Documents();
  vum::JsonParser parser;
  vum::v1::Werkzoekende profile;
  size_t i = 0, bytes = 0, failures = 0;
  for (auto _ : state) {
    const std::string& doc = docs[i++ % docs.size()];
    bytes += doc.size();
    failures += !parser.Parse(doc, &profile).ok();
    if (validate) failures += !SharedValidator().Validate(profile)->conforms();
  }
  state.counters["fallbacks"] = static_cast<double>(parser.fallback_count());
  Finish(state, bytes, failures);
}
BENCHMARK(BM_FastJson)->Arg(0)->Arg(1)->ArgName("validate");

void BM_RapidJsonSchemaValidator(benchmark::State& state) {
  const bool validate = state.range(0) == 1;
  rapidjson::Document schema_doc;
  schema_doc.Parse(vum::JsonSchemaOf(*vum::v1::Werkzoekende::descriptor()).c_str());
  if (schema_doc.HasParseError()) state.SkipWithError("bad JSON Schema");
  rapidjson::SchemaDocument schema(schema_doc);
  rapidjson::SchemaValidator validator(schema);
  const auto& docs = Documents();
  size_t i = 0, bytes = 0, failures = 0;
  rapidjson::Document doc;
  for (auto _ : state) {
    const std::string& text = docs[i++ % docs.size()];
    bytes += text.size();
    doc.Parse(text.data(), text.size());
    failures += doc.HasParseError();
    if (validate) {
      validator.Reset();
      failures += !doc.Accept(validator);
    }
  }
  Finish(state, bytes, failures);
}
BENCHMARK(BM_RapidJsonSchemaValidator)->Arg(0)->Arg(1)->ArgName("validate");

void BM_Print(benchmark::State& state) {
  const bool fast = state.range(0) == 1;
  std::vector<vum::v1::Werkzoekende> profiles(1000);
  for (size_t k = 0; k < profiles.size(); ++k) {
    if (!vum::ParseJson(Documents()[k], &profiles[k]).ok()) state.SkipWithError("parse");
  }
  std::string out;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& profile = profiles[i++ % profiles.size()];
    if (fast) {
      vum::PrintJsonFast(profile, &out);
    } else {  // the peer: protobuf's own JSON printer
      out.clear();
      google::protobuf::util::JsonPrintOptions options;
      options.always_print_enums_as_ints = true;
      (void)google::protobuf::util::MessageToJsonString(profile, &out, options);
    }
    bytes += out.size();
  }
  Finish(state, bytes, 0);
}
BENCHMARK(BM_Print)->Arg(0)->Arg(1)->ArgName("fast");

}  // namespace

BENCHMARK_MAIN();
