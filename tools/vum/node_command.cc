// vum node: what the operator of an exchange node runs beside it:
//   vum node log --config FILE --subject ID   who selected or opened a
//                                            person's profile
//   vum node test-pki DIR NAME:OIN...         certificates for tests and demos

#include <simdjson.h>

#include "absl/strings/str_split.h"
#include "lib/ask/uploader.h"
#include "lib/exchange/test_pki.h"
#include "lib/node/config.h"
#include "lib/node/store.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "vum/pseudonym.h"

namespace vum::cli {
namespace {

constexpr char kNodeUsage[] =
    "Usage: vum node log --config FILE --subject ID [--format text|json]\n"
    "       vum node upload --node URL --to OIN --from OIN [--via OIN] --cert C --key K\n"
    "                       --ca CA FILE\n"
    "       vum node test-pki DIR NAME:OIN...\n"
    "\n"
    "log       A job seeker's own report from the node's processing log: every\n"
    "          time their profile was selected into an answer or its detail\n"
    "          was shown, when, to which organisation (OIN), through which\n"
    "          processor, under which trace id. ID is the source's own id of the\n"
    "          person (idWerkzoekende); the log holds only its keyed pseudonym.\n"
    "upload    Loads the sender's own caseload into its node: FILE is a VUM batch\n"
    "          (full or delta) or process data (.ndjson). Prints the node's report;\n"
    "          exit 0 only when the node acknowledged it with every record accepted,\n"
    "          1 when it refused the upload or some records.\n"
    "test-pki  Makes a CA (ca.crt) and one certificate and key per party, the OIN\n"
    "          as subject serialNumber, valid for localhost, 127.0.0.1 and ::1.\n"
    "          For tests and demonstrations only: never for production.\n"
    "\n"
    "Exit status: 0 done, 1 refused (upload), 2 could not run.\n";

int RunLog(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string config_path, subject;
  std::string format = "text";
  CommandLine line("vum node log", kNodeUsage);
  line.app().add_option("--config", config_path)->required();
  line.app().add_option("--subject", subject)->required();
  line.app().add_option("--format", format)->check(CLI::IsMember({"text", "json"}));
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
  CommandLine line("vum node test-pki", kNodeUsage);
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
  CommandLine line("vum node upload", kNodeUsage);
  CLI::App& app = line.app();
  app.add_option("--node", url)->required();
  app.add_option("--to", to)->required();
  app.add_option("--from", from)->required();
  app.add_option("--via", via);
  app.add_option("--cert", cert)->required();
  app.add_option("--key", key)->required();
  app.add_option("--ca", ca)->required();
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
  if (std::optional<int> exit = CheckSubcommand(
          "vum node", kNodeUsage, {"log", "test-pki", "upload"}, args, out, err)) {
    return *exit;
  }
  const std::vector<std::string> rest = AfterSubcommand(args);
  if (args[0] == "log") return RunLog(rest, out, err);
  if (args[0] == "test-pki") return RunTestPki(rest, out, err);
  return RunUpload(rest, out, err);
}

}  // namespace vum::cli
