// lib/hub/question_register.h: what the exchange facility remembers of the
// questions it passed on: per vraagID who asked, until when its vumIDs
// resolve, how many details are left, and for each vumID it issued the
// source and the source's own id.
//
// Kept in the facility's store (the ledger of answers, lib/node/store.h: one
// row per question), so that a restart keeps every vumID, every question's
// details left and the askers' counts of the day. In memory only the
// ledger's index: a 16-byte hash per vumID, forgotten when its question
// expires.
//
// Example:
//
//   vum::hub::QuestionRegister reg(store, {"00000001000000000001"});
//   absl::Status kept = reg.Remember(
//       {.vraag_id = id, .asker_oin = oin, .expires = now + week,
//        .details_left = 10, .matches = {{"vumid", 0, "wz-1"}}}, now);
//   absl::StatusOr<vum::hub::Resolved> r = reg.Find("vumid", now);
//
// Thread safety: every method may be called concurrently.

#ifndef VUM_LIB_HUB_QUESTION_REGISTER_H_
#define VUM_LIB_HUB_QUESTION_REGISTER_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/node/store.h"

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
  // `store` keeps the questions and outlives the register (not owned);
  // `source_oins` are the facility's sources in the order of its list.
  QuestionRegister(node::NodeStore* store, std::vector<std::string> source_oins)
      : store_(store), source_oins_(std::move(source_oins)) {}

  // Keeps `question`. UNAVAILABLE when the store cannot: its vumIDs must
  // then not be handed out.
  [[nodiscard]] absl::Status Remember(const PassedQuestion& question, absl::Time now);
  // The vumID's match while its question has not expired at `now`.
  // NOT_FOUND for a vumID no such question holds (or whose source is no
  // longer in the list); UNAVAILABLE when the store cannot be read.
  [[nodiscard]] absl::StatusOr<Resolved> Find(absl::string_view vum_id,
                                              absl::Time now) const;
  // Takes one detail of the question's quota; false when none is left.
  [[nodiscard]] bool TakeDetail(absl::string_view vraag_id);
  // Questions kept (also those expired less than a day ago) and the vumIDs
  // that resolve.
  [[nodiscard]] std::pair<size_t, size_t> size() const;

 private:
  node::NodeStore* const store_;
  const std::vector<std::string> source_oins_;
};

}  // namespace vum::hub

#endif  // VUM_LIB_HUB_QUESTION_REGISTER_H_
