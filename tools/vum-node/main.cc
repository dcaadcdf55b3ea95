// vum-node: the exchange node a source runs (lib/node/node.h). Reads one
// configuration file, loads its store, listens until SIGINT or SIGTERM.

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "absl/strings/str_format.h"
#include "lib/node/config.h"
#include "lib/node/node.h"
#include "lib/node/service_main.h"

namespace {

constexpr char kUsage[] =
    "Usage: vum-node --config FILE [--check] [--quiet]\n"
    "\n"
    "Runs the VUM exchange node: answers selection questions and detail\n"
    "requests over mutual TLS, takes its own organisation's uploads, and keeps\n"
    "its caseload, the answers given and the processing log in SQLite. See\n"
    "docs/node.md.\n"
    "\n"
    "Options:\n"
    "  --config FILE  the node's configuration (JSON)\n"
    "  --check        check the configuration and the store, then exit\n"
    "  --quiet        no line per request on standard error\n"
    "  -h, --help     show this help\n"
    "\n"
    "Exit status: 0 stopped by a signal or checked, 2 could not start.\n";

}  // namespace

int main(int argc, char** argv) {
  vum::node::ServiceArgs args;
  if (std::optional<int> exit =
          vum::node::ParseServiceArgs(argc, argv, "vum-node", kUsage, &args)) {
    return *exit;
  }
  // Block the stop signals in every thread; the main thread waits for one.
  const sigset_t stop = vum::node::BlockStopSignals();
  absl::StatusOr<vum::node::NodeConfig> config =
      vum::node::ReadServiceConfig(args, VUM_INSTALLED_CODELISTS, VUM_SOURCE_CODELISTS);
  if (!config.ok()) {
    std::cerr << "vum-node: " << config.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<vum::node::Node>> node =
      vum::node::Node::Create(*config, {.access_log = args.quiet ? nullptr : &std::cerr});
  if (!node.ok()) {
    std::cerr << "vum-node: " << node.status().message() << "\n";
    return 2;
  }
  const vum::node::StartupReport& r = (*node)->startup();
  std::cerr << absl::StrFormat(
      "vum-node: %s (%s): %d profiles, %d vacancies, %d with process data, loaded in "
      "%.2f s\n",
      config->name, config->oin, r.profiles, r.vacancies, r.process_data,
      absl::ToDoubleSeconds(r.load_time));
  if (r.leftover_uploads_removed > 0) {
    std::cerr << "vum-node: removed " << r.leftover_uploads_removed
              << " spooled upload(s) an earlier run left behind\n";
  }
  if (args.check) return 0;
  if (absl::Status s = (*node)->Start(); !s.ok()) {
    std::cerr << "vum-node: " << s.message() << "\n";
    return 2;
  }
  std::cerr << "vum-node: listening on https://" << config->host << ":" << (*node)->port()
            << std::endl;
  vum::node::WaitForStopSignal(stop, "vum-node");
  (*node)->Stop();
  return 0;
}
