// Internal: the node's validation service (vum's own endpoint, not the
// standard's): one record in VUM JSON, or an NDJSON stream of them, judged by
// the node's validator, answered with every record's violations. For vendors
// who would rather call HTTP than link the library or a binding.
//
// Thread safety: ValidateRecords may run concurrently with one validator.
#ifndef VUM_LIB_NODE_VALIDATION_H_
#define VUM_LIB_NODE_VALIDATION_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/exchange/wire.h"
#include "vum/validator.h"

namespace vum::node {

struct ValidationAnswer {
  std::optional<exchange::Problem> problem;  // the request cannot be judged
  // {"records":N,"conforming":N,"unreadable":N,"results":[{"record":1,
  //  "conforms":BOOL,"violations":[...]} or {"record":2,"unreadable":REASON}]}
  // REASON names the property, never a value.
  std::string report_json;
};

// Judges `body` as records of `type` ("werkzoekende", "vacature",
// "procesgegevens", ...): one JSON document when `ndjson` is false, else one
// per non-empty line (a line over `max_line_bytes`, or one beyond the other
// limits of vum/limits.h, is unreadable, naming the limit). A problem (400)
// for an unknown type.
[[nodiscard]] ValidationAnswer ValidateRecords(const Validator& validator,
                                               absl::string_view type, bool ndjson,
                                               absl::string_view body,
                                               size_t max_line_bytes);

}  // namespace vum::node

#endif  // VUM_LIB_NODE_VALIDATION_H_
