// lib/node/upload.h: a source loading its own caseload into its node.
//
// A batch upload (a VUM batch file, full or delta) and a process-data upload
// (NDJSON of Procesgegevens) are each one store transaction: every record is
// read and validated, the conforming ones are written, the others are
// reported with their index and rule ids, and the whole is committed before
// the answer; a damaged batch writes nothing. An upload touches only the
// uploader's own records: a record whose id another organisation holds is
// refused, and a full batch replaces only the uploader's records of its
// kind. Deltas apply in their sequence (lib/node/store.h, Sequence); a replay
// is reported as already applied, so a retry after a lost answer is safe.
//
// Thread safety: uploads are serialised by the store.

#ifndef VUM_LIB_NODE_UPLOAD_H_
#define VUM_LIB_NODE_UPLOAD_H_

#include <optional>
#include <string>

#include "lib/exchange/wire.h"
#include "lib/node/party_register.h"
#include "lib/node/store.h"
#include "vum/caseload_index.h"
#include "vum/validator.h"

namespace vum::node {

struct UploadTarget {
  NodeStore* store;
  const Validator* validator;
  CaseloadIndex* profiles;
  CaseloadIndex* vacancies;
  std::string node_oin;
  uint32_t max_record_bytes;
};

// The answer to an upload: a problem, or the report (JSON) of a committed
// upload.
struct UploadAnswer {
  std::optional<exchange::Problem> problem;
  std::string report_json;
};

// Loads the batch file at `path` for `caller`.
[[nodiscard]] UploadAnswer UploadBatch(const UploadTarget& target,
                                       const std::string& path, const Caller& caller);

// Loads the process data in the file at `path`, one JSON document per line
// (a line over 1 MiB is refused as "te-lang", never held whole).
[[nodiscard]] UploadAnswer UploadProcessData(const UploadTarget& target,
                                             const std::string& path,
                                             const Caller& caller);

}  // namespace vum::node

#endif  // VUM_LIB_NODE_UPLOAD_H_
