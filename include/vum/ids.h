// vum/ids.h: identifiers and moments as the standard writes them.
//
// Example:
//
//   vum::v1::BatchKop header;
//   header.set_batch_id(vum::NewUuid());
//   header.set_aangemaakt_op(vum::NowRfc3339());
//
// Thread safety: the functions may be called concurrently.

#ifndef VUM_IDS_H_
#define VUM_IDS_H_

#include <string>

#include "absl/time/time.h"

namespace vum {

// A random (version 4) UUID in lower case, from OpenSSL's cryptographic
// generator: a batch or answer id must not be guessable from earlier ones.
[[nodiscard]] std::string NewUuid();

// `moment` as RFC 3339 in UTC to the second, e.g. "2026-06-01T08:00:00Z".
[[nodiscard]] std::string Rfc3339(absl::Time moment);

// The current time as Rfc3339 writes it.
[[nodiscard]] std::string NowRfc3339();

}  // namespace vum

#endif  // VUM_IDS_H_
