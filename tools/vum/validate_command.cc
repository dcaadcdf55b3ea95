// vum validate: checks records against every rule of the standard and
// reports, per file, whether it conforms and every violation with its rule
// id, path and message. Reports never contain a value from a record.

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "vum/record.h"
#include "vum/schema.h"
#include "vum/validator.h"

namespace vum::cli {
namespace {

constexpr char kUsage[] =
    "usage: vum validate [options] FILE...\n"
    "  --type T               record type (werkzoekende, vacature, procesgegevens, ...);\n"
    "                         default auto: a JSON document with idVacature is a vacature,\n"
    "                         any other document a werkzoekende\n"
    "  --format text|json     report for people (default) or for programs\n";
constexpr char kUsageExit[] =
    "Exit status: 0 every record conforms, 1 a record does not conform or cannot be\n"
    "read as VUM data, 2 could not run (usage, unreadable file, code lists).\n";

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
    out << "  " << SeverityName(v.severity) << "  " << v.rule_id << "  " << where << "\n"
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
    const Violation& v = result.violations()[i];
    std::vector<std::string> related, params;
    for (const FieldPath& p : v.related_paths) related.push_back(JsonString(p.ToString()));
    for (const RuleParam& p : v.params) {
      params.push_back(absl::StrCat(JsonString(p.name), ":", JsonString(p.value)));
    }
    absl::StrAppend(&out, i ? "," : "", "{\"ruleId\":", JsonString(v.rule_id),
                    ",\"severity\":", JsonString(SeverityName(v.severity)),
                    ",\"path\":", JsonString(v.path.ToString()), ",\"relatedPaths\":[",
                    absl::StrJoin(related, ","), "],\"params\":{",
                    absl::StrJoin(params, ","), "},\"message\":", JsonString(v.message),
                    "}");
  }
  std::vector<std::string> unchecked;
  for (const std::string& id : result.unchecked_rule_ids()) unchecked.push_back(JsonString(id));
  absl::StrAppend(&out, "],\"unchecked\":[", absl::StrJoin(unchecked, ","), "]}");
  return out;
}

}  // namespace

int RunValidate(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  std::string type = "auto", format = "text";
  ValidationFlags flags;
  std::vector<std::string> files;
  const std::string usage = absl::StrCat(kUsage, kValidationFlagsUsage, kUsageExit);
  for (size_t i = 0; i < args.size(); ++i) {
    if (TakeOption(args, i, "--type", type) || TakeOption(args, i, "--format", format) ||
        TakeValidationFlag(args, i, flags)) {
      continue;
    }
    if (args[i] == "-h" || args[i] == "--help") {
      out << usage;
      return kExitOk;
    }
    if (!TakeOperand(args[i], "vum validate", files, err)) {
      err << usage;
      return kExitUsage;
    }
  }
  if (files.empty() || (format != "text" && format != "json")) {
    err << usage;
    return kExitUsage;
  }
  if (type != "auto" && !NewRecord(type).ok()) {
    err << "vum validate: " << NewRecord(type).status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<ValidatorSetup> setup = MakeValidator(flags);
  if (!setup.ok()) {
    err << "vum validate: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  const std::unique_ptr<Validator>& validator = setup->validator;

  int conforming = 0, not_conforming = 0, unreadable = 0, missing = 0;
  std::vector<std::string> reports;
  for (const std::string& file : files) {
    FileReport report;
    report.file = file;
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record = ReadRecord(file, type);
    if (!record.ok()) {
      if (record.status().code() == absl::StatusCode::kNotFound) {
        err << "vum validate: cannot read " << record.status().message() << "\n";
        ++missing;
        continue;
      }
      report.error = std::string(record.status().message());
      ++unreadable;
    } else {
      report.type = InfoOf(*(*record)->GetDescriptor()).label();
      absl::StatusOr<ValidationResult> result = validator->Validate(**record);
      if (!result.ok()) {
        report.error = std::string(result.status().message());
        ++unreadable;
      } else {
        report.result = *std::move(result);
        ++(report.result.conforms() ? conforming : not_conforming);
      }
    }
    if (format == "json") {
      reports.push_back(Json(report));
    } else {
      PrintText(report, out);
    }
  }
  const int records = conforming + not_conforming + unreadable;
  if (format == "json") {
    out << "{\"standard\":" << JsonString(StandardVersion()) << ",\"referenceDate\":"
        << JsonString(absl::FormatCivilTime(*validator->options().reference_date))
        << ",\"files\":[" << absl::StrJoin(reports, ",") << "],\"summary\":{\"records\":"
        << records << ",\"conforming\":" << conforming << ",\"notConforming\":"
        << not_conforming << ",\"unreadable\":" << unreadable << ",\"missingFiles\":"
        << missing << "}}\n";
  } else {
    out << "checked " << records << " record(s) against VUM " << StandardVersion() << ": "
        << conforming << " conform, " << not_conforming << " do not, " << unreadable
        << " cannot be read\n";
  }
  if (missing > 0) return kExitUsage;
  return not_conforming + unreadable > 0 ? kExitRejected : kExitOk;
}

}  // namespace vum::cli
