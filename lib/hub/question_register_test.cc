// What the exchange facility remembers of the questions it passed on: in its
// store, so that a restart keeps them; forgotten from memory when they
// expire.

#include "lib/hub/question_register.h"

#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace vum::hub {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1'780'000'000);
const std::vector<std::string> kSources = {"00000001000000000001",
                                           "00000001000000000002"};

PassedQuestion Question(int n, absl::Time expires) {
  PassedQuestion q{absl::StrCat("vraag-", n), "00000001000000000005", expires, 2, {}};
  for (int m = 0; m < 3; ++m) {
    q.matches.push_back({absl::StrCat("vumid-", n, "-", m), static_cast<size_t>(m % 2),
                         absl::StrCat("wz-", m)});
  }
  return q;
}

std::unique_ptr<node::NodeStore> Store(const std::string& name) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/register-", getpid(), "-", name, ".db");
  std::filesystem::remove(path);
  return node::NodeStore::Open(path).value();
}

TEST(QuestionRegisterTest, AVumIdResolvesToItsSourceAndRecordUntilItExpires) {
  auto store = Store("resolve");
  QuestionRegister reg(store.get(), kSources);
  ASSERT_TRUE(reg.Remember(Question(1, kStart + absl::Hours(1)), kStart).ok());
  absl::StatusOr<Resolved> r = reg.Find("vumid-1-1", kStart);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->vraag_id, "vraag-1");
  EXPECT_EQ(r->source, 1u);
  EXPECT_EQ(r->source_id, "wz-1");
  EXPECT_EQ(r->details_left, 2);
  EXPECT_TRUE(absl::IsNotFound(reg.Find("vumid-1-9", kStart).status()));
  EXPECT_TRUE(absl::IsNotFound(reg.Find("vumid-1-2", kStart + absl::Hours(1)).status()));
}

TEST(QuestionRegisterTest, TheDetailQuotaIsPerQuestion) {
  auto store = Store("quota");
  QuestionRegister reg(store.get(), kSources);
  ASSERT_TRUE(reg.Remember(Question(1, kStart + absl::Hours(1)), kStart).ok());
  ASSERT_TRUE(reg.Remember(Question(2, kStart + absl::Hours(1)), kStart).ok());
  EXPECT_TRUE(reg.TakeDetail("vraag-1"));
  EXPECT_TRUE(reg.TakeDetail("vraag-1"));
  EXPECT_FALSE(reg.TakeDetail("vraag-1"));
  EXPECT_TRUE(reg.TakeDetail("vraag-2"));
  EXPECT_FALSE(reg.TakeDetail("vraag-unknown"));
}

// A restart (a new register on the same store file) keeps the vumIDs and
// the details left; a source no longer in the list no longer resolves.
TEST(QuestionRegisterTest, QuestionsSurviveARestart) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/register-", getpid(), "-restart.db");
  std::filesystem::remove(path);
  {
    auto store = node::NodeStore::Open(path).value();
    QuestionRegister reg(store.get(), kSources);
    ASSERT_TRUE(
        reg.Remember(Question(7, absl::Now() + absl::Hours(1)), absl::Now()).ok());
    ASSERT_TRUE(reg.TakeDetail("vraag-7"));
  }
  auto store = node::NodeStore::Open(path).value();
  QuestionRegister reg(store.get(), kSources);
  absl::StatusOr<Resolved> r = reg.Find("vumid-7-0", absl::Now());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->details_left, 1);
  EXPECT_EQ(r->source_id, "wz-0");
  QuestionRegister fewer(store.get(), {kSources[0]});
  EXPECT_TRUE(absl::IsNotFound(fewer.Find("vumid-7-1", absl::Now()).status()));
  EXPECT_TRUE(fewer.Find("vumid-7-0", absl::Now()).ok());
}

TEST(QuestionRegisterTest, ExpiredQuestionsAndTheirVumIdsAreForgotten) {
  auto store = Store("expiry");
  QuestionRegister reg(store.get(), kSources);
  for (int n = 0; n < 2000; ++n) {
    ASSERT_TRUE(reg.Remember(Question(n, kStart + absl::Hours(1)), kStart).ok());
  }
  EXPECT_EQ(reg.size(), (std::pair<size_t, size_t>{2000, 6000}));
  // The next question after they expired: only its vumIDs stay in memory
  // (the rows stay a day longer, for the askers' counts of the day).
  ASSERT_TRUE(
      reg.Remember(Question(99999, kStart + absl::Hours(3)), kStart + absl::Hours(2))
          .ok());
  EXPECT_EQ(reg.size().second, 3u);
}

}  // namespace
}  // namespace vum::hub
