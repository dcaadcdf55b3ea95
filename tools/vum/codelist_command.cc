// vum codelist: shows the loaded code lists, and imports a publisher's CSV
// file into the code-list format (docs/code-lists.md).

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "vum/code_list.h"

namespace vum::cli {
namespace {

constexpr char kUsage[] =
    "usage: vum codelist show [--codelists DIR]...\n"
    "       vum codelist import --csv FILE --list ID --version V --valid-from "
    "YYYY-MM-DD\n"
    "                           --code-column NAME --label-column NAME [--delimiter "
    "C|semicolon|tab]\n"
    "                           [--valid-to YYYY-MM-DD] [--title T] [--source S]\n"
    "  import writes the list to standard output; save it as ID-V.codelist.\n";

bool ParseDay(const std::string& text, absl::CivilDay& day) {
  return text.size() == 10 && absl::ParseCivilTime(text, &day);
}

int Show(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> dirs;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (!TakeOption(args, i, "--codelists", value)) {
      err << kUsage;
      return kExitUsage;
    }
    dirs.push_back(value);
  }
  absl::StatusOr<CodeListRegistry> lists = LoadCodeLists(dirs);
  if (!lists.ok()) {
    err << "vum codelist: " << lists.status().message() << "\n";
    return kExitUsage;
  }
  for (const CodeList* list : lists->lists()) {
    out << list->id() << "  version " << list->version() << "  valid "
        << absl::FormatCivilTime(list->valid_from()) << " to "
        << (list->valid_to() ? absl::FormatCivilTime(*list->valid_to()) : "open") << "  "
        << list->entries().size() << " codes\n";
  }
  return kExitOk;
}

int Import(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string csv, from, to, delimiter = ",";
  CodeList::CsvImport import;
  for (size_t i = 0; i < args.size(); ++i) {
    if (TakeOption(args, i, "--csv", csv) || TakeOption(args, i, "--list", import.id) ||
        TakeOption(args, i, "--version", import.version) ||
        TakeOption(args, i, "--valid-from", from) ||
        TakeOption(args, i, "--valid-to", to) ||
        TakeOption(args, i, "--code-column", import.code_column) ||
        TakeOption(args, i, "--label-column", import.label_column) ||
        TakeOption(args, i, "--delimiter", delimiter) ||
        TakeOption(args, i, "--title", import.title) ||
        TakeOption(args, i, "--source", import.source)) {
      continue;
    }
    err << "vum codelist import: unexpected \"" << args[i] << "\"\n" << kUsage;
    return kExitUsage;
  }
  if (csv.empty() || import.id.empty() || import.version.empty() ||
      import.code_column.empty() || import.label_column.empty() ||
      !ParseDay(from, import.valid_from)) {
    err << kUsage;
    return kExitUsage;
  }
  // Named delimiters spare the shell's quoting.
  if (delimiter == "semicolon") delimiter = ";";
  if (delimiter == "comma") delimiter = ",";
  if (delimiter == "tab") delimiter = "\t";
  if (delimiter.size() != 1) {
    err << "vum codelist import: --delimiter is one character, semicolon, comma or tab\n";
    return kExitUsage;
  }
  if (!to.empty()) {
    absl::CivilDay day;
    if (!ParseDay(to, day)) {
      err << kUsage;
      return kExitUsage;
    }
    import.valid_to = day;
  }
  import.delimiter = delimiter[0];
  absl::StatusOr<std::string> text = ReadFile(csv, size_t{64} << 20);
  if (!text.ok()) {
    err << "vum codelist import: cannot read " << text.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<CodeList> list = CodeList::FromCsv(*text, import);
  if (!list.ok()) {
    err << "vum codelist import: " << csv << ": " << list.status().message() << "\n";
    return kExitRejected;
  }
  out << list->Serialize();
  return kExitOk;
}

}  // namespace

int RunCodeList(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  if (AnswerHelp(args, kUsage, out)) return kExitOk;
  const std::vector<std::string> rest(args.empty() ? args.end() : args.begin() + 1,
                                      args.end());
  if (!args.empty() && args[0] == "show") return Show(rest, out, err);
  if (!args.empty() && args[0] == "import") return Import(rest, out, err);
  err << kUsage;
  return kExitUsage;
}

}  // namespace vum::cli
