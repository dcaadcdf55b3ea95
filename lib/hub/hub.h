// lib/hub/hub.h: the exchange facility (the koppelvlak 3.0's VUM
// uitwisselingsvoorziening, the Inlichtingenbureau's role) that vum-hub
// runs: it serves the Bemiddelaar interface to mediators and asks every
// source's Bron interface for them.
//
//   POST /api/v3/werkzoekendeProfielen/matches   a question -> merged matches
//   GET  /api/v3/werkzoekendeProfielen/{vumID}    a detail, from its source
//   POST /api/v3/vacatures/matches, GET /api/v3/vacatures/{vumID}
//
// A question is checked (versions, parties, the standard's rules, the
// asker's daily quota), passed unchanged to every source at once and
// answered with what came back within the deadline: each source's answer
// read within limits and against the contract (lib/hub/source_answer.h),
// each match under a vumID the facility issues (a keyed hash of the
// question, the source and its id: unlinkable between questions), a
// vraagID, and the cap's flag if any source was capped. Sources that fail,
// hang, answer late or over-share are left out and counted, without failing
// the answer. A detail is asked of the match's source, at most
// detailsPerVraag per vraagID, only by the asker of the question. Every
// match passed on and every detail is written to the facility's own
// processing log first. docs/hub.md describes it.
//
// Example:
//
//   absl::StatusOr<vum::node::NodeConfig> config =
//       vum::node::ReadNodeConfig("hub.json");
//   auto hub = vum::hub::Hub::Create(*config);
//   if (hub.ok() && (*hub)->Start().ok()) { /* serving on (*hub)->port() */ }
//
// Thread safety: Start and Stop from one thread; requests are served on the
// facility's own threads.

#ifndef VUM_LIB_HUB_HUB_H_
#define VUM_LIB_HUB_HUB_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/node/config.h"

namespace vum::hub {

// One request on the Bemiddelaar interface as the asker sent it and as it
// was answered: for the accreditation of an asking client
// (lib/accredit/mediator.h). Holds no value of a record: the question is
// criteria, the headers are the protocol's.
struct ObservedRequest {
  bool detail = false;     // a detail, else a question
  std::string collection;  // "werkzoekendeProfielen" or "vacatures"
  std::string method;
  std::string certificate_oin;                               // of the client certificate
  std::vector<std::pair<std::string, std::string>> headers;  // X-VUM-*, API-Version
  std::string question;  // a question's body as read; empty for a detail
  int status = 0;
  std::string error_code;  // the Error body's code ("400.02"), if refused
};

struct HubOptions {
  // One line per request (route, status, duration, asker; never a value, a
  // vumID or a source's id). Null: none. Not owned.
  std::ostream* access_log = nullptr;
  // The clock; tests move it. Null: absl::Now.
  absl::Time (*now)() = nullptr;
  // Called after every request on the Bemiddelaar interface is answered, by
  // the serving threads at once. Null: none.
  std::function<void(const ObservedRequest&)> observe;
};

class Hub {
 public:
  // Checks the configuration's files, reads the sources' list ("bronnen")
  // and opens the store of the processing log. A Status naming what is
  // wrong (INVALID_ARGUMENT for a configuration without sources).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Hub>> Create(
      const node::NodeConfig& config, HubOptions options = {});
  ~Hub();  // stops
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Listens and serves; UNAVAILABLE if it cannot bind.
  [[nodiscard]] absl::Status Start();
  void Stop();
  [[nodiscard]] int port() const;
  // "POST /api/v3/werkzoekendeProfielen/matches", ...
  [[nodiscard]] const std::vector<std::string>& endpoints() const;
  // Questions and vumIDs held in memory.
  [[nodiscard]] std::pair<size_t, size_t> remembered() const;

 private:
  class Impl;
  explicit Hub(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum::hub

#endif  // VUM_LIB_HUB_HUB_H_
