// vum accredit: the local accreditation of a source's koppelvlak 3.0 Bron
// interface (lib/accredit/accreditation.h, docs/accreditation.md).

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/accredit/accreditation.h"
#include "lib/accredit/mediator.h"
#include "lib/io/atomic_file.h"
#include "lib/json/json_string.h"
#include "lib/node/service_main.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"

namespace vum::cli {
namespace {

const Help kAccreditHelp = {
    {"upload-set [options] DIR", "source [options] DIR", "mediator [options] DIR"},
    "A local accreditation of a source's Bron interface or a mediator's asking "
    "client (koppelvlak 3.0), for an implementation in any language: upload-set "
    "writes profiles and consents for the vendor to load into its own system, and "
    "the questions with their expected answers; source asks the running system every "
    "question as the exchange facility would and judges the answers, details, headers "
    "and refusals; mediator runs a facility with sources that answer, answer late, "
    "hang, refuse and fail, and judges every request the vendor's client sends it "
    "(docs/accreditation.md). vum accredit SUBCOMMAND --help lists the options.",
    {{0, "done; every case passed or failed as the failure list says"},
     {1, "a case failed unexpectedly, or a listed case passed"},
     {2, "could not run"}}};

const Help kUploadSetHelp = {
    {"[--count N] [--vacancies N] [--seed S] [--pc4 FILE] DIR"},
    "Writes DIR/profielen.ndjson, DIR/procesgegevens.ndjson and DIR/vacatures.ndjson "
    "(VUM JSON: synthetic people spread over the country, their consents, vacancies) "
    "and DIR/vragen.json (the questions of both kinds with every record that fits "
    "each, as vum answers now). Load the first three into the system under test, then "
    "run vum accredit source DIR.",
    {{0, "written"}, {2, "could not run"}}};

const Help kSourceHelp = {
    {"--node URL --source-oin OIN --cert C --key K --ca CA [options] DIR"},
    "Asks the Bron interface at URL every question of DIR/vragen.json as the exchange "
    "facility (the certificate C is the facility's) for the mediator --from, and "
    "prints one line per case: PASS, FAIL with what was expected and observed, or "
    "listed failures as XFAIL.",
    {{0, "every case passed, or failed as listed"},
     {1, "an unexpected failure or an unexpected pass"},
     {2, "could not run"}}};

const Help kMediatorHelp = {
    {"--dir ENV [options] DIR"},
    "Starts on this machine an exchange facility (the Bemiddelaar interface) whose "
    "sources are two vum nodes holding the upload set DIR and four scripted sources "
    "that answer late, hang past the facility's deadline, refuse with 429 and fail "
    "with 500, with certificates made in ENV (the client's: ENV/bemiddelaar.crt and "
    ".key, trusting ENV/ca.crt). Point the client under test at the facility and let "
    "it ask questions and fetch details. On SIGINT or SIGTERM, or after --wait "
    "seconds, every request it sent is judged and printed: PASS, FAIL with what was "
    "expected and observed, or XFAIL for a listed case.",
    {{0, "every case passed, or failed as listed"},
     {1, "an unexpected failure or an unexpected pass"},
     {2, "could not run"}}};

int RunUploadSet(const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err) {
  std::string dir, pc4_path;
  int count = 2000;
  int vacancies = 500;
  uint64_t seed = 1;
  CommandLine line("vum accredit upload-set", kUploadSetHelp);
  line.app()
      .add_option("--count", count, "how many profiles (2000)")
      ->check(InRange(100, 1000000));
  line.app()
      .add_option("--vacancies", vacancies, "how many vacancies (500)")
      ->check(InRange(100, 1000000));
  line.app().add_option("--seed", seed, "the seed of the random choices (1)");
  AddPc4Option(line.app(), pc4_path);
  line.app().add_option("dir", dir)->required();
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::StatusOr<Pc4Register> pc4 = LoadPc4(pc4_path);
  absl::StatusOr<accredit::UploadSet> set =
      pc4.ok() ? accredit::MakeUploadSet(
                     *pc4, {.count = count, .vacancy_count = vacancies, .seed = seed})
               : pc4.status();
  absl::Status written = set.ok() ? accredit::WriteUploadSet(*set, dir) : set.status();
  if (!written.ok()) {
    err << "accredit upload-set: " << written.message() << "\n";
    return kExitUsage;
  }
  out << "wrote " << set->profiles.size() << " profiles, " << set->process.size()
      << " process data, " << set->vacancies.size() << " vacancies and "
      << set->questions.size() << " questions to " << dir << " (answers as at "
      << set->made_at << ")\n";
  return kExitOk;
}

// The ids a failure list names ("id  # why" per line).
absl::StatusOr<std::set<std::string>> ReadFailureList(const std::string& path) {
  std::set<std::string> ids;
  if (path.empty()) return ids;
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (!line.empty()) ids.insert(line);
  }
  return ids;
}

// Where the results go besides standard output.
struct ReportFiles {
  std::string junit;
  std::string html;
};

void AddReportOptions(CLI::App& app, ReportFiles& files) {
  app.add_option("--junit", files.junit, "also write the results as JUnit XML")
      ->option_text("FILE");
  app.add_option("--html", files.html, "also write them as a self-contained HTML page")
      ->option_text("FILE");
}

// Prints one line per case and a summary, writes the report files named;
// the exit status.
int ReportCases(const std::vector<accredit::CaseResult>& results,
                const std::set<std::string>& listed, const ReportFiles& files,
                const char* interface, std::ostream& out, std::ostream& err) {
  int counts[4] = {0, 0, 0, 0};
  for (const accredit::CaseResult& r : results) {
    const accredit::Verdict v = accredit::VerdictOf(r, listed);
    ++counts[static_cast<int>(v)];
    out << absl::StrFormat("%-6s ", accredit::VerdictName(v)) << r.id;
    if (v == accredit::Verdict::kUnexpectedPass)
      out << " (remove it from the failure list)";
    if (!r.passed) out << ": " << r.message;
    out << "\n";
  }
  const std::string title =
      absl::StrCat("VUM accreditation (", interface, ", koppelvlak 3.0)");
  absl::Status written = absl::OkStatus();
  if (!files.junit.empty()) {
    written = io_internal::WriteFileAtomically(
        files.junit, accredit::JUnitXml(results, listed, title));
  }
  if (written.ok() && !files.html.empty()) {
    written = io_internal::WriteFileAtomically(
        files.html, accredit::HtmlReport(results, listed, title));
  }
  if (!written.ok()) {
    err << "accredit: " << written.message() << "\n";
    return kExitUsage;
  }
  const int unexpected = counts[static_cast<int>(accredit::Verdict::kFail)] +
                         counts[static_cast<int>(accredit::Verdict::kUnexpectedPass)];
  out << title << ": " << results.size() << " cases; "
      << counts[static_cast<int>(accredit::Verdict::kPass)] << " passed, "
      << counts[static_cast<int>(accredit::Verdict::kExpectedFail)]
      << " failed as listed, " << unexpected << " unexpected\n";
  return unexpected == 0 ? kExitOk : kExitRejected;
}

int RunSource(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  std::string node, source_oin, cert, key, ca, from = "00000001000000000005",
                                               facility_oin, failure_list, dir;
  ReportFiles files;
  bool suwi = true;
  int repeats = 5;
  CommandLine line("vum accredit source", kSourceHelp);
  CLI::App& app = line.app();
  app.add_option("--node", node, "the source's Bron interface, https://HOST:PORT")
      ->required()
      ->option_text("URL");
  app.add_option("--source-oin", source_oin, "the source's OIN (X-VUM-toParty)")
      ->required()
      ->option_text("OIN");
  app.add_option("--cert", cert, "the facility's certificate (PEM)")
      ->required()
      ->option_text("FILE");
  app.add_option("--key", key, "its private key (PEM)")->required()->option_text("FILE");
  app.add_option("--ca", ca, "the CA bundle the source's certificate chains to")
      ->required()
      ->option_text("FILE");
  app.add_option("--from", from, "the asking mediator (X-VUM-fromParty)")
      ->option_text("OIN");
  app.add_option("--facility-oin", facility_oin,
                 "X-VUM-viaParty (default: the asking mediator)")
      ->option_text("OIN");
  app.add_option("--suwi", suwi, "X-VUM-SUWIparty (default true)")->option_text("BOOL");
  app.add_option("--repeats", repeats, "asks of a question over the cap (5)")
      ->check(InRange(2, 100));
  AddReportOptions(app, files);
  app.add_option("--failure-list", failure_list, "cases expected to fail")
      ->option_text("FILE");
  app.add_option("dir", dir)->required();
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  ask::NodeAddress address{source_oin, "bron", "", 443};
  if (!ask::ParseNodeUrl(node, &address)) {
    err << "accredit source: --node is not https://HOST:PORT\n";
    return kExitUsage;
  }
  absl::StatusOr<accredit::UploadSet> set = accredit::ReadUploadSet(dir);
  absl::StatusOr<std::set<std::string>> listed = ReadFailureList(failure_list);
  if (!set.ok() || !listed.ok()) {
    err << "accredit source: " << (set.ok() ? listed.status() : set.status()).message()
        << "\n";
    return kExitUsage;
  }
  const std::vector<accredit::CaseResult> results =
      accredit::CheckSource(*set, {address,
                                   {cert, key, ca, from, "", suwi},
                                   facility_oin.empty() ? from : facility_oin,
                                   absl::Seconds(10),
                                   repeats});
  return ReportCases(results, *listed, files, "Bron", out, err);
}

// Writes what the client under test needs to `path` as JSON, whole.
absl::Status WriteReadyFile(const std::string& path, const accredit::ClientSetup& c) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"url", &c.url},
      {"facilityOin", &c.facility_oin},
      {"clientOin", &c.client_oin},
      {"certificaat", &c.certificate},
      {"sleutel", &c.private_key},
      {"ca", &c.ca_certificate},
      {"urlZonderBron", &c.url_without_sources},
      {"bronCertificaat", &c.vendor_source_certificate},
      {"bronSleutel", &c.vendor_source_key}};
  std::string json = "{";
  for (const auto& [name, value] : fields) {
    absl::StrAppend(&json, json.size() > 1 ? "," : "", json_internal::JsonString(name),
                    ":", json_internal::JsonString(*value));
  }
  return io_internal::WriteFileAtomically(path, json + "}\n");
}

