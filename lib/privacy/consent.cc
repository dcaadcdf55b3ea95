#include "vum/consent.h"

#include "absl/strings/str_cat.h"
#include "lib/validate/formats.h"
#include "vum/delta.h"
#include "vum/ids.h"

namespace vum {
namespace {

using validate_internal::DateTimeKey;

// How close a consent came to allowing the query; a higher rank is closer.
int Rank(ConsentReason reason) {
  switch (reason) {
    case ConsentReason::kAllowed:
      return 6;
    case ConsentReason::kWrongLegalBasis:
      return 5;
    case ConsentReason::kExpired:
      return 4;
    case ConsentReason::kWithdrawn:
      return 3;
    case ConsentReason::kNotYetGiven:
      return 2;
    case ConsentReason::kOtherRecipient:
      return 1;
    default:
      return 0;
  }
}

bool SameRecipient(const v1::Ontvanger& named, const ConsentQuery& query) {
  return (named.has_oin() && !query.recipient_oin.empty() &&
          named.oin() == query.recipient_oin) ||
         (named.has_kvk_nummer() && !query.recipient_kvk.empty() &&
          named.kvk_nummer() == query.recipient_kvk);
}

ConsentReason Judge(const v1::Toestemming& c, const ConsentQuery& query, int64_t at) {
  const bool introduction = query.purpose == v1::TOESTEMMING_DOEL_VOORSTELLEN;
  if ((introduction || c.has_ontvanger()) &&
      !(c.has_ontvanger() && SameRecipient(c.ontvanger(), query))) {
    return ConsentReason::kOtherRecipient;
  }
  const auto given = DateTimeKey(c.verleend_op());
  if (!given || *given > at) return ConsentReason::kNotYetGiven;
  if (c.has_ingetrokken_op()) {
    const auto withdrawn = DateTimeKey(c.ingetrokken_op());
    if (!withdrawn || *withdrawn <= at) return ConsentReason::kWithdrawn;
  }
  if (c.has_geldig_tot()) {
    const auto until = DateTimeKey(c.geldig_tot());
    if (!until || *until <= at) return ConsentReason::kExpired;
  }
  if (query.purpose == v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS &&
      c.grondslag() != v1::GRONDSLAG_UITDRUKKELIJKE_TOESTEMMING) {
    return ConsentReason::kWrongLegalBasis;
  }
  return ConsentReason::kAllowed;
}

std::string Explain(ConsentReason reason, const std::string& id,
                    const ConsentQuery& query) {
  switch (reason) {
    case ConsentReason::kAllowed:
      return absl::StrCat("allowed by consent ", id);
    case ConsentReason::kNoConsent:
      return absl::StrCat("no consent for purpose ",
                          v1::ToestemmingDoel_Name(query.purpose));
    case ConsentReason::kOtherRecipient:
      return absl::StrCat("consent ", id, " is for another recipient");
    case ConsentReason::kNotYetGiven:
      return absl::StrCat("consent ", id, " was given after ", query.at);
    case ConsentReason::kWithdrawn:
      return absl::StrCat("consent ", id, " was withdrawn before ", query.at);
    case ConsentReason::kExpired:
      return absl::StrCat("consent ", id, " expired before ", query.at);
    case ConsentReason::kWrongLegalBasis:
      return absl::StrCat(
          "consent ", id,
          " is not explicit consent (GDPR art. 9(2)(a)), which special-category "
          "data needs");
    case ConsentReason::kInvalidMoment:
      return "the moment asked about is not an RFC 3339 moment";
  }
  return "";
}

}  // namespace

absl::string_view ConsentReasonName(ConsentReason reason) {
  switch (reason) {
    case ConsentReason::kAllowed:
      return "allowed";
    case ConsentReason::kNoConsent:
      return "no-consent";
    case ConsentReason::kOtherRecipient:
      return "other-recipient";
    case ConsentReason::kNotYetGiven:
      return "not-yet-given";
    case ConsentReason::kWithdrawn:
      return "withdrawn";
    case ConsentReason::kExpired:
      return "expired";
    case ConsentReason::kWrongLegalBasis:
      return "wrong-legal-basis";
    case ConsentReason::kInvalidMoment:
      return "invalid-moment";
  }
  return "";
}

ConsentDecision DecideConsent(const v1::Procesgegevens& process,
                              const ConsentQuery& query) {
  ConsentDecision decision;
  const auto at = DateTimeKey(query.at);
  if (!at) {
    decision.reason = ConsentReason::kInvalidMoment;
    decision.explanation = Explain(decision.reason, "", query);
    return decision;
  }
  for (const v1::Toestemming& consent : process.toestemming()) {
    if (consent.doel() != query.purpose ||
        consent.id_werkzoekende() != process.id_werkzoekende()) {
      continue;
    }
    const ConsentReason reason = Judge(consent, query, *at);
    if (decision.consent_id.empty() || Rank(reason) > Rank(decision.reason)) {
      decision.reason = reason;
      decision.consent_id = consent.id_toestemming();
    }
    if (reason == ConsentReason::kAllowed) break;
  }
  decision.allowed = decision.reason == ConsentReason::kAllowed;
  decision.explanation = Explain(decision.reason, decision.consent_id, query);
  return decision;
}

v1::BatchRecord WithdrawalFor(const v1::Toestemming& consent) {
  v1::BatchRecord record;
  v1::Intrekking* withdrawal = record.mutable_intrekking();
  withdrawal->set_id_record(consent.id_werkzoekende());
  withdrawal->set_reden(v1::REDEN_INTREKKING_TOESTEMMING_INGETROKKEN);
  withdrawal->set_ingetrokken_op(consent.has_ingetrokken_op() ? consent.ingetrokken_op()
                                                              : NowRfc3339());
  return record;
}

}  // namespace vum
