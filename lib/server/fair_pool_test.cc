#include "lib/server/fair_pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <vector>

namespace vum::server {
namespace {

using ::testing::ElementsAre;

TEST(FairPoolTest, TakesTurnsBetweenRequesters) {
  FairPool pool(1);
  std::promise<void> gate, taken;
  std::shared_future<void> open = gate.get_future().share();
  ASSERT_TRUE(pool.Submit("first", [open, &taken] {  // holds the thread
    taken.set_value();
    open.wait();
  }));
  taken.get_future().wait();
  std::mutex mu;
  std::vector<std::string> order;
  auto task = [&](std::string name) {
    return [&, name] {
      std::lock_guard lock(mu);
      order.push_back(name);
    };
  };
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(pool.Submit("alice", task("a" + std::to_string(i))));
  ASSERT_TRUE(pool.Submit("bob", task("b0")));
  ASSERT_TRUE(pool.Submit("bob", task("b1")));
  ASSERT_TRUE(pool.Submit("carol", task("c0")));
  EXPECT_EQ(pool.queued(), 6u);
  gate.set_value();
  for (int i = 0; i < 500 && pool.queued() > 0; ++i)
    absl::SleepFor(absl::Milliseconds(2));
  pool.Stop();
  EXPECT_THAT(order, ElementsAre("a0", "b0", "c0", "a1", "b1", "a2"));
}

TEST(FairPoolTest, StopFinishesTheRunningAndDropsTheQueued) {
  FairPool pool(1);
  std::promise<void> started;
  std::atomic<bool> finished{false};
  ASSERT_TRUE(pool.Submit("a", [&] {
    started.set_value();
    absl::SleepFor(absl::Milliseconds(100));
    finished = true;
  }));
  auto held = std::make_shared<int>(1);
  std::atomic<bool> ran{false};
  ASSERT_TRUE(pool.Submit("b", [held, &ran] { ran = true; }));
  started.get_future().wait();
  pool.Stop();
  EXPECT_TRUE(finished);
  EXPECT_FALSE(ran);
  EXPECT_EQ(held.use_count(), 1);  // the dropped task released what it held
  EXPECT_FALSE(pool.Submit("c", [] {}));
}

}  // namespace
}  // namespace vum::server
