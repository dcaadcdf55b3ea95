#include "lib/exchange/wire.h"

#include <openssl/rand.h>
#include <simdjson.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/json/json_string.h"
#include "lib/json/violation_json.h"

namespace vum::exchange {
namespace {

using json_internal::JsonString;

bool IsLowerHex(absl::string_view s, size_t n) {
  if (s.size() != n) return false;
  bool nonzero = false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
    nonzero |= c != '0';
  }
  return nonzero;
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  do {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()),
                   static_cast<int>(bytes)) != 1) {
      // No entropy: a trace id must still be unique enough to find a request.
      for (char& c : raw) c = static_cast<char>(std::rand());
    }
  } while (raw.find_first_not_of('\0') == std::string::npos);
  return absl::BytesToHexString(raw);
}

}  // namespace

std::string CollectionPath(v1::SoortSelectie kind) {
  return kind == v1::SOORT_SELECTIE_VACATURES ? kVacanciesPath : kProfilesPath;
}

std::string TraceContext::Header() const {
  return absl::StrCat("00-", trace_id, "-", span_id, sampled ? "-01" : "-00");
}

std::optional<TraceContext> ParseTraceparent(absl::string_view h) {
  // version "-" trace-id "-" parent-id "-" flags; only version 00 is known.
  if (h.size() != 55 || h.substr(0, 3) != "00-" || h[35] != '-' || h[52] != '-') {
    return std::nullopt;
  }
  TraceContext t{std::string(h.substr(3, 32)), std::string(h.substr(36, 16)), false};
  const absl::string_view flags = h.substr(53, 2);
  if (!IsLowerHex(t.trace_id, 32) || !IsLowerHex(t.span_id, 16) ||
      !absl::ascii_isxdigit(flags[0]) || !absl::ascii_isxdigit(flags[1])) {
    return std::nullopt;
  }
  t.sampled = (flags[1] == '1' || flags[1] == '3' || flags[1] == '5' || flags[1] == '7' ||
               flags[1] == '9' || flags[1] == 'b' || flags[1] == 'd' || flags[1] == 'f');
  return t;
}

TraceContext NewTrace() { return {RandomHex(16), RandomHex(8), true}; }

TraceContext ChildSpan(const TraceContext& parent) {
  return {parent.trace_id, RandomHex(8), parent.sampled};
}

std::string ViolationJson(const Violation& v) { return json_internal::ViolationJson(v); }

std::string ProblemJson(const Problem& p) {
  std::string out = absl::StrCat(
      "{\"type\":", JsonString(absl::StrCat("urn:vum:probleem:", p.code)),
      ",\"title\":", JsonString(p.title), ",\"status\":", p.status,
      ",\"detail\":", JsonString(p.detail), ",\"code\":", JsonString(p.code));
  if (!p.trace_id.empty()) absl::StrAppend(&out, ",\"traceId\":", JsonString(p.trace_id));
  if (!p.violations.empty()) {
    out += ",\"violations\":[";
    for (size_t i = 0; i < p.violations.size(); ++i) {
      if (i > 0) out += ",";
      out += ViolationJson(p.violations[i]);
    }
    out += "]";
  }
  return out + "}";
}

absl::StatusOr<Problem> ParseProblem(absl::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  if (json.size() > (1 << 20) ||
      parser.parse(json.data(), json.size()).get_object().get(o) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the problem detail is not a JSON object");
  }
  Problem p;
  std::string_view text;
  int64_t status;
  if (o["status"].get_int64().get(status) == simdjson::SUCCESS)
    p.status = static_cast<int>(status);
  if (o["code"].get_string().get(text) == simdjson::SUCCESS) p.code = std::string(text);
  if (o["title"].get_string().get(text) == simdjson::SUCCESS) p.title = std::string(text);
  if (o["detail"].get_string().get(text) == simdjson::SUCCESS)
    p.detail = std::string(text);
  if (o["traceId"].get_string().get(text) == simdjson::SUCCESS)
    p.trace_id = std::string(text);
  simdjson::dom::array list;
  if (o["violations"].get_array().get(list) == simdjson::SUCCESS) {
    for (simdjson::dom::element e : list) {
      Violation v;
      if (e["ruleId"].get_string().get(text) == simdjson::SUCCESS)
        v.rule_id = std::string(text);
      if (e["message"].get_string().get(text) == simdjson::SUCCESS)
        v.message = std::string(text);
      if (e["severity"].get_string().get(text) == simdjson::SUCCESS) {
        v.severity = text == "warning" ? Severity::kWarning
                     : text == "info"  ? Severity::kInfo
                                       : Severity::kError;
      }
      p.violations.push_back(std::move(v));
    }
  }
  return p;
}

int HttpStatusOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kFailedPrecondition:
      return 422;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

absl::StatusCode StatusCodeOfHttp(int status) {
  switch (status) {
    case 400:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 403:
      return absl::StatusCode::kPermissionDenied;
    case 404:
      return absl::StatusCode::kNotFound;
    case 409:
      return absl::StatusCode::kAlreadyExists;
    case 422:
      return absl::StatusCode::kFailedPrecondition;
    case 429:
      return absl::StatusCode::kResourceExhausted;
    case 501:
      return absl::StatusCode::kUnimplemented;
    case 503:
      return absl::StatusCode::kUnavailable;
    case 504:
      return absl::StatusCode::kDeadlineExceeded;
    default:
      return absl::StatusCode::kUnknown;
  }
}

}  // namespace vum::exchange
