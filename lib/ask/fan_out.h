// lib/ask/fan_out.h: one call per party, all at once, within a deadline: the
// way vum ask asks every node and the exchange facility asks every source.
//
// Example:
//
//   std::vector<bool> in_time = vum::ask::FanOut(
//       clients.size(), absl::Seconds(10),
//       [&](size_t i) { answers[i] = Ask(*clients[i]); },
//       [&](size_t i) { clients[i]->stop(); });
//
// Thread safety: FanOut may be called from any thread; `call` runs on
// threads of its own, concurrently for different i.

#ifndef VUM_LIB_ASK_FAN_OUT_H_
#define VUM_LIB_ASK_FAN_OUT_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "absl/time/time.h"

namespace vum::ask {

// Runs call(i) for every i in [0, n), each on a thread of its own, and waits
// until all have returned or `deadline` has passed. For each call still
// running then, calls stop(i), which must make it return soon (e.g. by
// closing its connection), and waits for it. Returns, per i, whether call(i)
// returned within the deadline; the caller must not use what a late call
// wrote.
[[nodiscard]] std::vector<bool> FanOut(size_t n, absl::Duration deadline,
                                       const std::function<void(size_t)>& call,
                                       const std::function<void(size_t)>& stop);

}  // namespace vum::ask

#endif  // VUM_LIB_ASK_FAN_OUT_H_
