#include "lib/ask/fan_out.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/time/clock.h"

namespace vum::ask {

std::vector<bool> FanOut(size_t n, absl::Duration deadline,
                         const std::function<void(size_t)>& call,
                         const std::function<void(size_t)>& stop) {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<bool> done(n, false), in_time(n, false);
  bool closed = false;  // after the deadline, a finishing call is late
  std::vector<std::thread> threads;
  threads.reserve(n);
  const absl::Time end = absl::Now() + deadline;
  for (size_t i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      call(i);
      std::lock_guard lock(mu);
      done[i] = true;
      in_time[i] = !closed;
      cv.notify_all();
    });
  }
  {
    std::unique_lock lock(mu);
    cv.wait_until(lock, absl::ToChronoTime(end), [&] {
      return std::all_of(done.begin(), done.end(), [](bool d) { return d; });
    });
    closed = true;
    for (size_t i = 0; i < n; ++i) {
      if (!done[i]) stop(i);
    }
  }
  for (std::thread& t : threads) t.join();
  return in_time;
}

}  // namespace vum::ask
