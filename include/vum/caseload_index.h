// vum/caseload_index.h: a source's caseload, indexed to answer selection
// questions.
//
// The index holds the job-seeker profiles (or vacancies) of one source with
// their process data, kept current record by record: Put adds or replaces a
// record, PutProcessData replaces a person's consents, Remove withdraws a
// record (as a delta does). It keeps, per record, the values of the paths the
// schema declares selectable, the four-digit area of its postcode and its
// consent periods, so that a question first narrows to the areas within the
// asked distance and then checks only the records there.
//
// Who may be selected:
// - a job seeker only while a consent to anonymous publication is in force
//   (given, not withdrawn, not expired); vacancies need none;
// - within the asked distance of the area's postcode and, where the profile
//   states a maximum travel distance, within that too;
// - for Audience::kEmployerView, a criterion on data that needs consent in
//   the employer's view (disability, support needs) holds only where the
//   person gave explicit consent to show it: the answer never depends on a
//   value the asker may not see (docs/selection.md, "differencing").
//
// Memory: about 8 bytes per selectable value of a record, its serialized
// record and process data, and a fixed 120 bytes or so; IndexStats reports it.
// Records loaded by an IndexLoader share large blocks (vum/record_bytes.h): a
// record replaced or withdrawn later keeps its block's bytes until every
// record of that block is gone, or the node restarts; IndexStats counts the
// live records' bytes only.
//
// Example:
//
//   auto index = vum::CaseloadIndex::Create(&pc4, vum::v1::SOORT_SELECTIE_WERKZOEKENDEN);
//   if (!index.ok()) return index.status();
//   if (absl::Status s = (*index)->Put(profile).status(); !s.ok()) return s;
//   if (absl::Status s = (*index)->PutProcessData(process); !s.ok()) return s;
//   absl::StatusOr<vum::QuestionCheck> check = compiler->Compile(question);
//   if (!check.ok() || !check->answerable()) return absl::InvalidArgumentError("question");
//   absl::BitGen rng;
//   vum::CaseloadIndex::Sample s = (*index)->Select(
//       *check->plan, vum::Audience::kEmployerView, absl::Now(), 100, rng);
//
// Thread safety: every method may be called concurrently; questions share a
// lock that updates take alone.

#ifndef VUM_CASELOAD_INDEX_H_
#define VUM_CASELOAD_INDEX_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/random/bit_gen_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "vum/pc4.h"
#include "vum/record_bytes.h"
#include "vum/selection.h"
#include "vum/v1/process.pb.h"

namespace vum {

// In which view a question's criteria are evaluated.
enum class Audience {
  // An asker who may see only the anonymous matching profile: data that
  // needs consent in that view is evaluated only where it was given.
  kEmployerView,
  // A mediator with a legal basis to see the detail profile (a SUWI party):
  // every selectable value counts.
  kLegalBasis,
};

enum class PutOutcome {
  kIndexed,
  // No postcode, or one whose four-digit area is not in the PC4 list: kept,
  // but no question's area contains it.
  kNotLocated,
};

struct IndexStats {
  size_t records = 0;
  size_t not_located = 0;
  // Values kept for selection, over all records.
  size_t values = 0;
  // Memory the index holds, records and process data included.
  size_t bytes = 0;
};

class CaseloadIndex {
 public:
  // `pc4` is not owned and must outlive the index. INVALID_ARGUMENT for a
  // kind other than job seekers or vacancies.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<CaseloadIndex>> Create(
      const Pc4Register* pc4, v1::SoortSelectie kind);
  ~CaseloadIndex();
  CaseloadIndex(const CaseloadIndex&) = delete;
  CaseloadIndex& operator=(const CaseloadIndex&) = delete;

  // Adds `record` (a v1::Werkzoekende or v1::Vacature, as the index's kind),
  // replacing the record with the same id. INVALID_ARGUMENT for another type
  // or a record without an id.
  [[nodiscard]] absl::StatusOr<PutOutcome> Put(const google::protobuf::Message& record);
  // Replaces the consents of the person `process` is about; kept until that
  // person's profile arrives. INVALID_ARGUMENT without idWerkzoekende, or on
  // an index of vacancies.
  [[nodiscard]] absl::Status PutProcessData(const v1::Procesgegevens& process);
  // As Put and PutProcessData, for a record or process data in their binary
  // form (as a store keeps them): the index reads `bytes` itself and keeps
  // them as they are, without serializing again, which is what a restart
  // spends its time on. The values read are those protobuf parses from
  // `bytes`, whatever form they come in. DATA_LOSS if `bytes` is not a record
  // of the index's kind (or not process data); otherwise as Put and
  // PutProcessData.
  [[nodiscard]] absl::StatusOr<PutOutcome> PutSerialized(std::string bytes);
  [[nodiscard]] absl::Status PutProcessDataSerialized(std::string bytes);
  // Withdraws the record with `id` and its process data; false if unknown.
  bool Remove(absl::string_view id);

