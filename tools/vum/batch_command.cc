// vum batch: write, inspect, validate and apply batch files (vum/batch.h).

#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/json/violation_json.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "tools/vum/progress.h"
#include "vum/batch.h"
#include "vum/batch_validation.h"
#include "vum/convert.h"
#include "vum/delta.h"
#include "vum/ids.h"
#include "vum/schema.h"
#include "vum/validator.h"

namespace vum::cli {

int ReportConversion(const ConvertReport& report, const std::string& out_path, bool json,
                     std::ostream& out);

namespace {

const Help kBatchHelp = {
    {"write [options] OUT IN...", "inspect [options] FILE", "validate [options] FILE",
     "apply [options] FULL DELTA OUT"},
    "Batch files: write collects records into a batch; inspect shows its header and "
    "counts and verifies count and checksum; validate gives every record a verdict "
    "(read = accepted + rejected); apply applies a delta to a full batch, into a new "
    "full batch. vum batch SUBCOMMAND --help lists each one's options.",
    {{0, "success"}, {1, "rejected or damaged"}, {2, "could not run"}}};

const Help kWriteHelp = {
    {"[options] OUT IN..."},
    "Collects the records of the IN files (json, json-array, ndjson, binary, csv; told "
    "by content, then name) into the batch OUT, full or a delta. A header that breaks "
    "the batch rules is refused.",
    {{0, "every record written"}, {1, "some records rejected"}, {2, "could not run"}}};

const Help kInspectHelp = {
    {"[options] FILE"},
    "Shows a batch's header and counts, and verifies the record count and the "
    "SHA-256 checksum of its trailer.",
    {{0, "the batch is whole"}, {1, "the batch is damaged"}, {2, "could not run"}}};

const Help kValidateHelp = {
    {"[options] FILE"},
    "Gives every record of a batch a verdict against the standard's rules; read = "
    "accepted + rejected.",
    {{0, "every record accepted"},
     {1, "a record rejected or the batch damaged"},
     {2, "could not run"}}};

const Help kApplyHelp = {
    {"[options] FULL DELTA OUT"},
    "Applies the delta batch DELTA to the full batch FULL, into the new full batch "
    "OUT; the delta must follow FULL (its base and sequence number).",
    {{0, "applied"}, {1, "the delta was refused"}, {2, "could not run"}}};

// The schema's label of a code, e.g. "Volledig".
template <typename Enum>
std::string Label(const google::protobuf::EnumDescriptor* type, Enum value) {
  const auto* v = type->FindValueByNumber(static_cast<int>(value));
  return v == nullptr ? absl::StrCat(static_cast<int>(value)) : InfoOf(*v).label();
}

// Reads a withdrawals file: one "ID" or "ID,REDEN" per line.
absl::StatusOr<std::vector<v1::BatchRecord>> ReadWithdrawals(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path, size_t{64} << 20);
  if (!text.ok()) return text.status();
  std::vector<v1::BatchRecord> out;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    std::vector<absl::string_view> parts = absl::StrSplit(line, ',');
    int reason = v1::REDEN_INTREKKING_ANDERS;
    if (parts.size() > 2 || parts[0].empty() ||
        (parts.size() == 2 &&
         (!absl::SimpleAtoi(parts[1], &reason) ||
          v1::RedenIntrekking_descriptor()->FindValueByNumber(reason) == nullptr ||
          reason == 0))) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": line ", line_number, ": expected ID or ID,REDEN (a code 1-9)"));
    }
    v1::BatchRecord record;
    record.mutable_intrekking()->set_id_record(std::string(parts[0]));
    record.mutable_intrekking()->set_reden(static_cast<v1::RedenIntrekking>(reason));
    record.mutable_intrekking()->set_ingetrokken_op(NowRfc3339());
    out.push_back(std::move(record));
  }
  return out;
}

std::string HeaderText(const v1::BatchKop& h) {
  std::string out = absl::StrCat(
      "batch ", h.batch_id(), "\n  soort ", BatchKindName(h.soort()), ", inhoud ",
      Label(v1::SoortInhoud_descriptor(), h.inhoud()), ", standaard ",
      h.standaardversie(), "\n  afzender ", h.afzender_oin(), ", ontvanger ",
      h.ontvanger_oin(), ", aangemaakt ", h.aangemaakt_op(), "\n");
  if (h.soort() == v1::SOORT_BATCH_DELTA || h.volgnummer() > 0) {
    absl::StrAppend(&out, "  volgnummer ", h.volgnummer(), " op basis ",
                    h.basis_batch_id(), "\n");
  }
  return out;
}

