// Any bytes as a batch file: the reader must report damage, never crash,
// hang or allocate what a length prefix claims.
#include <cstddef>
#include <cstdint>
#include <string>

#include "vum/batch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto reader =
      vum::BatchReader::FromBytes(std::string(reinterpret_cast<const char*>(data), size),
                                  {.max_record_bytes = 1 << 20});
  if (!reader.ok()) return 0;
  vum::v1::BatchRecord record;
  vum::RecordPosition position;
  for (int i = 0; i < 100000; ++i) {
    absl::StatusOr<bool> more = (*reader)->Next(&record, &position);
    if (!more.ok() || !*more) break;
  }
  return 0;
}
