// lib/node/party_register.h: who may do what at a node, and who a request is
// from.
//
// A request's parties come from two places: the OIN in the requester's TLS
// certificate (subject serialNumber, as PKIoverheid certificates carry it),
// which is proven, and the X-VUM-* headers, which are claims. Authorize checks
// every claim against the certificate and the node's register: the sender
// (X-VUM-fromParty) is the certificate's holder, or a processor
// (X-VUM-viaParty, then the certificate's holder) acts for it; the request is
// for this node (X-VUM-toParty); a claimed legal basis (X-VUM-SUWIParty) is
// the register's. Nothing is taken on trust.
//
// Example:
//
//   absl::StatusOr<vum::node::PartyRegister> reg =
//       vum::node::PartyRegister::Create(parties);
//   if (!reg.ok()) return reg.status();
//   absl::StatusOr<vum::node::Caller> caller =
//       reg->Authorize(node_oin, cert_oin, headers, vum::node::Access::kAsk);
//
// Thread safety: const methods may be called concurrently.

#ifndef VUM_LIB_NODE_PARTY_REGISTER_H_
#define VUM_LIB_NODE_PARTY_REGISTER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vum::node {

struct Party {
  std::string oin;
  std::string name;
  bool may_ask = false;   // may ask selection questions and details
  bool suwi = false;      // a SUWI party: a legal basis to see detail profiles
  bool may_load = false;  // may upload its own caseload to this node
  // The controllers this party acts for as a processor (their OINs).
  std::vector<std::string> processor_for;
  // The exchange facility (the koppelvlak 3.0's uitwisselingsvoorziening):
  // may call the Bron interface on behalf of the askers it names.
  bool exchange_facility = false;
};

// What a request wants to do: ask (a role), load (a role), or have records
// validated (any registered party).
enum class Access { kAsk, kLoad, kValidate };

// The X-VUM-* headers as they arrived; absent ones are nullopt.
struct PartyHeaders {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> via;
  std::optional<std::string> suwi;
};

// Who a request is from, once proven.
struct Caller {
  std::string controller_oin;  // X-VUM-fromParty
  std::string processor_oin;   // X-VUM-viaParty, or empty
  bool legal_basis = false;    // a SUWI party that claimed it
};

class PartyRegister {
 public:
  // INVALID_ARGUMENT for an OIN that is not 20 digits, a party named twice,
  // or a processor for a party that is not in the register.
  [[nodiscard]] static absl::StatusOr<PartyRegister> Create(std::vector<Party> parties);

  // The party with `oin`, or null.
  [[nodiscard]] const Party* Find(absl::string_view oin) const;

  // UNAUTHENTICATED without a certificate OIN; INVALID_ARGUMENT for a
  // missing or malformed header; PERMISSION_DENIED for a request for another
  // node, a sender the certificate does not prove, a party not registered or
  // without the right, or a legal basis claimed without one. Messages name
  // the header and the reason, never a header's value.
  [[nodiscard]] absl::StatusOr<Caller> Authorize(absl::string_view node_oin,
                                                 absl::string_view certificate_oin,
                                                 const PartyHeaders& headers,
                                                 Access access) const;

  // A request on the Bron interface (koppelvlak 3.0): the certificate's
  // holder is a registered exchange facility, which asks for the controller
  // in X-VUM-fromParty (registered, with the right to ask); X-VUM-toParty is
  // this node; X-VUM-viaParty is an OIN (checked for form only: the
  // koppelvlak's README gives it two meanings); X-VUM-SUWIparty is "true" or
  // "false", and "true" only for a party the register knows as SUWI. The
  // caller's processor_oin is the facility. Codes and messages as Authorize.
  [[nodiscard]] absl::StatusOr<Caller> AuthorizeViaFacility(
      absl::string_view node_oin, absl::string_view certificate_oin,
      const PartyHeaders& headers) const;

  [[nodiscard]] size_t size() const { return parties_.size(); }

 private:
  absl::flat_hash_map<std::string, Party> parties_;
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_PARTY_REGISTER_H_
