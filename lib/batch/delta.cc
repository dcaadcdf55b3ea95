#include "vum/delta.h"

#include <openssl/rand.h>

#include <random>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "vum/ids.h"

namespace vum {
namespace {

// The id of the original full batch a series of deltas builds on.
absl::string_view BaseOf(const v1::BatchKop& full) {
  return full.has_volgnummer() && full.volgnummer() > 0 ? full.basis_batch_id()
                                                        : full.batch_id();
}

// Reads a whole batch, calling `on_record` per record; an unreadable record
// or a damaged file is an error.
absl::Status ForEachRecord(
    BatchReader& reader, const std::string& name,
    const std::function<absl::Status(v1::BatchRecord&)>& on_record) {
  v1::BatchRecord record;
  RecordPosition position;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&record, &position);
    if (!more.ok()) {
      return absl::Status(more.status().code(),
                          absl::StrCat(name, ": ", more.status().message()));
    }
    if (!*more) return absl::OkStatus();
    if (!position.parse_error.empty()) {
      return absl::DataLossError(absl::StrCat(name, ": record ", position.index,
                                              " at offset ", position.offset, ": ",
                                              position.parse_error));
    }
    if (absl::Status s = on_record(record); !s.ok()) return s;
  }
}

constexpr char kRefusalUrl[] = "type.vum.nl/vum.DeltaRefusal";

absl::Status Refuse(DeltaRefusal refusal, absl::string_view message) {
  absl::Status status = absl::FailedPreconditionError(message);
  status.SetPayload(kRefusalUrl, absl::Cord(DeltaRefusalName(refusal)));
  return status;
}

}  // namespace

absl::string_view DeltaRefusalName(DeltaRefusal refusal) {
  switch (refusal) {
    case DeltaRefusal::kNone:
      return "";
    case DeltaRefusal::kNotFull:
      return "not-full";
    case DeltaRefusal::kNotDelta:
      return "not-delta";
    case DeltaRefusal::kOtherContent:
      return "other-content";
    case DeltaRefusal::kOtherBase:
      return "other-base";
    case DeltaRefusal::kReplay:
      return "replay";
    case DeltaRefusal::kGap:
      return "gap";
  }
  return "";
}

DeltaRefusal DeltaRefusalOf(const absl::Status& status) {
  const auto payload = status.GetPayload(kRefusalUrl);
  if (!payload) return DeltaRefusal::kNone;
  for (DeltaRefusal r :
       {DeltaRefusal::kNotFull, DeltaRefusal::kNotDelta, DeltaRefusal::kOtherContent,
        DeltaRefusal::kOtherBase, DeltaRefusal::kReplay, DeltaRefusal::kGap}) {
    if (*payload == DeltaRefusalName(r)) return r;
  }
  return DeltaRefusal::kNone;
}

absl::string_view RecordId(const v1::BatchRecord& record) {
  switch (record.mutatie_case()) {
    case v1::BatchRecord::kWerkzoekende:
      return record.werkzoekende().id_werkzoekende();
    case v1::BatchRecord::kVacature:
      return record.vacature().id_vacature();
    case v1::BatchRecord::kIntrekking:
      return record.intrekking().id_record();
    default:
      return {};
  }
}

