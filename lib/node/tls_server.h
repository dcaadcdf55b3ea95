// lib/node/tls_server.h: the HTTPS server every vum service runs (the node,
// the exchange facility): mutual TLS only, TLS 1.2 or later, a client
// certificate the configured CA signed or no handshake; a pool of worker
// threads; and the listening thread.
//
// Example:
//
//   absl::StatusOr<std::unique_ptr<httplib::SSLServer>> server =
//       vum::node::MutualTlsServer(config);
//   vum::node::Listener listener;
//   absl::StatusOr<int> port = listener.Start(**server, config.host, config.port);
//   ...
//   listener.Stop(**server);
//
// Thread safety: Start and Stop from one thread.

#ifndef VUM_LIB_NODE_TLS_SERVER_H_
#define VUM_LIB_NODE_TLS_SERVER_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "lib/node/config.h"

namespace vum::node {

// A server with the configuration's certificate, key, client CA bundle,
// workers, read timeout and upload limit. INVALID_ARGUMENT when the files
// cannot be used (not PEM, or the key does not fit the certificate).
[[nodiscard]] absl::StatusOr<std::unique_ptr<httplib::SSLServer>> MutualTlsServer(
    const NodeConfig& config);

// Serves a server on a thread of its own.
class Listener {
 public:
  ~Listener();  // joins the thread; the server must have been stopped
  // Binds `host`:`port` (0: any free port), serves, and returns the port once
  // connections are accepted. UNAVAILABLE if it cannot bind or start.
  // Ignores SIGPIPE for the process: a client that goes away mid-answer must
  // not end it.
  [[nodiscard]] absl::StatusOr<int> Start(httplib::Server& server,
                                          const std::string& host, int port);
  // Stops accepting and waits for the requests in flight.
  void Stop(httplib::Server& server);

 private:
  std::thread thread_;
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_TLS_SERVER_H_
