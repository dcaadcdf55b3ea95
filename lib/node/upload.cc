#include "lib/node/upload.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/json/json_string.h"
#include "vum/batch.h"
#include "vum/delta.h"
#include "vum/json.h"
#include "vum/record_reader.h"
#include "vum/v1/process.pb.h"

namespace vum::node {
namespace {

using exchange::Problem;
using json_internal::JsonString;

UploadAnswer Refuse(int status, std::string code, std::string detail,
                    std::vector<Violation> violations = {}) {
  return {Problem{status, std::move(code), "upload geweigerd", std::move(detail),
                  std::move(violations), ""},
          ""};
}

UploadAnswer StoreFailed(const absl::Status& s) {
  return {Problem{503,
                  "opslag-onbeschikbaar",
                  "opslag onbeschikbaar",
                  std::string(s.message()),
                  {},
                  ""},
          ""};
}

struct Rejected {
  uint64_t index;
  std::string reason;  // onleesbaar, ongeldig, zonder-id, andere-soort, andere-eigenaar
  std::vector<Violation> violations;
};

// What one upload did, for its report.
struct Tally {
  uint64_t read = 0;
  uint64_t accepted = 0;
  uint64_t withdrawn = 0;
  uint64_t unknown_withdrawals = 0;
  uint64_t dropped = 0;  // a full batch's: the uploader's records it no longer holds
  std::vector<Rejected> rejected;
  // Committed records the selection index could not take (FollowStore).
  uint64_t index_failures = 0;
};

std::string ReportJson(const Tally& t, absl::string_view batch_id,
                       absl::string_view kind) {
  std::string out = "{";
  if (!batch_id.empty()) absl::StrAppend(&out, "\"batchId\":", JsonString(batch_id), ",");
  if (!kind.empty()) absl::StrAppend(&out, "\"soort\":", JsonString(kind), ",");
  absl::StrAppend(&out, "\"gelezen\":", t.read, ",\"geaccepteerd\":", t.accepted,
                  ",\"geweigerd\":", t.rejected.size(), ",\"ingetrokken\":", t.withdrawn,
                  ",\"onbekendeIntrekkingen\":", t.unknown_withdrawals,
                  ",\"vervallen\":", t.dropped, ",\"indexFouten\":", t.index_failures,
                  ",\"geweigerdeRecords\":[");
  for (size_t i = 0; i < t.rejected.size(); ++i) {
    const Rejected& r = t.rejected[i];
    absl::StrAppend(&out, i ? "," : "", "{\"index\":", r.index,
                    ",\"reden\":", JsonString(r.reason), ",\"overtredingen\":[");
    for (size_t j = 0; j < r.violations.size(); ++j) {
      absl::StrAppend(&out, j ? "," : "", exchange::ViolationJson(r.violations[j]));
    }
    out += "]}";
  }
  return out + "]}";
}

// After a commit the selection index follows the store: what was committed is
// read back from the store (the upload itself is not held), the withdrawn ids
// removed. Returns how many committed records or process data the index could
// not take; none is passed over unnoticed.
uint64_t FollowStore(const UploadTarget& t, RecordKind kind,
                     const std::vector<std::string>& removed,
                     const std::vector<std::string>& upserted,
                     const std::vector<std::string>& process_ids) {
  CaseloadIndex* index =
      kind == v1::SOORT_SELECTIE_WERKZOEKENDEN ? t.profiles : t.vacancies;
  for (const std::string& id : removed) index->Remove(id);
  uint64_t applied = 0;
  // A read that fails part way leaves the rest counted as failures.
  (void)t.store->ReadBack(
      kind, upserted,
      [&](const StoredRecord& r) {
        applied += index->PutSerialized(r.body).ok();
        return absl::OkStatus();
      },
      process_ids,
      [&](absl::string_view, absl::string_view body) {
        applied += t.profiles->PutProcessDataSerialized(std::string(body)).ok();
        return absl::OkStatus();
      });
  return upserted.size() + process_ids.size() - applied;
}

// The longest line of process data held; a longer one is refused (te-lang).
constexpr size_t kMaxLineBytes = size_t{1} << 20;

std::optional<RecordKind> KindOf(v1::SoortInhoud content) {
  if (content == v1::SOORT_INHOUD_WERKZOEKENDEN) return v1::SOORT_SELECTIE_WERKZOEKENDEN;
  if (content == v1::SOORT_INHOUD_VACATURES) return v1::SOORT_SELECTIE_VACATURES;
  return std::nullopt;
}

// Where a delta stands against the stored sequence: a problem, or none.
std::optional<UploadAnswer> CheckSequence(NodeStore& store, RecordKind kind,
                                          const v1::BatchKop& h,
                                          const std::string& owner) {
  absl::StatusOr<std::optional<Sequence>> seq = store.SequenceOf(kind, owner);
  if (!seq.ok()) return StoreFailed(seq.status());
  if (h.soort() == v1::SOORT_BATCH_VOLLEDIG) {
    if (seq->has_value() && (*seq)->base_batch_id == h.batch_id()) {
      return Refuse(409, "al-geladen", "this full batch is already loaded");
    }
    return std::nullopt;
  }
  if (!seq->has_value()) {
    return Refuse(409, "delta-zonder-basis",
                  "no full batch of this kind is loaded to build on");
  }
  // What the store holds, as the full batch it amounts to: the rule of
  // sequence is CheckDeltaFollows's, as for delta files.
  v1::BatchKop loaded;
  loaded.set_soort(v1::SOORT_BATCH_VOLLEDIG);
  loaded.set_inhoud(h.inhoud());
  loaded.set_batch_id((*seq)->base_batch_id);
  loaded.set_basis_batch_id((*seq)->base_batch_id);
  loaded.set_volgnummer((*seq)->last_delta);
  switch (DeltaRefusalOf(CheckDeltaFollows(loaded, h))) {
    case DeltaRefusal::kNone:
      return std::nullopt;
    case DeltaRefusal::kOtherBase:
      return Refuse(409, "delta-andere-basis", "the delta builds on another full batch");
    case DeltaRefusal::kReplay:
      return Refuse(409, "delta-al-toegepast", "this delta is already applied");
    case DeltaRefusal::kGap:
      return Refuse(409, "delta-gat", "an earlier delta is missing");
    default:  // not a delta, or of another kind: the header says otherwise
      return Refuse(400, "batchkop-ongeldig", "the batch is neither full nor a delta");
  }
}

class BatchLoad {
 public:
  BatchLoad(const UploadTarget& target, const Caller& caller, RecordKind kind, bool full)
      : t_(target), owner_(caller.controller_oin), kind_(kind), full_(full) {}

