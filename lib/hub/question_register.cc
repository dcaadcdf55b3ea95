#include "lib/hub/question_register.h"

namespace vum::hub {

void QuestionRegister::Forget(absl::Time now) {
  // Every question lives equally long, so the order of Remember is the order
  // of expiry.
  while (!by_expiry_.empty() && by_expiry_.front().first <= now) {
    auto it = questions_.find(by_expiry_.front().second);
    if (it != questions_.end()) {
      for (const IssuedMatch& m : it->second.matches) vum_ids_.erase(m.vum_id);
      questions_.erase(it);
    }
    by_expiry_.pop_front();
  }
}

void QuestionRegister::Remember(PassedQuestion question, absl::Time now) {
  std::lock_guard lock(mu_);
  Forget(now);
  for (size_t i = 0; i < question.matches.size(); ++i)
    vum_ids_[question.matches[i].vum_id] = {question.vraag_id, i};
  by_expiry_.emplace_back(question.expires, question.vraag_id);
  std::string id = question.vraag_id;
  questions_[std::move(id)] = std::move(question);
}

std::optional<Resolved> QuestionRegister::Find(absl::string_view vum_id,
                                               absl::Time now) const {
  std::lock_guard lock(mu_);
  auto v = vum_ids_.find(vum_id);
  if (v == vum_ids_.end()) return std::nullopt;
  const PassedQuestion& q = questions_.at(v->second.first);
  if (q.expires <= now) return std::nullopt;
  const IssuedMatch& m = q.matches[v->second.second];
  return Resolved{q.vraag_id, q.asker_oin, m.source, m.source_id, q.details_left};
}

bool QuestionRegister::TakeDetail(absl::string_view vraag_id) {
  std::lock_guard lock(mu_);
  auto it = questions_.find(vraag_id);
  if (it == questions_.end() || it->second.details_left <= 0) return false;
  --it->second.details_left;
  return true;
}

std::pair<size_t, size_t> QuestionRegister::size() const {
  std::lock_guard lock(mu_);
  return {questions_.size(), vum_ids_.size()};
}

}  // namespace vum::hub
