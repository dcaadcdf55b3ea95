// lib/node/store.h: everything an exchange node keeps, in one SQLite file.
//
// The caseload (profiles and vacancies per owning organisation, with the
// people's process data), the place of each owner's batches in their
// sequence, the answers given (the AnswerLedger: vumIDs and detail quotas)
// and the processing log. The file is opened in WAL mode; an upload is one
// transaction, committed with a full sync before it is acknowledged, so that
// a crash at any moment loses no acknowledged upload and leaves no half of
// one. Answers and log entries are committed in WAL mode with a normal sync:
// a killed process keeps them; a power failure may lose the last ones.
//
// Writes stay sequential: an answer is one row (its vumIDs in one value,
// indexed in memory and rebuilt from the rows at open), the log is appended
// in order and has no index (a person's report scans it).
//
// Example:
//
//   absl::StatusOr<std::unique_ptr<vum::node::NodeStore>> store =
//       vum::node::NodeStore::Open("node.db");
//   absl::Status read = (*store)->ForEachRecord(
//       [&](const vum::node::StoredRecordView& r) { return Keep(r.id, r.body); },
//       [&](absl::string_view id, absl::string_view process) { return Keep(id, process); });
//
// Thread safety: every method may be called concurrently; writes are
// serialised.

#ifndef VUM_LIB_NODE_STORE_H_
#define VUM_LIB_NODE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "vum/answer_ledger.h"
#include "vum/pseudonym.h"
#include "vum/v1/selection.pb.h"

namespace vum::node {

// Which records: the index a record belongs to.
using RecordKind = v1::SoortSelectie;

struct StoredRecord {
  RecordKind kind = v1::SOORT_SELECTIE_ONGESPECIFICEERD;
  std::string id;
  std::string owner_oin;
  std::string body;  // serialized v1::Werkzoekende or v1::Vacature
};

// A stored record as NodeStore::ForEachRecord reads it: the views are valid
// during the call only.
struct StoredRecordView {
  RecordKind kind = v1::SOORT_SELECTIE_ONGESPECIFICEERD;
  absl::string_view id;
  absl::string_view owner_oin;
  absl::string_view body;  // serialized v1::Werkzoekende or v1::Vacature
};

// Where an owner's caseload of one kind stands in its batch sequence.
struct Sequence {
  std::string base_batch_id;  // the last full batch
  uint64_t last_delta = 0;    // the number of the last delta applied to it
};

// One entry of the processing log (after the Logboek Dataverwerkingen): one
// data subject in one processing.
struct LogEntry {
  std::string at;        // RFC 3339, UTC
  std::string trace_id;  // W3C trace context, 32 hex digits
  std::string span_id;   // 16 hex digits
  std::string activity;  // e.g. "selectievraag-beantwoorden"
  std::string requester_oin;
  std::string processor_oin;  // who acted for the requester; may be empty
  std::string subject;        // the keyed pseudonym of the record's id
  std::string answer_id;
};

// The writes of one upload, applied together or not at all.
class UploadTransaction {
 public:
  virtual ~UploadTransaction() = default;
  // The owner of the record with this id and kind, if the store holds it.
  [[nodiscard]] virtual absl::StatusOr<std::optional<std::string>> OwnerOf(
      RecordKind kind, absl::string_view id) = 0;
  [[nodiscard]] virtual absl::Status PutRecord(const StoredRecord& record) = 0;
  // Removes the record; false if it was not there.
  [[nodiscard]] virtual absl::StatusOr<bool> RemoveRecord(RecordKind kind,
                                                          absl::string_view id) = 0;
  // The ids `owner` holds of `kind`.
  [[nodiscard]] virtual absl::StatusOr<std::vector<std::string>> IdsOf(
      RecordKind kind, absl::string_view owner) = 0;
  [[nodiscard]] virtual absl::Status PutProcess(absl::string_view id,
                                                absl::string_view owner,
                                                absl::string_view body) = 0;
  [[nodiscard]] virtual absl::StatusOr<std::optional<std::string>> ProcessOwnerOf(
      absl::string_view id) = 0;
  [[nodiscard]] virtual absl::Status SetSequence(RecordKind kind, absl::string_view owner,
                                                 const Sequence& sequence) = 0;
  // Makes every write durable (a full sync); nothing is written without it.
  [[nodiscard]] virtual absl::Status Commit() = 0;
};

// The subject of a log entry: the keyed pseudonym of the record's id under
// the node's log key, so that the log names no one and a person's own report
// (vum node log --subject) finds their entries.
[[nodiscard]] std::string LogSubject(const Pseudonymizer& log_key,
                                     absl::string_view record_id);

class NodeStore {
 public:
  // Opens or creates the file and its tables. UNAVAILABLE if it cannot be
  // opened or is not a node's store.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<NodeStore>> Open(
      const std::string& path);
  ~NodeStore();
  NodeStore(const NodeStore&) = delete;
  NodeStore& operator=(const NodeStore&) = delete;

  // Calls `visit` for every stored record, then `visit_process` for every
  // person's process data (id, serialized v1::Procesgegevens), with views
  // into the store's own buffers, valid during the call: a visitor copies
  // what it keeps, once, where it keeps it (a node's start copies a million
  // records into its indexes' blocks, vum/index_loader.h). Stops at the first
  // error a visitor returns and returns it.
  [[nodiscard]] absl::Status ForEachRecord(
      const std::function<absl::Status(const StoredRecordView&)>& visit,
      const std::function<absl::Status(absl::string_view id, absl::string_view body)>&
          visit_process);

  // Calls `visit` for the stored record of `kind` with each id of `ids` that
  // the store holds, then `visit_process` for the stored process data of
  // each id of `process_ids`: what an upload committed, read back to update
  // the selection index.
  [[nodiscard]] absl::Status ReadBack(
      RecordKind kind, const std::vector<std::string>& ids,
      const std::function<absl::Status(const StoredRecord&)>& visit,
      const std::vector<std::string>& process_ids,
      const std::function<absl::Status(absl::string_view, absl::string_view)>&
          visit_process);

  [[nodiscard]] absl::StatusOr<std::optional<Sequence>> SequenceOf(
      RecordKind kind, absl::string_view owner);

  // Begins an upload; only one runs at a time (a second waits). Dropped
  // without Commit, it is rolled back.
  [[nodiscard]] absl::StatusOr<std::unique_ptr<UploadTransaction>> BeginUpload();

  // Appends `entries` to the processing log in one transaction.
  [[nodiscard]] absl::Status Log(const std::vector<LogEntry>& entries);
  // The entries about `subject` (a pseudonym), oldest first.
  [[nodiscard]] absl::StatusOr<std::vector<LogEntry>> LogOf(absl::string_view subject);

  // The answers `requester` was given since `since`.
  [[nodiscard]] absl::StatusOr<int64_t> AnswersSince(absl::string_view requester,
                                                     absl::Time since);

  // The ledger of answers, kept in this store; owned by the store.
  [[nodiscard]] AnswerLedger* ledger();

  // What the ledger keeps in memory: a vumID's 16-byte hash and where its
  // answer's row is (the rest stays on disk), until the answer expires.
  struct MemoryUse {
    size_t vum_ids = 0;  // held
    size_t bytes = 0;    // the tables' allocated size
  };
  [[nodiscard]] MemoryUse ledger_memory() const;

 private:
  class Impl;
  explicit NodeStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum::node

#endif  // VUM_LIB_NODE_STORE_H_
