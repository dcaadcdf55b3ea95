// vum migrate: records in an older form of VUM (the pilot contracts, the
// koppelvlak 2.0) into the koppelvlak 3.0 form (vum/migrate.h), every element
// left out reported by its path and reason.

#include <simdjson.h>

#include <functional>
#include <memory>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "lib/io/atomic_file.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "vum/json.h"
#include "vum/limits.h"
#include "vum/migrate.h"
#include "vum/record.h"

namespace vum::cli {
namespace {

const Help kHelp = {
    {"[options] IN OUT"},
    "Turns records in an older form of VUM (the pilot contracts 0.8.x, the "
    "koppelvlak 2.0) into the koppelvlak 3.0 form (Gegevensstandaard 1.5). IN holds "
    "one JSON record, a JSON array or NDJSON; OUT gets NDJSON, or a JSON array when "
    "its name ends in .json. Every element 3.0 has no place for is reported by its "
    "path and reason (removed-in-3.0, no-competentnl-code, code-label, uncoded-name, "
    "address-part, not-a-code), never its value. A record the 3.0 reader still "
    "refuses is reported and not written. docs/migration.md says what is carried.",
    {{0, "every record migrated (losses are reported, not failures)"},
     {1, "some records rejected"},
     {2, "could not run"}}};

// IN is read whole: up to 256 MiB (about 100,000 profiles of the standard's
// accreditation size); a larger set is split first.
constexpr size_t kMaxInputBytes = size_t{256} << 20;

struct Outcome {
  size_t read = 0, written = 0, losses = 0;
  std::string report_json;  // the per-record entries, comma-separated
};

// Migrates one record; appends it to `records` (3.0 JSON) or reports it.
void MigrateOne(RecordType type, absl::string_view text, size_t index,
                const MigrationOptions& options, bool json, std::string* records,
                Outcome* outcome, std::ostream& report) {
  ++outcome->read;
  std::string migrated;
  std::vector<MigrationLoss> losses;
  absl::Status s = MigrateRecord(type, text, options, &migrated, &losses);
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
      NewRecord(RecordDescriptor(type)->full_name());
  if (!record.ok()) s = record.status();
  if (s.ok()) s = ParseJson(migrated, record->get());
  std::string lost;
  for (const MigrationLoss& l : losses) {
    absl::StrAppend(&lost, lost.empty() ? "" : ",", "{\"path\":", JsonString(l.path),
                    ",\"reason\":", JsonString(MigrationLossReasonName(l.reason)), "}");
    if (!json) {
      report << "record " << index << ": " << l.path << " not carried ("
             << MigrationLossReasonName(l.reason) << ")\n";
    }
  }
  outcome->losses += losses.size();
  if (!s.ok()) {
    if (!json) report << "rejected record " << index << ": " << s.message() << "\n";
  } else {
    ++outcome->written;
    std::string line;
    PrintJsonFast(**record, &line);
    absl::StrAppend(records, line, "\n");
  }
  if (json && (!s.ok() || !losses.empty())) {
    absl::StrAppend(&outcome->report_json, outcome->report_json.empty() ? "" : ",",
                    "{\"index\":", index, ",\"rejected\":", s.ok() ? "false" : "true",
                    s.ok() ? "" : absl::StrCat(",\"reason\":", JsonString(s.message())),
                    ",\"losses\":[", lost, "]}");
  }
}

// The records of `text` (one JSON record, a JSON array or NDJSON), each
// handed to `each` with its 1-based index.
absl::Status EachRecord(const std::string& text,
                        const std::function<void(absl::string_view, size_t)>& each) {
  const std::optional<DataFormat> format = DataFormatOfContent(text);
  if (format == DataFormat::kNdjson) {
    size_t index = 0, start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const absl::string_view line = absl::string_view(text).substr(start, end - start);
      if (!absl::StripAsciiWhitespace(line).empty()) each(line, ++index);
      start = end + 1;
    }
    return absl::OkStatus();
  }
  if (format == DataFormat::kJsonArray) {
    simdjson::dom::parser parser;
    simdjson::dom::array items;
    if (parser.parse(text).get(items) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError("IN is not a JSON array of records");
    }
    size_t index = 0;
    for (simdjson::dom::element item : items) each(simdjson::minify(item), ++index);
    return absl::OkStatus();
  }
  each(text, 1);
  return absl::OkStatus();
}

}  // namespace

int RunMigrate(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  std::string type_name = "werkzoekende", format = "text", map_path, in_path, out_path;
  CommandLine line("vum migrate", kHelp);
  CLI::App& app = line.app();
  app.add_option("--type", type_name, "the records' type")
      ->check(CLI::IsMember({"werkzoekende", "vacature"}))
      ->option_text("werkzoekende|vacature");
  app.add_option("--occupations", map_path,
                 "old occupation codes to CompetentNL URIs: CODE<TAB>URI per line")
      ->option_text("FILE");
  AddFormatOption(app, format);
  app.add_option("in", in_path)->required();
  app.add_option("out", out_path)->required();
  line.Reads(&in_path);
  line.Writes(&out_path);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  std::ostream& report = line.ReportTo(out, err);
  const RecordType type =
      type_name == "vacature" ? RecordType::kVacature : RecordType::kWerkzoekende;
  absl::flat_hash_map<std::string, std::string> occupations;
  MigrationOptions options;
  if (!map_path.empty()) {
    absl::StatusOr<std::string> map = ReadFile(map_path);
    absl::Status s = map.ok() ? ParseOccupationMap(*map, &occupations) : map.status();
    if (!s.ok()) return line.UsageError(absl::StrCat(map_path, ": ", s.message()), err);
    options.occupations = &occupations;
  }
  absl::StatusOr<std::string> text = ReadFile(in_path, kMaxInputBytes);
  if (!text.ok()) return line.UsageError(std::string(text.status().message()), err);
  const bool json = format == "json";
  Outcome outcome;
  std::string records;
  absl::Status s = EachRecord(*text, [&](absl::string_view record, size_t index) {
    MigrateOne(type, record, index, options, json, &records, &outcome, report);
  });
  if (!s.ok()) return line.UsageError(std::string(s.message()), err);
  if (absl::EndsWith(out_path, ".json")) {
    records = absl::StrCat(
        "[", absl::StrReplaceAll(absl::StripSuffix(records, "\n"), {{"\n", ",\n"}}),
        "]\n");
  }
  absl::StatusOr<std::unique_ptr<io_internal::AtomicFile>> file =
      io_internal::AtomicFile::Create(out_path);
  if (file.ok()) s = (*file)->Append(records);
  if (file.ok() && s.ok()) s = (*file)->Commit();
  if (!file.ok() || !s.ok()) {
    err << "vum migrate: " << (file.ok() ? s : file.status()).message() << "\n";
    return kExitUsage;
  }
  const size_t rejected = outcome.read - outcome.written;
  if (json) {
    report << "{\"output\":" << JsonString(out_path)
           << ",\"version\":\"3.0.0\",\"read\":" << outcome.read
           << ",\"written\":" << outcome.written << ",\"rejected\":" << rejected
           << ",\"losses\":" << outcome.losses << ",\"records\":[" << outcome.report_json
           << "]}\n";
  } else {
    report << "read " << outcome.read << " = written " << outcome.written
           << " + rejected " << rejected << "; " << outcome.losses
           << " elements not carried; output " << out_path
           << " (koppelvlak 3.0.0, Gegevensstandaard 1.5)\n";
  }
  return rejected == 0 ? kExitOk : kExitRejected;
}

}  // namespace vum::cli
