#include "vum/bron_service.h"

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "lib/json/json_printer.h"
#include "lib/privacy/bron_answer_body.h"
#include "lib/privacy/wire_filter.h"
#include "lib/selection/detail_access.h"
#include "vum/consent.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {
namespace {

// The message type of the records an index of `kind` holds.
const google::protobuf::Descriptor* RecordTypeOf(v1::SoortSelectie kind) {
  if (kind == v1::SOORT_SELECTIE_VACATURES) return v1::Vacature::descriptor();
  return v1::Werkzoekende::descriptor();
}

}  // namespace

bool BronAnswer::refused() const {
  for (const Violation& v : violations) {
    if (v.severity == Severity::kError) return true;
  }
  return false;
}

class BronService::Impl {
 public:
  Impl(const CaseloadIndex* index, const QuestionCompiler* compiler,
       BronServiceOptions options)
      : index_(index),
        compiler_(compiler),
        options_(options),
        type_(RecordTypeOf(index->kind())),
        first_round_(privacy_internal::WireFilter::ForFirstRound(type_)) {}

  absl::StatusOr<BronAnswer> Answer(const v1::Selectievraag& question,
                                    const Requester& requester, absl::Time now) const {
    if (question.soort() != index_->kind()) {
      return absl::FailedPreconditionError(
          "the question asks for another kind of record than this source holds here");
    }
    absl::StatusOr<QuestionCheck> check =
        compiler_->Compile(question, {.vum_extensions = options_.vum_extensions});
    if (!check.ok()) return check.status();
    BronAnswer answer;
    answer.violations = std::move(check->violations);
    answer.ignored = std::move(check->ignored);
    if (!check->answerable()) return answer;
    absl::BitGen rng;
    const CaseloadIndex::Sample sample = index_->Select(
        *check->plan,
        requester.legal_basis ? Audience::kLegalBasis : Audience::kEmployerView, now,
        static_cast<size_t>(options_.max_results), rng);
    // Each match is written as JSON from the stored bytes, through the
    // first-round filter: no message is built (KeepFirstRound and
    // PrintJsonFast give the same, wire_filter_test.cc and
    // json_printer_test.cc).
    std::vector<std::string> printed(sample.matches.size());
    std::string shown;  // one buffer for every match
    for (size_t i = 0; i < sample.matches.size(); ++i) {
      const CaseloadIndex::Match& m = sample.matches[i];
      shown.clear();
      if (!first_round_.Apply(m.record.view(), &shown) ||
          !PrintRecord(shown, &printed[i])) {
        return absl::InternalError("a kept record can no longer be read");
      }
      answer.record_ids.push_back(m.id);
    }
    answer.matched = sample.matched;
    answer.body =
        privacy_internal::BronAnswerBody(printed, sample.matched > sample.matches.size());
    return answer;
  }

  absl::StatusOr<std::string> Detail(absl::string_view id, const Requester& requester,
                                     absl::Time now) const {
    CaseloadIndex::Match m;
    if (!index_->FindSelectable(id, now, &m)) {
      return absl::NotFoundError("this source holds no selectable record with that id");
    }
    if (index_->kind() == v1::SOORT_SELECTIE_WERKZOEKENDEN && !requester.legal_basis) {
      v1::Procesgegevens process;
      if (!process.ParseFromString(m.process)) {
        return absl::InternalError("kept process data can no longer be read");
      }
      if (absl::Status s = selection_internal::DetailAllowed(process, requester, now);
          !s.ok()) {
        return s;
      }
    }
    std::string json;
    if (!PrintRecord(m.record.view(), &json)) {
      return absl::InternalError("a kept record can no longer be read");
    }
    return json;
  }

 private:
  // Replaces `json` with the record of the source's kind whose binary form
  // is `bytes`, as VUM JSON; false if the bytes are not such a record.
  bool PrintRecord(absl::string_view bytes, std::string* json) const {
    if (json_internal::PrintWireAsJson(type_, bytes, json)) return true;
    // Bytes not in a serializer's order: parsing says whether they are a
    // record at all.
    std::unique_ptr<google::protobuf::Message> record(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(type_)
            ->New());
    if (!record->ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
      return false;
    PrintJsonFast(*record, json);
    return true;
  }

  const CaseloadIndex* const index_;
  const QuestionCompiler* const compiler_;
  const BronServiceOptions options_;
  const google::protobuf::Descriptor* const type_;  // of the records held
  const privacy_internal::WireFilter first_round_;
};

absl::StatusOr<std::unique_ptr<BronService>> BronService::Create(
    const CaseloadIndex* index, const QuestionCompiler* compiler,
    BronServiceOptions options) {
  if (options.max_results < 1) {
    return absl::InvalidArgumentError("max_results must be at least 1");
  }
  return std::unique_ptr<BronService>(
      new BronService(std::make_unique<Impl>(index, compiler, options)));
}

BronService::BronService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BronService::~BronService() = default;

absl::StatusOr<BronAnswer> BronService::Answer(const v1::Selectievraag& question,
                                               const Requester& requester,
                                               absl::Time now) const {
  return impl_->Answer(question, requester, now);
}

absl::StatusOr<std::string> BronService::Detail(absl::string_view id,
                                                const Requester& requester,
                                                absl::Time now) const {
  return impl_->Detail(id, requester, now);
}

}  // namespace vum
