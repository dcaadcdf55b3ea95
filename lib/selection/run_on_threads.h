// Internal: work split in ranges, run on threads at once, with what one of
// them throws brought back to the caller instead of ending the process (an
// exception that leaves a std::thread calls std::terminate).
//
// The index places a load's records area by area on a thread per core
// (CaseloadIndex::EndLoad); out of memory there, the loader reports
// RESOURCE_EXHAUSTED (vum/index_loader.h) rather than the process ending.
//
// Example:
//   std::vector<IndexRange> ranges = {{0, 100}, {100, 200}};
//   RunOnThreads(ranges, [&](uint32_t from, uint32_t to, const std::atomic<bool>& stop) {
//     for (uint32_t i = from; i < to && !stop.load(std::memory_order_relaxed); ++i)
//       Work(i);  // may throw std::bad_alloc
//   });
//
// Thread safety: `work` runs on several threads at once, each with a range of
// its own; what the ranges share is the caller's to guard.
#ifndef VUM_LIB_SELECTION_RUN_ON_THREADS_H_
#define VUM_LIB_SELECTION_RUN_ON_THREADS_H_

#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace vum::selection_internal {

// The indexes [from, to).
struct IndexRange {
  uint32_t from = 0;
  uint32_t to = 0;
};

// Runs `work(range.from, range.to, stop)` for every range of `ranges`: the
// last on the calling thread, the others on threads of their own (on the
// calling thread too when a thread cannot be started), and returns when all
// have. The first exception any of them throws sets `stop`, which the others
// should read to end early, and is thrown again here once every one has
// stopped (a later one is dropped). No range runs twice; after an exception some
// may not have run at all.
template <typename Work>
void RunOnThreads(const std::vector<IndexRange>& ranges, const Work& work) {
  if (ranges.empty()) return;
  std::atomic<bool> stop{false};
  std::mutex failure_mu;
  std::exception_ptr failure;  // under failure_mu
  auto guarded = [&](IndexRange r) {
    try {
      work(r.from, r.to, stop);
    } catch (...) {
      std::lock_guard lock(failure_mu);
      if (failure == nullptr) failure = std::current_exception();
      stop.store(true, std::memory_order_relaxed);
    }
  };
  std::vector<std::thread> helpers;
  std::vector<IndexRange> here = {ranges.back()};
  for (size_t i = 0; i + 1 < ranges.size(); ++i) {
    try {
      helpers.emplace_back(guarded, ranges[i]);
    } catch (const std::system_error&) {  // no thread: run here instead
      here.push_back(ranges[i]);
    }
  }
  for (const IndexRange& r : here) guarded(r);
  for (std::thread& t : helpers) t.join();
  if (failure != nullptr) std::rethrow_exception(failure);
}

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_RUN_ON_THREADS_H_
