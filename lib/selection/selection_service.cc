#include "vum/selection_service.h"

#include <utility>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "lib/privacy/wire_filter.h"
#include "lib/selection/answer_arena.h"
#include "lib/selection/detail_access.h"
#include "lib/selection/plan.h"
#include "lib/validate/formats.h"
#include "vum/consent.h"
#include "vum/delta.h"
#include "vum/ids.h"
#include "vum/view.h"

namespace vum {
namespace {

// What a moved-from answer shows: an empty result, never written to.
v1::Selectieresultaat* DefaultResult() {
  return const_cast<v1::Selectieresultaat*>(&v1::Selectieresultaat::default_instance());
}

using privacy_internal::WireFilter;

const google::protobuf::Descriptor* RecordTypeOf(v1::SoortSelectie kind) {
  return kind == v1::SOORT_SELECTIE_VACATURES ? v1::Vacature::descriptor()
                                              : v1::Werkzoekende::descriptor();
}

}  // namespace

SelectionAnswer::SelectionAnswer()
    : arena_(std::make_unique<google::protobuf::Arena>(
          selection_internal::AnswerArenaOptions())),
      result_(
          google::protobuf::Arena::CreateMessage<v1::Selectieresultaat>(arena_.get())) {}

SelectionAnswer::SelectionAnswer(SelectionAnswer&& other) noexcept
    : violations(std::move(other.violations)),
      record_ids(std::move(other.record_ids)),
      arena_(std::move(other.arena_)),
      result_(std::exchange(other.result_, DefaultResult())) {}

SelectionAnswer& SelectionAnswer::operator=(SelectionAnswer&& other) noexcept {
  violations = std::move(other.violations);
  record_ids = std::move(other.record_ids);
  arena_ = std::move(other.arena_);
  result_ = std::exchange(other.result_, DefaultResult());
  return *this;
}

SelectionAnswer::~SelectionAnswer() = default;

v1::Selectieresultaat* SelectionAnswer::mutable_result() {
  if (arena_ == nullptr) *this = SelectionAnswer();  // moved from: a fresh one
  return result_;
}

class SelectionService::Impl {
 public:
  Impl(const CaseloadIndex* index, const QuestionCompiler* compiler, Pseudonymizer key,
       SelectionServiceOptions options)
      : index_(index),
        compiler_(compiler),
        key_(std::move(key)),
        options_(std::move(options)),
        own_ledger_(options_.ledger ? nullptr : NewInMemoryAnswerLedger()),
        ledger_(options_.ledger ? options_.ledger : own_ledger_.get()),
        employer_view_(WireFilter::ForView(RecordTypeOf(index->kind()),
                                           {v1::VIEW_EMPLOYER, false}, {})),
        employer_view_with_consent_(WireFilter::ForView(RecordTypeOf(index->kind()),
                                                        {v1::VIEW_EMPLOYER, true}, {})) {}

  absl::StatusOr<SelectionAnswer> Answer(const v1::Selectievraag& q,
                                         const Requester& requester, absl::Time now) {
    absl::StatusOr<QuestionCheck> check = compiler_->Compile(q);
    if (!check.ok()) return check.status();
    SelectionAnswer answer;
    answer.violations = std::move(check->violations);
    if (!check->answerable()) return answer;
    if (q.soort() != index_->kind()) {
      return absl::FailedPreconditionError(
          "this source answers questions of another kind");
    }
    const QuestionPlan& plan = *check->plan;
    size_t wanted = options_.max_results;
    if (plan.max_results > 0) wanted = std::min<size_t>(wanted, plan.max_results);
    const Audience audience =
        requester.legal_basis ? Audience::kLegalBasis : Audience::kEmployerView;
    absl::BitGen rng;
    CaseloadIndex::Sample sample = index_->Select(plan, audience, now, wanted, rng);

    v1::Selectieresultaat& result = *answer.mutable_result();
    const std::string answer_id = NewUuid();
    result.set_id_selectieresultaat(answer_id);
    for (v1::GenegeerdCriterium& g : check->ignored)
      *result.add_genegeerd_criterium() = std::move(g);
    if (!requester.legal_basis) {
      result.set_k(options_.k);
      if (sample.matched < static_cast<size_t>(options_.k)) {
        result.set_minder_dan_k(true);
        return answer;  // no results, no flag: nothing to count
      }
    }
    result.set_maximum_aantal_resultaten_bereikt(sample.matched > sample.matches.size());
    const absl::Time expires = now + options_.question_lifetime;
    result.set_geldig_tot(Rfc3339(expires));
    IssuedAnswer issued{
        answer_id, requester.oin, expires, options_.details_per_question, {}};
    issued.results.reserve(sample.matches.size());
    answer.record_ids.reserve(sample.matches.size());
    std::string shown;  // one buffer for every result's view
    for (const CaseloadIndex::Match& m : sample.matches) {
      v1::Selectieresultaatregel& r = *result.add_resultaat();
      r.set_vum_id(key_.Pseudonym(absl::StrCat(options_.source_oin, std::string(1, '\0'),
                                               m.id, std::string(1, '\0'), answer_id),
                                  kVumIdDomain));
      if (!MatchingView(m, &shown, &r)) {
        return absl::DataLossError("a stored record can no longer be read");
      }
      issued.results.push_back({r.vum_id(), m.id});
      answer.record_ids.push_back(m.id);
    }
    if (absl::Status kept = ledger_->Remember(std::move(issued), now); !kept.ok())
      return kept;
    return answer;
  }

