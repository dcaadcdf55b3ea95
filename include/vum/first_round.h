// vum/first_round.h: the first-round match of the VUM koppelvlak 3.0 and the
// answer a source (the Bron interface) gives to a selection question.
//
// In 3.0 a source answers a question with one match per selected record: the
// record as the source holds it, less the elements the contract leaves out of
// the first round (MPWerkzoekendeMatch, MPVacatureMatch): contact data, the
// free presentation, the LDR indication and support needs, the vacancy number
// and the employer's contact persons. The schema marks those elements
// (`not_in_first_round` in options.proto); nothing here names a field. The
// match keeps the source's own key (idWerkzoekende, idVacature) and the full
// postcode, as the contract says; it is not vum's anonymous employer view
// (vum/view.h), which remains a product of its own (docs/privacy.md).
//
// Example:
//
//   vum::v1::Werkzoekende match = profile;
//   vum::KeepFirstRound(&match);
//   std::string answer = vum::BronAnswerJson({&match}, /*capped=*/false);
//   // {"maximumAantalResultatenBereikt":false,"matches":[{...}]}
//
// Thread safety: the functions may run concurrently on different records.

#ifndef VUM_FIRST_ROUND_H_
#define VUM_FIRST_ROUND_H_

#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace vum {

// Clears from `record` (any message of the standard), at every depth, each
// element the schema marks not_in_first_round. Returns how many it cleared.
int KeepFirstRound(google::protobuf::Message* record);

// The body of a Bron answer to a selection question in the koppelvlak 3.0:
// {"maximumAantalResultatenBereikt": capped, "matches": [...]}, each match
// written as VUM JSON. The matches should have passed KeepFirstRound.
[[nodiscard]] std::string BronAnswerJson(
    const std::vector<const google::protobuf::Message*>& matches, bool capped);

}  // namespace vum

#endif  // VUM_FIRST_ROUND_H_
