// lib/server/fair_pool.h: a fixed set of threads running tasks, taking turns
// between requesters, so that one requester with many connections cannot
// keep the others waiting behind its queue.
//
// Example:
//
//   vum::server::FairPool pool(8);
//   pool.Submit("00000001000000000005", [] { ... });
//   pool.Stop();
//
// Thread safety: Submit from any thread; Stop once, not from a task.

#ifndef VUM_LIB_SERVER_FAIR_POOL_H_
#define VUM_LIB_SERVER_FAIR_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace vum::server {

class FairPool {
 public:
  explicit FairPool(int threads);
  ~FairPool();  // Stop()
  FairPool(const FairPool&) = delete;
  FairPool& operator=(const FairPool&) = delete;

  // Queues `task` behind `requester`'s earlier tasks. Each thread takes the
  // oldest task of the requester whose turn it is, then that requester goes
  // to the back of the turns. False (task not queued, destroyed) once
  // stopping.
  bool Submit(const std::string& requester, std::function<void()> task);

  // Waits for the tasks running, destroys the queued ones unrun, and joins
  // the threads.
  void Stop();

  // Tasks queued and not yet taken.
  [[nodiscard]] size_t queued() const;

 private:
  void Work();

  mutable std::mutex mu_;
  std::condition_variable ready_;
  bool stopping_ = false;
  absl::flat_hash_map<std::string, std::deque<std::function<void()>>> queues_;
  std::deque<std::string> turns_;  // requesters with queued tasks, in turn
  size_t queued_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace vum::server

#endif  // VUM_LIB_SERVER_FAIR_POOL_H_
