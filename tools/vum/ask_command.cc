// vum ask: the asking side of the exchange. Sends one selection question to
// every node in a list at once over mutual TLS and prints the merged answer;
// or fetches one detail (--detail).

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/ask/asker.h"
#include "lib/ask/facility_client.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "vum/json.h"
#include "vum/selection.h"

namespace vum::cli {
namespace {

const Help kAskHelp = {
    {"--nodes FILE [options] QUESTION.json",
     "--nodes FILE --detail VUMID --source OIN [options]",
     "--facility URL --facility-oin OIN [options] QUESTION.json",
     "--facility URL --facility-oin OIN --detail VUMID [options]"},
    "Asks every node in the node list one selection question at once, over mutual "
    "TLS (vum's own interface), and prints the merged answer (JSON): per node "
    "whether it answered, refused, failed or timed out, and every result under the "
    "OIN of its source. Criteria a node ignored are applied here. With --detail, "
    "fetches the detail of one result from the node that gave it. With --facility, "
    "asks the exchange facility instead, as the koppelvlak 3.0 says (vum-hub, "
    "docs/hub.md): the question in its vraagObject, the facility's answer with its "
    "vraagID and vumIDs printed as it came; --detail fetches a detail through it.",
    {{0, "every node answered (or the detail came)"},
     {1, "a node refused, failed or timed out (the others' answers are still printed)"},
     {2, "could not run"}}};

struct AskFlags {
  std::string nodes, facility, facility_oin, cert, key, ca, from, via, detail, source,
      kind, pc4, question;
  double deadline_s = 10;
  bool suwi = false;

