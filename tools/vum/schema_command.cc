#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "vum/convert.h"
#include "vum/record.h"
#include "vum/rules.h"
#include "vum/schema.h"

namespace vum::cli {

namespace {
constexpr char kSchemaUsage[] =
    "usage: vum schema dictionary|rules|csv|version|jsonschema TYPE\n"
    "  Documents generated from the schema: the data dictionary, the rule\n"
    "  catalogue, the CSV columns (Markdown), the standard's version, or a JSON\n"
    "  Schema of TYPE.\n";
}  // namespace

int RunSchema(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  if (AnswerHelp(args, kSchemaUsage, out)) return kExitOk;
  if (args.size() == 1 && args[0] == "dictionary") {
    out << DataDictionaryMarkdown();
    return kExitOk;
  }
  if (args.size() == 1 && args[0] == "rules") {
    out << RuleCatalogueMarkdown();
    return kExitOk;
  }
  if (args.size() == 1 && args[0] == "csv") {
    out << CsvColumnsMarkdown();
    return kExitOk;
  }
  if (args.size() == 2 && args[0] == "jsonschema") {
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
        NewRecord(args[1]);
    if (!record.ok()) {
      err << "vum schema jsonschema: " << record.status().message() << "\n";
      return kExitUsage;
    }
    out << JsonSchemaOf(*(*record)->GetDescriptor());
    return kExitOk;
  }
  if (args.size() == 1 && args[0] == "version") {
    out << StandardVersion() << "\n";
    return kExitOk;
  }
  err << kSchemaUsage;
  return kExitUsage;
}

}  // namespace vum::cli
