// vum report: how complete the profiles of one or more caseloads are, as a
// page, CSV or JSON that can be published (small cells suppressed).

#include <algorithm>
#include <map>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/io/atomic_file.h"
#include "tools/vum/caseload_reader.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/progress.h"
#include "vum/report.h"
#include "vum/report_render.h"
#include "vum/v1/job_seeker.pb.h"

namespace vum::cli {
namespace {

const Help kReportHelp = {
    {"[options] CASELOAD..."},
    "How complete the profiles of one or more caseloads are: per element, per "
    "source, province, municipality and target group, the matchability of the "
    "profiles (docs/report.md) and the ten rules most often broken. Files whose "
    "batch headers carry the same date form one caseload at that date; with two "
    "dates or more, the report shows the change. Counts from 1 to k-1 are published "
    "as \"< k\", and no suppressed count can be recovered by subtraction.\n\n"
    "A CASELOAD is a file in any format vum convert reads; a batch file's header "
    "gives its source (sender OIN) and date.",
    {{0, "written"}, {2, "could not run"}}};

// A party register for names: "OIN<TAB>name" per line, '#' a comment.
absl::Status ReadParties(const std::string& path,
                         std::map<std::string, std::string>* names) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  int number = 0;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::vector<absl::string_view> parts = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    const absl::string_view oin = parts[0];
    if (parts.size() != 2 || oin.size() != 20 ||
        !absl::c_all_of(oin, [](char c) { return absl::ascii_isdigit(c); }) ||
        absl::StripAsciiWhitespace(parts[1]).empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", number, ": expected an OIN of 20 digits, a tab and a name"));
    }
    (*names)[std::string(oin)] = std::string(absl::StripAsciiWhitespace(parts[1]));
  }
  return absl::OkStatus();
}

}  // namespace

int RunReport(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  std::string format = "html", out_path, pc4_path, dialect = "rfc4180", parties_path;
  int k = 10;
  ValidationFlags flags;
  std::vector<std::string> operands, date_values;
  CommandLine line("vum report", kReportHelp);
  CLI::App& app = line.app();
  app.add_option("--format", format, "the output (default html: one self-contained page)")
      ->check(CLI::IsMember({"html", "csv", "json"}))
      ->option_text("html|csv|json");
  app.add_option(
         "--csv-dialect", dialect,
         "rfc4180 (comma, decimal point; default) or nl (semicolon, decimal comma, "
         "a byte-order mark: what Dutch spreadsheets open as they are)")
      ->check(CLI::IsMember({"rfc4180", "nl"}))
      ->option_text("rfc4180|nl");
  app.add_option(
         "--parties", parties_path,
         "names of the sources: a file of \"OIN<TAB>name\" lines (a party register)")
      ->option_text("FILE");
  app.add_option("--out", out_path,
                 "write there, whole or not at all (default standard output)")
      ->option_text("FILE");
  app.add_option("--k", k, "the smallest count published as it is (default 10)")
      ->check(InRange(1, 1000000))
      ->option_text("K");
  CLI::Option* date_option =
      app.add_option("--date", date_values,
                     "the date of the caseload files that follow it (before them: a "
                     "batch header's date, or \"onbekend\")")
          ->allow_extra_args(false)
          ->check(IsDay())
          ->option_text("YYYY-MM-DD");
  AddPc4Option(app, pc4_path);
  AddValidationOptions(app, flags);
  CLI::Option* files_option = app.add_option("files", operands)->required();
  line.Reads(&operands);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  // Per operand: the --date given before it, if any.
  std::vector<std::string> dates;
  size_t next_date = 0;
  std::string date;
  for (const CLI::Option* option : app.parse_order()) {
    if (option == date_option && next_date < date_values.size())
      date = date_values[next_date++];
    if (option == files_option) dates.push_back(date);
  }
  dates.resize(operands.size(), date);
  absl::StatusOr<Pc4Register> pc4 = LoadPc4(pc4_path);
  if (!pc4.ok()) {
    err << "report: " << pc4.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<ValidatorSetup> validator = MakeValidator(flags);
  if (!validator.ok()) {
    err << "report: " << validator.status().message() << "\n";
    return kExitUsage;
  }
  // The caseloads by date, oldest first; each file's source from its header.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_date;
  for (size_t i = 0; i < operands.size(); ++i) {
    const CaseloadFileInfo info = PeekCaseloadFile(operands[i]);
    const std::string& day = !dates[i].empty()    ? dates[i]
                             : !info.date.empty() ? info.date
                                                  : "onbekend";
    by_date[day].push_back({operands[i], info.sender_oin});
  }
  std::map<std::string, std::string> names;
  if (!parties_path.empty()) {
    if (absl::Status s = ReadParties(parties_path, &names); !s.ok()) {
      err << "report: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  ReportBuilder builder({.k = k,
                         .pc4 = &*pc4,
                         .validator = validator->validator.get(),
                         .source_names = names.empty() ? nullptr : &names});
  CaseloadCounts counts;
  Progress progress("reading");
  for (const auto& [day, files] : by_date) {
    builder.StartSnapshot(day);
    for (const auto& [path, source] : files) {
      const std::string sender = source;
      const CaseloadSink sink{
          [&](const google::protobuf::Message& m) -> absl::Status {
            const auto* profile = dynamic_cast<const v1::Werkzoekende*>(&m);
            if (profile == nullptr) {
              return absl::InvalidArgumentError("not a job-seeker profile");
            }
            builder.Add(*profile, sender);
            progress.Update(counts.records + 1);
            return absl::OkStatus();
          },
          nullptr, nullptr};
      if (absl::Status s =
              ReadCaseloadFile(path, RecordType::kWerkzoekende, sink, counts, err);
          !s.ok()) {
        err << "report: " << path << ": " << s.message() << "\n";
        return kExitUsage;
      }
    }
  }
  progress.Done();
  const CompletenessReport report = std::move(builder).Finish();
  const std::string text =
      format == "html" ? ReportHtml(report)
      : format == "csv"
          ? ReportCsv(report, dialect == "nl" ? CsvDialect::kDutch : CsvDialect::kRfc4180)
          : ReportJson(report);
  if (out_path.empty()) {
    out << text;
  } else if (absl::Status s = io_internal::WriteFileAtomically(out_path, text); !s.ok()) {
    err << "report: " << s.message() << "\n";
    return kExitUsage;
  }
  err << "report: " << counts.records << " profiles in " << by_date.size()
      << " caseload(s), " << counts.rejected
      << " unreadable (listed above); counts under " << k
      << " withheld, with the cells that would give them away (docs/report.md)\n";
  return kExitOk;
}

}  // namespace vum::cli