int RunMediator(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  std::string env_dir, listen = "127.0.0.1:0", client_oin = "00000001000000000005",
                       failure_list, ready, dir, source_url, source_oin;
  ReportFiles files;
  int wait_seconds = 600, deadline_seconds = 3, questions_per_day = 20;
  CommandLine line("vum accredit mediator", kMediatorHelp);
  CLI::App& app = line.app();
  app.add_option("--dir", env_dir, "where the certificates, keys and stores are made")
      ->required()
      ->option_text("ENV");
  app.add_option("--listen", listen, "the facility's HOST:PORT (127.0.0.1:0, any port)")
      ->option_text("HOST:PORT");
  app.add_option("--client-oin", client_oin, "the OIN of the client under test")
      ->option_text("OIN");
  app.add_option("--wait", wait_seconds, "serve at most this long (600)")
      ->check(InRange(1, 86400))
      ->option_text("SECONDS");
  app.add_option("--deadline", deadline_seconds,
                 "the facility's wait for its sources (3)")
      ->check(InRange(1, 60))
      ->option_text("SECONDS");
  app.add_option("--questions-per-day", questions_per_day,
                 "the client's questions a day; the next gets 429.01 (20)")
      ->check(InRange(1, 100000))
      ->option_text("N");
  CLI::Option* url_option =
      app.add_option("--source-url", source_url,
                     "a vendor's own source the facility asks too (https://HOST:PORT)")
          ->option_text("URL");
  app.add_option("--source-oin", source_oin, "that source's OIN")
      ->option_text("OIN")
      ->needs(url_option);
  url_option->needs(app.get_option("--source-oin"));
  app.add_option("--ready", ready, "write the facility's URL and the client's files here")
      ->option_text("FILE");
  AddReportOptions(app, files);
  app.add_option("--failure-list", failure_list, "cases expected to fail")
      ->option_text("FILE");
  app.add_option("dir", dir, "the upload set the sources hold")->required();
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  std::string host;
  int port = -1;
  if (!node::ParseListenAddress(listen, &host, &port)) {
    err << "accredit mediator: --listen is not HOST:PORT\n";
    return kExitUsage;
  }
  absl::StatusOr<accredit::UploadSet> set = accredit::ReadUploadSet(dir);
  absl::StatusOr<std::set<std::string>> listed = ReadFailureList(failure_list);
  absl::StatusOr<std::string> codelists = ShippedCodeListFolder();
  absl::StatusOr<Pc4Register> pc4 = LoadPc4("");
  absl::Status problem = !set.ok()         ? set.status()
                         : !listed.ok()    ? listed.status()
                         : !codelists.ok() ? codelists.status()
                                           : pc4.status();
  absl::StatusOr<std::unique_ptr<QuestionCompiler>> compiler =
      problem.ok() ? QuestionCompiler::Create(&*pc4) : problem;
  if (!compiler.ok()) {
    err << "accredit mediator: " << compiler.status().message() << "\n";
    return kExitUsage;
  }
  // Absolute, so that the paths printed and in the ready file work anywhere.
  env_dir = std::filesystem::absolute(env_dir).string();
  const sigset_t stop = node::BlockStopSignals();  // before the services' threads
  absl::StatusOr<std::unique_ptr<accredit::MediatorEnvironment>> env =
      accredit::MediatorEnvironment::Start(
          *set, {.dir = env_dir,
                 .codelists = *codelists,
                 .host = host,
                 .port = port,
                 .client_oin = client_oin,
                 .source_deadline = absl::Seconds(deadline_seconds),
                 .questions_per_day = questions_per_day,
                 .vendor_source_url = source_url,
                 .vendor_source_oin = source_oin});
  if (!env.ok()) {
    err << "accredit mediator: " << env.status().message() << "\n";
    return kExitUsage;
  }
  const accredit::ClientSetup& c = (*env)->client();
  out << "facility " << c.url << " (OIN " << c.facility_oin << "); the client "
      << c.client_oin << " uses " << c.certificate << ", " << c.private_key
      << " and trusts " << c.ca_certificate << "\n"
      << "facility without sources (503.02 on every question) " << c.url_without_sources
      << "\n"
      << (c.vendor_source_certificate.empty()
              ? ""
              : absl::StrCat("your source serves with ", c.vendor_source_certificate,
                             " and ", c.vendor_source_key, ", trusting ",
                             c.ca_certificate, "\n"))
      << std::flush;
  if (!ready.empty()) {
    if (absl::Status s = WriteReadyFile(ready, c); !s.ok()) {
      err << "accredit mediator: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  const timespec wait{wait_seconds, 0};
  (void)sigtimedwait(&stop, nullptr, &wait);
  const std::vector<hub::ObservedRequest> requests = (*env)->requests();
  const accredit::ClientSetup client = c;
  env->reset();
  return ReportCases(accredit::JudgeMediator(requests, client, **compiler), *listed,
                     files, "Bemiddelaar", out, err);
}

}  // namespace

int RunAccredit(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  if (std::optional<int> exit =
          CheckSubcommand("vum accredit", kAccreditHelp,
                          {"upload-set", "source", "mediator"}, args, out, err)) {
    return *exit;
  }
  const std::vector<std::string> rest = AfterSubcommand(args);
  if (args[0] == "upload-set") return RunUploadSet(rest, out, err);
  if (args[0] == "mediator") return RunMediator(rest, out, err);
  return RunSource(rest, out, err);
}

}  // namespace vum::cli
