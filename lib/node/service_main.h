// lib/node/service_main.h: what the service executables (vum-node, vum-hub)
// share: the command line --config FILE [--check] [--quiet] and serving
// until SIGINT or SIGTERM.
//
// Example (a main):
//
//   vum::node::ServiceArgs args;
//   if (std::optional<int> exit = vum::node::ParseServiceArgs(argc, argv, "vum-hub",
//                                                             kUsage, &args))
//     return *exit;
//   const sigset_t stop = vum::node::BlockStopSignals();
//   ... start ...
//   vum::node::WaitForStopSignal(stop, "vum-hub");
//
// Thread safety: call from main, before other threads start.

#ifndef VUM_LIB_NODE_SERVICE_MAIN_H_
#define VUM_LIB_NODE_SERVICE_MAIN_H_

#include <signal.h>

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "lib/node/config.h"

namespace vum::node {

struct ServiceArgs {
  std::string config_path;
  bool check = false;  // check the configuration (and store), then exit
  bool quiet = false;  // no access log on standard error
};

// Reads the command line; prints `usage` for --help (exit 0) or a mistake
// (exit 2), returning the exit status then; nullopt to go on.
[[nodiscard]] std::optional<int> ParseServiceArgs(int argc, char** argv, const char* name,
                                                  const char* usage, ServiceArgs* out);

// The configuration `args` names, its code lists the installed ones (beside
// the executable, else `installed`, else `source`) when it names none.
[[nodiscard]] absl::StatusOr<NodeConfig> ReadServiceConfig(const ServiceArgs& args,
                                                           const std::string& installed,
                                                           const std::string& source);

// Blocks SIGINT and SIGTERM for this thread and the threads it starts.
[[nodiscard]] sigset_t BlockStopSignals();

// Waits for one of `stop` and says so on standard error as `name`.
void WaitForStopSignal(const sigset_t& stop, const char* name);

}  // namespace vum::node

#endif  // VUM_LIB_NODE_SERVICE_MAIN_H_
