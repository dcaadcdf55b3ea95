// lib/node/vum_interface.h: vum's own interface of a node, beside the
// koppelvlak 3.0 Bron interface (lib/node/bron_interface.h):
//
//   POST /vum/v2/werkzoekenden/selecties   a selection question -> its result
//   GET  /vum/v2/werkzoekenden/{vumID}     the detail of one result
//   POST /vum/v2/vacatures/selecties, GET /vum/v2/vacatures/{vumID}
//   POST /vum/v2/beheer/batches            the uploader's caseload, a VUM batch
//   POST /vum/v2/beheer/procesgegevens     process data (consents), NDJSON
//   POST /vum/validatie                    records judged by the node's validator
//
// The handlers are thin, as the Bron interface's: the party register
// (PartyRegister::Authorize), the quota and the processing log
// (lib/node/admission.h), the answer from vum/selection_service.h or the
// upload (lib/node/upload.h), every refusal a problem detail (RFC 9457)
// with a typed code. docs/node.md and docs/node-openapi.json describe it.
//
// Example:
//
//   vum::node::VumInterface vum_interface(context);
//   vum_interface.Route(server, &endpoints);
//
// Thread safety: the handlers run on every serving thread at once.

#ifndef VUM_LIB_NODE_VUM_INTERFACE_H_
#define VUM_LIB_NODE_VUM_INTERFACE_H_

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "lib/node/admission.h"
#include "lib/node/config.h"
#include "lib/node/party_register.h"
#include "lib/node/served_request.h"
#include "lib/node/upload.h"
#include "lib/server/router.h"
#include "vum/selection_service.h"
#include "vum/validator.h"

namespace vum::node {

// What the handlers use; none owned, each outlives the interface.
struct VumContext {
  const NodeConfig* config;
  const PartyRegister* parties;
  Responder* responder;
  QuestionQuota* quota;
  ProcessingLog* log;
  const Validator* validator;
  SelectionService* profiles;
  SelectionService* vacancies;
  UploadTarget upload;
  // Called after an upload changed the caseload (the records gauge).
  std::function<void()> records_changed;
  absl::Time (*now)() = nullptr;  // null: absl::Now
};

class VumInterface {
 public:
  explicit VumInterface(VumContext context);
  ~VumInterface();
  VumInterface(const VumInterface&) = delete;
  VumInterface& operator=(const VumInterface&) = delete;

  // Registers the routes on `server` and names them in `endpoints`
  // ("POST /vum/v2/werkzoekenden/selecties", ...).
  void Route(server::Router& server, std::vector<std::string>* endpoints);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_VUM_INTERFACE_H_
