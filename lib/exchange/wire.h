// lib/exchange/wire.h: what the exchange node and its askers agree on: the
// paths and headers of the VUM interface 2.0, W3C trace context, and RFC 9457
// problem details.
//
// Example:
//
//   vum::exchange::TraceContext trace = vum::exchange::NewTrace();
//   headers.emplace(vum::exchange::kTraceparentHeader, trace.Header());
//
// Thread safety: functions only.

#ifndef VUM_LIB_EXCHANGE_WIRE_H_
#define VUM_LIB_EXCHANGE_WIRE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vum/v1/selection.pb.h"
#include "vum/violation.h"

namespace vum::exchange {

// The interface version every response states in kApiVersionHeader.
inline constexpr char kApiVersion[] = "2.0.0";
inline constexpr char kApiVersionHeader[] = "API-Version";
inline constexpr char kFromPartyHeader[] = "X-VUM-fromParty";
inline constexpr char kToPartyHeader[] = "X-VUM-toParty";
inline constexpr char kViaPartyHeader[] = "X-VUM-viaParty";
inline constexpr char kSuwiPartyHeader[] = "X-VUM-SUWIParty";
inline constexpr char kTraceparentHeader[] = "traceparent";

inline constexpr char kJsonType[] = "application/json";
inline constexpr char kProblemType[] = "application/problem+json";
inline constexpr char kBatchType[] = "application/vnd.vum.batch";
inline constexpr char kNdjsonType[] = "application/x-ndjson";

// POST: a selection question; GET .../{vumID}: a detail.
inline constexpr char kProfilesPath[] = "/vum/v2/werkzoekenden";
inline constexpr char kVacanciesPath[] = "/vum/v2/vacatures";
inline constexpr char kSelectionSuffix[] = "/selecties";
// POST: the uploader's caseload as a VUM batch (full or delta).
inline constexpr char kBatchUploadPath[] = "/vum/v2/beheer/batches";
// POST: process data (consents) as NDJSON.
inline constexpr char kProcessUploadPath[] = "/vum/v2/beheer/procesgegevens";
// POST: records (VUM JSON, or NDJSON) judged by the node's validator; vum's
// own service, not the standard's (docs/node.md).
inline constexpr char kValidationPath[] = "/vum/validatie";
inline constexpr char kHealthPath[] = "/health";
inline constexpr char kMetricsPath[] = "/metrics";

// The collection a kind of record is served under.
[[nodiscard]] std::string CollectionPath(v1::SoortSelectie kind);

// A kind of record as routes and logs name it: "werkzoekenden" or "vacatures".
[[nodiscard]] inline const char* KindName(v1::SoortSelectie kind) {
  return kind == v1::SOORT_SELECTIE_VACATURES ? "vacatures" : "werkzoekenden";
}

// A W3C trace context (traceparent, version 00).
struct TraceContext {
  std::string trace_id;  // 32 lower-case hex digits, not all zero
  std::string span_id;   // 16 lower-case hex digits, not all zero
  bool sampled = true;
  // "00-<trace-id>-<span-id>-01"
  [[nodiscard]] std::string Header() const;
};
// The context in a traceparent header; nullopt when it is not a valid one.
[[nodiscard]] std::optional<TraceContext> ParseTraceparent(absl::string_view header);
// A new trace with random ids (from a cryptographic source).
[[nodiscard]] TraceContext NewTrace();
// A new span in the same trace.
[[nodiscard]] TraceContext ChildSpan(const TraceContext& parent);

// A problem detail (RFC 9457). `code` is the typed reason programs read
// (e.g. "vraag-ongeldig"); `type` is "urn:vum:probleem:<code>".
struct Problem {
  int status = 500;
  std::string code;
  std::string title;
  std::string detail;  // never a personal value
  std::vector<Violation> violations;
  std::string trace_id;
};
[[nodiscard]] std::string ProblemJson(const Problem& problem);
// Reads what ProblemJson wrote (violations as rule id, path, severity).
[[nodiscard]] absl::StatusOr<Problem> ParseProblem(absl::string_view json);

// The HTTP status for a Status code (INVALID_ARGUMENT 400, UNAUTHENTICATED
// 401, PERMISSION_DENIED 403, NOT_FOUND 404, RESOURCE_EXHAUSTED 429, ...).
[[nodiscard]] int HttpStatusOf(absl::StatusCode code);
// The Status code for an HTTP error status, the inverse of HttpStatusOf
// (400 INVALID_ARGUMENT, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404
// NOT_FOUND, 409 ALREADY_EXISTS, 422 FAILED_PRECONDITION, 429
// RESOURCE_EXHAUSTED, 503 UNAVAILABLE, 504 DEADLINE_EXCEEDED; UNKNOWN else).
[[nodiscard]] absl::StatusCode StatusCodeOfHttp(int status);

// The JSON of one violation, the shape every vum report writes
// (lib/json/violation_json.h): {"ruleId","severity","path","relatedPaths",
// "params","message"}.
[[nodiscard]] std::string ViolationJson(const Violation& v);

}  // namespace vum::exchange

#endif  // VUM_LIB_EXCHANGE_WIRE_H_
