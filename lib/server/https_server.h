// lib/server/https_server.h: the HTTPS server every vum service runs (the
// node, the exchange facility), event-driven so that no slow or silent peer
// can hold it.
//
// Mutual TLS only (TLS 1.2 or later; a client certificate the configured CA
// signed, or no handshake). The connections are served by I/O threads that
// never wait on a peer: a connection waiting for a handshake, a request or a
// body costs memory, not a thread. Each phase has a deadline: the handshake,
// the request's header (also the idle time between keep-alive requests),
// and the body (a base time plus one second per MiB declared). Connections
// are capped in total and per remote address; over a cap a connection is
// closed at once.
//
// A request whose header is complete is checked before any handler runs:
// 411 for a POST without a length (and not chunked), 413 for a declared
// length over the limit, 404 for no such path, 405 (with Allow) for a path
// that exists for another method. Every body is read by the I/O threads
// before the request goes to a worker, so a peer that trickles one holds no
// worker: a small one (up to `body_in_memory_bytes`) in memory, a larger or
// chunked one into an unnamed file in `spool_folder` (lib/io/unnamed_file.h:
// no name, freed when the request ends or the process dies), which the
// handler reads through its ContentReader. Handlers run on a fixed pool of
// workers that take turns between requesters (the client certificate's
// OIN), so one requester's queue cannot starve another's. Pipelined
// requests are answered one at a time, in order.
//
// Example:
//
//   vum::server::Router router;
//   router.Get("/health", [](const httplib::Request&, httplib::Response& res) {
//     res.set_content("{}", "application/json");
//   });
//   absl::StatusOr<std::unique_ptr<vum::server::HttpsServer>> server =
//       vum::server::HttpsServer::Create(
//           {.tls = {"node.crt", "node.key", "ca.crt"}}, std::move(router));
//   absl::StatusOr<int> port = (*server)->Start("127.0.0.1", 0);
//   ...
//   (*server)->Stop();
//
// Thread safety: Start and Stop from one thread; counters() from any.

#ifndef VUM_LIB_SERVER_HTTPS_SERVER_H_
#define VUM_LIB_SERVER_HTTPS_SERVER_H_

#include <httplib.h>
#include <openssl/ssl.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/server/router.h"

namespace vum::server {

struct TlsFiles {
  std::string certificate;  // PEM chain
  std::string private_key;  // PEM
  std::string client_ca;    // PEM bundle of the CAs whose clients are served
};

struct ServerLimits {
  // Threads running handlers (not connections: a waiting connection holds
  // none).
  int workers = 8;
  // The I/O threads: handshakes, reading requests, writing answers.
  int io_threads = 2;
  absl::Duration handshake_deadline = absl::Seconds(10);
  // From the end of the previous answer (or the handshake) to the end of the
  // next request's header.
  absl::Duration header_deadline = absl::Seconds(10);
  // A body must arrive within this plus one second per MiB of its declared
  // length; a chunked body within this of each read. Also the deadline of
  // writing an answer.
  absl::Duration body_deadline = absl::Seconds(30);
  // After refusing a request whose body it has not read (413, 503, a broken
  // header), the server reads on and discards what the peer still sends, for
  // at most this long, before it closes: closing with bytes unread would reset
  // the connection, and the peer could lose the refusal it had not yet read.
  absl::Duration linger_deadline = absl::Seconds(2);
  int max_connections = 1024;
  int max_connections_per_address = 64;
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = size_t{1} << 30;
  size_t body_in_memory_bytes = size_t{1} << 20;
};

// What the server did with connections since it started.
struct ConnectionCounters {
  uint64_t open = 0;
  uint64_t accepted = 0;
  uint64_t refused_total_cap = 0;    // over max_connections
  uint64_t refused_address_cap = 0;  // over max_connections_per_address
  uint64_t handshake_timed_out = 0;
  uint64_t handshake_failed = 0;  // no or a wrong certificate, not TLS
  uint64_t header_timed_out = 0;  // a request begun and not completed
  uint64_t body_timed_out = 0;
  uint64_t requests = 0;
};

// The counters as Prometheus text (vum_connections_*).
[[nodiscard]] std::string CountersText(const ConnectionCounters& c);

// The OIN in the subject serialNumber of the peer's certificate (as
// PKIoverheid certificates carry it); empty if none.
[[nodiscard]] std::string PeerCertificateOin(const SSL* ssl);

class HttpsServer {
 public:
  // Fills the body of an answer with status 400 or more that a handler left
  // empty (or of the server's own refusals: 404, 405, 411, 413, 500 after a
  // handler threw). May be empty (no body then).
  using CompleteError = std::function<void(const httplib::Request&, httplib::Response&)>;

  struct Options {
    TlsFiles tls;
    ServerLimits limits;
    // Set on every answer unless the handler set the header.
    httplib::Headers default_headers;
    CompleteError complete_error;
    // Where bodies over limits.body_in_memory_bytes wait for their handler;
    // empty: the system's temporary folder.
    std::string spool_folder;
  };

  // INVALID_ARGUMENT when the TLS files cannot be used (not PEM, or the key
  // does not fit the certificate), a limit is out of range or the spool
  // folder is not a folder.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<HttpsServer>> Create(
      Options options, Router router);
  ~HttpsServer();  // Stop()
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  // Binds `host`:`port` (0: any free port; SO_REUSEADDR only, so a second
  // server on a port in use fails), starts serving and returns the port.
  // UNAVAILABLE if it cannot bind; FAILED_PRECONDITION if started before.
  [[nodiscard]] absl::StatusOr<int> Start(const std::string& host, int port);

  // Stops accepting, lets the requests being handled finish and their
  // answers be written (up to the body deadline), then closes every
  // connection. Requests queued but not begun are dropped with their
  // connections.
  void Stop();

  [[nodiscard]] ConnectionCounters counters() const;

  class Impl;

 private:
  explicit HttpsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum::server

#endif  // VUM_LIB_SERVER_HTTPS_SERVER_H_
