#include "lib/node/service_main.h"

#include <pthread.h>

#include <iostream>

#include "lib/io/install_dir.h"

namespace vum::node {

std::optional<int> ParseServiceArgs(int argc, char** argv, const char* name,
                                    const char* usage, ServiceArgs* out) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << usage;
      return 0;
    } else if (arg == "--config" && i + 1 < argc) {
      out->config_path = argv[++i];
    } else if (arg == "--check") {
      out->check = true;
    } else if (arg == "--quiet") {
      out->quiet = true;
    } else {
      std::cerr << name << ": unknown option "
                << (arg.size() > 40 ? arg.substr(0, 40) : arg) << "\n"
                << usage;
      return 2;
    }
  }
  if (out->config_path.empty()) {
    std::cerr << name << ": --config FILE is required\n" << usage;
    return 2;
  }
  return std::nullopt;
}

absl::StatusOr<NodeConfig> ReadServiceConfig(const ServiceArgs& args,
                                             const std::string& installed,
                                             const std::string& source) {
  absl::StatusOr<NodeConfig> config = ReadNodeConfig(args.config_path);
  if (config.ok() && config->codelists_dir.empty()) {
    config->codelists_dir = io_internal::DefaultCodeListsDir(installed, source);
  }
  return config;
}

sigset_t BlockStopSignals() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  return stop;
}

void WaitForStopSignal(const sigset_t& stop, const char* name) {
  int signal = 0;
  sigwait(&stop, &signal);
  std::cerr << name << ": stopping (signal " << signal << ")" << std::endl;
}

}  // namespace vum::node
