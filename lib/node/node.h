// lib/node/node.h: the exchange node, the service one source (a
// municipality, UWV, a vendor) runs so that mediators can ask it.
//
// Over HTTPS with mutual TLS only. The koppelvlak 3.0 Bron interface for the
// exchange facility (lib/node/bron_interface.h, docs/bron-openapi.json):
//   POST /api/v3/werkzoekendeProfielen/matches, GET .../{idWerkzoekende}
//   POST /api/v3/vacatures/matches, GET /api/v3/vacatures/{idVacature}
// and vum's own interface (docs/node-openapi.json):
//   POST /vum/v2/werkzoekenden/selecties   a selection question -> its result
//   GET  /vum/v2/werkzoekenden/{vumID}     the detail of one result
//   POST /vum/v2/vacatures/selecties, GET /vum/v2/vacatures/{vumID}
//   POST /vum/v2/beheer/batches            the uploader's caseload, a VUM batch
//   POST /vum/v2/beheer/procesgegevens     process data (consents), NDJSON
//   GET  /health, GET /metrics (Prometheus text)
// docs/node.md describes them. Every response of vum's own interface
// carries API-Version and traceparent, every error problem+json with a typed
// code; the Bron interface answers as the koppelvlak says. Every person selected into an
// answer or shown in a detail gets an entry in the processing log first: a request whose
// entry cannot be written is refused.
//
// Example:
//
//   absl::StatusOr<vum::node::NodeConfig> config =
//       vum::node::ReadNodeConfig("node.json");
//   if (!config.ok()) return config.status();
//   absl::StatusOr<std::unique_ptr<vum::node::Node>> node =
//       vum::node::Node::Create(*config);
//   if (node.ok() && (*node)->Start().ok()) {
//     // serving on (*node)->port()
//     (*node)->Stop();
//   }
//
// Thread safety: Start and Stop from one thread; requests are served on the
// node's own threads.

#ifndef VUM_LIB_NODE_NODE_H_
#define VUM_LIB_NODE_NODE_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/node/config.h"

namespace vum::node {

struct NodeOptions {
  // One line per request (route, status, duration, requester OIN, trace id;
  // never a value or a vumID). Null: none. Not owned.
  std::ostream* access_log = nullptr;
  // The clock; tests move it. Null: absl::Now.
  absl::Time (*now)() = nullptr;
};

// What the node found in its store at start.
struct StartupReport {
  size_t profiles = 0;
  size_t vacancies = 0;
  size_t process_data = 0;
  size_t not_located = 0;  // records whose postcode is not in the PC4 list
  // Spooled uploads a killed predecessor left behind, removed at start.
  int leftover_uploads_removed = 0;
  absl::Duration load_time;
};

class Node {
 public:
  // Checks the configuration's files (certificates, keys, code lists, the
  // PC4 list), takes the store's instance lock (FAILED_PRECONDITION naming
  // the process that holds it), removes spooled uploads a killed node left,
  // opens the store and builds the selection indexes from it. A Status
  // naming what is wrong; nothing listens yet.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Node>> Create(
      const NodeConfig& config, NodeOptions options = {});
  ~Node();  // stops
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // Listens on the configured address and serves on its own threads;
  // returns once it accepts connections. UNAVAILABLE if it cannot bind.
  // Ignores SIGPIPE for the process: a client that goes away mid-answer must
  // not end it.
  [[nodiscard]] absl::Status Start();
  // Stops accepting and waits for the requests in flight.
  void Stop();
  // The port listened on (the chosen one when the configuration says 0).
  [[nodiscard]] int port() const;
  [[nodiscard]] const StartupReport& startup() const;
  // What the node serves, as registered: "POST /vum/v2/werkzoekenden/selecties",
  // "GET /vum/v2/werkzoekenden/{vumID}", ... (docs/node-openapi.json is
  // checked against it).
  [[nodiscard]] const std::vector<std::string>& endpoints() const;

 private:
  class Impl;
  explicit Node(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_NODE_H_
