#include "vum/index_loader.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <new>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "lib/selection/record_blocks.h"

namespace vum {
namespace {

enum class Op : uint8_t { kRecord, kProcessData, kRemove };
struct Item {
  CaseloadIndex* index;
  Op op;
  RecordBytes bytes;  // a serialized record or process data
  std::string id;     // kRemove: the record's id
};
using Items = std::vector<Item>;

absl::Status Stopped() {
  return absl::FailedPreconditionError(
      "the loader stopped after a put failed; Finish gives the cause");
}

}  // namespace

class IndexLoader::Impl {
 public:
  explicit Impl(Options options) : o_(WithLimits(options)), blocks_(o_.threads > 0) {
    const int threads = std::max(o_.threads, 0);
    for (int i = 0; i < std::max(threads, 1); ++i)
      workers_.push_back(std::make_unique<Worker>());
    for (int i = 0; i < threads; ++i) {
      Worker* w = workers_[i].get();
      w->thread = std::thread([this, w] { Run(w); });
    }
  }

  ~Impl() {
    if (!finished_) (void)Finish();
  }

  bool Add(CaseloadIndex* index, absl::string_view id, Op op, RecordBytes bytes) {
    if (failed_.load(std::memory_order_relaxed)) return false;
    if (std::find(indexes_.begin(), indexes_.end(), index) == indexes_.end()) {
      index->BeginLoad();
      indexes_.push_back(index);
    }
    Worker& w = *workers_[absl::Hash<absl::string_view>{}(id) % workers_.size()];
    w.filling.push_back({index, op, std::move(bytes),
                         op == Op::kRemove ? std::string(id) : std::string()});
    if (w.filling.size() >= o_.batch) Submit(&w);
    return !failed_.load(std::memory_order_relaxed);
  }

  selection_internal::RecordBlocks& blocks() { return blocks_; }

  // Copies `bytes` into a block and adds them as `op` under the id `id_of`
  // finds in the copy. The id is read from the copy: `bytes` were often
  // just written by another thread (a record reader parsing ahead), and the
  // copy brings them into this thread's cache in one sequential pass, where
  // the id's search would jump through them field by field. A rejected
  // record's copy stays unused in its block.
  template <typename IdOf>
  absl::Status AddCopy(CaseloadIndex* index, absl::string_view bytes, Op op, IdOf id_of) {
    RecordBytes kept = blocks_.Copy(bytes);
    absl::StatusOr<absl::string_view> id = id_of(kept.view());
    if (!id.ok()) return id.status();
    return Add(index, *id, op, std::move(kept)) ? absl::OkStatus() : Stopped();
  }

  absl::StatusOr<Counts> Finish() {
    finished_ = true;
    for (auto& w : workers_) {
      if (!w->filling.empty()) Submit(w.get());
      {
        std::lock_guard lock(w->mu);
        w->finishing = true;
      }
      w->work.notify_one();
    }
    Counts total;
    for (auto& w : workers_) {
      if (w->thread.joinable()) w->thread.join();
      total.records += w->counts.records;
      total.not_located += w->counts.not_located;
      total.process_data += w->counts.process_data;
      total.removed += w->counts.removed;
    }
    workers_.clear();
    blocks_.StopPreparing();
    for (CaseloadIndex* index : indexes_) {
      FailOnException(
          "placing the records in their areas: the index holds only part of them",
          [&] { index->EndLoad(std::max(o_.threads, 1)); });
    }
    indexes_.clear();
    std::lock_guard lock(error_mu_);
    if (!first_error_.ok()) return first_error_;
    return total;
  }

 private:
  // One worker: a thread (none when the loader has no threads: the caller
  // does its work) and its queue of batches.
  struct Worker {
    std::mutex mu;
    std::condition_variable work;   // a batch waits, or the loader finishes
    std::condition_variable space;  // a batch was taken
    std::deque<Items> queue;        // under mu
    bool finishing = false;         // under mu
    Items filling;                  // the caller's only
    // The worker's own, until joined:
    Counts counts;
    std::vector<std::pair<CaseloadIndex*, CaseloadIndex::BatchPtr>> read;
    std::thread thread;
  };

  static Options WithLimits(Options o) {
    o.batch = std::max<size_t>(o.batch, 1);
    o.batches_waiting = std::max<size_t>(o.batches_waiting, 1);
    return o;
  }

  // Hands `w`'s filling batch to it, waiting while its queue is full; with
  // no threads, does its work.
  void Submit(Worker* w) {
    Items items = std::move(w->filling);
    w->filling = Items();
    w->filling.reserve(o_.batch);
    if (!w->thread.joinable()) return Process(&items, w);
    {
      std::unique_lock lock(w->mu);
      w->space.wait(lock, [&] { return w->queue.size() < o_.batches_waiting; });
      w->queue.push_back(std::move(items));
    }
    w->work.notify_one();
  }

  void Run(Worker* w) {
    for (;;) {
      Items items;
      {
        std::unique_lock lock(w->mu);
        w->work.wait(lock, [&] { return !w->queue.empty() || w->finishing; });
        if (w->queue.empty()) return;
        items = std::move(w->queue.front());
        w->queue.pop_front();
      }
      w->space.notify_one();
      // An exception must not leave the thread (it would end the process);
      // the loader fails, and the worker drains its queue as after any failure.
      FailOnException("indexing the records", [&] { Process(&items, w); });
    }
  }

