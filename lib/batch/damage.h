// Internal: the typed DATA_LOSS status of a damaged batch, made where the
// damage is found (the batch reader, the zstd layer under it) and read by
// BatchDamageOf (vum/batch.h), never by its wording.
#ifndef VUM_LIB_BATCH_DAMAGE_H_
#define VUM_LIB_BATCH_DAMAGE_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "vum/batch.h"

namespace vum::batch_internal {

// A DATA_LOSS status with `message` that carries `damage` for programs.
[[nodiscard]] absl::Status DamageError(BatchDamage damage, absl::string_view message);

}  // namespace vum::batch_internal

#endif  // VUM_LIB_BATCH_DAMAGE_H_
