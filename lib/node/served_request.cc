#include "lib/node/served_request.h"

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/server/https_server.h"
#include "vum/ids.h"

namespace vum::node {

std::string CertificateOin(const httplib::Request& req) {
  return server::PeerCertificateOin(req.ssl);
}

std::optional<std::string> HeaderOf(const httplib::Request& req, const char* name) {
  if (!req.has_header(name)) return std::nullopt;
  return req.get_header_value(name);
}

void DiscardBody(const httplib::ContentReader& reader) {
  constexpr size_t kMaxDiscarded = size_t{4} << 20;
  size_t read = 0;
  reader([&](const char*, size_t n) {
    read += n;
    return read <= kMaxDiscarded;
  });
}

bool ReadBodyUpTo(const httplib::ContentReader& reader, size_t limit, std::string* body) {
  bool too_large = false;
  reader([&](const char* data, size_t n) {
    too_large = body->size() + n > limit;
    if (!too_large) body->append(data, n);
    return !too_large;
  });
  return !too_large;
}

ServedRequest Responder::Begin(const httplib::Request& req, httplib::Response& res,
                               std::string route) const {
  std::optional<exchange::TraceContext> parent =
      exchange::ParseTraceparent(req.get_header_value(exchange::kTraceparentHeader));
  return {req,
          res,
          std::move(route),
          parent ? exchange::ChildSpan(*parent) : exchange::NewTrace(),
          absl::Now(),
          ""};
}

void Responder::Reply(ServedRequest& x, int status, std::string body, const char* type) {
  x.res.status = status;
  x.res.set_header(exchange::kTraceparentHeader, x.trace.Header());
  if (!body.empty() || status != 401) x.res.set_content(std::move(body), type);
  const absl::Duration took = absl::Now() - x.start;
  metrics_->Request(x.route, status, took);
  if (access_log_ == nullptr) return;
  std::lock_guard lock(mu_);
  *access_log_ << Rfc3339(absl::Now()) << " route=" << x.route << " status=" << status
               << absl::StrFormat(" ms=%.2f", absl::ToDoubleMilliseconds(took))
               << " aanvrager=" << (x.requester.empty() ? "-" : x.requester)
               << " trace=" << x.trace.trace_id << "\n";
}

}  // namespace vum::node
