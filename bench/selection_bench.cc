// Selection questions over a generated caseload spread over the real
// four-digit postcodes: index build time, bytes per profile, and p50/p99 per
// question for questions of realistic selectivity, on one core.
//
//   VUM_BENCH_RECORDS=1000000 build/bench/vum_selection_bench
//
// Not a Google Benchmark suite: percentiles over many questions are the
// figure, not a mean. docs/performance.md has the results.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/time/civil_time.h"
#include "vum/caseload_index.h"
#include "vum/generator.h"
#include "vum/pc4.h"
#include "vum/selection.h"

namespace {

using Clock = std::chrono::steady_clock;

double Millis(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Question {
  const char* name;
  std::string json;
};

std::vector<Question> Questions() {
  return {
      {"area only, 10 km of Utrecht",
       R"({"selectiegebied":{"postcode":"3511AB","afstand":10}})"},
      {"licence and hours, 25 km of Eindhoven",
       R"({"selectiegebied":{"postcode":"5611AB","afstand":25},
          "arbeidsmarktkwalificatie.rijbewijs.codeSoortRijbewijs":{"$in":["B","C"]},
          "werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":24}})"},
      {"level, Dutch spoken and written, 30 km of Rotterdam",
       R"({"selectiegebied":{"postcode":"3011AA","afstand":30},
          "arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende":{"$gte":4},
          "arbeidsmarktkwalificatie.taalbeheersing":{"$elemMatch":{"codeTaal":{"$eq":"nld"},
            "codeNiveauTaalbeheersingMondeling":{"$gte":3},"codeNiveauTaalbeheersingSchriftelijk":{"$gte":3}}}})"},
      {"contract and availability, 50 km of Zwolle",
       R"({"selectiegebied":{"postcode":"8011AA","afstand":50},
          "contractvorm.codeTypeArbeidscontract":{"$eq":"O"},
          "flexibiliteit.datumAanvangBeschikbaarVoorWerk":{"$lte":"2026-09-01"}})"},
      {"skill text, 40 km of Amsterdam",
       R"({"selectiegebied":{"postcode":"1011AB","afstand":40},
          "arbeidsmarktkwalificatie.vakvaardigheid.omschrijving":{"$contains":"klant"}})"},
      {"whole country, two licences",
       R"({"selectiegebied":{"postcode":"3511AB","afstand":300},
          "arbeidsmarktkwalificatie.rijbewijs.codeSoortRijbewijs":{"$all":["B","C"]}})"},
  };
}

}  // namespace

int main() {
  const char* env = std::getenv("VUM_BENCH_RECORDS");
  const long records = env != nullptr ? std::atol(env) : 100000;
  const char* rounds_env = std::getenv("VUM_BENCH_QUESTIONS");
  const int rounds = rounds_env != nullptr ? std::atoi(rounds_env) : 200;
  auto pc4 = vum::Pc4Register::Load(std::string(VUM_SOURCE_DIR) + "/codelists/pc4.tsv");
  if (!pc4.ok()) {
    std::fprintf(stderr, "ERROR OCCURRED: %s\n",
                 std::string(pc4.status().message()).c_str());
    return 1;
  }
  auto index = vum::CaseloadIndex::Create(&*pc4, vum::v1::SOORT_SELECTIE_WERKZOEKENDEN);
  auto compiler = vum::QuestionCompiler::Create(&*pc4);
  vum::RecordGenerator generator({.seed = 2026, .pc4 = &*pc4});
  vum::v1::Werkzoekende profile;
  vum::v1::Procesgegevens process;
  Clock::duration build{};
  for (long i = 0; i < records; ++i) {
    generator.NextProfile(&profile);
    generator.NextProcessData(profile, &process);
    const auto start = Clock::now();
    if (!(*index)->Put(profile).ok() || !(*index)->PutProcessData(process).ok()) {
      std::fprintf(stderr, "ERROR OCCURRED: a generated profile was not indexed\n");
      return 1;
    }
    build += Clock::now() - start;
  }
  const vum::IndexStats stats = (*index)->stats();
  std::printf("profiles: %zu (%zu without a known postcode), values: %zu\n",
              stats.records, stats.not_located, stats.values);
  std::printf(
      "index build: %.0f ms (%.0f profiles/s), %.0f bytes per profile (%.0f MiB)\n",
      Millis(build), records / (Millis(build) / 1000), double(stats.bytes) / records,
      stats.bytes / 1048576.0);
  const absl::Time at =
      absl::FromCivil(absl::CivilSecond(2026, 6, 1, 12, 0, 0), absl::UTCTimeZone());
  absl::BitGen rng;
  std::printf("%-55s %10s %10s %10s %10s\n", "question", "matched", "p50 ms", "p99 ms",
              "max ms");
  for (const Question& q : Questions()) {
    auto read = vum::ReadSelectionQuestion(q.json);
    auto check = read.ok() ? (*compiler)->Compile(*read) : read.status();
    if (!check.ok() || !check->answerable()) {
      std::fprintf(stderr, "ERROR OCCURRED: question \"%s\" does not compile\n", q.name);
      return 1;
    }
    std::vector<double> times;
    size_t matched = 0;
    for (int r = 0; r < rounds; ++r) {
      const auto start = Clock::now();
      auto sample =
          (*index)->Select(*check->plan, vum::Audience::kEmployerView, at, 100, rng);
      times.push_back(Millis(Clock::now() - start));
      matched = sample.matched;
    }
    std::sort(times.begin(), times.end());
    std::printf("%-55s %10zu %10.3f %10.3f %10.3f\n", q.name, matched,
                times[times.size() / 2],
                times[std::min(times.size() - 1, times.size() * 99 / 100)], times.back());
  }
  return 0;
}
