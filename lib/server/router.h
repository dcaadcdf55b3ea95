// lib/server/router.h: which handler serves a request, by method and path.
//
// Paths are regular expressions matched against the whole decoded path, as
// cpp-httplib's server matched them (its Request and Response structs stay
// the handlers' types: they are plain data); the groups go to
// `Request::matches`. A path that exists for another method is told apart
// from one that does not exist, so the server can answer 405 with `Allow`
// instead of 404.
//
// Example:
//
//   vum::server::Router router;
//   router.Get("/health", [](const httplib::Request&, httplib::Response& res) {
//     res.set_content("{}", "application/json");
//   });
//   vum::server::Router::Found found = router.Find(request);
//
// Thread safety: add routes before serving; Find may then be called by any
// number of threads at once.

#ifndef VUM_LIB_SERVER_ROUTER_H_
#define VUM_LIB_SERVER_ROUTER_H_

#include <httplib.h>

#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace vum::server {

class Router {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  // A handler that reads the body itself, in pieces, as it arrives.
  using BodyHandler = std::function<void(const httplib::Request&, httplib::Response&,
                                         const httplib::ContentReader&)>;

  void Get(const std::string& pattern, Handler handler);
  void Post(const std::string& pattern, BodyHandler handler);

  struct Found {
    enum class Kind { kRoute, kWrongMethod, kNoPath };
    Kind kind = Kind::kNoPath;
    const Handler* handler = nullptr;           // a GET (and HEAD) route
    const BodyHandler* body_handler = nullptr;  // a POST route
    std::string allow;                          // kWrongMethod: "GET" or "POST"
  };
  // The route for `req`'s method and path; sets `req->matches` when found.
  // HEAD is served by the GET route (the server drops the body).
  [[nodiscard]] Found Find(httplib::Request* req) const;

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
    BodyHandler body_handler;
  };
  std::vector<Route> routes_;
};

}  // namespace vum::server

#endif  // VUM_LIB_SERVER_ROUTER_H_
