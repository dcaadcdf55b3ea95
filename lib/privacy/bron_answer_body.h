// Internal: the body of a koppelvlak 3.0 Bron answer around matches already
// written as VUM JSON, for BronAnswerJson (vum/first_round.h) and for the
// source that writes its matches straight from their stored bytes
// (lib/selection/bron_service.cc): one place for the answer's form.
//
// Example:
//
//   std::string body = privacy_internal::BronAnswerBody({"{...}", "{...}"}, false);
//   // {"maximumAantalResultatenBereikt":false,"matches":[{...},{...}]}
//
// Thread safety: a pure function.

#ifndef VUM_LIB_PRIVACY_BRON_ANSWER_BODY_H_
#define VUM_LIB_PRIVACY_BRON_ANSWER_BODY_H_

#include <string>
#include <vector>

namespace vum::privacy_internal {

// {"maximumAantalResultatenBereikt": capped, "matches": [matches...]}, each
// of `matches` one match's compact VUM JSON, in order.
[[nodiscard]] std::string BronAnswerBody(const std::vector<std::string>& matches,
                                         bool capped);

}  // namespace vum::privacy_internal

#endif  // VUM_LIB_PRIVACY_BRON_ANSWER_BODY_H_
