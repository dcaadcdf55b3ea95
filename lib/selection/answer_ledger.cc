#include "vum/answer_ledger.h"

#include <map>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"

namespace vum {
namespace {

// Each answer is kept once, with its results as given (moved in, not
// copied); the vumID index points into them. An answer's node and its
// results never move while it is kept, so the index's keys stay valid.
class InMemoryAnswerLedger : public AnswerLedger {
 public:
  absl::Status Remember(IssuedAnswer answer, absl::Time now) override {
    std::lock_guard lock(mu_);
    Forget(now);
    auto [it, fresh] = answers_.try_emplace(std::move(answer.answer_id));
    if (!fresh) return absl::AlreadyExistsError("an answer with that id is kept already");
    Kept& kept = it->second;
    kept = {std::move(answer.requester_oin), answer.expires, answer.details_left,
            std::move(answer.results)};
    for (uint32_t i = 0; i < kept.results.size(); ++i) {
      // A key must be this answer's own string: one left in the index would
      // point into the answer that held the vumID before.
      const Where where{&*it, i};
      auto [r, inserted] = results_.try_emplace(kept.results[i].first, where);
      if (!inserted) {
        results_.erase(r);
        results_.emplace(kept.results[i].first, where);
      }
    }
    expiry_.emplace(kept.expires, it->first);
    return absl::OkStatus();
  }

  absl::StatusOr<IssuedResult> Find(absl::string_view vum_id) const override {
    std::lock_guard lock(mu_);
    auto it = results_.find(vum_id);
    if (it == results_.end())
      return absl::NotFoundError("no kept answer holds that vumID");
    const auto& [answer_id, kept] = *it->second.answer;
    return IssuedResult{answer_id, kept.results[it->second.position].second,
                        kept.requester_oin, kept.expires, kept.details_left};
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
    std::vector<std::pair<std::string, std::string>> results;  // (vumID, record id)
  };
  using Answers = absl::node_hash_map<std::string, Kept>;
  struct Where {
    const Answers::value_type* answer;
    uint32_t position;  // in its results
  };

  // Drops `kept`'s vumIDs from the index, except those a later answer gave
  // too (a vumID is its answer's own: never in practice).
  void Unindex(const Kept& kept) {
    for (const auto& [vum_id, record_id] : kept.results) {
      auto it = results_.find(vum_id);
      if (it != results_.end() && &it->second.answer->second == &kept) results_.erase(it);
    }
  }

  // Drops the answers expired by `now` and their vumIDs, soonest first: the
  // cost is in the expired ones, not in all that are kept.
  void Forget(absl::Time now) {
    while (!expiry_.empty() && expiry_.begin()->first <= now) {
      auto answer = answers_.find(expiry_.begin()->second);
      if (answer != answers_.end()) {
        Unindex(answer->second);
        answers_.erase(answer);
      }
      expiry_.erase(expiry_.begin());
    }
  }

  mutable std::mutex mu_;
  Answers answers_;
  absl::flat_hash_map<absl::string_view, Where> results_;  // keys: in answers_
  std::multimap<absl::Time, std::string> expiry_;          // answer ids by expiry
};

}  // namespace

std::unique_ptr<AnswerLedger> NewInMemoryAnswerLedger() {
  return std::make_unique<InMemoryAnswerLedger>();
}

}  // namespace vum
