// RunOnThreads: every range runs once, the last on the caller's thread; an
// exception in any range comes back to the caller once every thread stopped,
// and the others are told to stop early.

#include "lib/selection/run_on_threads.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <new>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace vum::selection_internal {
namespace {

using std::chrono::milliseconds;

TEST(RunOnThreadsTest, EveryIndexRunsOnceAndTheLastRangeOnTheCallersThread) {
  const std::vector<IndexRange> ranges = {{0, 10}, {10, 25}, {25, 25}, {25, 40}};
  std::vector<std::atomic<int>> runs(40);
  std::mutex mu;
  std::vector<std::thread::id> thread_of(ranges.size());
  RunOnThreads(ranges, [&](uint32_t from, uint32_t to, const std::atomic<bool>& stop) {
    EXPECT_FALSE(stop.load());
    for (uint32_t i = from; i < to; ++i) ++runs[i];
    std::lock_guard lock(mu);
    for (size_t r = 0; r < ranges.size(); ++r) {
      if (ranges[r].from == from && ranges[r].to == to)
        thread_of[r] = std::this_thread::get_id();
    }
  });
  for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 1) << i;
  EXPECT_EQ(thread_of.back(), std::this_thread::get_id());
  const std::set<std::thread::id> threads(thread_of.begin(), thread_of.end());
  EXPECT_EQ(threads.size(), ranges.size()) << "a thread per range";
  RunOnThreads({}, [](uint32_t, uint32_t, const std::atomic<bool>&) { FAIL(); });
}

// A helper's std::bad_alloc is thrown to the caller, whose own range, still
// running, reads `stop` and ends early.
TEST(RunOnThreadsTest, AHelpersExceptionStopsTheOthersAndComesBackToTheCaller) {
  std::atomic<bool> caller_saw_stop = false;
  const auto work = [&](uint32_t from, uint32_t, const std::atomic<bool>& stop) {
    if (from == 0) throw std::bad_alloc();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!stop.load() && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(milliseconds(1));
    caller_saw_stop = stop.load();
  };
  EXPECT_THROW(RunOnThreads({{0, 1}, {1, 2}}, work), std::bad_alloc);
  EXPECT_TRUE(caller_saw_stop);
}

// The caller's own exception waits for the helpers: they have finished (and
// their threads are joined, or the process would end) when it comes back.
TEST(RunOnThreadsTest, TheCallersExceptionComesBackOnlyOnceTheHelpersFinished) {
  std::atomic<int> finished = 0;
  const auto work = [&](uint32_t from, uint32_t, const std::atomic<bool>&) {
    if (from == 2) throw std::runtime_error("the caller's range");
    std::this_thread::sleep_for(milliseconds(50));
    ++finished;
  };
  EXPECT_THROW(RunOnThreads({{0, 1}, {1, 2}, {2, 3}}, work), std::runtime_error);
  EXPECT_EQ(finished.load(), 2);
}

}  // namespace
}  // namespace vum::selection_internal
