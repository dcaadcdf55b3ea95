// vum/selection_service.h: a source answers selection questions and detail
// requests.
//
// An answer holds a uniformly random choice of the matching records, in
// random order, each as its anonymous matching view under a vumID: a keyed
// pseudonym (HMAC-SHA-256 under the source's key) over the source, the record
// and an id the source gives this answer, so that the same person in two
// answers cannot be linked. `maximumAantalResultatenBereikt` is true only
// when more records matched than were returned. An asker without a legal
// basis to see detail profiles gets no results when fewer than k records
// match ("minder dan k").
//
// A vumID resolves to a detail only within its answer's lifetime and detail
// quota (defaults 7 days and 10), for the requester that asked, and only when
// that requester has a legal basis or the person consented to share the
// detail profile with it.
//
// Example:
//
//   auto service = vum::SelectionService::Create(index.get(), compiler.get(),
//                                                std::move(vumid_key), {.source_oin = oin});
//   if (!service.ok()) return service.status();
//   absl::StatusOr<vum::SelectionAnswer> a =
//       (*service)->Answer(question, {.oin = asker}, absl::Now());
//   if (a.ok() && !a->refused()) std::cout << a->result().resultaat_size() << " results\n";
//
// Thread safety: Answer and Detail may be called concurrently.

#ifndef VUM_SELECTION_SERVICE_H_
#define VUM_SELECTION_SERVICE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "vum/answer_ledger.h"
#include "vum/caseload_index.h"
#include "vum/pseudonym.h"
#include "vum/selection.h"
#include "vum/v1/selection.pb.h"
#include "vum/violation.h"

namespace vum {

// The domain of vumIDs under the source's key (see pseudonym.h).
inline constexpr char kVumIdDomain[] = "vum-vumid-v1";

struct Requester {
  // The asking organisation's OIN, as its certificate proves it.
  std::string oin;
  // A mediator with a legal basis to see detail profiles (a SUWI party).
  bool legal_basis = false;
};

struct SelectionServiceOptions {
  // The source's own OIN, part of every vumID.
  std::string source_oin;
  // The most results one answer holds, whatever the question asks.
  int max_results = 100;
  int details_per_question = 10;
  absl::Duration question_lifetime = absl::Hours(7 * 24);
  // The fewest matching records for which an asker without a legal basis
  // gets results.
  int k = 10;
  // Where answers are remembered for detail requests; not owned, must
  // outlive the service. Null: in memory, lost with the service.
  AnswerLedger* ledger = nullptr;
};

// An answer to a selection question. Move-only: its result and everything in
// it live on an arena the answer owns, so that the hundred views of an answer
// cost a few allocations rather than thousands, and go with the answer at once.
// A moved-from answer has an empty result.
class SelectionAnswer {
 public:
  SelectionAnswer();
  SelectionAnswer(SelectionAnswer&& other) noexcept;
  SelectionAnswer& operator=(SelectionAnswer&& other) noexcept;
  ~SelectionAnswer();

  // The question's violations; it is refused when one is an error.
  std::vector<Violation> violations;
  // The id of the record behind each result, in the result's order: for the
  // source's own processing log, never sent.
  std::vector<std::string> record_ids;

  // The answer, when not refused.
  [[nodiscard]] const v1::Selectieresultaat& result() const { return *result_; }
  [[nodiscard]] v1::Selectieresultaat* mutable_result();

  [[nodiscard]] bool refused() const {
    for (const Violation& v : violations) {
      if (v.severity == Severity::kError) return true;
    }
    return false;
  }

 private:
  std::unique_ptr<google::protobuf::Arena> arena_;
  v1::Selectieresultaat* result_;  // on arena_; the default instance when moved from
};

class SelectionService {
 public:
  // `index` and `compiler` are not owned and must outlive the service.
  // INVALID_ARGUMENT for limits below 1 or a source OIN that is not 20 digits.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<SelectionService>> Create(
      const CaseloadIndex* index, const QuestionCompiler* compiler, Pseudonymizer key,
      SelectionServiceOptions options);
  ~SelectionService();
  SelectionService(const SelectionService&) = delete;
  SelectionService& operator=(const SelectionService&) = delete;

  // Checks `question` and, unless a violation refuses it, answers it as at
  // `now` and remembers its vumIDs for detail requests. A Status only if the
  // question cannot be judged, the question is of another kind than the
  // index (FAILED_PRECONDITION), or the ledger cannot keep the answer.
  [[nodiscard]] absl::StatusOr<SelectionAnswer> Answer(const v1::Selectievraag& question,
                                                       const Requester& requester,
                                                       absl::Time now);

  // The detail of one result. NOT_FOUND for a vumID this service did not
  // give or whose answer has expired, or whose record was withdrawn since;
  // PERMISSION_DENIED for another requester than the one that asked, or one
  // that may not see the detail; RESOURCE_EXHAUSTED when the answer's detail
  // quota is used. Each message names the reason, never the vumID or a value.
  // When given, `record_id` receives the id of the record shown.
  [[nodiscard]] absl::StatusOr<v1::Detailantwoord> Detail(
      const v1::Detailverzoek& request, const Requester& requester, absl::Time now,
      std::string* record_id = nullptr);

  // How many answers the ledger keeps (expired ones are forgotten on the
  // next Answer).
  [[nodiscard]] size_t answers_remembered() const;

 private:
  class Impl;
  explicit SelectionService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_SELECTION_SERVICE_H_
