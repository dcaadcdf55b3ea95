// vum codelist: shows the loaded code lists, and imports a publisher's CSV
// file into the code-list format (docs/code-lists.md).

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "vum/code_list.h"

namespace vum::cli {
namespace {

const Help kCodeListHelp = {
    {"show [options]", "import [options]"},
    "Code lists: show lists the loaded ones with their versions and validity; "
    "import turns a publisher's CSV file into a .codelist file. vum codelist "
    "SUBCOMMAND --help lists each one's options.",
    {{0, "done"}, {2, "could not run"}}};

const Help kShowHelp = {{"[options]"},
                        "Lists the code lists vum loads: id, version, validity and the "
                        "number of codes.",
                        {{0, "listed"}, {2, "could not run (a list unreadable)"}}};

const Help kImportHelp = {
    {"--csv FILE --list ID --version V --valid-from YYYY-MM-DD --code-column NAME "
     "--label-column NAME [options]"},
    "Writes the code list in the CSV file to standard output as a .codelist file; "
    "save it as ID-V.codelist in a folder given to --codelists.",
    {{0, "written"}, {2, "could not run"}}};

bool ParseDay(const std::string& text, absl::CivilDay& day) {
  return text.size() == 10 && absl::ParseCivilTime(text, &day);
}

int Show(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> dirs;
  CommandLine line("vum codelist show", kShowHelp);
  line.app()
      .add_option("--codelists", dirs,
                  "a folder of .codelist files (repeatable; default the shipped ones)")
      ->allow_extra_args(false)
      ->option_text("DIR");
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
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
  CommandLine line("vum codelist import", kImportHelp);
  CLI::App& app = line.app();
  app.add_option("--csv", csv, "the publisher's CSV file")
      ->required()
      ->option_text("FILE");
  app.add_option("--list", import.id, "the list's id (such as sbi)")
      ->required()
      ->option_text("ID");
  app.add_option("--version", import.version, "the list's version")
      ->required()
      ->option_text("V");
  app.add_option("--valid-from", from, "the first day the version applies")
      ->required()
      ->check(IsDay())
      ->option_text("YYYY-MM-DD");
  app.add_option("--valid-to", to, "the last day it applies (default open)")
      ->check(IsDay())
      ->option_text("YYYY-MM-DD");
  app.add_option("--code-column", import.code_column, "the CSV column of the codes")
      ->required()
      ->option_text("NAME");
  app.add_option("--label-column", import.label_column, "the CSV column of the labels")
      ->required()
      ->option_text("NAME");
  app.add_option("--title", import.title, "the list's title")->option_text("T");
  app.add_option("--source", import.source, "where the list comes from")
      ->option_text("S");
  // Named delimiters spare the shell's quoting.
  app.add_option("--delimiter", delimiter, "the CSV delimiter (default comma)")
      ->transform(CLI::Transformer({{"semicolon", ";"}, {"comma", ","}, {"tab", "\t"}}))
      ->check(CLI::Validator(
          [](std::string& d) -> std::string {
            return d.size() == 1 ? "" : "\"" + d + "\" is not one character";
          },
          "C|semicolon|comma|tab"));
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  (void)ParseDay(from, import.valid_from);  // checked by IsDay
  if (!to.empty()) {
    absl::CivilDay day;
    (void)ParseDay(to, day);
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
  if (std::optional<int> exit = CheckSubcommand("vum codelist", kCodeListHelp,
                                                {"show", "import"}, args, out, err)) {
    return *exit;
  }
  const std::vector<std::string> rest = AfterSubcommand(args);
  return args[0] == "show" ? Show(rest, out, err) : Import(rest, out, err);
}

}  // namespace vum::cli