  // One record into the transaction; a Status only when the store fails.
  absl::Status Take(UploadTransaction& tx, const v1::BatchRecord& record,
                    const RecordPosition& pos) {
    ++tally_.read;
    if (!pos.parse_error.empty()) return Reject(pos.index, "onleesbaar");
    const std::string id(RecordId(record));
    if (id.empty()) return Reject(pos.index, "zonder-id");
    if (full_) seen_.insert(id);
    absl::StatusOr<std::optional<std::string>> owner = tx.OwnerOf(kind_, id);
    if (!owner.ok()) return owner.status();
    if (owner->has_value() && **owner != owner_)
      return Reject(pos.index, "andere-eigenaar");
    if (record.has_intrekking()) return Withdraw(tx, id, owner->has_value());
    const google::protobuf::Message* m = nullptr;
    if (record.has_werkzoekende() && kind_ == v1::SOORT_SELECTIE_WERKZOEKENDEN) {
      m = &record.werkzoekende();
    } else if (record.has_vacature() && kind_ == v1::SOORT_SELECTIE_VACATURES) {
      m = &record.vacature();
    } else {
      return Reject(pos.index, "andere-soort");
    }
    absl::StatusOr<ValidationResult> verdict = t_.validator->Validate(*m);
    if (!verdict.ok()) return verdict.status();
    if (!verdict->conforms()) return Reject(pos.index, "ongeldig", verdict->violations());
    if (absl::Status s = tx.PutRecord({kind_, id, owner_, m->SerializeAsString()});
        !s.ok())
      return s;
    ++tally_.accepted;
    upserted_.push_back(id);
    return absl::OkStatus();
  }

