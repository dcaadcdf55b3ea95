#include "lib/server/router.h"

#include <utility>

namespace vum::server {

void Router::Get(const std::string& pattern, Handler handler) {
  routes_.push_back({"GET", std::regex(pattern), std::move(handler), nullptr});
}

void Router::Post(const std::string& pattern, BodyHandler handler) {
  routes_.push_back({"POST", std::regex(pattern), nullptr, std::move(handler)});
}

Router::Found Router::Find(httplib::Request* req) const {
  const std::string& method = req->method == "HEAD" ? std::string("GET") : req->method;
  Found found;
  for (const Route& r : routes_) {
    std::smatch matches;
    if (!std::regex_match(req->path, matches, r.pattern)) continue;
    if (r.method != method) {
      found.kind = Found::Kind::kWrongMethod;
      if (found.allow.find(r.method) == std::string::npos) {
        found.allow += found.allow.empty() ? r.method : ", " + r.method;
      }
      continue;
    }
    req->matches = std::move(matches);
    found.kind = Found::Kind::kRoute;
    found.handler = r.handler ? &r.handler : nullptr;
    found.body_handler = r.body_handler ? &r.body_handler : nullptr;
    found.allow.clear();
    return found;
  }
  return found;
}

}  // namespace vum::server