// A header that breaks its own rules is written only with a loud warning on
// `err`, one line per rule (a node refuses such a batch: batchkop-ongeldig);
// false when the rules cannot be checked.
bool WarnOfHeaderRules(const v1::BatchKop& header, std::ostream& err) {
  absl::StatusOr<std::unique_ptr<Validator>> validator =
      Validator::Create({.language = Language::kEnglish});
  absl::StatusOr<ValidationResult> result =
      validator.ok() ? (*validator)->Validate(header)
                     : absl::StatusOr<ValidationResult>(validator.status());
  if (!result.ok()) {
    err << "vum batch write: " << result.status().message() << "\n";
    return false;
  }
  for (const Violation& v : result->violations()) {
    if (v.severity != Severity::kError) continue;
    err << "vum batch write: WARNING: the header breaks " << v.rule_id << ": "
        << v.message
        << (v.path.ToString() == "afzenderOin"    ? " Give --afzender OIN."
            : v.path.ToString() == "ontvangerOin" ? " Give --ontvanger OIN."
                                                  : "")
        << " A node refuses this batch.\n";
  }
  return true;
}

int Write(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string type = "werkzoekende", from, afzender, ontvanger, base, format = "text",
              withdrawals;
  uint64_t number = 0;
  bool delta = false, compress = false;
  std::string output;
  std::vector<std::string> files;  // the inputs
  CommandLine line("vum batch write", kWriteHelp);
  CLI::App& app = line.app();
  app.add_option("--type", type, "the records' type where the format does not say")
      ->check(CLI::IsMember({"werkzoekende", "vacature"}))
      ->option_text("werkzoekende|vacature");
  app.add_option("--from", from, "the inputs' format (default: told by content)")
      ->option_text("F");
  app.add_option("--afzender", afzender, "the sender's OIN")
      ->check(IsOinValue())
      ->option_text("OIN");
  app.add_option("--ontvanger", ontvanger, "the receiver's OIN")
      ->check(IsOinValue())
      ->option_text("OIN");
  CLI::Option* delta_flag =
      app.add_flag("--delta", delta, "write a delta (needs --base and --sequence)");
  app.add_option("--base", base, "a delta's base: the id of the full batch it follows")
      ->needs(delta_flag)
      ->option_text("ID");
  app.add_option("--sequence", number, "a delta's sequence number after its base, from 1")
      ->needs(delta_flag)
      ->check(IsPositive())
      ->option_text("N");
  app.add_option("--withdrawals", withdrawals,
                 "add a withdrawal per line: ID or ID,REDEN (a RedenIntrekking code; "
                 "default 9, anders)")
      ->option_text("FILE");
  app.add_flag("--compress", compress, "compress the batch (zstd)");
  AddFormatOption(app, format);
  app.add_option("out", output)->required();
  line.Writes(&output);
  app.add_option("in", files)->required();
  line.Reads(&files);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  std::ostream& text = line.ReportTo(out, err);
  if (delta && (base.empty() || number == 0)) {
    return line.UsageError("--delta needs --base ID and --sequence N", err);
  }
  absl::StatusOr<DataFormat> in =
      from.empty() ? DetectDataFormat(files[0]) : ParseDataFormat(from);
  if (!in.ok()) {
    err << "vum batch write: " << in.status().message() << "; say --from\n";
    return kExitUsage;
  }
  ConvertOptions options;
  options.record_type =
      type == "vacature" ? RecordType::kVacature : RecordType::kWerkzoekende;
  v1::BatchKop& header = options.batch_header;
  header.set_batch_id(NewUuid());
  if (!afzender.empty()) header.set_afzender_oin(afzender);
  if (!ontvanger.empty()) header.set_ontvanger_oin(ontvanger);
  header.set_aangemaakt_op(NowRfc3339());
  header.set_standaardversie(StandardVersion());
  header.set_soort(delta ? v1::SOORT_BATCH_DELTA : v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(type == "vacature" ? v1::SOORT_INHOUD_VACATURES
                                       : v1::SOORT_INHOUD_WERKZOEKENDEN);
  if (delta) {
    header.set_basis_batch_id(base);
    header.set_volgnummer(number);
  }
  if (!WarnOfHeaderRules(header, err)) return kExitUsage;
  // A .zst name asks for compression as --compress does.
  if (compress || absl::EndsWith(output, ".zst")) {
    options.batch_options.compression = Compression::kZstd;
  }
  if (!withdrawals.empty()) {
    absl::StatusOr<std::vector<v1::BatchRecord>> records = ReadWithdrawals(withdrawals);
    if (!records.ok()) {
      err << "vum batch write: " << records.status().message() << "\n";
      return kExitUsage;
    }
    options.append = *std::move(records);
  }
  Progress progress("writing");
  options.progress = [&](uint64_t n) { progress.Update(n); };
  absl::StatusOr<ConvertReport> report =
      ConvertAll(files, *in, output, DataFormat::kBatch, options);
  progress.Done();
  if (!report.ok()) {
    err << "vum batch write: " << report.status().message() << "\n";
    return kExitUsage;
  }
  if (format != "json") text << HeaderText(header);
  return ReportConversion(*report, output, format == "json", text);
}

int Inspect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string format = "text", file;
  CommandLine line("vum batch inspect", kInspectHelp);
  AddFormatOption(line.app(), format);
  line.app().add_option("file", file)->required();
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  if (file == "-") file = "/dev/stdin";  // the batch reader reads a stream itself
  absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::Open(file);
  if (!reader.ok()) {
    err << "vum batch inspect: " << file << ": " << reader.status().message() << "\n";
    return reader.status().code() == absl::StatusCode::kNotFound ? kExitUsage
                                                                 : kExitRejected;
  }
  uint64_t profiles = 0, vacancies = 0, withdrawals = 0, unreadable = 0;
  v1::BatchRecord record;
  RecordPosition position;
  absl::Status status;
  Progress progress("reading");
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&record, &position);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    if (!position.parse_error.empty()) ++unreadable;
    profiles += record.has_werkzoekende();
    vacancies += record.has_vacature();
    withdrawals += record.has_intrekking();
    if (position.index % 10000 == 0) progress.Update(position.index);
  }
  progress.Done();
  const uint64_t records = (*reader)->records_read();
  if (format == "json") {
    out << "{\"file\":" << JsonString(file)
        << ",\"batchId\":" << JsonString((*reader)->header().batch_id())
        << ",\"soort\":" << JsonString(BatchKindName((*reader)->header().soort()))
        << ",\"compressed\":" << ((*reader)->compressed() ? "true" : "false")
        << ",\"records\":" << records << ",\"werkzoekenden\":" << profiles
        << ",\"vacatures\":" << vacancies << ",\"intrekkingen\":" << withdrawals
        << ",\"unreadable\":" << unreadable
        << ",\"whole\":" << (status.ok() ? "true" : "false") << ",\"headerCovered\":"
        << (status.ok() && (*reader)->header_covered() ? "true" : "false")
        << ",\"problem\":" << JsonString(status.ok() ? "" : status.message()) << "}\n";
  } else {
    std::error_code no_size;  // a pipe or a device has none
    const uintmax_t size = std::filesystem::file_size(file, no_size);
    out << file << " (" << (no_size ? "a stream" : absl::StrCat(size, " bytes"))
        << ((*reader)->compressed() ? ", zstd" : "") << ")\n"
        << HeaderText((*reader)->header()) << "  records " << records
        << ": werkzoekenden " << profiles << ", vacatures " << vacancies
        << ", intrekkingen " << withdrawals << ", unreadable " << unreadable << "\n"
        << (!status.ok() ? absl::StrCat("  DAMAGED: ", status.message(), "\n")
            : (*reader)->header_covered() ? "  trailer: count and SHA-256 checksum over "
                                            "header and records verified\n"
                                          : "  trailer: count and SHA-256 checksum "
                                            "verified (format 1: the header is "
                                            "not covered)\n");
  }
  return status.ok() && unreadable == 0 ? kExitOk : kExitRejected;
}

int Validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string format = "text", file;
  uint64_t max_listed = 20;
  ValidationFlags flags;
  CommandLine line("vum batch validate", kValidateHelp);
  AddFormatOption(line.app(), format);
  line.app()
      .add_option("--max-listed", max_listed,
                  "how many rejected records the report lists (default 20)")
      ->check(InRange(0, 1000000))
      ->option_text("N");
  AddValidationOptions(line.app(), flags);
  line.app().add_option("file", file)->required();
  line.Reads(&file);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::StatusOr<ValidatorSetup> setup = MakeValidator(flags);
  if (!setup.ok()) {
    err << "vum batch validate: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::Open(file);
  if (!reader.ok()) {
    err << "vum batch validate: " << file << ": " << reader.status().message() << "\n";
    return reader.status().code() == absl::StatusCode::kNotFound ? kExitUsage
                                                                 : kExitRejected;
  }
  const bool json = format == "json";
  uint64_t listed = 0;
  std::vector<std::string> verdicts;
  Progress progress("validating");
  absl::StatusOr<BatchReport> report =
      ValidateBatch(**reader, *setup->validator, [&](const RecordVerdict& v) {
        if (v.position.index % 10000 == 0) progress.Update(v.position.index);
        if (v.accepted || listed++ >= max_listed) return;
        std::vector<std::string> items;
        for (const Violation& violation : v.result.violations()) {
          items.push_back(json ? json_internal::ViolationJson(violation)
                               : absl::StrCat("      ", SeverityName(violation.severity),
                                              "  ", violation.rule_id, "  ",
                                              violation.path.ToString(), ": ",
                                              violation.message));
        }
        if (json) {
          verdicts.push_back(absl::StrCat(
              "{\"index\":", v.position.index, ",\"offset\":", v.position.offset,
              ",\"kind\":", JsonString(v.kind), ",\"problem\":", JsonString(v.problem),
              ",\"violations\":[", absl::StrJoin(items, ","), "]}"));
        } else {
          out << "  record " << v.position.index << " at offset " << v.position.offset
              << " (" << (v.kind.empty() ? "?" : v.kind) << ") rejected"
              << (v.problem.empty() ? "" : absl::StrCat(": ", v.problem)) << "\n";
          for (const std::string& line : items) out << line << "\n";
        }
      });
  progress.Done();
  if (!report.ok()) {
    err << "vum batch validate: " << report.status().message() << "\n";
    return kExitUsage;
  }
  const bool whole = report->file_status.ok();
  if (json) {
    std::vector<std::string> header;
    for (const Violation& v : report->header_result.violations()) {
      header.push_back(json_internal::ViolationJson(v));
    }
    out << "{\"file\":" << JsonString(file) << ",\"header\":["
        << absl::StrJoin(header, ",") << "],\"rejectedRecords\":["
        << absl::StrJoin(verdicts, ",") << "],\"summary\":{\"read\":" << report->read
        << ",\"accepted\":" << report->accepted << ",\"rejected\":" << report->rejected
        << ",\"reconciles\":" << (report->reconciles() ? "true" : "false")
        << ",\"whole\":" << (whole ? "true" : "false")
        << ",\"problem\":" << JsonString(whole ? "" : report->file_status.message())
        << "}}\n";
  } else {
    for (const Violation& v : report->header_result.violations()) {
      out << "  header: " << SeverityName(v.severity) << "  " << v.rule_id << "  "
          << v.path.ToString() << ": " << v.message << "\n";
    }
    if (listed > max_listed) {
      out << "  (" << listed - max_listed
          << " more rejected record(s) not listed; --max-listed)\n";
    }
    if (!whole)
      out << "  DAMAGED, reading stopped: " << report->file_status.message() << "\n";
    out << file << ": read " << report->read << " = accepted " << report->accepted
        << " + rejected " << report->rejected
        << (report->reconciles() ? "" : "  (DOES NOT RECONCILE)") << "\n";
  }
  return report->all_accepted() ? kExitOk : kExitRejected;
}

