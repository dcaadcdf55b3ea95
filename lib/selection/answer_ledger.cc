#include "vum/answer_ledger.h"

#include <map>
#include <mutex>

#include "absl/container/flat_hash_map.h"

namespace vum {
namespace {

class InMemoryAnswerLedger : public AnswerLedger {
 public:
  absl::Status Remember(const IssuedAnswer& answer, absl::Time now) override {
    std::lock_guard lock(mu_);
    Forget(now);
    Kept& kept = answers_[answer.answer_id];
    kept = {answer.requester_oin, answer.expires, answer.details_left, {}};
    for (const auto& [vum_id, record_id] : answer.results) {
      kept.vum_ids.push_back(vum_id);
      results_[vum_id] = {answer.answer_id, record_id};
    }
    expiry_.emplace(answer.expires, answer.answer_id);
    return absl::OkStatus();
  }

  absl::StatusOr<IssuedResult> Find(absl::string_view vum_id) const override {
    std::lock_guard lock(mu_);
    auto it = results_.find(vum_id);
    if (it == results_.end())
      return absl::NotFoundError("no kept answer holds that vumID");
    const Kept& answer = answers_.at(it->second.first);
    return IssuedResult{it->second.first, it->second.second, answer.requester_oin,
                        answer.expires, answer.details_left};
  }

  absl::Status TakeDetail(absl::string_view answer_id) override {
    std::lock_guard lock(mu_);
    auto it = answers_.find(answer_id);
    if (it == answers_.end()) return absl::NotFoundError("the answer is no longer kept");
    if (it->second.details_left <= 0) {
      return absl::ResourceExhaustedError("the answer's detail quota is used");
    }
    --it->second.details_left;
    return absl::OkStatus();
  }

  size_t answers() const override {
    std::lock_guard lock(mu_);
    return answers_.size();
  }

 private:
  struct Kept {
    std::string requester_oin;
    absl::Time expires;
    int details_left = 0;
    std::vector<std::string> vum_ids;
  };

  // Drops the answers expired by `now` and their vumIDs, soonest first: the
  // cost is in the expired ones, not in all that are kept.
  void Forget(absl::Time now) {
    while (!expiry_.empty() && expiry_.begin()->first <= now) {
      auto answer = answers_.find(expiry_.begin()->second);
      if (answer != answers_.end()) {
        for (const std::string& id : answer->second.vum_ids) results_.erase(id);
        answers_.erase(answer);
      }
      expiry_.erase(expiry_.begin());
    }
  }

  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, Kept> answers_;
  // vumID -> (answer id, record id)
  absl::flat_hash_map<std::string, std::pair<std::string, std::string>> results_;
  std::multimap<absl::Time, std::string> expiry_;  // answer ids by expiry
};

}  // namespace

std::unique_ptr<AnswerLedger> NewInMemoryAnswerLedger() {
  return std::make_unique<InMemoryAnswerLedger>();
}

}  // namespace vum
