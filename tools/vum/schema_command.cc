#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "vum/convert.h"
#include "vum/record.h"
#include "vum/rules.h"
#include "vum/schema.h"

namespace vum::cli {

namespace {
const Help kSchemaHelp = {
    {"dictionary|rules|csv|version", "jsonschema TYPE"},
    "Documents generated from the schema: the data dictionary, the rule catalogue, "
    "the CSV columns (Markdown), the standard's version, or a JSON Schema of the "
    "record type TYPE.",
    {{0, "printed"}, {2, "could not run"}}};
}  // namespace

int RunSchema(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  if (std::optional<int> exit = CheckSubcommand(
          "vum schema", kSchemaHelp,
          {"dictionary", "rules", "csv", "version", "jsonschema"}, args, out, err)) {
    return *exit;
  }
  std::string type;
  CommandLine line("vum schema " + args[0], kSchemaHelp);
  if (args[0] == "jsonschema") line.app().add_option("type", type)->required();
  if (std::optional<int> exit = line.Parse(AfterSubcommand(args), out, err)) return *exit;
  if (args[0] == "dictionary") {
    out << DataDictionaryMarkdown();
    return kExitOk;
  }
  if (args[0] == "rules") {
    out << RuleCatalogueMarkdown();
    return kExitOk;
  }
  if (args[0] == "csv") {
    out << CsvColumnsMarkdown();
    return kExitOk;
  }
  if (args[0] == "version") {
    out << StandardVersion() << "\n";
    return kExitOk;
  }
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record = NewRecord(type);
  if (!record.ok()) return line.UsageError(std::string(record.status().message()), err);
  out << JsonSchemaOf(*(*record)->GetDescriptor());
  return kExitOk;
}

}  // namespace vum::cli