int Apply(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string format = "text";
  bool compress = false;
  std::string full, delta, output;
  CommandLine line("vum batch apply", kApplyHelp);
  AddFormatOption(line.app(), format);
  line.app().add_flag("--compress", compress, "compress the new batch (zstd)");
  line.app().add_option("full", full)->required();
  line.app().add_option("delta", delta)->required();
  line.app().add_option("out", output)->required();
  line.Writes(&output);
  line.Reads(&full);
  line.Reads(&delta);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  std::ostream& text = line.ReportTo(out, err);
  BatchWriterOptions options;
  if (compress || absl::EndsWith(output, ".zst"))
    options.compression = Compression::kZstd;
  absl::StatusOr<DeltaResult> result = ApplyDelta(full, delta, output, options);
  if (!result.ok()) {
    err << "vum batch apply: refused: " << result.status().message() << "\n";
    return result.status().code() == absl::StatusCode::kNotFound ? kExitUsage
                                                                 : kExitRejected;
  }
  if (format == "json") {
    text << "{\"output\":" << JsonString(output)
         << ",\"batchId\":" << JsonString(result->header.batch_id())
         << ",\"volgnummer\":" << result->header.volgnummer()
         << ",\"kept\":" << result->kept << ",\"replaced\":" << result->replaced
         << ",\"added\":" << result->added << ",\"withdrawn\":" << result->withdrawn
         << ",\"unknownWithdrawals\":" << result->unknown_withdrawals << "}\n";
  } else {
    text << "applied delta " << result->header.volgnummer() << " to " << full << ": kept "
         << result->kept << ", replaced " << result->replaced << ", added "
         << result->added << ", withdrawn " << result->withdrawn
         << " (withdrawals of unknown ids: " << result->unknown_withdrawals << ")\n"
         << HeaderText(result->header) << "  written to " << output << "\n";
  }
  return kExitOk;
}

}  // namespace

int RunBatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (std::optional<int> exit =
          CheckSubcommand("vum batch", kBatchHelp,
                          {"write", "inspect", "validate", "apply"}, args, out, err)) {
    return *exit;
  }
  const std::vector<std::string> rest = AfterSubcommand(args);
  const std::string& sub = args[0];
  if (sub == "write") return Write(rest, out, err);
  if (sub == "inspect") return Inspect(rest, out, err);
  if (sub == "validate") return Validate(rest, out, err);
  return Apply(rest, out, err);
}

}  // namespace vum::cli
