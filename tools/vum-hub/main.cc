// vum-hub: the exchange facility (lib/hub/hub.h): serves the koppelvlak 3.0
// Bemiddelaar interface to mediators and asks every source's Bron interface.
// Reads one configuration file, listens until SIGINT or SIGTERM.

#include <signal.h>

#include <iostream>
#include <string>

#include "lib/hub/hub.h"
#include "lib/node/config.h"
#include "lib/node/service_main.h"

namespace {

constexpr char kUsage[] =
    "Usage: vum-hub --config FILE [--check] [--quiet]\n"
    "\n"
    "Runs the VUM exchange facility (the koppelvlak 3.0 uitwisselingsvoorziening):\n"
    "answers mediators' questions over mutual TLS by asking every source listed\n"
    "in the configuration's \"bronnen\" at once, issues vumIDs, passes details on\n"
    "within each question's quota, and keeps its own processing log. See\n"
    "docs/hub.md.\n"
    "\n"
    "Options:\n"
    "  --config FILE  the facility's configuration (JSON, as a node's, with bronnen)\n"
    "  --check        check the configuration, then exit\n"
    "  --quiet        no line per request on standard error\n"
    "  -h, --help     show this help\n"
    "\n"
    "Exit status: 0 stopped by a signal or checked, 2 could not start.\n";

}  // namespace

int main(int argc, char** argv) {
  vum::node::ServiceArgs args;
  if (std::optional<int> exit =
          vum::node::ParseServiceArgs(argc, argv, "vum-hub", kUsage, &args)) {
    return *exit;
  }
  // Block the stop signals in every thread; the main thread waits for one.
  const sigset_t stop = vum::node::BlockStopSignals();
  absl::StatusOr<vum::node::NodeConfig> config =
      vum::node::ReadServiceConfig(args, VUM_INSTALLED_CODELISTS, VUM_SOURCE_CODELISTS);
  if (!config.ok()) {
    std::cerr << "vum-hub: " << config.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<vum::hub::Hub>> hub =
      vum::hub::Hub::Create(*config, {.access_log = args.quiet ? nullptr : &std::cerr});
  if (!hub.ok()) {
    std::cerr << "vum-hub: " << hub.status().message() << "\n";
    return 2;
  }
  if (args.check) return 0;
  if (absl::Status s = (*hub)->Start(); !s.ok()) {
    std::cerr << "vum-hub: " << s.message() << "\n";
    return 2;
  }
  std::cerr << "vum-hub: " << config->name << " (" << config->oin
            << ") listening on https://" << config->host << ":" << (*hub)->port()
            << std::endl;
  vum::node::WaitForStopSignal(stop, "vum-hub");
  (*hub)->Stop();
  return 0;
}
