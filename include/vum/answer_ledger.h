// vum/answer_ledger.h: what a source remembers of the answers it gave.
//
// A selection answer hands out vumIDs; a detail request later names one. The
// ledger keeps, per answer, who asked, until when its vumIDs resolve, how
// many details are left, and which record each vumID stands for. The
// selection service keeps it in memory by default; the exchange node keeps it
// in SQLite so that a restart keeps quotas and vumIDs (lib/node/store.h).
//
// Example:
//
//   std::unique_ptr<vum::AnswerLedger> ledger = vum::NewInMemoryAnswerLedger();
//   absl::Status s = ledger->Remember(
//       {.answer_id = id, .requester_oin = oin, .expires = now + absl::Hours(1),
//        .details_left = 10, .results = {{"vumid-1", "record-1"}}},
//       now);
//
// Thread safety: every implementation may be called concurrently.

#ifndef VUM_ANSWER_LEDGER_H_
#define VUM_ANSWER_LEDGER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace vum {

// One answer as given.
struct IssuedAnswer {
  std::string answer_id;
  std::string requester_oin;
  absl::Time expires;
  int details_left = 0;
  // (vumID, the id of the record it stands for), one per result.
  std::vector<std::pair<std::string, std::string>> results;
};

// What one vumID stands for, and the state of its answer.
struct IssuedResult {
  std::string answer_id;
  std::string record_id;
  std::string requester_oin;
  absl::Time expires;
  int details_left = 0;
};

class AnswerLedger {
 public:
  virtual ~AnswerLedger() = default;

  // Keeps `answer` (taken by value: a caller done with it moves it in, and
  // its strings are kept without a copy); may forget answers that expired by
  // `now`. A Status when it cannot be kept (the answer must then not be
  // sent), also when an answer with its id is kept already.
  [[nodiscard]] virtual absl::Status Remember(IssuedAnswer answer, absl::Time now) = 0;

  // NOT_FOUND for a vumID no kept answer holds.
  [[nodiscard]] virtual absl::StatusOr<IssuedResult> Find(
      absl::string_view vum_id) const = 0;

  // Takes one detail from the quota of the answer, atomically: of two
  // concurrent calls for the last detail one gets RESOURCE_EXHAUSTED.
  [[nodiscard]] virtual absl::Status TakeDetail(absl::string_view answer_id) = 0;

  // How many answers are kept.
  [[nodiscard]] virtual size_t answers() const = 0;
};

// A ledger in memory, lost when the process ends.
[[nodiscard]] std::unique_ptr<AnswerLedger> NewInMemoryAnswerLedger();

}  // namespace vum

#endif  // VUM_ANSWER_LEDGER_H_
