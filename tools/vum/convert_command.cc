// vum convert: records from one exchange format to another (vum/convert.h).

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "tools/vum/progress.h"
#include "vum/convert.h"

namespace vum::cli {
namespace {

const Help kHelp = {
    {"[options] IN OUT"},
    "Converts records between formats: json (one record), json-array, ndjson, "
    "binary, batch and csv. IN's format is told by its content (then its name), "
    "OUT's by its name, unless --from or --to says. Unreadable records are listed "
    "and not written; the rest is converted.\n\n"
    "CSV output puts an apostrophe before a value a spreadsheet would run as a "
    "formula (=, +, -, @); the CSV reader takes it off.",
    {{0, "every record converted"}, {1, "some records rejected"}, {2, "could not run"}}};

}  // namespace

// Prints the rejected records and a summary; returns the exit status.
int ReportConversion(const ConvertReport& report, const std::string& out_path, bool json,
                     std::ostream& out) {
  if (json) {
    std::string rejected;
    for (const RejectedRecord& r : report.rejected) {
      absl::StrAppend(&rejected, rejected.empty() ? "" : ",", "{\"index\":", r.index,
                      ",\"where\":", JsonString(r.where),
                      ",\"reason\":", JsonString(r.reason), "}");
    }
    out << "{\"output\":" << JsonString(out_path) << ",\"read\":" << report.read
        << ",\"written\":" << report.written << ",\"rejected\":[" << rejected << "]}\n";
  } else {
    for (const RejectedRecord& r : report.rejected) {
      out << "rejected record " << r.index << " (" << r.where << "): " << r.reason
          << "\n";
    }
    out << "read " << report.read << " = written " << report.written << " + rejected "
        << report.rejected.size() << "; output " << out_path << "\n";
  }
  return report.rejected.empty() ? kExitOk : kExitRejected;
}

int RunConvert(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  std::string from, to, type = "werkzoekende", format = "text";
  bool compress = false, csv_raw = false;
  std::string in_path, out_path;
  CommandLine line("vum convert", kHelp);
  CLI::App& app = line.app();
  app.add_option("--from", from, "IN's format (default: told by its content)")
      ->option_text("F");
  app.add_option("--to", to, "OUT's format (default: told by its name)")
      ->option_text("F");
  app.add_option("--type", type, "the records' type where the format does not say")
      ->check(CLI::IsMember({"werkzoekende", "vacature"}))
      ->option_text("werkzoekende|vacature");
  AddFormatOption(app, format);
  app.add_flag("--compress", compress, "compress a batch (zstd)");
  app.add_flag("--csv-raw", csv_raw, "write CSV values as they are");
  app.add_option("in", in_path)->required();
  app.add_option("out", out_path)->required();
  line.Reads(&in_path);
  line.Writes(&out_path);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::StatusOr<DataFormat> in =
      from.empty() ? DetectDataFormat(in_path) : ParseDataFormat(from);
  absl::StatusOr<DataFormat> to_format =
      to.empty() ? DataFormatFromPath(out_path) : ParseDataFormat(to);
  if (!in.ok() || !to_format.ok()) {
    err << "vum convert: " << (!in.ok() ? in.status() : to_format.status()).message()
        << "; say --from/--to\n";
    return kExitUsage;
  }
  ConvertOptions options;
  options.record_type =
      type == "vacature" ? RecordType::kVacature : RecordType::kWerkzoekende;
  options.csv_raw = csv_raw;
  // A .zst name asks for compression as --compress does.
  if (compress || absl::EndsWith(out_path, ".zst")) {
    options.batch_options.compression = Compression::kZstd;
  }
  Progress progress("converting");
  options.progress = [&](uint64_t n) { progress.Update(n); };
  absl::StatusOr<ConvertReport> report =
      Convert(in_path, *in, out_path, *to_format, options);
  progress.Done();
  if (!report.ok()) {
    err << "vum convert: " << report.status().message() << "\n";
    return report.status().code() == absl::StatusCode::kNotFound ||
                   report.status().code() == absl::StatusCode::kUnavailable
               ? kExitUsage
               : kExitRejected;
  }
  return ReportConversion(*report, out_path, format == "json", line.ReportTo(out, err));
}

}  // namespace vum::cli