absl::Status CheckDeltaFollows(const v1::BatchKop& full, const v1::BatchKop& delta) {
  if (full.soort() != v1::SOORT_BATCH_VOLLEDIG) {
    return Refuse(DeltaRefusal::kNotFull,
                  "the base is not a full batch (soort VOLLEDIG)");
  }
  if (delta.soort() != v1::SOORT_BATCH_DELTA) {
    return Refuse(DeltaRefusal::kNotDelta,
                  "the change is not a delta batch (soort DELTA)");
  }
  if (delta.inhoud() != full.inhoud()) {
    return Refuse(DeltaRefusal::kOtherContent,
                  absl::StrCat("the delta holds ", v1::SoortInhoud_Name(delta.inhoud()),
                               ", the full batch ", v1::SoortInhoud_Name(full.inhoud())));
  }
  if (delta.basis_batch_id() != BaseOf(full)) {
    return Refuse(DeltaRefusal::kOtherBase,
                  absl::StrCat("the delta builds on batch ", delta.basis_batch_id(),
                               ", the full batch descends from ", BaseOf(full)));
  }
  const uint64_t applied = full.volgnummer();
  if (delta.volgnummer() <= applied) {
    return Refuse(
        DeltaRefusal::kReplay,
        absl::StrCat("replayed delta: delta ", delta.volgnummer(),
                     " was already applied (the full batch is at ", applied, ")"));
  }
  if (delta.volgnummer() != applied + 1) {
    return Refuse(
        DeltaRefusal::kGap,
        absl::StrCat("sequence gap: expected delta ", applied + 1, ", got delta ",
                     delta.volgnummer(), "; apply the missing deltas first"));
  }
  return absl::OkStatus();
}

absl::StatusOr<DeltaResult> ApplyDelta(const std::string& full, const std::string& delta,
                                       const std::string& out,
                                       const BatchWriterOptions& options) {
  absl::StatusOr<std::unique_ptr<BatchReader>> full_reader = BatchReader::Open(full);
  if (!full_reader.ok()) return full_reader.status();
  absl::StatusOr<std::unique_ptr<BatchReader>> delta_reader = BatchReader::Open(delta);
  if (!delta_reader.ok()) return delta_reader.status();
  const v1::BatchKop& base = (*full_reader)->header();
  if (absl::Status s = CheckDeltaFollows(base, (*delta_reader)->header()); !s.ok())
    return s;

  // The delta's last word on each id, in delta order; an id changed twice in
  // one delta keeps its last change.
  absl::flat_hash_map<std::string, size_t> changed;
  std::vector<v1::BatchRecord> changes;
  absl::Status read = ForEachRecord(**delta_reader, delta, [&](v1::BatchRecord& record) {
    const absl::string_view id = RecordId(record);
    if (id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(delta, ": record ", changes.size(), " has no id"));
    }
    auto [it, inserted] = changed.emplace(std::string(id), changes.size());
    if (inserted) {
      changes.push_back(std::move(record));
    } else {
      changes[it->second] = std::move(record);
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;

  DeltaResult result;
  result.header = base;
  result.header.set_batch_id(NewUuid());
  result.header.set_basis_batch_id(std::string(BaseOf(base)));
  result.header.set_volgnummer((*delta_reader)->header().volgnummer());
  result.header.set_aangemaakt_op(NowRfc3339());
  absl::StatusOr<std::unique_ptr<BatchWriter>> writer =
      BatchWriter::Create(out, result.header, options);
  if (!writer.ok()) return writer.status();

  std::vector<bool> used(changes.size(), false);
  read = ForEachRecord(**full_reader, full, [&](v1::BatchRecord& record) {
    auto it = changed.find(RecordId(record));
    if (it == changed.end()) {
      ++result.kept;
      return (*writer)->Write(record);
    }
    used[it->second] = true;
    const v1::BatchRecord& change = changes[it->second];
    if (change.has_intrekking()) {
      ++result.withdrawn;
      return absl::OkStatus();
    }
    ++result.replaced;
    return (*writer)->Write(change);
  });
  if (!read.ok()) return read;
  for (size_t i = 0; i < changes.size(); ++i) {
    if (used[i]) continue;
    if (changes[i].has_intrekking()) {
      ++result.unknown_withdrawals;
      continue;
    }
    ++result.added;
    if (absl::Status s = (*writer)->Write(changes[i]); !s.ok()) return s;
  }
  if (absl::Status s = (*writer)->Finish(); !s.ok()) return s;
  return result;
}

}  // namespace vum
