// vum/bron_service.h: what a source answers on the Bron interface of the VUM
// koppelvlak 3.0, apart from HTTP.
//
// In 3.0 the exchange facility (the Inlichtingenbureau's VUM
// uitwisselingsvoorziening) asks every source a mediator's question, and
// later the detail of one of the source's results. The source answers with
// its own keys (idWerkzoekende, idVacature); the facility issues the vumIDs
// and counts the details per question. BronService is the source's side:
//
// - Answer: the records that fit the question, a uniformly random choice of
//   at most `max_results` in random order, each reduced to the contract's
//   first round (vum/first_round.h), and whether more matched. Criteria the
//   koppelvlak does not describe are ignored and listed, never refused
//   (unless `vum_extensions`). Who is selectable is vum's guarantee beyond
//   the contract: a job seeker only while consent to anonymous publication
//   is in force (vum/caseload_index.h).
// - Detail: the record with the source's id as the contract's detail (the
//   whole Werkzoekende or Vacature), only while the record is selectable and,
//   for a job seeker, only to an asker with a legal basis or the person's
//   consent to share the detail profile with that asker.
//
// Outcomes are typed: a refused question is a Violation list, a detail that
// may not be given a Status with the most specific code; the HTTP layer maps
// them to the wire (lib/node/bron_interface.h). Nothing here writes a value
// of a record into a message.
//
// Example:
//
//   auto bron = vum::BronService::Create(index.get(), compiler.get(), {});
//   if (!bron.ok()) return bron.status();
//   absl::StatusOr<vum::BronAnswer> a =
//       (*bron)->Answer(question, {.oin = asker, .legal_basis = true}, absl::Now());
//   if (a.ok() && !a->refused()) std::cout << a->body;
//
// Thread safety: Answer and Detail may be called concurrently.

#ifndef VUM_BRON_SERVICE_H_
#define VUM_BRON_SERVICE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "vum/caseload_index.h"
#include "vum/selection.h"
#include "vum/selection_service.h"
#include "vum/v1/selection.pb.h"
#include "vum/violation.h"

namespace vum {

struct BronServiceOptions {
  // The most matches one answer holds (the Afsprakenstelsel's default 100).
  int max_results = 100;
  // Apply vum's own criteria (undescribed in the koppelvlak) instead of
  // ignoring them. Off on the standard's endpoints.
  bool vum_extensions = false;
};

struct BronAnswer {
  // The question's violations; it is refused when one is an error.
  std::vector<Violation> violations;
  // The criteria not applied (undescribed in the koppelvlak, or vum's own).
  std::vector<v1::GenegeerdCriterium> ignored;
  // The answer body, {"maximumAantalResultatenBereikt":..,"matches":[..]},
  // when not refused.
  std::string body;
  // The id of the record behind each match, in the answer's order: for the
  // source's processing log.
  std::vector<std::string> record_ids;
  // How many records matched in all; more than record_ids when capped.
  size_t matched = 0;

  [[nodiscard]] bool refused() const;
};

class BronService {
 public:
  // `index` and `compiler` are not owned and must outlive the service.
  // INVALID_ARGUMENT for max_results below 1.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<BronService>> Create(
      const CaseloadIndex* index, const QuestionCompiler* compiler,
      BronServiceOptions options);
  ~BronService();
  BronService(const BronService&) = delete;
  BronService& operator=(const BronService&) = delete;

  // Answers `question` as at `now` for `requester` (its legal basis decides
  // whether special-category criteria count for records without explicit
  // consent). FAILED_PRECONDITION for a question of another kind than the
  // index; INTERNAL when a kept record no longer reads.
  [[nodiscard]] absl::StatusOr<BronAnswer> Answer(const v1::Selectievraag& question,
                                                  const Requester& requester,
                                                  absl::Time now) const;

  // The detail of the record `id` as VUM JSON. NOT_FOUND for an id the
  // source does not hold or whose record is not selectable at `now` (no
  // consent in force): the two are not told apart; PERMISSION_DENIED for a
  // job seeker's detail to an asker without a legal basis or the person's
  // consent to share it; INTERNAL when the record no longer reads.
  [[nodiscard]] absl::StatusOr<std::string> Detail(absl::string_view id,
                                                   const Requester& requester,
                                                   absl::Time now) const;

 private:
  class Impl;
  explicit BronService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_BRON_SERVICE_H_