  // Runs `work`; an exception from it fails the loader (std::bad_alloc as
  // RESOURCE_EXHAUSTED, any other as INTERNAL), its message ending "while
  // <while_doing>".
  template <typename Work>
  void FailOnException(absl::string_view while_doing, const Work& work) {
    try {
      work();
    } catch (const std::bad_alloc&) {
      Fail(absl::ResourceExhaustedError(
          absl::StrCat("out of memory while ", while_doing)));
    } catch (...) {
      Fail(absl::InternalError(absl::StrCat("an exception while ", while_doing)));
    }
  }

  // Reads the items without a lock, then puts them, a batch per index; a
  // withdrawal after what was read before it.
  void Process(Items* items, Worker* w) {
    if (failed_.load(std::memory_order_relaxed)) return;  // drained, not put
    for (Item& item : *items) {
      if (item.op == Op::kRemove) {
        PutRead(w);
        w->counts.removed += item.index->Remove(item.id);
        continue;
      }
      CaseloadIndex::Batch* batch = BatchFor(w, item.index);
      absl::Status s = item.op == Op::kRecord
                           ? item.index->Read(std::move(item.bytes), batch)
                           : item.index->ReadProcessData(std::move(item.bytes), batch);
      if (!s.ok()) {
        Fail(s);
        break;  // what was read before it is still put
      }
    }
    PutRead(w);
  }

  static void PutRead(Worker* w) {
    for (auto& [index, batch] : w->read) {
      const CaseloadIndex::BatchCounts put = index->Put(batch.get());
      w->counts.records += put.records;
      w->counts.not_located += put.not_located;
      w->counts.process_data += put.process_data;
    }
  }

  static CaseloadIndex::Batch* BatchFor(Worker* w, CaseloadIndex* index) {
    for (auto& [i, batch] : w->read) {
      if (i == index) return batch.get();
    }
    w->read.emplace_back(index, CaseloadIndex::NewBatch());
    return w->read.back().second.get();
  }

  void Fail(const absl::Status& status) {
    std::lock_guard lock(error_mu_);
    if (first_error_.ok()) first_error_ = status;
    failed_.store(true, std::memory_order_relaxed);
  }

  const Options o_;
  selection_internal::RecordBlocks
      blocks_;  // the caller's: what Put and PutProcessData copy
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<CaseloadIndex*> indexes_;  // the caller's: each begun once
  bool finished_ = false;
  std::atomic<bool> failed_{false};
  std::mutex error_mu_;
  absl::Status first_error_;  // under error_mu_
};

int IndexLoader::ThreadsForThisMachine() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

IndexLoader::IndexLoader(Options options) : impl_(std::make_unique<Impl>(options)) {}
IndexLoader::~IndexLoader() = default;

bool IndexLoader::Put(CaseloadIndex* index, absl::string_view id,
                      absl::string_view bytes) {
  return impl_->Add(index, id, Op::kRecord, impl_->blocks().Copy(bytes));
}
bool IndexLoader::PutProcessData(CaseloadIndex* index, absl::string_view id,
                                 absl::string_view bytes) {
  return impl_->Add(index, id, Op::kProcessData, impl_->blocks().Copy(bytes));
}
bool IndexLoader::Remove(CaseloadIndex* index, absl::string_view id) {
  return impl_->Add(index, id, Op::kRemove, RecordBytes());
}

absl::Status IndexLoader::Put(CaseloadIndex* index,
                              const google::protobuf::Message& record) {
  absl::StatusOr<absl::string_view> id = index->IdToPut(record);
  if (!id.ok()) return id.status();
  std::optional<RecordBytes> bytes = impl_->blocks().Serialize(record);
  if (!bytes.has_value()) {
    return absl::InvalidArgumentError("the record cannot be serialized");
  }
  return impl_->Add(index, *id, Op::kRecord, *std::move(bytes)) ? absl::OkStatus()
                                                                : Stopped();
}

absl::Status IndexLoader::PutProcessData(CaseloadIndex* index,
                                         const v1::Procesgegevens& process) {
  if (absl::Status s = index->CheckProcessData(process); !s.ok()) return s;
  std::optional<RecordBytes> bytes = impl_->blocks().Serialize(process);
  if (!bytes.has_value()) {
    return absl::InvalidArgumentError("the process data cannot be serialized");
  }
  return impl_->Add(index, process.id_werkzoekende(), Op::kProcessData, *std::move(bytes))
             ? absl::OkStatus()
             : Stopped();
}

absl::Status IndexLoader::PutSerialized(CaseloadIndex* index, absl::string_view bytes) {
  return impl_->AddCopy(index, bytes, Op::kRecord, [index](absl::string_view b) {
    return index->IdToPutSerialized(b);
  });
}

absl::Status IndexLoader::PutProcessDataSerialized(CaseloadIndex* index,
                                                   absl::string_view bytes) {
  return impl_->AddCopy(index, bytes, Op::kProcessData, [index](absl::string_view b) {
    return index->ProcessDataIdSerialized(b);
  });
}

absl::StatusOr<IndexLoader::Counts> IndexLoader::Finish() { return impl_->Finish(); }

}  // namespace vum
