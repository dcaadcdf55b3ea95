// vum/batch_validation.h: a verdict for every record of a batch.
//
// Validating a batch judges its header and each record on its own: a record
// is accepted or rejected with its violations and its position, a bad record
// never stops the rest and none is dropped silently, so that
// read = accepted + rejected always holds. A damaged file (truncated, wrong
// count or checksum) stops the reading; the report says where and why, and
// covers every record read until then.
//
// Example:
//
//   auto reader = vum::BatchReader::Open("profielen.vumb");
//   absl::StatusOr<vum::BatchReport> report = vum::ValidateBatch(
//       **reader, *validator, [](const vum::RecordVerdict& v) {
//         if (!v.accepted) std::cerr << "record " << v.position.index << " rejected\n";
//       });
//
// Thread safety: as BatchReader and Validator.

#ifndef VUM_BATCH_VALIDATION_H_
#define VUM_BATCH_VALIDATION_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vum/batch.h"
#include "vum/validator.h"

namespace vum {

struct RecordVerdict {
  RecordPosition position;
  // "werkzoekende", "vacature" or "intrekking"; empty for an unreadable record.
  std::string kind;
  bool accepted = false;
  // Why a record was rejected without validation: unreadable, or of a kind
  // the header does not announce. Empty otherwise.
  std::string problem;
  ValidationResult result;
};

struct BatchReport {
  v1::BatchKop header;
  ValidationResult header_result;
  uint64_t read = 0;
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  // OK when the file was read to its verified trailer; otherwise why reading
  // stopped (DATA_LOSS).
  absl::Status file_status;

  // read == accepted + rejected.
  [[nodiscard]] bool reconciles() const { return read == accepted + rejected; }
  // The header conforms, the file is whole and every record was accepted.
  [[nodiscard]] bool all_accepted() const {
    return header_result.conforms() && file_status.ok() && rejected == 0;
  }
};

// Reads `reader` to its end, validating the header and every record, and
// calls `on_record` once per record in file order. Returns a Status only when
// validation cannot run at all.
[[nodiscard]] absl::StatusOr<BatchReport> ValidateBatch(
    BatchReader& reader, const Validator& validator,
    const std::function<void(const RecordVerdict&)>& on_record);

}  // namespace vum

#endif  // VUM_BATCH_VALIDATION_H_
