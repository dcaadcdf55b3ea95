// lib/node/koppelvlak_reply.h: what every koppelvlak 3.0 endpoint a vum
// service serves (the node's Bron interface, the facility's Bemiddelaar
// interface) does alike: check both version headers, write the koppelvlak's
// headers on every answer, and refuse with the Error body from the one table
// of lib/exchange/koppelvlak.h (a 401 without body).
//
// Example:
//
//   exchange::V3Error error;
//   std::string details;
//   if (!vum::node::VersionsSpoken(req, &error, &details))
//     return vum::node::RefuseV3(responder, x, own_oin, error, details);
//
// Thread safety: functions only.

#ifndef VUM_LIB_NODE_KOPPELVLAK_REPLY_H_
#define VUM_LIB_NODE_KOPPELVLAK_REPLY_H_

#include <httplib.h>

#include <string>

#include "absl/strings/string_view.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/node/served_request.h"

namespace vum::node {

// Whether X-VUM-berichtVersie and API-Version are both 3.0.0; if not, the
// reason (kMalformedRequest for a missing one, kUnsupportedVersion for
// another) and which header.
[[nodiscard]] bool VersionsSpoken(const httplib::Request& req, exchange::V3Error* error,
                                  std::string* details);

// The koppelvlak's headers on `res`: both versions, X-VUM-fromParty
// `own_oin`, and X-VUM-toParty and X-VUM-viaParty from the request's
// fromParty and viaParty when those are OINs.
void SetV3Headers(const httplib::Request& req, httplib::Response& res,
                  const std::string& own_oin);

// Replies with `error`'s status and Error body (none for a 401) and the
// koppelvlak's headers. `details` must hold no personal value.
void RefuseV3(Responder& responder, ServedRequest& x, const std::string& own_oin,
              exchange::V3Error error, absl::string_view details = "");

// Replies 200 with `body` (JSON) and the koppelvlak's headers.
void AnswerV3(Responder& responder, ServedRequest& x, const std::string& own_oin,
              std::string body);

// Completes an error response the HTTP server made itself on a koppelvlak
// path (no such path, a body over the limit, an exception).
void CompleteServerErrorV3(const httplib::Request& req, httplib::Response& res,
                           const std::string& own_oin);

}  // namespace vum::node

#endif  // VUM_LIB_NODE_KOPPELVLAK_REPLY_H_
