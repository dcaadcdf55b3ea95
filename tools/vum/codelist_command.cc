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
  CommandLine line("vum codelist show", kUsage);
  line.app().add_option("--codelists", dirs)->allow_extra_args(false);
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
  CommandLine line("vum codelist import", kUsage);
  CLI::App& app = line.app();
  app.add_option("--csv", csv)->required();
  app.add_option("--list", import.id)->required();
  app.add_option("--version", import.version)->required();
  app.add_option("--valid-from", from)->required()->check(IsDay());
  app.add_option("--valid-to", to)->check(IsDay());
  app.add_option("--code-column", import.code_column)->required();
  app.add_option("--label-column", import.label_column)->required();
  app.add_option("--title", import.title);
  app.add_option("--source", import.source);
  // Named delimiters spare the shell's quoting.
  app.add_option("--delimiter", delimiter)
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
  if (std::optional<int> exit =
          CheckSubcommand("vum codelist", kUsage, {"show", "import"}, args, out, err)) {
    return *exit;
  }
  const std::vector<std::string> rest = AfterSubcommand(args);
  return args[0] == "show" ? Show(rest, out, err) : Import(rest, out, err);
}

}  // namespace vum::cli
