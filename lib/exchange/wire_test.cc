#include "lib/exchange/wire.h"

#include <set>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/exchange/koppelvlak.h"

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

// Every reason has a status the koppelvlak 3.0 allows and a code that fits
// its Error schema; the codes differ, so a client can tell them apart.
TEST(KoppelvlakErrorTest, EveryReasonFitsTheContract) {
  std::set<std::string> codes;
  for (int i = 0; i <= static_cast<int>(V3Error::kNoSuchPath); ++i) {
    const V3ErrorInfo& e = V3ErrorOf(static_cast<V3Error>(i));
    EXPECT_THAT(e.status, ::testing::AnyOf(400, 401, 404, 429, 500, 503)) << e.code;
    EXPECT_LE(std::string(e.code).size(), 10u);
    EXPECT_TRUE(absl::StartsWith(e.code, std::to_string(e.status))) << e.code;
    EXPECT_TRUE(codes.insert(e.code).second) << e.code;
    absl::StatusOr<V3ErrorBody> body =
        ParseV3Error(V3ErrorJson(static_cast<V3Error>(i), "why"));
    ASSERT_TRUE(body.ok()) << body.status();
    EXPECT_EQ(body->code, e.code);
    EXPECT_EQ(body->message, e.message);
    EXPECT_EQ(body->details, "why");
  }
}

TEST(KoppelvlakErrorTest, DetailsAreCutToTheContractsLengthOnACharacter) {
  std::string long_text(1999, 'a');
  long_text += "\xc3\xa9\xc3\xa9";  // two-byte characters across byte 2000
  absl::StatusOr<V3ErrorBody> body =
      ParseV3Error(V3ErrorJson(V3Error::kQuestionInvalid, long_text));
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(body->details.size(), 1999u);
  EXPECT_EQ(ParseV3Error(V3ErrorJson(V3Error::kInternal))->details, "");
  EXPECT_FALSE(ParseV3Error(R"({"code":"12345678901","message":"x"})").ok());
  EXPECT_FALSE(ParseV3Error(R"({"message":"x"})").ok());
}

}  // namespace
}  // namespace vum::exchange
