#include "lib/node/party_register.h"

#include "absl/strings/str_cat.h"
#include "lib/validate/formats.h"

namespace vum::node {
namespace {

using validate_internal::IsOin;

absl::Status Denied(absl::string_view why) {
  return absl::PermissionDeniedError(std::string(why));
}

}  // namespace

absl::StatusOr<PartyRegister> PartyRegister::Create(std::vector<Party> parties) {
  PartyRegister reg;
  for (size_t i = 0; i < parties.size(); ++i) {
    if (!IsOin(parties[i].oin)) {
      return absl::InvalidArgumentError(
          absl::StrCat("party ", i, ": the OIN is not 20 digits"));
    }
    const std::string oin = parties[i].oin;
    if (!reg.parties_.emplace(oin, std::move(parties[i])).second) {
      return absl::InvalidArgumentError(absl::StrCat("party ", i, ": registered twice"));
    }
  }
  for (const auto& [oin, party] : reg.parties_) {
    for (const std::string& controller : party.processor_for) {
      if (!reg.parties_.contains(controller)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "party ", oin, " acts as processor for a party that is not registered"));
      }
    }
  }
  return reg;
}

const Party* PartyRegister::Find(absl::string_view oin) const {
  auto it = parties_.find(oin);
  return it == parties_.end() ? nullptr : &it->second;
}

absl::StatusOr<Caller> PartyRegister::Authorize(absl::string_view node_oin,
                                                absl::string_view certificate_oin,
                                                const PartyHeaders& h,
                                                Access access) const {
  if (!IsOin(certificate_oin)) {
    return absl::UnauthenticatedError(
        "the client certificate carries no OIN (subject serialNumber)");
  }
  for (const auto& [name, value] :
       {std::pair{"X-VUM-fromParty", &h.from}, std::pair{"X-VUM-toParty", &h.to}}) {
    if (!value->has_value())
      return absl::InvalidArgumentError(absl::StrCat(name, " is missing"));
    if (!IsOin(**value))
      return absl::InvalidArgumentError(absl::StrCat(name, " is not an OIN"));
  }
  if (h.via.has_value() && !IsOin(*h.via)) {
    return absl::InvalidArgumentError("X-VUM-viaParty is not an OIN");
  }
  bool claims_suwi = false;
  if (h.suwi.has_value()) {
    if (*h.suwi != "true" && *h.suwi != "false") {
      return absl::InvalidArgumentError("X-VUM-SUWIParty is neither true nor false");
    }
    claims_suwi = *h.suwi == "true";
  }
  if (*h.to != node_oin)
    return Denied("X-VUM-toParty names another organisation than this node");
  const Party* from = Find(*h.from);
  if (from == nullptr)
    return Denied("X-VUM-fromParty is not in this node's party register");
  Caller caller{*h.from, "", false};
  // A viaParty that names the sender itself is no processor (the koppelvlak
  // 3.0 requires the header; a mediator asking for itself names itself).
  if (h.via.has_value() && *h.via != *h.from) {
    if (*h.via != certificate_oin) {
      return Denied("X-VUM-viaParty is not the holder of the client certificate");
    }
    const Party* via = Find(*h.via);
    if (via == nullptr || std::find(via->processor_for.begin(), via->processor_for.end(),
                                    *h.from) == via->processor_for.end()) {
      return Denied(
          "X-VUM-viaParty is not registered as a processor for X-VUM-fromParty");
    }
    caller.processor_oin = *h.via;
  } else if (*h.from != certificate_oin) {
    return Denied("X-VUM-fromParty is not the holder of the client certificate");
  }
  if (access == Access::kAsk && !from->may_ask) {
    return Denied("X-VUM-fromParty may not ask this node");
  }
  if (access == Access::kLoad && !from->may_load) {
    return Denied("X-VUM-fromParty may not load data into this node");
  }
  if (claims_suwi && !from->suwi) {
    return Denied(
        "X-VUM-SUWIParty is claimed by a party the register does not know as one");
  }
  caller.legal_basis = claims_suwi;
  return caller;
}

absl::StatusOr<Caller> PartyRegister::AuthorizeViaFacility(
    absl::string_view node_oin, absl::string_view certificate_oin,
    const PartyHeaders& h) const {
  if (!IsOin(certificate_oin)) {
    return absl::UnauthenticatedError(
        "the client certificate carries no OIN (subject serialNumber)");
  }
  for (const auto& [name, value] :
       {std::pair{"X-VUM-fromParty", &h.from}, std::pair{"X-VUM-toParty", &h.to},
        std::pair{"X-VUM-viaParty", &h.via}}) {
    if (!value->has_value())
      return absl::InvalidArgumentError(absl::StrCat(name, " is missing"));
    if (!IsOin(**value))
      return absl::InvalidArgumentError(absl::StrCat(name, " is not an OIN"));
  }
  if (!h.suwi.has_value())
    return absl::InvalidArgumentError("X-VUM-SUWIparty is missing");
  if (*h.suwi != "true" && *h.suwi != "false")
    return absl::InvalidArgumentError("X-VUM-SUWIparty is neither true nor false");
  const Party* facility = Find(certificate_oin);
  if (facility == nullptr || !facility->exchange_facility) {
    return Denied(
        "the holder of the client certificate is not registered as the exchange "
        "facility");
  }
  if (*h.to != node_oin)
    return Denied("X-VUM-toParty names another organisation than this node");
  const Party* from = Find(*h.from);
  if (from == nullptr || !from->may_ask)
    return Denied("X-VUM-fromParty is not registered here as a party that may ask");
  const bool claims_suwi = *h.suwi == "true";
  if (claims_suwi && !from->suwi) {
    return Denied(
        "X-VUM-SUWIparty is claimed for a party the register does not know as one");
  }
  return Caller{*h.from, std::string(certificate_oin), claims_suwi};
}

}  // namespace vum::node
