// vum-node: the exchange node a source runs (lib/node/node.h). Reads one
// configuration file, loads its store, listens until SIGINT or SIGTERM.

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "absl/strings/str_format.h"
#include "lib/io/install_dir.h"
#include "lib/node/config.h"
#include "lib/node/node.h"

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

// Where the code lists are when the configuration names none: installed, or
// the source tree's when run from a build folder.
std::string DefaultCodeLists() {
  const std::optional<std::string> beside =
      vum::io_internal::InstalledDataDir("codelists");
  if (beside && std::filesystem::exists(*beside + "/pc4.tsv")) return *beside;
  if (std::filesystem::exists(std::string(VUM_INSTALLED_CODELISTS) + "/pc4.tsv")) {
    return VUM_INSTALLED_CODELISTS;
  }
  return VUM_SOURCE_CODELISTS;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path;
  bool check = false, quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--quiet") {
      quiet = true;
    } else {
      std::cerr << "vum-node: unknown option "
                << (arg.size() > 40 ? arg.substr(0, 40) : arg) << "\n"
                << kUsage;
      return 2;
    }
  }
  if (config_path.empty()) {
    std::cerr << "vum-node: --config FILE is required\n" << kUsage;
    return 2;
  }
  // Block the stop signals in every thread; the main thread waits for one.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  absl::StatusOr<vum::node::NodeConfig> config = vum::node::ReadNodeConfig(config_path);
  if (!config.ok()) {
    std::cerr << "vum-node: " << config.status().message() << "\n";
    return 2;
  }
  if (config->codelists_dir.empty()) config->codelists_dir = DefaultCodeLists();
  absl::StatusOr<std::unique_ptr<vum::node::Node>> node =
      vum::node::Node::Create(*config, {.access_log = quiet ? nullptr : &std::cerr});
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
  if (check) return 0;
  if (absl::Status s = (*node)->Start(); !s.ok()) {
    std::cerr << "vum-node: " << s.message() << "\n";
    return 2;
  }
  std::cerr << "vum-node: listening on https://" << config->host << ":" << (*node)->port()
            << std::endl;
  int signal = 0;
  sigwait(&stop, &signal);
  std::cerr << "vum-node: stopping (signal " << signal << ")" << std::endl;
  (*node)->Stop();
  return 0;
}
