// vum generate: realistic synthetic profiles or vacancies, for tests,
// benchmarks and trying out a system. Never real people.

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/io/atomic_file.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/progress.h"
#include "vum/batch.h"
#include "vum/convert.h"
#include "vum/delta.h"
#include "vum/generator.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/schema.h"

namespace vum::cli {
namespace {

const Help kHelp = {
    {"--count N [options] OUT"},
    "Writes N synthetic records (never real people) to OUT: a batch (.vumb, "
    ".vumb.zst), NDJSON (.ndjson) or a JSON array (.json). The same seed gives the "
    "same records.",
    {{0, "written"}, {2, "could not run"}}};

// A number in [0, 1) drawn from `seed` and `index` (splitmix64).
double UnitHash(uint64_t seed, uint64_t index) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ull + index + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

}  // namespace

int RunGenerate(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  std::string type = "werkzoekende", path;
  // Fictitious OINs: 20 digits as the format demands, in a range no
  // organisation has.
  std::string afzender = "00000099000000000001", ontvanger = "00000099000000000002";
  bool compress = false, real_postcodes = false;
  std::string pc4_path, consents_path;
  uint64_t count = 0, seed = 1;
  double fraction = 0, incomplete = 0, empty_values = 0;
  CommandLine line("vum generate", kHelp);
  CLI::App& app = line.app();
  app.add_option("--count", count, "how many records")->required()->option_text("N");
  app.add_option("--seed", seed, "the seed of the random choices (default 1)")
      ->option_text("S");
  app.add_option("--type", type, "profiles (default) or vacancies")
      ->check(CLI::IsMember({"werkzoekende", "vacature"}))
      ->option_text("werkzoekende|vacature");
  app.add_option("--invalid-fraction", fraction,
                 "the share of records that break one rule")
      ->check(InRange(0.0, 1.0))
      ->option_text("F");
  app.add_option("--incomplete", incomplete,
                 "the chance that each of ten optional elements is left out")
      ->check(InRange(0.0, 1.0))
      ->option_text("F");
  app.add_option("--empty-values", empty_values,
                 "the share of records written, in JSON, with every absent property as "
                 "an empty value ([], \"\" or null), as many senders write them")
      ->check(InRange(0.0, 1.0))
      ->option_text("F");
  app.add_option("--afzender", afzender,
                 "the sender's OIN in a batch header (default a fictitious one, valid in "
                 "form only)")
      ->option_text("OIN");
  app.add_option("--ontvanger", ontvanger, "the receiver's OIN in a batch header")
      ->option_text("OIN");
  app.add_flag("--compress", compress, "compress a batch (zstd)");
  app.add_flag("--real-postcodes", real_postcodes,
               "draw postcodes from the PC4 list, spread over the country");
  AddPc4Option(app, pc4_path);
  app.add_option("--consents", consents_path,
                 "also write each profile's process data (consents) as NDJSON")
      ->option_text("FILE");
  app.add_option("out", path)->required();
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::StatusOr<DataFormat> format = DataFormatFromPath(path);
  if (!format.ok() || (*format != DataFormat::kBatch && *format != DataFormat::kNdjson &&
                       *format != DataFormat::kJson)) {
    err << "vum generate: OUT ends in .vumb, .vumb.zst, .ndjson or .json\n";
    return kExitUsage;
  }
  if (empty_values > 0 && *format == DataFormat::kBatch) {
    err << "vum generate: --empty-values is for JSON output (.ndjson, .json); a batch "
           "holds records, not their JSON\n";
    return kExitUsage;
  }
  const bool vacancies = type == "vacature";
  absl::StatusOr<Pc4Register> pc4 = absl::NotFoundError("not asked for");
  if (real_postcodes) {
    pc4 = LoadPc4(pc4_path);
    if (!pc4.ok()) {
      err << "vum generate: " << pc4.status().message() << "\n";
      return kExitUsage;
    }
  }
  if (!consents_path.empty() && vacancies) {
    err << "vum generate: --consents is for profiles (vacancies need no consent)\n";
    return kExitUsage;
  }
  // Written whole or not at all.
  std::unique_ptr<io_internal::AtomicFile> consents;
  if (!consents_path.empty()) {
    absl::StatusOr<std::unique_ptr<io_internal::AtomicFile>> file =
        io_internal::AtomicFile::Create(consents_path);
    if (!file.ok()) {
      err << "vum generate: " << file.status().message() << "\n";
      return kExitUsage;
    }
    consents = *std::move(file);
  }
  RecordGenerator generator({.seed = seed,
                             .invalid_fraction = fraction,
                             .pc4 = pc4.ok() ? &*pc4 : nullptr,
                             .incomplete_fraction = incomplete});
  v1::Procesgegevens process;
  // Generate into a batch (constant memory), then convert if asked for JSON.
  const std::string batch_path =
      *format == DataFormat::kBatch ? path : absl::StrCat(path, ".generating.vumb");
  v1::BatchKop header;
  header.set_batch_id(NewUuid());
  header.set_afzender_oin(afzender);
  header.set_ontvanger_oin(ontvanger);
  header.set_aangemaakt_op(NowRfc3339());
  header.set_standaardversie(StandardVersion());
  header.set_soort(v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(vacancies ? v1::SOORT_INHOUD_VACATURES
                              : v1::SOORT_INHOUD_WERKZOEKENDEN);
  BatchWriterOptions options;
  if (compress || absl::EndsWith(path, ".zst")) options.compression = Compression::kZstd;
  absl::StatusOr<std::unique_ptr<BatchWriter>> writer =
      BatchWriter::Create(batch_path, header, options);
  if (!writer.ok()) {
    err << "vum generate: " << writer.status().message() << "\n";
    return kExitUsage;
  }
  Progress progress("generating", count);
  v1::BatchRecord record;
  uint64_t invalid = 0;
  for (uint64_t i = 0; i < count; ++i) {
    invalid += vacancies ? generator.NextVacancy(record.mutable_vacature())
                         : generator.NextProfile(record.mutable_werkzoekende());
    if (absl::Status s = (*writer)->Write(record); !s.ok()) {
      err << "vum generate: " << s.message() << "\n";
      return kExitUsage;
    }
    if (consents != nullptr) {
      generator.NextProcessData(record.werkzoekende(), &process);
      absl::StatusOr<std::string> json = PrintJson(process);
      absl::Status s = json.ok() ? consents->Append(*json + "\n") : json.status();
      if (!s.ok()) {
        err << "vum generate: " << s.message() << "\n";
        return kExitUsage;
      }
    }
    if (i % 1000 == 0) progress.Update(i);
  }
  progress.Update(count);
  progress.Done();
  if (absl::Status s = (*writer)->Finish(); !s.ok()) {
    err << "vum generate: " << s.message() << "\n";
    return kExitUsage;
  }
  if (consents != nullptr) {
    if (absl::Status s = consents->Commit(); !s.ok()) {
      err << "vum generate: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  if (*format != DataFormat::kBatch) {
    ConvertOptions convert;
    convert.record_type = vacancies ? RecordType::kVacature : RecordType::kWerkzoekende;
    if (empty_values > 0) {
      // Which records: the same for the same seed.
      convert.empty_values = [seed, empty_values](uint64_t index) {
        return UnitHash(seed, index) < empty_values;
      };
    }
    absl::StatusOr<ConvertReport> report = Convert(
        batch_path, DataFormat::kBatch, path,
        *format == DataFormat::kJson ? DataFormat::kJsonArray : DataFormat::kNdjson,
        convert);
    std::remove(batch_path.c_str());
    if (!report.ok()) {
      err << "vum generate: " << report.status().message() << "\n";
      return kExitUsage;
    }
  }
  out << "wrote " << count << " synthetic "
      << (vacancies ? "vacature(s)" : "werkzoekende(n)") << " to " << path << " (seed "
      << seed << ", " << invalid << " made invalid)\n";
  return kExitOk;
}

}  // namespace vum::cli
