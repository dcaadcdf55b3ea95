// vum validate: checks records against every rule of the standard and
// reports, per file, whether it conforms and every violation with its rule
// id, path and message. Reports never contain a value from a record.

#include <fstream>
#include <iostream>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "lib/json/violation_json.h"
#include "tools/vum/caseload_reader.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "vum/record.h"
#include "vum/schema.h"
#include "vum/validator.h"

namespace vum::cli {
namespace {

const Help kHelp = {
    {"[options] FILE..."},
    "Judges every record against every rule of the standard. A FILE holds one "
    "record (VUM JSON or binary) or many (NDJSON, a JSON array, a batch, CSV: any "
    "format vum convert reads).",
    {{0, "every record conforms"},
     {1, "a record does not conform or cannot be read as VUM data"},
     {2, "could not run (usage, unreadable file, code lists)"}}};

struct FileReport {
  std::string file;
  std::string type;
  std::string error;  // the record could not be read; no result
  ValidationResult result;
};

void PrintText(const FileReport& r, std::ostream& out) {
  if (!r.error.empty()) {
    out << r.file << ": cannot be read as VUM data: " << r.error << "\n";
    return;
  }
  const ValidationResult& result = r.result;
  out << r.file << ": " << r.type
      << (result.conforms() ? " conforms" : " does not conform");
  if (!result.violations().empty()) {
    out << " (" << result.count(Severity::kError) << " error(s), "
        << result.count(Severity::kWarning) << " warning(s), "
        << result.count(Severity::kInfo) << " info)";
  }
  out << "\n";
  for (const Violation& v : result.violations()) {
    std::string where = v.path.empty() ? "(record)" : v.path.ToString();
    if (!v.related_paths.empty()) {
      std::vector<std::string> related;
      for (const FieldPath& p : v.related_paths) related.push_back(p.ToString());
      absl::StrAppend(&where, " (with ", absl::StrJoin(related, ", "), ")");
    }
    const RuleDescription* rule = FindRule(v.rule_id);
    const bool vum_level = rule != nullptr && rule->level == RuleLevel::kVum;
    out << "  " << SeverityName(v.severity) << "  " << v.rule_id
        << (vum_level ? " (vum)" : "") << "  " << where << "\n"
        << "      " << v.message << "\n";
  }
  if (!result.unchecked_rule_ids().empty()) {
    out << "  not checked, no code list loaded for the reference date: "
        << absl::StrJoin(result.unchecked_rule_ids(), ", ") << "\n";
  }
}

std::string Json(const FileReport& r) {
  std::string out = absl::StrCat("{\"file\":", JsonString(r.file));
  if (!r.error.empty()) return absl::StrCat(out, ",\"error\":", JsonString(r.error), "}");
  const ValidationResult& result = r.result;
  absl::StrAppend(&out, ",\"type\":", JsonString(r.type),
                  ",\"conforms\":", result.conforms() ? "true" : "false",
                  ",\"errors\":", result.count(Severity::kError),
                  ",\"warnings\":", result.count(Severity::kWarning),
                  ",\"infos\":", result.count(Severity::kInfo), ",\"violations\":[");
  for (size_t i = 0; i < result.violations().size(); ++i) {
    absl::StrAppend(&out, i ? "," : "",
                    json_internal::ViolationJson(result.violations()[i]));
  }
  std::vector<std::string> unchecked;
  for (const std::string& id : result.unchecked_rule_ids())
    unchecked.push_back(JsonString(id));
  absl::StrAppend(&out, "],\"unchecked\":[", absl::StrJoin(unchecked, ","), "]}");
  return out;
}

}  // namespace

int RunValidate(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  std::string type = "auto", format = "text";
  bool only_failures = false;
  ValidationFlags flags;
  std::vector<std::string> files;
  CommandLine line("vum validate", kHelp);
  std::vector<std::string> types = RecordTypeNames();
  types.push_back("auto");
  line.app()
      .add_option("--type", type,
                  "the record type (werkzoekende, vacature, procesgegevens, ...); auto "
                  "(default): a document with idVacature is a vacature, any other a "
                  "werkzoekende")
      ->check(CLI::IsMember(types))
      ->option_text("T");
  AddFormatOption(line.app(), format);
  line.app().add_flag("--only-failures", only_failures,
                      "report only the records that do not conform or cannot be read "
                      "(the closing count still covers every record)");
  AddValidationOptions(line.app(), flags);
  line.app().add_option("files", files)->required();
  line.Reads(&files);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::StatusOr<ValidatorSetup> setup = MakeValidator(flags);
  if (!setup.ok()) {
    err << "vum validate: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  const std::unique_ptr<Validator>& validator = setup->validator;

  int conforming = 0, not_conforming = 0, unreadable = 0, missing = 0;
  std::set<std::string> unchecked;  // rules whose code list was not loaded
  std::vector<std::string> reports;
  auto emit = [&](FileReport report) {
    if (only_failures && report.error.empty() && report.result.conforms()) return;
    if (format == "json") {
      reports.push_back(Json(report));
    } else {
      PrintText(report, out);
    }
  };
  // The properties of the record being judged that its JSON left empty.
  std::vector<FieldPath> absent;
  auto judge = [&](FileReport& report, const google::protobuf::Message& record) {
    report.type = InfoOf(*record.GetDescriptor()).label();
    absl::StatusOr<ValidationResult> result = validator->Validate(record, absent);
    if (!result.ok()) {
      report.error = std::string(result.status().message());
      ++unreadable;
    } else {
      report.result = *std::move(result);
      ++(report.result.conforms() ? conforming : not_conforming);
      unchecked.insert(report.result.unchecked_rule_ids().begin(),
                       report.result.unchecked_rule_ids().end());
    }
  };
  for (const std::string& file : files) {
    if (HoldsManyRecords(file)) {
      // NDJSON, JSON arrays, batches, CSV: every record judged, named by its
      // number in the file; an unreadable one is listed with its place.
      size_t index = 0;
      CaseloadCounts counts;
      const CaseloadSink sink{[&](const google::protobuf::Message& record) {
                                FileReport report;
                                report.file = absl::StrCat(file, " #", ++index);
                                judge(report, record);
                                emit(std::move(report));
                                return absl::OkStatus();
                              },
                              [&](const v1::Procesgegevens& process) {
                                FileReport report;
                                report.file = absl::StrCat(file, " #", ++index);
                                judge(report, process);
                                emit(std::move(report));
                                return absl::OkStatus();
                              },
                              nullptr, &absent};
      const RecordType record_type =
          type == "vacature" ? RecordType::kVacature : RecordType::kWerkzoekende;
      if (absl::Status s = ReadCaseloadFile(file, record_type, sink, counts, err);
          !s.ok()) {
        err << "vum validate: cannot read " << file << ": " << s.message() << "\n";
        ++missing;
      }
      unreadable += static_cast<int>(counts.rejected);
      continue;
    }
    FileReport report;
    report.file = file;
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
        ReadRecord(file, type, &absent);
    if (!record.ok()) {
      if (record.status().code() == absl::StatusCode::kNotFound) {
        err << "vum validate: cannot read " << record.status().message() << "\n";
        ++missing;
        continue;
      }
      report.error = std::string(record.status().message());
      ++unreadable;
    } else {
      judge(report, **record);
    }
    emit(std::move(report));
  }
  const int records = conforming + not_conforming + unreadable;
  if (format == "json") {
    out << "{\"standard\":" << JsonString(StandardVersion())
        << ",\"interface\":" << JsonString(kInterfaceVersion) << ",\"referenceDate\":"
        << JsonString(absl::FormatCivilTime(*validator->options().reference_date))
        << ",\"files\":[" << absl::StrJoin(reports, ",")
        << "],\"summary\":{\"records\":" << records << ",\"conforming\":" << conforming
        << ",\"notConforming\":" << not_conforming << ",\"unreadable\":" << unreadable
        << ",\"missingFiles\":" << missing << "}}\n";
  } else {
    out << "checked " << records << " record(s) against VUM " << VersionLabel() << ": "
        << conforming << " conform, " << not_conforming << " do not, " << unreadable
        << " cannot be read\n";
    if (!unchecked.empty()) {
      out << "not checked: " << absl::StrJoin(unchecked, ", ")
          << " (their code lists are not loaded for the reference date; import a list "
             "with vum codelist import and give its folder with --codelists DIR; the "
             "shipped lists stay loaded; docs/code-lists.md)\n";
    }
  }
  if (missing > 0) return kExitUsage;
  return not_conforming + unreadable > 0 ? kExitRejected : kExitOk;
}

}  // namespace vum::cli
