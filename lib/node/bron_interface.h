// lib/node/bron_interface.h: the Bron interface of the VUM koppelvlak 3.0 as
// a node serves it, for the exchange facility to ask:
//
//   POST /api/v3/werkzoekendeProfielen/matches   a question -> the matches
//   GET  /api/v3/werkzoekendeProfielen/{idWerkzoekende}   a detail
//   POST /api/v3/vacatures/matches, GET /api/v3/vacatures/{idVacature}
//
// The handlers are thin: the version headers, then the party register
// (PartyRegister::AuthorizeViaFacility), the quota and the processing log
// (lib/node/admission.h), the answer from vum/bron_service.h, and every
// refusal through the one table of lib/exchange/koppelvlak.h. Every response
// carries the koppelvlak's headers: both versions 3.0.0, X-VUM-fromParty this
// node, X-VUM-toParty the asker, X-VUM-viaParty as asked. A 401 has no body,
// as the contract says. docs/node.md describes each decision.
//
// Example:
//
//   vum::node::BronInterface bron({&config, &parties, &responder, &quota,
//                                  &log, profiles.get(), vacancies.get()});
//   bron.Route(server, &endpoints);
//
// Thread safety: the handlers run on every serving thread at once.

#ifndef VUM_LIB_NODE_BRON_INTERFACE_H_
#define VUM_LIB_NODE_BRON_INTERFACE_H_

#include <httplib.h>

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/node/admission.h"
#include "lib/node/config.h"
#include "lib/node/party_register.h"
#include "lib/node/served_request.h"
#include "lib/server/router.h"
#include "vum/bron_service.h"

namespace vum::node {

// What the handlers use; none owned, each outlives the interface.
struct BronContext {
  const NodeConfig* config;
  const PartyRegister* parties;
  Responder* responder;
  QuestionQuota* quota;
  ProcessingLog* log;
  const BronService* profiles;
  const BronService* vacancies;
  absl::Time (*now)() = nullptr;  // null: absl::Now
};

class BronInterface {
 public:
  explicit BronInterface(BronContext context) : c_(context) {}

  // Registers the four routes on `server` and names them in `endpoints`
  // ("POST /api/v3/werkzoekendeProfielen/matches", ...).
  void Route(server::Router& server, std::vector<std::string>* endpoints);

  // Whether `path` is under the Bron interface's base path.
  [[nodiscard]] static bool Serves(absl::string_view path);
  // Completes an error response the HTTP server made itself on a Bron path
  // (no such path, a body over the limit, an exception): the koppelvlak's
  // headers, status and Error body; a 401 stays without a body.
  static void CompleteServerError(const httplib::Request& req, httplib::Response& res,
                                  const std::string& node_oin);

 private:
  void HandleMatches(v1::SoortSelectie kind, const httplib::Request& req,
                     httplib::Response& res, const httplib::ContentReader& reader);
  void HandleDetail(v1::SoortSelectie kind, const httplib::Request& req,
                    httplib::Response& res);
  // The versions, then the parties; replies and returns false when refused.
  bool Admit(ServedRequest& x, Caller* caller);
  void Fail(ServedRequest& x, exchange::V3Error error, absl::string_view details = "");
  bool ReadQuestion(ServedRequest& x, v1::SoortSelectie kind,
                    const httplib::ContentReader& reader, v1::Selectievraag* question);
  [[nodiscard]] absl::Time Now() const;
  [[nodiscard]] const BronService& ServiceFor(v1::SoortSelectie kind) const;

  const BronContext c_;
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_BRON_INTERFACE_H_
