// vum: command-line tool of the VUM matching-data standard.

#include <iostream>
#include <string>
#include <vector>

#include "lib/io/atomic_file.h"
#include "tools/vum/commands.h"
#include "vum/schema.h"
#include "vum/version.h"

namespace {

constexpr char kUsage[] =
    "Usage: vum <command> [arguments]\n"
    "\n"
    "Tools for the VUM standard for exchanging matching data (job-seeker\n"
    "profiles, vacancies and process data).\n"
    "\n"
    "Commands:\n"
    "  summary [--type werkzoekende|vacature] FILE...\n"
    "      Read profiles or vacancies in VUM JSON and summarise each: which\n"
    "      elements are present, and how many values of each privacy class.\n"
    "      Prints no personal values.\n"
    "  validate [options] FILE...\n"
    "      Check records (VUM JSON or binary) against every rule of the\n"
    "      standard; a report for people or, with --format json, programs.\n"
    "      vum validate --help lists the options.\n"
    "  generate --count N [--seed S] [--type T] [--invalid-fraction F] OUT\n"
    "      Write synthetic profiles or vacancies (never real people).\n"
    "  convert [--from F] [--to F] IN OUT\n"
    "      Convert records between json, json-array, ndjson, binary, batch, csv.\n"
    "  migrate [--type T] [--occupations FILE] IN OUT\n"
    "      Turn records of the pilot contracts or the koppelvlak 2.0 into 3.0,\n"
    "      reporting every element 3.0 cannot carry.\n"
    "  batch write | inspect | validate | apply ...\n"
    "      Write a batch file, check its integrity, give every record a verdict,\n"
    "      apply a delta. vum batch --help lists the options.\n"
    "  view --as employer|mediator|owner [--consent-id UUID] FILE\n"
    "      What an audience may see of a profile (employer: anonymous, generalised).\n"
    "  anonymize [--k K] [--suppress] IN.vumb OUT.ndjson\n"
    "      Employer views of a batch of profiles, with a k-anonymity report.\n"
    "  consent check --purpose P [--kvk N] [--at MOMENT] PROCESS.json\n"
    "      Whether consent allows a publication or introduction, and why not.\n"
    "  select [--as employer|mediator] [--explain] QUESTION.json CASELOAD...\n"
    "      Answer a selection question from a caseload, as a source would.\n"
    "  report [--format html|csv|json] [--out FILE] CASELOAD...\n"
    "      How complete a caseload's profiles are, per element, source and region,\n"
    "      and how that changes between dates; small counts suppressed.\n"
    "  ask --nodes FILE --cert C --key K --ca CA --from OIN QUESTION.json\n"
    "      Ask every exchange node at once over mutual TLS; merged answer.\n"
    "      --detail VUMID --source OIN fetches one detail.\n"
    "  node log --config FILE --subject ID | node upload ... FILE |\n"
    "  node test-pki DIR NAME:OIN... | node openapi\n"
    "      A person's own processing-log report; load a batch or process data\n"
    "      into a node over mutual TLS; certificates for tests; the OpenAPI\n"
    "      document of the koppelvlak 3.0 Bron interface a node serves.\n"
    "  accredit upload-set DIR | accredit source --node URL ... DIR\n"
    "      A local accreditation of a source's koppelvlak 3.0 Bron interface:\n"
    "      the data to load, then every question asked and judged.\n"
    "  pseudonym --key-file FILE < identifiers\n"
    "      Keyed pseudonyms (HMAC-SHA-256) of identifiers such as BSNs.\n"
    "  codelist show | import ...\n"
    "      Show the loaded code lists; import a publisher's CSV file.\n"
    "  schema dictionary | rules | csv | version | jsonschema TYPE\n"
    "      Print the data dictionary or the rule catalogue (Markdown),\n"
    "      generated from the schema, the CSV columns, the version of the\n"
    "      standard, or a JSON Schema of a record type.\n"
    "\n"
    "Options:\n"
    "  -h, --help     Show this help.\n"
    "  --version      Show the version of vum and of the standard.\n"
    "\n"
    "A FILE to read may be - (standard input, or a pipe, in any format); an\n"
    "output of convert and batch may be - (standard output).\n"
    "\n"
    "Exit status: 0 success, 1 input not acceptable, 2 could not run.\n";

}  // namespace

int main(int argc, char** argv) {
  // Ctrl-C or a kill leaves no temporary file with personal data behind.
  vum::io_internal::RemoveTemporaryFilesOnSignals();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return vum::cli::kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return vum::cli::kExitOk;
  }
  if (command == "--version") {
    std::cout << "vum " << vum::kLibraryVersion << " (VUM " << vum::VersionLabel()
              << ")\n";
    return vum::cli::kExitOk;
  }
  if (command == "summary") return vum::cli::RunSummary(args, std::cout, std::cerr);
  if (command == "schema") return vum::cli::RunSchema(args, std::cout, std::cerr);
  if (command == "validate") return vum::cli::RunValidate(args, std::cout, std::cerr);
  if (command == "codelist") return vum::cli::RunCodeList(args, std::cout, std::cerr);
  if (command == "generate") return vum::cli::RunGenerate(args, std::cout, std::cerr);
  if (command == "convert") return vum::cli::RunConvert(args, std::cout, std::cerr);
  if (command == "migrate") return vum::cli::RunMigrate(args, std::cout, std::cerr);
  if (command == "batch") return vum::cli::RunBatch(args, std::cout, std::cerr);
  if (command == "view") return vum::cli::RunView(args, std::cout, std::cerr);
  if (command == "select") return vum::cli::RunSelect(args, std::cout, std::cerr);
  if (command == "report") return vum::cli::RunReport(args, std::cout, std::cerr);
  if (command == "anonymize") return vum::cli::RunAnonymize(args, std::cout, std::cerr);
  if (command == "consent") return vum::cli::RunConsent(args, std::cout, std::cerr);
#ifdef VUM_WITH_EXCHANGE
  if (command == "ask") return vum::cli::RunAsk(args, std::cout, std::cerr);
  if (command == "node") return vum::cli::RunNode(args, std::cout, std::cerr);
  if (command == "accredit") return vum::cli::RunAccredit(args, std::cout, std::cerr);
#endif
  if (command == "pseudonym") {
    return vum::cli::RunPseudonym(args, std::cin, std::cout, std::cerr);
  }
  std::cerr << "vum: unknown command \"" << command << "\"; see vum --help\n";
  return vum::cli::kExitUsage;
}
