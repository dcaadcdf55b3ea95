#include "lib/server/router.h"

#include <gtest/gtest.h>

namespace vum::server {
namespace {

using Kind = Router::Found::Kind;

Router Routes() {
  Router r;
  r.Get("/items/([0-9a-f]+)", [](const httplib::Request&, httplib::Response&) {});
  r.Post("/items/matches", [](const httplib::Request&, httplib::Response&,
                              const httplib::ContentReader&) {});
  r.Get("/both", [](const httplib::Request&, httplib::Response&) {});
  r.Post("/both", [](const httplib::Request&, httplib::Response&,
                     const httplib::ContentReader&) {});
  return r;
}

Router::Found Find(const Router& r, const std::string& method, const std::string& path,
                   httplib::Request* req) {
  req->method = method;
  req->path = path;
  return r.Find(req);
}

TEST(RouterTest, FindsTheRouteAndItsGroups) {
  const Router r = Routes();
  httplib::Request req;
  const Router::Found found = Find(r, "GET", "/items/00ff", &req);
  EXPECT_EQ(found.kind, Kind::kRoute);
  EXPECT_NE(found.handler, nullptr);
  EXPECT_EQ(found.body_handler, nullptr);
  ASSERT_EQ(req.matches.size(), 2u);
  EXPECT_EQ(req.matches[1], "00ff");
  EXPECT_NE(Find(r, "POST", "/items/matches", &req).body_handler, nullptr);
  EXPECT_EQ(Find(r, "HEAD", "/items/00ff", &req).kind, Kind::kRoute);
}

TEST(RouterTest, TellsAWrongMethodFromAMissingPath) {
  const Router r = Routes();
  httplib::Request req;
  const Router::Found wrong = Find(r, "DELETE", "/both", &req);
  EXPECT_EQ(wrong.kind, Kind::kWrongMethod);
  EXPECT_EQ(wrong.allow, "GET, POST");
  EXPECT_EQ(Find(r, "POST", "/items/00ff", &req).allow, "GET");
  // The whole path must match: no prefix, no trailing part.
  EXPECT_EQ(Find(r, "GET", "/items/00ff/x", &req).kind, Kind::kNoPath);
  EXPECT_EQ(Find(r, "GET", "/items/", &req).kind, Kind::kNoPath);
  EXPECT_EQ(Find(r, "GET", "/nothing", &req).kind, Kind::kNoPath);
}

}  // namespace
}  // namespace vum::server
