// vum/delta.h: applying a delta batch to a full batch.
//
// A full batch holds a party's whole caseload; a delta holds the changes
// since: upserts (a record with a new or known id) and withdrawals. Deltas
// apply in sequence: delta n builds on the full batch it names
// (basisBatchId) after deltas 1 to n-1. The result is a new full batch whose
// header records the base and the last delta applied (volgnummer), so that the
// next delta can be checked against it. A gap in the sequence, a replayed
// delta, or a delta for another base is refused.
//
// Memory: the delta is held in memory (it is small); the full batch is
// streamed.
//
// Example:
//
//   absl::StatusOr<vum::DeltaResult> result = vum::ApplyDelta(
//       "volledig.vumb", "delta-0003.vumb", "volledig-na-3.vumb");
//
// Thread safety: the function may run concurrently on different files.

#ifndef VUM_DELTA_H_
#define VUM_DELTA_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vum/batch.h"

namespace vum {

struct DeltaResult {
  v1::BatchKop header;     // of the new full batch
  uint64_t kept = 0;       // records of the full batch the delta left alone
  uint64_t replaced = 0;   // records the delta replaced
  uint64_t added = 0;      // records the delta added
  uint64_t withdrawn = 0;  // records the delta removed
  // Withdrawals of ids the full batch does not hold: counted, not an error,
  // since a withdrawal may cross a record that never arrived.
  uint64_t unknown_withdrawals = 0;
};

// Why a delta was refused, for programs (the Status message says it for
// people). DeltaRefusalOf reads it from a Status of CheckDeltaFollows or
// ApplyDelta.
enum class DeltaRefusal {
  kNone,          // not a refusal of CheckDeltaFollows
  kNotFull,       // the base is not a full batch
  kNotDelta,      // the change is not a delta
  kOtherContent,  // profiles against vacancies
  kOtherBase,     // the delta builds on another full batch
  kReplay,        // the delta was already applied
  kGap,           // an earlier delta is missing
};
[[nodiscard]] DeltaRefusal DeltaRefusalOf(const absl::Status& status);
// "not-full", "not-delta", "other-content", "other-base", "replay", "gap".
[[nodiscard]] absl::string_view DeltaRefusalName(DeltaRefusal refusal);

// The id of the base batch and the number of the last delta in `full`.
// FAILED_PRECONDITION when `delta` does not follow on `full`: not a delta,
// another base, another kind of record, a gap, or a delta already applied.
[[nodiscard]] absl::Status CheckDeltaFollows(const v1::BatchKop& full,
                                             const v1::BatchKop& delta);

// Writes `full` with `delta` applied to `out` (atomically). The delta must
// follow on the full batch (CheckDeltaFollows); both files must be whole.
// A record without an id, or an unreadable record, refuses the delta.
[[nodiscard]] absl::StatusOr<DeltaResult> ApplyDelta(
    const std::string& full, const std::string& delta, const std::string& out,
    const BatchWriterOptions& options = {});

// The key of a record: idWerkzoekende, idVacature, or the id a withdrawal
// names. Empty if it has none.
[[nodiscard]] absl::string_view RecordId(const v1::BatchRecord& record);

}  // namespace vum

#endif  // VUM_DELTA_H_