  // A full batch: the uploader's records it does not hold are removed.
  absl::Status DropTheRest(UploadTransaction& tx) {
    if (!full_) return absl::OkStatus();
    absl::StatusOr<std::vector<std::string>> ids = tx.IdsOf(kind_, owner_);
    if (!ids.ok()) return ids.status();
    for (std::string& id : *ids) {
      if (seen_.contains(id)) continue;
      absl::StatusOr<bool> removed = tx.RemoveRecord(kind_, id);
      if (!removed.ok()) return removed.status();
      ++tally_.dropped;
      removed_.push_back(std::move(id));
    }
    return absl::OkStatus();
  }

  // After the commit: the selection index follows the store.
  void ApplyToIndex() {
    tally_.index_failures = FollowStore(t_, kind_, removed_, upserted_, {});
  }

  const Tally& tally() const { return tally_; }

 private:
  absl::Status Reject(uint64_t index, std::string reason, std::vector<Violation> v = {}) {
    tally_.rejected.push_back({index, std::move(reason), std::move(v)});
    return absl::OkStatus();
  }

  absl::Status Withdraw(UploadTransaction& tx, const std::string& id, bool known) {
    ++tally_.accepted;
    if (!known) {
      ++tally_.unknown_withdrawals;
      return absl::OkStatus();
    }
    absl::StatusOr<bool> removed = tx.RemoveRecord(kind_, id);
    if (!removed.ok()) return removed.status();
    ++tally_.withdrawn;
    removed_.push_back(id);
    return absl::OkStatus();
  }

  const UploadTarget& t_;
  const std::string owner_;
  const RecordKind kind_;
  const bool full_;
  Tally tally_;
  std::vector<std::string> upserted_;  // the ids written as upserts
  std::vector<std::string> removed_;
  absl::flat_hash_set<std::string> seen_;
};

}  // namespace

UploadAnswer UploadBatch(const UploadTarget& target, const std::string& path,
                         const Caller& caller) {
  absl::StatusOr<std::unique_ptr<BatchReader>> reader =
      BatchReader::Open(path, {target.max_record_bytes});
  if (!reader.ok()) {
    return Refuse(400, "batch-onleesbaar",
                  absl::StrCat("not a VUM batch (",
                               BatchDamageName(BatchDamageOf(reader.status())), ")"));
  }
  const v1::BatchKop& h = (*reader)->header();
  absl::StatusOr<ValidationResult> hv = target.validator->Validate(h);
  if (!hv.ok()) return StoreFailed(hv.status());
  if (!hv->conforms()) {
    return Refuse(400, "batchkop-ongeldig", "the batch header breaks rules",
                  hv->violations());
  }
  if (h.afzender_oin() != caller.controller_oin) {
    return Refuse(403, "andere-afzender", "the batch's sender is not X-VUM-fromParty");
  }
  if (h.ontvanger_oin() != target.node_oin) {
    return Refuse(422, "andere-ontvanger",
                  "the batch is addressed to another organisation");
  }
  const std::optional<RecordKind> kind = KindOf(h.inhoud());
  if (!kind)
    return Refuse(422, "onbekende-inhoud", "the batch holds no known kind of record");
  if (std::optional<UploadAnswer> refused =
          CheckSequence(*target.store, *kind, h, caller.controller_oin)) {
    return *refused;
  }
  const bool full = h.soort() == v1::SOORT_BATCH_VOLLEDIG;
  absl::StatusOr<std::unique_ptr<UploadTransaction>> tx = target.store->BeginUpload();
  if (!tx.ok()) return StoreFailed(tx.status());
  BatchLoad load(target, caller, *kind, full);
  v1::BatchRecord record;
  RecordPosition pos;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&record, &pos);
    if (!more.ok()) {
      return Refuse(422, "batch-beschadigd",
                    absl::StrCat("the batch is damaged (",
                                 BatchDamageName(BatchDamageOf(more.status())),
                                 "); nothing of it was loaded"));
    }
    if (!*more) break;
    if (absl::Status s = load.Take(**tx, record, pos); !s.ok()) return StoreFailed(s);
  }
  const Sequence next =
      full ? Sequence{h.batch_id(), 0} : Sequence{h.basis_batch_id(), h.volgnummer()};
  for (absl::Status s :
       {load.DropTheRest(**tx), (*tx)->SetSequence(*kind, caller.controller_oin, next),
        (*tx)->Commit()}) {
    if (!s.ok()) return StoreFailed(s);
  }
  tx->reset();
  load.ApplyToIndex();
  return {std::nullopt, ReportJson(load.tally(), h.batch_id(), BatchKindName(h.soort()))};
}

