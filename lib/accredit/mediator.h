// lib/accredit/mediator.h: a local accreditation of a mediator's asking
// client: the system a werkgeversservicepunt or a vendor builds to ask the
// exchange facility's Bemiddelaar interface (koppelvlak 3.0).
//
// MediatorEnvironment starts on loopback, with certificates made on the
// spot, an exchange facility (vum's, lib/hub/hub.h) whose sources are two
// vum nodes holding an upload set between them and four scripted sources
// that answer late, hang past the facility's deadline, refuse with 429 and
// fail with 500 (lib/accredit/scripted_source.h). The vendor points its
// client at the facility with the certificate made for it and lets it ask
// and fetch details as it would in production. The facility records every
// request (hub::ObservedRequest); JudgeMediator judges them: the
// koppelvlak's headers and versions, a question the standard reads and
// describes (no criterion it would ignore), details only of vumIDs the
// client was given, and a session that asked at least one question and
// fetched at least one detail. docs/accreditation.md describes the cases.
//
// Example:
//
//   auto env = vum::accredit::MediatorEnvironment::Start(set, {.dir = "env", ...});
//   // ... the vendor's client asks https://127.0.0.1:(*env)->client().port ...
//   std::vector<vum::accredit::CaseResult> cases = vum::accredit::JudgeMediator(
//       (*env)->requests(), (*env)->client(), compiler);
//
// Thread safety: Start and the destructor from one thread; requests() from
// any.

#ifndef VUM_LIB_ACCREDIT_MEDIATOR_H_
#define VUM_LIB_ACCREDIT_MEDIATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/accredit/accreditation.h"
#include "lib/hub/hub.h"
#include "vum/selection.h"

namespace vum::accredit {

struct MediatorOptions {
  std::string dir;        // made if needed: certificates, keys, stores
  std::string codelists;  // the code lists folder (with pc4.tsv)
  std::string host = "127.0.0.1";
  int port = 0;  // the facility's; 0: any free one
  std::string client_oin = "00000001000000000005";
  // How long the facility waits for its sources; the hanging source holds
  // out one second longer, the late one answers at half of it.
  absl::Duration source_deadline = absl::Seconds(3);
  int details_per_question = 3;
  // The client's questions a day; the next is refused with 429.01, and a
  // client that asks again that day fails.
  int questions_per_day = 20;
  // A vendor's own source (its Bron interface) that the facility asks beside
  // vum's: its https://host:port and OIN, or empty. Its certificate and key
  // are made in `dir` (bron-leverancier.crt, .key) with that OIN; the source
  // serves with them and trusts ca.crt.
  std::string vendor_source_url;
  std::string vendor_source_oin;
};

// What the vendor's client needs.
struct ClientSetup {
  std::string url;           // https://host:port of the facility
  std::string facility_oin;  // X-VUM-toParty
  std::string client_oin;    // X-VUM-fromParty (and X-VUM-viaParty)
  std::string certificate;   // the client's, PEM, with client_oin as serialNumber
  std::string private_key;
  std::string ca_certificate;  // the facility's certificate chains to it
  // https://host:port of a second facility, the same party with the same
  // certificate, whose every source fails or refuses: each question is
  // answered 503.02 (no source available), for a client to show it copes.
  std::string url_without_sources;
  // The vendor's source's certificate and key, if it has one; else empty.
  std::string vendor_source_certificate;
  std::string vendor_source_key;
};

class MediatorEnvironment {
 public:
  // Makes the certificates, loads the set into the two nodes and starts
  // every source and the facility. A Status naming what failed.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<MediatorEnvironment>> Start(
      const UploadSet& set, const MediatorOptions& options);
  ~MediatorEnvironment();  // stops everything
  MediatorEnvironment(const MediatorEnvironment&) = delete;
  MediatorEnvironment& operator=(const MediatorEnvironment&) = delete;

  [[nodiscard]] const ClientSetup& client() const;
  // The requests the facility answered so far, in the order answered.
  [[nodiscard]] std::vector<hub::ObservedRequest> requests() const;

  class Impl;

 private:
  explicit MediatorEnvironment(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The cases for what a client sent: one per request ("verzoek.3.vraag",
// "verzoek.4.detail") and three for the session ("sessie.vraag",
// "sessie.detail", and "sessie.geen-bron": a question answered 503.02 by
// the facility without sources). `compiler` reads the questions as the
// standard does. The facility's own limits are no fault of the client's
// (429.01 for the day's questions, 429.02 for a question's details, 503.02
// when no source answered), but a question sent after a 429.01 is.
[[nodiscard]] std::vector<CaseResult> JudgeMediator(
    const std::vector<hub::ObservedRequest>& requests, const ClientSetup& client,
    const QuestionCompiler& compiler);

}  // namespace vum::accredit

#endif  // VUM_LIB_ACCREDIT_MEDIATOR_H_