  // What Put refuses before it reads a record, for callers that route records
  // by id before they are put (vum/index_loader.h): the id `record` would be
  // put under (valid while `record` is), or Put's INVALID_ARGUMENT for a
  // record of another type or without an id.
  [[nodiscard]] absl::StatusOr<absl::string_view> IdToPut(
      const google::protobuf::Message& record) const;
  // OK if PutProcessData would take `process`, else its INVALID_ARGUMENT.
  [[nodiscard]] absl::Status CheckProcessData(const v1::Procesgegevens& process) const;
  // As IdToPut and CheckProcessData, for a record or process data in binary
  // form (a file's records as RecordReader::NextBinary gives them): the id
  // the bytes hold (valid while they are), or INVALID_ARGUMENT as those give
  // it; DATA_LOSS if `bytes` is not in protobuf's binary form. The bytes are
  // read only as far as their top-level fields: their type is the caller's
  // word.
  [[nodiscard]] absl::StatusOr<absl::string_view> IdToPutSerialized(
      absl::string_view bytes) const;
  [[nodiscard]] absl::StatusOr<absl::string_view> ProcessDataIdSerialized(
      absl::string_view bytes) const;

  struct Match {
    std::string id;
    // The record, serialized; shared with the index, not copied: it stays as
    // it is for as long as the Match holds it, also when the index replaces or
    // withdraws the record meanwhile.
    RecordBytes record;
    // The person's process data, serialized; empty if none, and always empty
    // in a Sample (an answer shows none; Find and FindSelectable give it).
    std::string process;
    // An explicit consent to show special-category data was in force.
    bool special_category_consent = false;
  };
  struct Sample {
    // A uniformly random choice of at most `n` matching records, in random
    // order.
    std::vector<Match> matches;
    // How many records matched in all.
    size_t matched = 0;
  };
  // The records that fit `plan` at the moment `at`.
  [[nodiscard]] Sample Select(const QuestionPlan& plan, Audience audience, absl::Time at,
                              size_t n, absl::BitGenRef rng) const;

  // How many records each step keeps: in the area, selectable (consent and
  // own travel distance), then after each criterion in turn.
  struct Funnel {
    size_t in_area = 0;
    size_t selectable = 0;
    // One per criterion that was applied, in the question's order.
    std::vector<std::pair<int, size_t>> after_criterion;  // (index in question, kept)
  };
  [[nodiscard]] Funnel Explain(const QuestionPlan& plan, Audience audience,
                               absl::Time at) const;

  // The record with `id`, for a detail request; false if unknown.
  [[nodiscard]] bool Find(absl::string_view id, Match* out) const;
  // The record with `id` if it may be selected at `at` (a job seeker's
  // consent to anonymous publication in force; a vacancy always), with
  // special_category_consent set; false otherwise, unknown ids included.
  [[nodiscard]] bool FindSelectable(absl::string_view id, absl::Time at,
                                    Match* out) const;

  [[nodiscard]] IndexStats stats() const;
  [[nodiscard]] v1::SoortSelectie kind() const;

 private:
  // What IndexLoader (vum/index_loader.h) uses: records read without the
  // index's lock into a Batch, put under it a batch at a time, and, between
  // BeginLoad and EndLoad, kept aside from the areas until EndLoad puts them
  // there area by area (a question does not see them until then).
  friend class IndexLoader;
  class Batch;
  struct BatchDeleter {
    void operator()(Batch* batch) const;
  };
  using BatchPtr = std::unique_ptr<Batch, BatchDeleter>;
  struct BatchCounts {
    size_t records = 0;
    size_t not_located = 0;
    size_t process_data = 0;
  };
  [[nodiscard]] static BatchPtr NewBatch();
  // Reads `record`, a serialized record, or `bytes`, serialized process
  // data, into `batch`; errors as PutSerialized and PutProcessDataSerialized
  // give them.
  [[nodiscard]] absl::Status Read(RecordBytes record, Batch* batch) const;
  [[nodiscard]] absl::Status ReadProcessData(RecordBytes bytes, Batch* batch) const;
  // Puts what `batch` holds, in order, and empties it.
  BatchCounts Put(Batch* batch);
  void BeginLoad();
  // Puts the records kept aside in their areas, on `threads` threads. Throws
  // std::bad_alloc when memory runs out, after every thread stopped; the
  // index then holds only part of them in their areas (IndexLoader::Finish
  // turns that into RESOURCE_EXHAUSTED).
  void EndLoad(int threads);

  class Impl;
  explicit CaseloadIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_CASELOAD_INDEX_H_
