// vum node: what the operator of an exchange node runs beside it:
//   vum node log --config FILE --subject ID   who selected or opened a
//                                            person's profile
//   vum node test-pki DIR NAME:OIN...         certificates for tests and demos

#include <simdjson.h>

#include "absl/strings/str_split.h"
#include "lib/ask/uploader.h"
#include "lib/exchange/test_pki.h"
#include "lib/node/config.h"
#include "lib/node/koppelvlak_openapi.h"
#include "lib/node/store.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "vum/pseudonym.h"

namespace vum::cli {
namespace {

const Help kNodeHelp = {
    {"log [options]", "upload [options] FILE", "test-pki DIR NAME:OIN...", "openapi"},
    "The exchange node's companions: log prints a job seeker's own report from the "
    "node's processing log; upload loads the sender's caseload into its node over "
    "mutual TLS; test-pki makes certificates for tests; openapi prints the OpenAPI "
    "document of the koppelvlak 3.0 Bron interface the node serves "
    "(docs/bron-openapi.json). The node itself is "
    "vum-node. vum node SUBCOMMAND --help lists each one's options.",
    {{0, "done"}, {1, "refused (upload)"}, {2, "could not run"}}};

const Help kLogHelp = {
    {"--config FILE --subject ID [options]"},
    "A job seeker's own report from the node's processing log: every time their "
    "profile was selected into an answer or its detail was shown, when, to which "
    "organisation (OIN), through which processor, under which trace id. ID is the "
    "source's own id of the person (idWerkzoekende); the log holds only its keyed "
    "pseudonym.",
    {{0, "printed"}, {2, "could not run"}}};

const Help kUploadHelp = {
    {"--node URL --to OIN --from OIN --cert C --key K --ca CA [options] FILE"},
    "Loads the sender's own caseload into its node: FILE is a VUM batch (full or "
    "delta) or process data (.ndjson). Prints the node's report.",
    {{0, "the node acknowledged the upload with every record accepted"},
     {1, "the node refused the upload or some records"},
     {2, "could not run"}}};

const Help kTestPkiHelp = {
    {"DIR NAME:OIN..."},
    "Makes a CA (ca.crt) and one certificate and key per party in DIR, the OIN as "
    "subject serialNumber, valid for localhost, 127.0.0.1 and ::1. For tests and "
    "demonstrations only: never for production.",
    {{0, "made"}, {2, "could not run"}}};

const Help kOpenApiHelp = {
    {"[--interface bron|bemiddelaar|node-records]"},
    "Prints the OpenAPI 3.1 document of a koppelvlak 3.0 interface as vum serves "
    "it, generated from the schema: the Bron interface of vum-node "
    "(docs/bron-openapi.json, the default) or the Bemiddelaar interface of vum-hub "
    "(docs/bemiddelaar-openapi.json); or, with node-records, the schemas of the "
    "records vum-node's own interface carries (docs/node-records-openapi.json, "
    "to which docs/node-openapi.json refers).",
    {{0, "printed"}, {2, "could not run"}}};

int RunOpenApi(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  std::string which = "bron";
  CommandLine line("vum node openapi", kOpenApiHelp);
  line.app()
      .add_option("--interface", which, "bron (default), bemiddelaar or node-records")
      ->check(CLI::IsMember({"bron", "bemiddelaar", "node-records"}))
      ->option_text("bron|bemiddelaar|node-records");
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  if (which == "node-records") {
    out << node::NodeRecordSchemasJson();
    return kExitOk;
  }
  out << node::KoppelvlakOpenApiJson(which == "bron"
                                         ? node::KoppelvlakInterface::kBron
                                         : node::KoppelvlakInterface::kBemiddelaar);
  return kExitOk;
}

int RunLog(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string config_path, subject;
  std::string format = "text";
  CommandLine line("vum node log", kLogHelp);
  line.app()
      .add_option("--config", config_path, "the node's configuration file")
      ->required()
      ->option_text("FILE");
  line.app()
      .add_option("--subject", subject, "the source's own id of the person")
      ->required()
      ->option_text("ID");
  AddFormatOption(line.app(), format);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::StatusOr<node::NodeConfig> config = node::ReadNodeConfig(config_path);
  if (!config.ok()) {
    err << "node log: " << config.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<Pseudonymizer> key = Pseudonymizer::FromKeyFile(config->log_key_file);
  absl::StatusOr<std::unique_ptr<node::NodeStore>> store =
      key.ok() ? node::NodeStore::Open(config->database)
               : absl::StatusOr<std::unique_ptr<node::NodeStore>>(key.status());
  if (!store.ok()) {
    err << "node log: " << store.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<std::vector<node::LogEntry>> entries =
      (*store)->LogOf(node::LogSubject(*key, subject));
  if (!entries.ok()) {
    err << "node log: " << entries.status().message() << "\n";
    return kExitUsage;
  }
  const bool json = format == "json";
  if (json) out << "[";
  for (size_t i = 0; i < entries->size(); ++i) {
    const node::LogEntry& e = (*entries)[i];
    if (json) {
      out << (i ? "," : "") << "{\"tijd\":" << JsonString(e.at)
          << ",\"activiteit\":" << JsonString(e.activity)
          << ",\"aanvrager\":" << JsonString(e.requester_oin)
          << ",\"verwerker\":" << JsonString(e.processor_oin)
          << ",\"traceId\":" << JsonString(e.trace_id) << "}";
    } else {
      out << e.at << "  " << e.activity << "  by " << e.requester_oin
          << (e.processor_oin.empty() ? "" : " via " + e.processor_oin) << "  trace "
          << e.trace_id << "\n";
    }
  }
  if (json) out << "]\n";
  if (!json && entries->empty()) out << "no processing of this person is logged\n";
  return kExitOk;
}

int RunTestPki(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  std::string dir;
  std::vector<std::string> named;
  CommandLine line("vum node test-pki", kTestPkiHelp);
  line.app().add_option("dir", dir)->required();
  line.app()
      .add_option("parties", named, "NAME:OIN...")
      ->required()
      ->check(CLI::Validator(
          [](std::string& p) -> std::string {
            const size_t colon = p.find(':');
            return colon != std::string::npos && colon > 0
                       ? ""
                       : "\"" + p + "\" is not NAME:OIN";
          },
          "NAME:OIN"));
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  std::vector<exchange::TestParty> parties;
  for (const std::string& p : named) {
    std::vector<std::string> parts = absl::StrSplit(p, absl::MaxSplits(':', 1));
    parties.push_back({parts[0], parts[1]});
  }
  absl::StatusOr<exchange::TestPki> pki = exchange::MakeTestPki(dir, parties);
  if (!pki.ok()) {
    err << "node test-pki: " << pki.status().message() << "\n";
    return kExitUsage;
  }
  out << "CA " << pki->ca_certificate << "\n";
  for (const auto& p : pki->parties) out << p.name << " " << p.certificate << "\n";
  return kExitOk;
}

int RunUpload(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  std::string url, to, from, via, cert, key, ca, file;
  CommandLine line("vum node upload", kUploadHelp);
  CLI::App& app = line.app();
  app.add_option("--node", url, "the node, https://HOST:PORT")
      ->required()
      ->option_text("URL");
  app.add_option("--to", to, "the node's OIN (X-VUM-toParty)")
      ->required()
      ->option_text("OIN");
  app.add_option("--from", from, "the sender, whose caseload it is (X-VUM-fromParty)")
      ->required()
      ->option_text("OIN");
  app.add_option("--via", via, "a processor sending for it (X-VUM-viaParty)")
      ->option_text("OIN");
  app.add_option("--cert", cert, "the sender's certificate (PEM)")
      ->required()
      ->option_text("FILE");
  app.add_option("--key", key, "its private key (PEM)")->required()->option_text("FILE");
  app.add_option("--ca", ca, "the CA bundle the node's certificate chains to")
      ->required()
      ->option_text("FILE");
  app.add_option("file", file)->required();
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  ask::NodeAddress node{to, "", "", 0};
  if (!ask::ParseNodeUrl(url, &node)) {
    return line.UsageError("--node is https://HOST:PORT", err);
  }
  absl::StatusOr<ask::UploadReceipt> r =
      ask::Upload(node, {cert, key, ca, from, via, false}, file);
  if (!r.ok()) {
    err << "node upload: " << r.status().message() << "\n";
    return kExitUsage;
  }
  out << r->body << "\n";
  if (r->http_status != 200) {
    err << "node upload: refused (HTTP " << r->http_status
        << "); nothing of it was applied\n";
    return kExitRejected;
  }
  // The report counts the records refused; any is a refusal for the caller.
  simdjson::dom::parser parser;
  int64_t refused = -1;
  if (parser.parse(r->body)["geweigerd"].get_int64().get(refused) != simdjson::SUCCESS) {
    err << "node upload: the node's report cannot be read\n";
    return kExitRejected;
  }
  return refused == 0 ? kExitOk : kExitRejected;
}

}  // namespace

int RunNode(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (std::optional<int> exit =
          CheckSubcommand("vum node", kNodeHelp, {"log", "test-pki", "upload", "openapi"},
                          args, out, err)) {
    return *exit;
  }
  const std::vector<std::string> rest = AfterSubcommand(args);
  if (args[0] == "log") return RunLog(rest, out, err);
  if (args[0] == "test-pki") return RunTestPki(rest, out, err);
  if (args[0] == "openapi") return RunOpenApi(rest, out, err);
  return RunUpload(rest, out, err);
}

}  // namespace vum::cli
