// lib/node/admission.h: what a request must pass besides the party register
// before it is answered: the requester's daily question quota, and the
// processing log entry for every person it would show.
//
// A question counts against the quota only if it is answered: one that is
// refused for any reason (unreadable, against the rules, or the log cannot
// be written) is given back.
//
// Example:
//
//   vum::node::QuestionQuota quota(store, 1000);
//   if (!quota.Take(oin, now)) return TooMany();
//   if (!answered) quota.GiveBack(oin, now);
//
// Thread safety: both classes may be used by all serving threads at once.

#ifndef VUM_LIB_NODE_ADMISSION_H_
#define VUM_LIB_NODE_ADMISSION_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/exchange/wire.h"
#include "lib/node/metrics.h"
#include "lib/node/party_register.h"
#include "lib/node/store.h"
#include "vum/pseudonym.h"

namespace vum::node {

// The questions each requester may ask per day (UTC).
class QuestionQuota {
 public:
  // `store` (not owned, outlives the quota) gives the answers a requester got
  // today when it is first seen that day, so that a restart keeps the count.
  QuestionQuota(NodeStore* store, int64_t per_day) : store_(store), per_day_(per_day) {}

  // Counts one question of `oin` at `now`; false when today's are used.
  [[nodiscard]] bool Take(const std::string& oin, absl::Time now);
  // Gives back a question Take counted that got no answer.
  void GiveBack(const std::string& oin, absl::Time now);

 private:
  NodeStore* const store_;
  const int64_t per_day_;
  std::mutex mu_;
  // requester -> (day since the epoch, questions counted that day)
  absl::flat_hash_map<std::string, std::pair<int64_t, int64_t>> today_;
};

// Writes the processing log before anything is shown: one entry per person,
// under the keyed pseudonym of the record's id.
class ProcessingLog {
 public:
  // Not owned; each outlives the log.
  ProcessingLog(NodeStore* store, const Pseudonymizer* key, Metrics* metrics)
      : store_(store), key_(key), metrics_(metrics) {}

  // One entry per id in `record_ids` for `activity` by `caller` at `at`, in
  // one write. UNAVAILABLE (from the store) when it cannot be written: the
  // request must then show nothing.
  [[nodiscard]] absl::Status Write(const exchange::TraceContext& trace,
                                   absl::string_view activity, const Caller& caller,
                                   const std::vector<std::string>& record_ids,
                                   absl::string_view answer_id, absl::Time at);

 private:
  NodeStore* const store_;
  const Pseudonymizer* const key_;
  Metrics* const metrics_;
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_ADMISSION_H_
