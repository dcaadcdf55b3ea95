// Bulk exchange: write, read and validate a batch of generated profiles,
// in records per second and peak memory (ru_maxrss). The number of records
// comes from VUM_BENCH_RECORDS (default 1,000,000). Run it once with 100000
// and once with 1000000 to see that memory does not grow with the batch:
//
//   VUM_BENCH_RECORDS=100000 build/bench/vum_bulk_bench
//   VUM_BENCH_RECORDS=1000000 build/bench/vum_bulk_bench
//
// The batch is written to the temporary folder and removed at the end.

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "bench/bench_support.h"
#include "benchmark/benchmark.h"
#include "vum/batch.h"
#include "vum/batch_validation.h"
#include "vum/code_list.h"
#include "vum/generator.h"
#include "vum/validator.h"

namespace {

uint64_t Records() {
  return static_cast<uint64_t>(vum::bench::EnvLong("VUM_BENCH_RECORDS", 1000000));
}

std::string Path(bool compressed) {
  return (std::filesystem::temp_directory_path() /
          absl::StrCat("vum-bulk-bench-", getpid(), compressed ? ".vumb.zst" : ".vumb"))
      .string();
}

void PeakMemory(benchmark::State& state) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

vum::v1::BatchKop Header() {
  vum::v1::BatchKop header;
  header.set_batch_id("4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c");
  header.set_afzender_oin("00000099000000000001");
  header.set_ontvanger_oin("00000099000000000002");
  header.set_aangemaakt_op("2026-06-01T08:00:00Z");
  header.set_standaardversie("1.0.0");
  header.set_soort(vum::v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(vum::v1::SOORT_INHOUD_WERKZOEKENDEN);
  return header;
}

void BM_WriteBatch(benchmark::State& state) {
  const bool compressed = state.range(0) == 1;
  const uint64_t n = Records();
  for (auto _ : state) {
    vum::RecordGenerator generator({.seed = 1});
    vum::BatchWriterOptions options;
    if (compressed) options.compression = vum::Compression::kZstd;
    auto writer = *vum::BatchWriter::Create(Path(compressed), Header(), options);
    vum::v1::BatchRecord record;
    for (uint64_t i = 0; i < n; ++i) {
      generator.NextProfile(record.mutable_werkzoekende());
      if (!writer->Write(record).ok()) state.SkipWithError("write failed");
    }
    if (!writer->Finish().ok()) state.SkipWithError("finish failed");
  }
  state.SetItemsProcessed(static_cast<int64_t>(n) * state.iterations());
  state.counters["file_MiB"] =
      static_cast<double>(std::filesystem::file_size(Path(compressed))) / (1 << 20);
  PeakMemory(state);
}
BENCHMARK(BM_WriteBatch)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("zstd")
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_ReadBatch(benchmark::State& state) {
  const bool compressed = state.range(0) == 1;
  uint64_t n = 0;
  for (auto _ : state) {
    auto reader = *vum::BatchReader::Open(Path(compressed));
    vum::v1::BatchRecord record;
    vum::RecordPosition position;
    while (true) {
      absl::StatusOr<bool> more = reader->Next(&record, &position);
      if (!more.ok()) state.SkipWithError("read failed");
      if (!more.ok() || !*more) break;
      ++n;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
  PeakMemory(state);
}
BENCHMARK(BM_ReadBatch)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("zstd")
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_ReadAndValidateBatch(benchmark::State& state) {
  const vum::Validator& validator = vum::bench::SharedValidator();
  uint64_t n = 0, accepted = 0;
  for (auto _ : state) {
    auto reader = *vum::BatchReader::Open(Path(false));
    auto report = vum::ValidateBatch(*reader, validator, nullptr);
    if (!report.ok() || !report->file_status.ok() || !report->reconciles()) {
      state.SkipWithError("validation failed");
    }
    n += report->read;
    accepted += report->accepted;
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
  state.counters["accepted"] = static_cast<double>(accepted);
  PeakMemory(state);
}
BENCHMARK(BM_ReadAndValidateBatch)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_Cleanup(benchmark::State& state) {
  for (auto _ : state) {
    std::filesystem::remove(Path(false));
    std::filesystem::remove(Path(true));
  }
}
BENCHMARK(BM_Cleanup)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
