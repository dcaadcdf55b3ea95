// lib/ask/asker.h: the asking side of the exchange: one selection question
// to many nodes at once, over mutual TLS, merged into one answer.
//
// Every node gets the question concurrently, with the same trace id, and a
// deadline (10 s by default); the answer says per node whether it answered,
// refused (with the problem's code and rule ids), failed or timed out. A
// node may report criteria it did not apply (genegeerdCriterium); the asker
// applies those itself to that node's results, so that the merged answer
// never holds a result that breaks the question. A criterion the asker
// cannot apply either is reported; that node's results are then dropped,
// since none can be shown to fit.
//
// Example:
//
//   auto asker = vum::ask::Asker::Create(identity, {.compiler = compiler.get(),
//                                                   .pc4 = &pc4});
//   vum::ask::MergedAnswer merged = (*asker)->Ask(question, nodes);
//   std::cout << vum::ask::MergedJson(merged);
//
// Thread safety: Ask and Detail may be called concurrently.

#ifndef VUM_LIB_ASK_ASKER_H_
#define VUM_LIB_ASK_ASKER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "vum/pc4.h"
#include "vum/selection.h"
#include "vum/v1/selection.pb.h"

namespace vum::ask {

// A node to ask.
struct NodeAddress {
  std::string oin;   // the node's organisation (X-VUM-toParty)
  std::string name;  // for people
  std::string host;
  int port = 443;
};

// "https://host[:port][/]" into `out`'s host and port; false if it is not one.
[[nodiscard]] bool ParseNodeUrl(absl::string_view url, NodeAddress* out);

// Reads a node list: a JSON array of {"oin", "naam", "url": "https://host:port"}.
// INVALID_ARGUMENT naming the entry and what is wrong; NOT_FOUND if unreadable.
[[nodiscard]] absl::StatusOr<std::vector<NodeAddress>> ReadNodeList(
    const std::string& path);

// Who asks, and the certificates that prove it.
struct Identity {
  std::string certificate;  // PEM, the asker's (or its processor's)
  std::string private_key;
  std::string ca;        // the CA bundle the nodes' certificates must chain to
  std::string from_oin;  // X-VUM-fromParty
  std::string via_oin;   // X-VUM-viaParty: a processor asking for from_oin
  bool suwi = false;     // X-VUM-SUWIParty: claims a legal basis
};

struct AskOptions {
  absl::Duration deadline = absl::Seconds(10);
  // For applying ignored criteria; not owned, must outlive the asker.
  const QuestionCompiler* compiler = nullptr;
  const Pc4Register* pc4 = nullptr;
};

enum class Outcome { kAnswered, kRefused, kFailed, kTimedOut };
// "beantwoord", "geweigerd", "mislukt", "verlopen".
[[nodiscard]] const char* OutcomeName(Outcome outcome);

struct NodeAnswer {
  NodeAddress node;
  Outcome outcome = Outcome::kFailed;
  int http_status = 0;                // 0 when no response came
  std::string problem_code;           // the node's typed code, when it refused
  std::string detail;                 // why, for people; never a value
  std::vector<std::string> rule_ids;  // of a refused question
  v1::Selectieresultaat result;       // when answered, after local filtering
  // Criteria the node ignored and the asker applied, by index in the question.
  std::vector<int> applied_locally;
  // Criteria neither could apply; the node's results are dropped then.
  std::vector<int> not_applied;
  int removed_locally = 0;  // results the local criteria removed
  absl::Duration took;
};

struct MergedAnswer {
  std::string trace_id;
  std::vector<NodeAnswer> nodes;  // in the order asked
  [[nodiscard]] int results() const;
};

// The merged answer as JSON: {"traceId", "bronnen": [...per node...],
// "resultaten": [{"bron": OIN, ...a Selectieresultaatregel...}]}.
[[nodiscard]] std::string MergedJson(const MergedAnswer& merged);

class Asker {
 public:
  // Ignores SIGPIPE for the process (a node that goes away must not end it).
  // INVALID_ARGUMENT without a compiler and PC4 list, or for a from OIN that
  // is not 20 digits; NOT_FOUND for a certificate file that cannot be read.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Asker>> Create(Identity identity,
                                                                     AskOptions options);
  ~Asker();
  Asker(const Asker&) = delete;
  Asker& operator=(const Asker&) = delete;

  // Asks every node; returns when all answered or the deadline passed.
  [[nodiscard]] MergedAnswer Ask(const v1::Selectievraag& question,
                                 const std::vector<NodeAddress>& nodes) const;

  // The detail of one result from the node that gave it. The Status code
  // follows the node's answer (NOT_FOUND, PERMISSION_DENIED,
  // RESOURCE_EXHAUSTED, ...); DEADLINE_EXCEEDED or UNAVAILABLE when it did
  // not answer.
  [[nodiscard]] absl::StatusOr<v1::Detailantwoord> Detail(
      const NodeAddress& node, v1::SoortSelectie kind, const std::string& vum_id) const;

 private:
  class Impl;
  explicit Asker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum::ask

#endif  // VUM_LIB_ASK_ASKER_H_