UploadAnswer UploadProcessData(const UploadTarget& target, const std::string& path,
                               const Caller& caller) {
  RecordReaderOptions reading;
  reading.format = DataFormat::kNdjson;
  reading.limits.max_document_bytes = kMaxLineBytes;
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      RecordReader::Open(path, reading);
  if (!reader.ok()) {
    return StoreFailed(absl::UnavailableError("the upload cannot be read back"));
  }
  absl::StatusOr<std::unique_ptr<UploadTransaction>> tx = target.store->BeginUpload();
  if (!tx.ok()) return StoreFailed(tx.status());
  Tally tally;
  std::vector<std::string> accepted;  // the ids whose process data was written
  v1::Procesgegevens p;
  RecordPlace place;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->NextMessage(&p, &place);
    if (!more.ok()) {
      return StoreFailed(absl::UnavailableError("the upload cannot be read back"));
    }
    if (!*more) break;
    const uint64_t i = tally.read++;
    if (place.fault != RecordFault::kNone) {
      tally.rejected.push_back(
          {i, place.fault == RecordFault::kTooLarge ? "te-lang" : "onleesbaar", {}});
      continue;
    }
    absl::StatusOr<ValidationResult> verdict = target.validator->Validate(p);
    if (!verdict.ok()) return StoreFailed(verdict.status());
    if (!verdict->conforms()) {
      tally.rejected.push_back({i, "ongeldig", verdict->violations()});
      continue;
    }
    absl::StatusOr<std::optional<std::string>> owner =
        (*tx)->ProcessOwnerOf(p.id_werkzoekende());
    absl::StatusOr<std::optional<std::string>> record_owner =
        (*tx)->OwnerOf(v1::SOORT_SELECTIE_WERKZOEKENDEN, p.id_werkzoekende());
    if (!owner.ok()) return StoreFailed(owner.status());
    if (!record_owner.ok()) return StoreFailed(record_owner.status());
    if ((owner->has_value() && **owner != caller.controller_oin) ||
        (record_owner->has_value() && **record_owner != caller.controller_oin)) {
      tally.rejected.push_back({i, "andere-eigenaar", {}});
      continue;
    }
    if (absl::Status s = (*tx)->PutProcess(p.id_werkzoekende(), caller.controller_oin,
                                           p.SerializeAsString());
        !s.ok())
      return StoreFailed(s);
    ++tally.accepted;
    accepted.push_back(p.id_werkzoekende());
  }
  if (absl::Status s = (*tx)->Commit(); !s.ok()) return StoreFailed(s);
  tx->reset();
  tally.index_failures =
      FollowStore(target, v1::SOORT_SELECTIE_WERKZOEKENDEN, {}, {}, accepted);
  return {std::nullopt, ReportJson(tally, "", "")};
}

}  // namespace vum::node
