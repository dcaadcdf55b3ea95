#include "lib/exchange/wire.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum::exchange {
namespace {

TEST(TraceparentTest, ReadsVersionZeroAndRefusesTheRest) {
  std::optional<TraceContext> t =
      ParseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t->span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(t->sampled);
  EXPECT_EQ(t->Header(), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  for (const char* bad : {"", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                          "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g"}) {
    EXPECT_FALSE(ParseTraceparent(bad).has_value()) << bad;
  }
}

TEST(TraceparentTest, NewTracesAreValidAndChildSpansKeepTheTrace) {
  const TraceContext t = NewTrace();
  ASSERT_TRUE(ParseTraceparent(t.Header()).has_value());
  const TraceContext child = ChildSpan(t);
  EXPECT_EQ(child.trace_id, t.trace_id);
  EXPECT_NE(child.span_id, t.span_id);
  EXPECT_NE(NewTrace().trace_id, t.trace_id);
}

TEST(ProblemTest, WrittenAndReadBackWithViolations) {
  Violation v;
  v.rule_id = "SEG-03";
  v.path.Append("selectiegebied");
  v.path.Append("afstand");
  v.message = "te groot";
  const std::string json = ProblemJson({400,
                                        "vraag-ongeldig",
                                        "vraag ongeldig",
                                        "breaks rules",
                                        {v},
                                        "4bf92f3577b34da6a3ce929d0e0e4736"});
  EXPECT_THAT(json, ::testing::HasSubstr("\"type\":\"urn:vum:probleem:vraag-ongeldig\""));
  absl::StatusOr<Problem> p = ParseProblem(json);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, 400);
  EXPECT_EQ(p->code, "vraag-ongeldig");
  EXPECT_EQ(p->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  ASSERT_EQ(p->violations.size(), 1u);
  EXPECT_EQ(p->violations[0].rule_id, "SEG-03");
  EXPECT_FALSE(ParseProblem("<html>").ok());
}

TEST(ProblemTest, StatusCodesMapToTheirHttpMeaning) {
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnavailable), 503);
}

// The way back: every status HttpStatusOf answers with maps to the code it
// came from (those that share one status map to the first of them).
TEST(ProblemTest, HttpStatusesMapBackToTheirStatusCodes) {
  for (absl::StatusCode code :
       {absl::StatusCode::kInvalidArgument, absl::StatusCode::kUnauthenticated,
        absl::StatusCode::kPermissionDenied, absl::StatusCode::kNotFound,
        absl::StatusCode::kAlreadyExists, absl::StatusCode::kFailedPrecondition,
        absl::StatusCode::kResourceExhausted, absl::StatusCode::kUnimplemented,
        absl::StatusCode::kUnavailable, absl::StatusCode::kDeadlineExceeded}) {
    EXPECT_EQ(StatusCodeOfHttp(HttpStatusOf(code)), code)
        << absl::StatusCodeToString(code);
  }
  EXPECT_EQ(StatusCodeOfHttp(418), absl::StatusCode::kUnknown);
}

}  // namespace
}  // namespace vum::exchange
