// Internal: whether a requester may see a job seeker's detail, the rule both
// of a source's services apply (vum's own, vum/selection_service.h, and the
// Bron interface's, vum/bron_service.h): a legal basis (a SUWI party), or the
// person's consent to share the detail profile with that requester at `now`.
#ifndef VUM_LIB_SELECTION_DETAIL_ACCESS_H_
#define VUM_LIB_SELECTION_DETAIL_ACCESS_H_

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "vum/consent.h"
#include "vum/ids.h"
#include "vum/selection_service.h"
#include "vum/v1/process.pb.h"

namespace vum::selection_internal {

// OK, or PERMISSION_DENIED naming the consent's reason (never a value).
inline absl::Status DetailAllowed(const v1::Procesgegevens& process,
                                  const Requester& requester, absl::Time now) {
  if (requester.legal_basis) return absl::OkStatus();
  const ConsentDecision d =
      DecideConsent(process, {.purpose = v1::TOESTEMMING_DOEL_DETAILPROFIEL_DELEN,
                              .recipient_oin = requester.oin,
                              .at = Rfc3339(now)});
  if (d.allowed) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "the requester has no legal basis and no consent to share the detail profile (",
      ConsentReasonName(d.reason), ")"));
}

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_DETAIL_ACCESS_H_