  void AddTo(CLI::App& app) {
    CLI::Option* n =
        app.add_option("--nodes", nodes,
                       "the nodes: [{\"oin\", \"naam\", \"url\": \"https://host:port\"}]")
            ->option_text("FILE");
    CLI::Option* uv =
        app.add_option("--facility", facility,
                       "the exchange facility, https://HOST:PORT (koppelvlak 3.0)")
            ->excludes(n)
            ->option_text("URL");
    app.add_option("--facility-oin", facility_oin, "the facility's OIN (X-VUM-toParty)")
        ->needs(uv)
        ->option_text("OIN");
    app.add_option("--cert", cert, "the asker's certificate (PEM)")
        ->required()
        ->option_text("FILE");
    app.add_option("--key", key, "its private key (PEM)")
        ->required()
        ->option_text("FILE");
    app.add_option("--ca", ca, "the CA bundle the nodes' certificates chain to")
        ->required()
        ->option_text("FILE");
    app.add_option("--from", from, "the asking organisation (X-VUM-fromParty)")
        ->required()
        ->option_text("OIN");
    app.add_option("--via", via, "a processor asking for it (X-VUM-viaParty)")
        ->option_text("OIN");
    app.add_flag("--suwi", suwi, "claim the legal basis of a SUWI party");
    app.add_option("--deadline", deadline_s, "per node (default 10)")
        ->check(IsPositive())
        ->option_text("SECONDS");
    CLI::Option* d =
        app.add_option("--detail", detail, "fetch one detail instead of asking")
            ->option_text("VUMID");
    app.add_option("--source", source, "with --detail: the node that gave the vumID")
        ->needs(d)
        ->option_text("OIN");
    app.add_option("--kind", kind, "with --detail: werkzoekenden (default) or vacatures")
        ->needs(d)
        ->check(CLI::IsMember({"werkzoekenden", "vacatures"}))
        ->option_text("KIND");
    AddPc4Option(app, pc4);
    app.add_option("question", question)->excludes(d);
  }
};

int RunDetail(const ask::Asker& asker, const std::vector<ask::NodeAddress>& nodes,
              const AskFlags& f, std::ostream& out, std::ostream& err) {
  const ask::NodeAddress* node = nullptr;
  for (const ask::NodeAddress& n : nodes) {
    if (n.oin == f.source) node = &n;
  }
  if (node == nullptr) {
    err << "ask: --source names no node in the node list\n";
    return kExitUsage;
  }
  const v1::SoortSelectie kind = f.kind == "vacatures" ? v1::SOORT_SELECTIE_VACATURES
                                                       : v1::SOORT_SELECTIE_WERKZOEKENDEN;
  absl::StatusOr<v1::Detailantwoord> d = asker.Detail(*node, kind, f.detail);
  if (!d.ok()) {
    err << "ask: no detail: " << d.status().message() << "\n";
    return kExitRejected;
  }
  absl::StatusOr<std::string> json = PrintJson(*d, {.pretty = true});
  if (!json.ok()) {
    err << "ask: " << json.status().message() << "\n";
    return kExitUsage;
  }
  out << *json << "\n";
  return kExitOk;
}

// Through the exchange facility (koppelvlak 3.0).
int RunFacility(const AskFlags& f, absl::Duration deadline, std::ostream& out,
                std::ostream& err) {
  ask::NodeAddress facility{f.facility_oin, "uitwisselingsvoorziening", "", 443};
  if (!ask::ParseNodeUrl(f.facility, &facility)) {
    err << "ask: --facility is not https://HOST:PORT\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<ask::FacilityClient>> client =
      ask::FacilityClient::Create(facility, {f.cert, f.key, f.ca, f.from, f.via, f.suwi},
                                  deadline);
  if (!client.ok()) {
    err << "ask: " << client.status().message() << "\n";
    return kExitUsage;
  }
  if (!f.detail.empty()) {
    absl::StatusOr<std::string> d =
        (*client)->Detail(f.kind == "vacatures" ? v1::SOORT_SELECTIE_VACATURES
                                                : v1::SOORT_SELECTIE_WERKZOEKENDEN,
                          f.detail);
    if (!d.ok()) {
      err << "ask: no detail: " << d.status().message() << "\n";
      return kExitRejected;
    }
    out << *d << "\n";
    return kExitOk;
  }
  absl::StatusOr<std::string> text = ReadFile(f.question);
  absl::StatusOr<v1::Selectievraag> q =
      text.ok() ? ReadSelectionQuestion(*text) : text.status();
  if (!q.ok()) {
    err << "ask: " << f.question << ": " << q.status().message() << "\n";
    return text.ok() ? kExitRejected : kExitUsage;
  }
  absl::StatusOr<ask::FacilityAnswer> a = (*client)->Ask(*q);
  if (!a.ok()) {
    err << "ask: the facility gave no answer: " << a.status().message() << "\n";
    return kExitRejected;
  }
  out << a->body << "\n";
  err << "ask: the facility answered question " << a->vraag_id << " with "
      << a->vum_ids.size() << " matches" << (a->capped ? " (a source was capped)" : "")
      << "\n";
  return kExitOk;
}

}  // namespace

int RunAsk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  AskFlags f;
  CommandLine line("vum ask", kAskHelp);
  f.AddTo(line.app());
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  const double deadline_s = f.deadline_s;
  const bool detail = !f.detail.empty();
  if (f.nodes.empty() == f.facility.empty()) {
    return line.UsageError("give --nodes FILE or --facility URL", err);
  }
  if (!f.facility.empty()) {
    if (f.facility_oin.empty() || (!detail && f.question.empty())) {
      return line.UsageError(
          "with --facility: --facility-oin OIN, and a QUESTION.json or --detail VUMID",
          err);
    }
    return RunFacility(f, absl::Seconds(deadline_s), out, err);
  }
  if (detail ? f.source.empty() : f.question.empty()) {
    return line.UsageError("give a QUESTION.json, or --detail VUMID with --source OIN",
                           err);
  }
  absl::StatusOr<std::vector<ask::NodeAddress>> nodes = ask::ReadNodeList(f.nodes);
  absl::StatusOr<Pc4Register> pc4 = LoadPc4(f.pc4);
  if (!nodes.ok() || !pc4.ok()) {
    err << "ask: " << (nodes.ok() ? pc4.status() : nodes.status()).message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<QuestionCompiler>> compiler =
      QuestionCompiler::Create(&*pc4);
  absl::StatusOr<std::unique_ptr<ask::Asker>> asker =
      compiler.ok() ? ask::Asker::Create({f.cert, f.key, f.ca, f.from, f.via, f.suwi},
                                         {.deadline = absl::Seconds(deadline_s),
                                          .compiler = compiler->get(),
                                          .pc4 = &*pc4})
                    : compiler.status();
  if (!asker.ok()) {
    err << "ask: " << asker.status().message() << "\n";
    return kExitUsage;
  }
  if (detail) return RunDetail(**asker, *nodes, f, out, err);
  absl::StatusOr<std::string> text = ReadFile(f.question);
  if (!text.ok()) {
    err << "ask: " << text.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<v1::Selectievraag> q = ReadSelectionQuestion(*text);
  if (!q.ok()) {
    err << "ask: " << f.question << ": " << q.status().message() << "\n";
    return kExitRejected;
  }
  const ask::MergedAnswer merged = (*asker)->Ask(*q, *nodes);
  out << ask::MergedJson(merged) << "\n";
  bool all = true;
  for (const ask::NodeAnswer& a : merged.nodes) {
    err << "ask: " << a.node.oin << " (" << a.node.name
        << "): " << ask::OutcomeName(a.outcome);
    if (a.outcome == ask::Outcome::kAnswered) {
      err << ", " << a.result.resultaat_size() << " results";
      if (a.removed_locally > 0) err << " (" << a.removed_locally << " removed here)";
    } else {
      all = false;
      if (!a.problem_code.empty()) err << ", " << a.problem_code;
      if (!a.detail.empty()) err << ": " << a.detail;
    }
    err << "\n";
  }
  return all ? kExitOk : kExitRejected;
}

}  // namespace vum::cli
