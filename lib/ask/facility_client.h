// lib/ask/facility_client.h: a mediator's client of the exchange facility's
// Bemiddelaar interface (koppelvlak 3.0): a question in the koppelvlak's
// form with its headers, the merged matches under vumIDs, and details.
//
// Example:
//
//   auto client = vum::ask::FacilityClient::Create(facility, identity, {});
//   absl::StatusOr<vum::ask::FacilityAnswer> a = (*client)->Ask(question);
//   if (a.ok()) std::cout << a->vraag_id << ": " << a->vum_ids.size() << "\n";
//
// Thread safety: const methods may be called concurrently.

#ifndef VUM_LIB_ASK_FACILITY_CLIENT_H_
#define VUM_LIB_ASK_FACILITY_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/ask/asker.h"
#include "vum/v1/selection.pb.h"

namespace vum::ask {

struct FacilityAnswer {
  std::string body;  // as the facility sent it
  std::string vraag_id;
  std::vector<std::string> vum_ids;
  bool capped = false;
};

class FacilityClient {
 public:
  // `facility` is the facility's address and OIN (X-VUM-toParty); `asker`
  // who asks: X-VUM-viaParty is its processor, or itself. INVALID_ARGUMENT
  // for a deadline that is not positive.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<FacilityClient>> Create(
      NodeAddress facility, Identity asker, absl::Duration deadline);

  // Sends `question` in the koppelvlak's form to the path of its kind. A
  // refusal is a Status with the code of its HTTP status and the Error's
  // code and message (DEADLINE_EXCEEDED or UNAVAILABLE when there is no
  // answer; DATA_LOSS when the answer is not the contract's).
  [[nodiscard]] absl::StatusOr<FacilityAnswer> Ask(
      const v1::Selectievraag& question) const;

  // The detail body {"bronID", "werkzoekende"|"vacature"} of `vum_id`.
  [[nodiscard]] absl::StatusOr<std::string> Detail(v1::SoortSelectie kind,
                                                   const std::string& vum_id) const;

 private:
  FacilityClient(NodeAddress facility, Identity asker, absl::Duration deadline)
      : facility_(std::move(facility)), asker_(std::move(asker)), deadline_(deadline) {}
  NodeAddress facility_;
  Identity asker_;
  absl::Duration deadline_;
};

}  // namespace vum::ask

#endif  // VUM_LIB_ASK_FACILITY_CLIENT_H_
