// lib/node/served_request.h: one request while the node serves it, and the
// one place its answer is written: status and body, the trace header, the
// request metrics and the access log line.
//
// The access log holds the route, status, duration, the requester's OIN and
// the trace id; never a value, an id of a record or a vumID.
//
// Example:
//
//   vum::node::Responder responder(&metrics, &std::clog, absl::Now);
//   vum::node::ServedRequest x = responder.Begin(req, res, "health");
//   responder.Reply(x, 200, "{}", "application/json");
//
// Thread safety: a Responder may be used by all serving threads at once.

#ifndef VUM_LIB_NODE_SERVED_REQUEST_H_
#define VUM_LIB_NODE_SERVED_REQUEST_H_

#include <httplib.h>

#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include "absl/time/time.h"
#include "lib/exchange/wire.h"
#include "lib/node/metrics.h"

namespace vum::node {

// The state of one request while it is served. Refers to the request and
// response, which outlive it.
struct ServedRequest {
  const httplib::Request& req;
  httplib::Response& res;
  std::string route;
  exchange::TraceContext trace;
  absl::Time start;
  std::string requester;  // the asking controller's OIN, once admitted
};

// The OIN in the client certificate's subject serialNumber (as PKIoverheid
// certificates carry it); empty if none.
[[nodiscard]] std::string CertificateOin(const httplib::Request& req);

// The header's value; nullopt when the request lacks it.
[[nodiscard]] std::optional<std::string> HeaderOf(const httplib::Request& req,
                                                  const char* name);

// Reads and drops the body of a refused request, up to 4 MiB, so that the
// client gets the refusal instead of a connection closed while it still
// writes; a larger body is cut off (the client then sees a closed
// connection, as for any request over a limit).
void DiscardBody(const httplib::ContentReader& reader);

// Reads the body into `body` up to `limit` bytes; false (reading stopped)
// when it is larger.
[[nodiscard]] bool ReadBodyUpTo(const httplib::ContentReader& reader, size_t limit,
                                std::string* body);

class Responder {
 public:
  // `metrics` is not owned and must outlive the responder; `access_log` may
  // be null (no access log), else not owned and must outlive it.
  Responder(Metrics* metrics, std::ostream* access_log)
      : metrics_(metrics), access_log_(access_log) {}

  // Starts serving `req`: a child span of its traceparent, or a new trace.
  [[nodiscard]] ServedRequest Begin(const httplib::Request& req, httplib::Response& res,
                                    std::string route) const;
  // Sets the status, body and trace header, counts the request and writes
  // its access log line.
  void Reply(ServedRequest& x, int status, std::string body, const char* type);

 private:
  Metrics* const metrics_;
  std::ostream* const access_log_;
  std::mutex mu_;  // guards access_log_
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_SERVED_REQUEST_H_
