#include "lib/hub/question_register.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace vum::hub {

// A match's record, as the ledger keeps it: "<source OIN>/<the source's id>"
// (the OIN, not the position: a restart may read another list).

absl::Status QuestionRegister::Remember(const PassedQuestion& question, absl::Time now) {
  IssuedAnswer answer{
      question.vraag_id, question.asker_oin, question.expires, question.details_left, {}};
  answer.results.reserve(question.matches.size());
  for (const IssuedMatch& m : question.matches) {
    answer.results.emplace_back(m.vum_id,
                                absl::StrCat(source_oins_[m.source], "/", m.source_id));
  }
  return store_->ledger()->Remember(std::move(answer), now);
}

absl::StatusOr<Resolved> QuestionRegister::Find(absl::string_view vum_id,
                                                absl::Time now) const {
  absl::StatusOr<IssuedResult> r = store_->ledger()->Find(vum_id);
  if (!r.ok()) return r.status();
  const size_t slash = r->record_id.find('/');
  auto source =
      std::find(source_oins_.begin(), source_oins_.end(), r->record_id.substr(0, slash));
  if (r->expires <= now || slash == std::string::npos || source == source_oins_.end()) {
    return absl::NotFoundError("no question held by the facility has that vumID");
  }
  return Resolved{r->answer_id, r->requester_oin,
                  static_cast<size_t>(source - source_oins_.begin()),
                  r->record_id.substr(slash + 1), r->details_left};
}

bool QuestionRegister::TakeDetail(absl::string_view vraag_id) {
  return store_->ledger()->TakeDetail(vraag_id).ok();
}

std::pair<size_t, size_t> QuestionRegister::size() const {
  return {store_->ledger()->answers(), store_->ledger_memory().vum_ids};
}

}  // namespace vum::hub
