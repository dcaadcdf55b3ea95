// What the exchange facility remembers of the questions it passed on, and
// that it forgets them when they expire: memory is bounded by the questions
// of one lifetime.

#include "lib/hub/question_register.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace vum::hub {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1'780'000'000);

PassedQuestion Question(int n, absl::Time expires) {
  PassedQuestion q{absl::StrCat("vraag-", n), "00000001000000000005", expires, 2, {}};
  for (int m = 0; m < 3; ++m)
    q.matches.push_back({absl::StrCat("vumid-", n, "-", m), 0, absl::StrCat("wz-", m)});
  return q;
}

TEST(QuestionRegisterTest, AVumIdResolvesToItsSourceAndRecordUntilItExpires) {
  QuestionRegister reg;
  reg.Remember(Question(1, kStart + absl::Hours(1)), kStart);
  std::optional<Resolved> r = reg.Find("vumid-1-2", kStart);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->vraag_id, "vraag-1");
  EXPECT_EQ(r->source_id, "wz-2");
  EXPECT_FALSE(reg.Find("vumid-1-9", kStart).has_value());
  EXPECT_FALSE(reg.Find("vumid-1-2", kStart + absl::Hours(1)).has_value());
}

TEST(QuestionRegisterTest, TheDetailQuotaIsPerQuestion) {
  QuestionRegister reg;
  reg.Remember(Question(1, kStart + absl::Hours(1)), kStart);
  reg.Remember(Question(2, kStart + absl::Hours(1)), kStart);
  EXPECT_TRUE(reg.TakeDetail("vraag-1"));
  EXPECT_TRUE(reg.TakeDetail("vraag-1"));
  EXPECT_FALSE(reg.TakeDetail("vraag-1"));
  EXPECT_TRUE(reg.TakeDetail("vraag-2"));
  EXPECT_FALSE(reg.TakeDetail("vraag-unknown"));
}

TEST(QuestionRegisterTest, ExpiredQuestionsAndTheirVumIdsAreForgotten) {
  QuestionRegister reg;
  for (int n = 0; n < 10000; ++n)
    reg.Remember(Question(n, kStart + absl::Hours(1)), kStart);
  EXPECT_EQ(reg.size(), (std::pair<size_t, size_t>{10000, 30000}));
  // The next question after they expired: only it is held.
  reg.Remember(Question(99999, kStart + absl::Hours(3)), kStart + absl::Hours(2));
  EXPECT_EQ(reg.size(), (std::pair<size_t, size_t>{1, 3}));
}

}  // namespace
}  // namespace vum::hub
