// lib/hub/question_register.h: what the exchange facility remembers of the
// questions it passed on: per vraagID who asked, until when its vumIDs
// resolve, how many details are left, and for each vumID it issued the
// source and the source's own id.
//
// Memory: an entry per question and per match, forgotten when the question
// expires (Remember forgets the expired ones first), so what is held is
// bounded by the questions of one lifetime.
//
// Example:
//
//   vum::hub::QuestionRegister reg;
//   reg.Remember({.vraag_id = id, .asker_oin = oin, .expires = now + week,
//                 .details_left = 10, .matches = {{"vumid", 0, "wz-1"}}}, now);
//   std::optional<vum::hub::Resolved> r = reg.Find("vumid", now);
//
// Thread safety: every method may be called concurrently.

#ifndef VUM_LIB_HUB_QUESTION_REGISTER_H_
#define VUM_LIB_HUB_QUESTION_REGISTER_H_

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace vum::hub {

struct IssuedMatch {
  std::string vum_id;
  size_t source = 0;  // the position of the source in the facility's list
  std::string source_id;
};

struct PassedQuestion {
  std::string vraag_id;
  std::string asker_oin;
  absl::Time expires;
  int details_left = 0;
  std::vector<IssuedMatch> matches;
};

// What a vumID stands for.
struct Resolved {
  std::string vraag_id;
  std::string asker_oin;
  size_t source = 0;
  std::string source_id;
  int details_left = 0;
};

class QuestionRegister {
 public:
  // Keeps `question`, after forgetting the questions expired by `now`.
  void Remember(PassedQuestion question, absl::Time now);
  // The vumID's match while its question has not expired at `now`.
  [[nodiscard]] std::optional<Resolved> Find(absl::string_view vum_id,
                                             absl::Time now) const;
  // Takes one detail of the question's quota; false when none is left.
  [[nodiscard]] bool TakeDetail(absl::string_view vraag_id);
  // Questions and vumIDs held.
  [[nodiscard]] std::pair<size_t, size_t> size() const;

 private:
  void Forget(absl::Time now);  // requires mu_

  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, PassedQuestion> questions_;
  // vumID -> (vraagID, position in its matches)
  absl::flat_hash_map<std::string, std::pair<std::string, size_t>> vum_ids_;
  std::deque<std::pair<absl::Time, std::string>> by_expiry_;  // in order of Remember
};

}  // namespace vum::hub

#endif  // VUM_LIB_HUB_QUESTION_REGISTER_H_
