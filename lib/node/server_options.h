// lib/node/server_options.h: the HTTPS server settings of a service (the node,
// the exchange facility) from its configuration.
//
// Example:
//
//   vum::server::HttpsServer::Options options = vum::node::ServerOptionsFor(config);
//   options.complete_error = ...;
//
// Thread safety: a function of its argument.

#ifndef VUM_LIB_NODE_SERVER_OPTIONS_H_
#define VUM_LIB_NODE_SERVER_OPTIONS_H_

#include "lib/node/config.h"
#include "lib/server/https_server.h"

namespace vum::node {

// The TLS files, workers, deadlines, connection caps and upload limit of
// `config`; large bodies are spooled in the folder of its database.
[[nodiscard]] server::HttpsServer::Options ServerOptionsFor(const NodeConfig& config);

}  // namespace vum::node

#endif  // VUM_LIB_NODE_SERVER_OPTIONS_H_
