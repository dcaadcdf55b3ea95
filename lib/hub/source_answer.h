// lib/hub/source_answer.h: a source's answer as the exchange facility reads
// it, within limits and against the koppelvlak 3.0 contract, before anything
// of it is passed on.
//
// A first-round answer must be {"maximumAantalResultatenBereikt": bool,
// "matches": [...]} and nothing else; each match must read strictly as the
// kind's record (vum/json.h: no unknown element, types and codes as the
// contract types them), carry the source's own id (a SafeIDString), and hold
// no element the first round leaves out (vum/first_round.h). An answer that
// breaks any of it is refused whole: a source that over-shares is never
// passed on. A detail must be the kind's record with the id asked for.
//
// Messages name the match's position and the reason, never a value.
//
// Example:
//
//   absl::StatusOr<vum::hub::SourceAnswer> a = vum::hub::ReadSourceAnswer(
//       body, vum::v1::SOORT_SELECTIE_WERKZOEKENDEN, 100);
//
// Thread safety: functions only.

#ifndef VUM_LIB_HUB_SOURCE_ANSWER_H_
#define VUM_LIB_HUB_SOURCE_ANSWER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vum/v1/selection.pb.h"

namespace vum::hub {

struct SourceMatch {
  std::string source_id;  // the source's own id of the record
  // The match as VUM JSON without its id: "{...}" (may be "{}").
  std::string json_without_id;
};

struct SourceAnswer {
  bool capped = false;
  std::vector<SourceMatch> matches;
};

// INVALID_ARGUMENT naming what breaks the contract; more than `max_matches`
// matches is refused too.
[[nodiscard]] absl::StatusOr<SourceAnswer> ReadSourceAnswer(absl::string_view body,
                                                            v1::SoortSelectie kind,
                                                            size_t max_matches);

// The detail as VUM JSON (as printed by vum, whatever the source's layout).
// INVALID_ARGUMENT when it is not the kind's record with `id`.
[[nodiscard]] absl::StatusOr<std::string> ReadSourceDetail(absl::string_view body,
                                                           v1::SoortSelectie kind,
                                                           absl::string_view id);

}  // namespace vum::hub

#endif  // VUM_LIB_HUB_SOURCE_ANSWER_H_