  absl::StatusOr<v1::Detailantwoord> Detail(const v1::Detailverzoek& request,
                                            const Requester& requester, absl::Time now,
                                            std::string* record_id) {
    absl::StatusOr<IssuedResult> issued = ledger_->Find(request.vum_id());
    if (absl::IsNotFound(issued.status()))
      return absl::NotFoundError("no answer of this source holds that vumID");
    if (!issued.ok()) return issued.status();
    if (issued->expires <= now) {
      return absl::NotFoundError("the answer that gave this vumID has expired");
    }
    if (issued->requester_oin != requester.oin) {
      return absl::PermissionDeniedError("the vumID was given to another requester");
    }
    if (issued->details_left <= 0) return QuotaUsed();
    CaseloadIndex::Match m;
    if (!index_->Find(issued->record_id, &m)) {
      return absl::NotFoundError("the record has been withdrawn since the answer");
    }
    absl::StatusOr<v1::Detailantwoord> detail = DetailOf(m, requester, now);
    if (!detail.ok()) return detail.status();
    // Counted only when a detail is given; atomic against a concurrent request.
    absl::Status taken = ledger_->TakeDetail(issued->answer_id);
    if (absl::IsResourceExhausted(taken)) return QuotaUsed();
    if (!taken.ok()) return taken;
    detail->set_vum_id(request.vum_id());
    if (record_id != nullptr) *record_id = issued->record_id;
    return detail;
  }

  size_t answers_remembered() const { return ledger_->answers(); }

 private:
  // The record's matching view, made from its stored bytes (as ReduceToView
  // and Generalise would from the parsed record, wire_filter_test.cc), with
  // `shown` as scratch.
  bool MatchingView(const CaseloadIndex::Match& m, std::string* shown,
                    v1::Selectieresultaatregel* r) const {
    google::protobuf::Message* view;
    if (index_->kind() == v1::SOORT_SELECTIE_WERKZOEKENDEN) {
      view = r->mutable_werkzoekende();
      if (m.special_category_consent)
        r->set_toestemming_bijzondere_gegevens(v1::JA_NEE_JA);
    } else {
      view = r->mutable_vacature();
    }
    const WireFilter& filter =
        m.special_category_consent ? employer_view_with_consent_ : employer_view_;
    shown->clear();
    return filter.Apply(m.record.view(), shown) && view->ParseFromString(*shown);
  }

  absl::StatusOr<v1::Detailantwoord> DetailOf(const CaseloadIndex::Match& m,
                                              const Requester& requester,
                                              absl::Time now) const {
    v1::Detailantwoord detail;
    if (index_->kind() == v1::SOORT_SELECTIE_VACATURES) {
      if (!detail.mutable_vacature()->ParseFromArray(m.record.data(),
                                                     static_cast<int>(m.record.size()))) {
        return absl::DataLossError("a stored record can no longer be read");
      }
      return detail;
    }
    v1::Procesgegevens process;
    if (!process.ParseFromString(m.process)) {
      return absl::DataLossError("stored process data can no longer be read");
    }
    if (absl::Status s = selection_internal::DetailAllowed(process, requester, now);
        !s.ok()) {
      return s;
    }
    v1::Werkzoekende profile;
    if (!profile.ParseFromArray(m.record.data(), static_cast<int>(m.record.size()))) {
      return absl::DataLossError("a stored record can no longer be read");
    }
    *detail.mutable_detailprofiel() = DetailProfileOf(profile);
    detail.mutable_detailprofiel()->set_bijgewerkt_op(Rfc3339(now));
    return detail;
  }

  absl::Status QuotaUsed() const {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the answer's quota of ", options_.details_per_question, " details is used"));
  }

  const CaseloadIndex* index_;
  const QuestionCompiler* compiler_;
  const Pseudonymizer key_;
  const SelectionServiceOptions options_;
  const std::unique_ptr<AnswerLedger> own_ledger_;  // when none was given
  AnswerLedger* const ledger_;
  const WireFilter employer_view_;
  const WireFilter employer_view_with_consent_;
};

absl::StatusOr<std::unique_ptr<SelectionService>> SelectionService::Create(
    const CaseloadIndex* index, const QuestionCompiler* compiler, Pseudonymizer key,
    SelectionServiceOptions options) {
  if (index == nullptr || compiler == nullptr) {
    return absl::InvalidArgumentError(
        "a selection service needs an index and a compiler");
  }
  if (options.max_results < 1 || options.details_per_question < 0 || options.k < 1 ||
      options.question_lifetime <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "results per question and k must be at least 1, details at least 0, the lifetime "
        "positive");
  }
  if (!validate_internal::IsOin(options.source_oin)) {
    return absl::InvalidArgumentError("the source's OIN is not 20 digits");
  }
  return std::unique_ptr<SelectionService>(new SelectionService(
      std::make_unique<Impl>(index, compiler, std::move(key), std::move(options))));
}

SelectionService::SelectionService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SelectionService::~SelectionService() = default;

absl::StatusOr<SelectionAnswer> SelectionService::Answer(
    const v1::Selectievraag& question, const Requester& requester, absl::Time now) {
  return impl_->Answer(question, requester, now);
}

absl::StatusOr<v1::Detailantwoord> SelectionService::Detail(
    const v1::Detailverzoek& request, const Requester& requester, absl::Time now,
    std::string* record_id) {
  return impl_->Detail(request, requester, now, record_id);
}

size_t SelectionService::answers_remembered() const {
  return impl_->answers_remembered();
}

}  // namespace vum
