// vum/index_loader.h: fills caseload indexes from stored records on several
// threads, as a node does when it starts.
//
// A node's start reads every record it stores into its indexes (the restart
// figure of docs/performance.md). Most of a Put is reading the record: its
// bytes parsed, its selectable values walked, its area located. None of that
// needs the index's lock, so an IndexLoader hands the records to worker
// threads that read them at the same time, while the caller reads the next
// ones from its store; only the index's own insertion is one at a time.
//
// Records, process data and withdrawals of one id are applied in the order
// given: each id goes to one worker, chosen by the id. Records of different ids may be
// put in any order (the index's content does not depend on it; the order of records
// within an area, which a random choice starts from, does).
//
// Example:
//
//   vum::IndexLoader loader({.threads = 2});
//   for (const vum::v1::Werkzoekende& p : profiles) {  // as a store keeps them
//     // False after a put failed: stop, Finish says why.
//     if (!loader.Put(index.get(), p.id_werkzoekende(), p.SerializeAsString())) break;
//   }
//   absl::StatusOr<vum::IndexLoader::Counts> loaded = loader.Finish();
//   if (!loaded.ok()) return loaded.status();
//
// Records read from files come as messages, or as bytes written straight
// from JSON (vum select): Put(index, message) serializes each in the caller's
// thread, PutSerialized(index, bytes) finds the id in the bytes, and both
// refuse at once, as CaseloadIndex::Put would, one it cannot index.
//
// Thread safety: one thread at a time calls Put, PutProcessData and Finish.
// The indexes stay safe to use meanwhile (every CaseloadIndex method is): Find
// finds a record once a worker has put it, but a question sees none of the
// records loaded until Finish, which puts them in their areas. Ownership: the
// indexes are not owned and must outlive Finish (or the loader, which
// finishes).

#ifndef VUM_INDEX_LOADER_H_
#define VUM_INDEX_LOADER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "vum/caseload_index.h"
#include "vum/v1/process.pb.h"

namespace vum {

class IndexLoader {
 public:
  struct Options {
    // Worker threads; 0 puts every record in the calling thread, at once.
    // With workers, one more thread prepares the memory Put copies records
    // into (at most 8 MiB ahead; vum/record_bytes.h), until Finish.
    int threads = 2;
    // Records handed to a worker at a time, and batches waiting per worker
    // before Put waits (at least 1): what the loader holds at most besides
    // the indexes.
    size_t batch = 256;
    size_t batches_waiting = 8;
  };
  struct Counts {
    size_t records = 0;      // records put
    size_t not_located = 0;  // of which PutOutcome::kNotLocated
    size_t process_data = 0;
    size_t removed = 0;  // withdrawals that found their record
  };

  // Worker threads for a load on this machine: one per core, at most four
  // (beyond that the index's one-at-a-time insertion bounds the load).
  [[nodiscard]] static int ThreadsForThisMachine();

  explicit IndexLoader(Options options);
  // Finishes (waits for the workers) if Finish was not called.
  ~IndexLoader();
  IndexLoader(const IndexLoader&) = delete;
  IndexLoader& operator=(const IndexLoader&) = delete;

  // Puts `bytes`, a serialized record of `index`'s kind with id `id`, as
  // CaseloadIndex::PutSerialized does, on a worker. The loader copies them
  // into large blocks shared by the records it loads (vum/record_bytes.h):
  // `bytes` need to stay valid only during the call. False once a put has
  // failed: stop giving records and call Finish for the error.
  bool Put(CaseloadIndex* index, absl::string_view id, absl::string_view bytes);
  // As Put, for serialized process data of the person `id`
  // (CaseloadIndex::PutProcessDataSerialized), copied into the same blocks.
  bool PutProcessData(CaseloadIndex* index, absl::string_view id,
                      absl::string_view bytes);

  // Puts `record` as CaseloadIndex::Put does: serialized here, read and put
  // on a worker. InvalidArgument, with nothing put, for a record that is not
  // of `index`'s kind or has no id (the loader goes on); FailedPrecondition
  // once a put has failed (stop and call Finish for its cause).
  [[nodiscard]] absl::Status Put(CaseloadIndex* index,
                                 const google::protobuf::Message& record);
  // As Put(index, record), for process data (CaseloadIndex::PutProcessData):
  // InvalidArgument for process data without idWerkzoekende or for an index
  // of vacancies.
  [[nodiscard]] absl::Status PutProcessData(CaseloadIndex* index,
                                            const v1::Procesgegevens& process);
  // As Put(index, record) and PutProcessData(index, process), for a record
  // or process data in binary form as a file reader gives them
  // (RecordReader::NextBinary, which writes them straight from JSON): the id
  // read from the bytes (CaseloadIndex::IdToPutSerialized), the bytes copied
  // as they are, read and put on a worker. InvalidArgument, with nothing put,
  // as Put(index, record) gives it, and DataLoss for bytes not in protobuf's
  // binary form (the loader goes on); FailedPrecondition once a put has
  // failed. The bytes must be of `index`'s kind: a worker that cannot read
  // them stops the load (Finish gives the error).
  [[nodiscard]] absl::Status PutSerialized(CaseloadIndex* index, absl::string_view bytes);
  [[nodiscard]] absl::Status PutProcessDataSerialized(CaseloadIndex* index,
                                                      absl::string_view bytes);
  // Withdraws the record `id` (CaseloadIndex::Remove) after every record of
  // that id given before. False once a put has failed, as Put.
  bool Remove(CaseloadIndex* index, absl::string_view id);

  // Waits until every record given is put (and every withdrawal done). The counts, or the
  // first error a put returned (its code and message, as PutSerialized gave them), after
  // which records given later may not have been put. RESOURCE_EXHAUSTED when
  // memory ran out, in a worker or while the records were put in their areas:
  // the index then holds only part of them and is to be discarded. Call once.
  [[nodiscard]] absl::StatusOr<Counts> Finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_INDEX_LOADER_H_
