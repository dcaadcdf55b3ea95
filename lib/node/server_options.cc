#include "lib/node/server_options.h"

#include <filesystem>

namespace vum::node {

server::HttpsServer::Options ServerOptionsFor(const NodeConfig& config) {
  const NodeLimits& l = config.limits;
  server::HttpsServer::Options options;
  options.tls = {config.certificate, config.private_key, config.client_ca};
  options.limits.workers = l.workers;
  options.limits.handshake_deadline = l.handshake_timeout;
  options.limits.header_deadline = l.header_timeout;
  options.limits.body_deadline = l.read_timeout;
  options.limits.max_connections = l.max_connections;
  options.limits.max_connections_per_address = l.max_connections_per_address;
  options.limits.max_body_bytes = l.max_upload_bytes;
  // Large bodies wait beside the store, as its uploads do.
  if (!config.database.empty()) {
    std::error_code error;
    const std::filesystem::path store = std::filesystem::absolute(config.database, error);
    if (!error) options.spool_folder = store.parent_path().string();
  }
  return options;
}

}  // namespace vum::node
