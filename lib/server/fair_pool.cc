#include "lib/server/fair_pool.h"

#include <utility>

namespace vum::server {

FairPool::FairPool(int threads) {
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

FairPool::~FairPool() { Stop(); }

bool FairPool::Submit(const std::string& requester, std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    std::deque<std::function<void()>>& queue = queues_[requester];
    if (queue.empty()) turns_.push_back(requester);
    queue.push_back(std::move(task));
    ++queued_;
  }
  ready_.notify_one();
  return true;
}

void FairPool::Stop() {
  absl::flat_hash_map<std::string, std::deque<std::function<void()>>> dropped;
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    dropped.swap(queues_);
    turns_.clear();
    queued_ = 0;
  }
  ready_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
  // `dropped` is destroyed here, outside the lock: a task's destructor may
  // release what it held (a connection).
}

size_t FairPool::queued() const {
  std::lock_guard lock(mu_);
  return queued_;
}

void FairPool::Work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !turns_.empty(); });
      if (stopping_) return;
      std::string requester = std::move(turns_.front());
      turns_.pop_front();
      auto it = queues_.find(requester);
      task = std::move(it->second.front());
      it->second.pop_front();
      --queued_;
      if (it->second.empty()) {
        queues_.erase(it);
      } else {
        turns_.push_back(std::move(requester));
      }
    }
    task();
  }
}

}  // namespace vum::server
