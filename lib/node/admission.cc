#include "lib/node/admission.h"

#include "vum/ids.h"

namespace vum::node {

bool QuestionQuota::Take(const std::string& oin, absl::Time now) {
  const int64_t day = absl::ToUnixSeconds(now) / 86400;
  std::lock_guard lock(mu_);
  auto [it, fresh] = today_.try_emplace(oin, day, 0);
  if (fresh || it->second.first != day) {
    absl::StatusOr<int64_t> n =
        store_->AnswersSince(oin, absl::FromUnixSeconds(day * 86400));
    it->second = {day, n.ok() ? *n : 0};
  }
  if (it->second.second >= per_day_) return false;
  ++it->second.second;
  return true;
}

void QuestionQuota::GiveBack(const std::string& oin, absl::Time now) {
  const int64_t day = absl::ToUnixSeconds(now) / 86400;
  std::lock_guard lock(mu_);
  auto it = today_.find(oin);
  if (it != today_.end() && it->second.first == day && it->second.second > 0)
    --it->second.second;
}

absl::Status ProcessingLog::Write(const exchange::TraceContext& trace,
                                  absl::string_view activity, const Caller& caller,
                                  const std::vector<std::string>& record_ids,
                                  absl::string_view answer_id, absl::Time at) {
  std::vector<LogEntry> entries;
  entries.reserve(record_ids.size());
  const std::string when = Rfc3339(at);
  for (const std::string& id : record_ids) {
    entries.push_back({when, trace.trace_id, trace.span_id, std::string(activity),
                       caller.controller_oin, caller.processor_oin, LogSubject(*key_, id),
                       std::string(answer_id)});
  }
  if (absl::Status s = store_->Log(entries); !s.ok()) return s;
  metrics_->LogEntries(entries.size());
  return absl::OkStatus();
}

}  // namespace vum::node
