// VUM JSON in bulk, three ways, on the same generated profiles in one run:
//   - protobuf's JSON utilities (vum::ParseJson) and then the validator;
//   - the fast path (vum::JsonParser, simdjson) and then the validator;
//   - RapidJSON's SchemaValidator with the JSON Schema that `vum schema
//     jsonschema werkzoekende` derives from the schema. It checks less: no
//     rules over several fields, no calendar dates, no code lists.
// Each on two sets of documents (argument `empty`): as senders write them, 86
// in 100 with every absent property as an empty value ([], "" or null: what
// the pilot's examples and the standard's accreditation data do), the default
// and the figure that counts; and with none (0), as vum prints them.
// Plus printing: protobuf's printer against PrintJsonFast.

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <simdjson.h>

#include <map>

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

// The documents with `empty` in 100 written with empty values.
const std::vector<std::string>& Documents(int64_t empty) {
  static auto* const sets = new std::map<int64_t, std::vector<std::string>>;
  std::vector<std::string>& docs = (*sets)[empty];
  if (!docs.empty()) return docs;
  vum::RecordGenerator generator({.seed = 99});
  vum::v1::Werkzoekende profile;
  for (int i = 0; i < kProfiles; ++i) {
    generator.NextProfile(&profile);
    docs.push_back(*vum::PrintJson(profile, {.empty_values = i % 100 < empty}));
  }
  return docs;
}

using vum::bench::SharedValidator;

void Finish(benchmark::State& state, size_t bytes, size_t failures) {
  if (failures != 0) state.SkipWithError("a document was rejected");
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_ProtobufJsonUtil(benchmark::State& state) {
  const bool validate = state.range(0) == 1;
  const auto& docs = Documents(state.range(1));
  vum::v1::Werkzoekende profile;
  std::vector<vum::FieldPath> absent;
  size_t i = 0, bytes = 0, failures = 0;
  for (auto _ : state) {
    const std::string& doc = docs[i++ % docs.size()];
    bytes += doc.size();
    failures += !vum::ParseJson(doc, &profile, &absent).ok();
    if (validate) {
      failures += !SharedValidator().Validate(profile, std::move(absent))->conforms();
    }
  }
  Finish(state, bytes, failures);
}
BENCHMARK(BM_ProtobufJsonUtil)
    ->ArgsProduct({{0, 1}, {86, 0}})
    ->ArgNames({"validate", "empty"});

void BM_FastJson(benchmark::State& state) {
  const bool validate = state.range(0) == 1;
  const auto& docs = Documents(state.range(1));
  vum::JsonParser parser;
  vum::v1::Werkzoekende profile;
  std::vector<vum::FieldPath> absent;  // listed, as vum validate lists them
  size_t i = 0, bytes = 0, failures = 0;
  for (auto _ : state) {
    const std::string& doc = docs[i++ % docs.size()];
    bytes += doc.size();
    failures += !parser.Parse(doc, &profile, &absent).ok();
    if (validate) {
      failures += !SharedValidator().Validate(profile, std::move(absent))->conforms();
    }
  }
  state.counters["fallbacks"] = static_cast<double>(parser.fallback_count());
  Finish(state, bytes, failures);
}
BENCHMARK(BM_FastJson)->ArgsProduct({{0, 1}, {86, 0}})->ArgNames({"validate", "empty"});

// simdjson's DOM parse alone, no message built: the floor under any parser
// built on it.
void BM_SimdjsonParseOnly(benchmark::State& state) {
  const auto& docs = Documents(state.range(0));
  simdjson::dom::parser parser;
  size_t i = 0, bytes = 0, failures = 0;
  for (auto _ : state) {
    const std::string& doc = docs[i++ % docs.size()];
    bytes += doc.size();
    simdjson::dom::element root;
    failures += parser.parse(doc).get(root) != simdjson::SUCCESS;
    benchmark::DoNotOptimize(root);
  }
  Finish(state, bytes, failures);
}
BENCHMARK(BM_SimdjsonParseOnly)->Arg(86)->Arg(0)->ArgName("empty");

void BM_RapidJsonSchemaValidator(benchmark::State& state) {
  const bool validate = state.range(0) == 1;
  rapidjson::Document schema_doc;
  schema_doc.Parse(vum::JsonSchemaOf(*vum::v1::Werkzoekende::descriptor()).c_str());
  if (schema_doc.HasParseError()) state.SkipWithError("bad JSON Schema");
  rapidjson::SchemaDocument schema(schema_doc);
  rapidjson::SchemaValidator validator(schema);
  const auto& docs = Documents(state.range(1));
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
BENCHMARK(BM_RapidJsonSchemaValidator)
    ->ArgsProduct({{0, 1}, {86, 0}})
    ->ArgNames({"validate", "empty"});

void BM_Print(benchmark::State& state) {
  const bool fast = state.range(0) == 1;
  std::vector<vum::v1::Werkzoekende> profiles(1000);
  for (size_t k = 0; k < profiles.size(); ++k) {
    if (!vum::ParseJson(Documents(0)[k], &profiles[k]).ok()) state.SkipWithError("parse");
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
