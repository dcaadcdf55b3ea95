// vum/consent.h: may this publication or introduction go ahead?
//
// A candidate is published anonymously, or introduced to a named employer,
// only with consent that is for that purpose, for that recipient, given before
// the moment in question, not withdrawn and not expired; special-category data
// needs explicit consent (GDPR art. 9(2)(a)). DecideConsent answers from the
// process data and says why when the answer is no.
//
// Example:
//
//   vum::ConsentDecision d = vum::DecideConsent(process, {
//       .purpose = vum::v1::TOESTEMMING_DOEL_VOORSTELLEN,
//       .recipient_kvk = "12345678", .at = "2026-06-01T09:00:00Z"});
//   if (!d.allowed) std::cerr << d.explanation;   // "the consent was withdrawn ..."
//
// Thread safety: the functions are safe to call concurrently.

#ifndef VUM_CONSENT_H_
#define VUM_CONSENT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "vum/v1/batch.pb.h"
#include "vum/v1/process.pb.h"

namespace vum {

enum class ConsentReason {
  kAllowed,
  kNoConsent,        // no consent of the person for this purpose
  kOtherRecipient,   // consent only for other recipients
  kNotYetGiven,      // given after the moment in question
  kWithdrawn,        // withdrawn before the moment in question
  kExpired,          // expired before the moment in question
  kWrongLegalBasis,  // special-category data without explicit consent
  kInvalidMoment,    // the moment asked about is not an RFC 3339 moment
};

// "allowed", "no-consent", "other-recipient", ...
[[nodiscard]] absl::string_view ConsentReasonName(ConsentReason reason);

struct ConsentQuery {
  v1::ToestemmingDoel purpose = v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE;
  // The recipient, by OIN or KvK number; needed for an introduction, and
  // checked whenever a consent names a recipient.
  std::string recipient_oin;
  std::string recipient_kvk;
  // The moment in question, RFC 3339.
  std::string at;
};

struct ConsentDecision {
  bool allowed = false;
  ConsentReason reason = ConsentReason::kNoConsent;
  // The consent that allows it, or the one that came closest.
  std::string consent_id;
  // Why, in English; holds ids and moments, no personal values.
  std::string explanation;
};

// Decides from the consents in `process` (for its idWerkzoekende only).
[[nodiscard]] ConsentDecision DecideConsent(const v1::Procesgegevens& process,
                                            const ConsentQuery& query);

// The withdrawal record for the next delta batch when `consent` (to anonymous
// publication) is withdrawn: the person's record leaves the receiver's file.
[[nodiscard]] v1::BatchRecord WithdrawalFor(const v1::Toestemming& consent);

}  // namespace vum

#endif  // VUM_CONSENT_H_
