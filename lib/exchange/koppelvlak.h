// lib/exchange/koppelvlak.h: the wire of the VUM koppelvlak 3.0: its
// version, paths and headers, and its Error body with the codes vum gives.
//
// The koppelvlak 3.0 has two interfaces: the Bron interface every source
// serves (the exchange facility asks it) and the Bemiddelaar interface the
// facility serves to mediators. Both use the same headers: every request
// carries X-VUM-berichtVersie and API-Version (3.0.0) and the parties
// X-VUM-fromParty, X-VUM-toParty and X-VUM-viaParty; a request to a source
// also X-VUM-SUWIparty ("true" or "false"). Every answer states the version
// and the parties as seen from the answering side. An error is
// {"code", "message", "details"}; the koppelvlak fixes the shape and the
// lengths (10, 500 and 2000 characters), not the codes: vum's codes are the
// table in V3ErrorOf, documented in docs/node.md.
//
// Example:
//
//   const vum::exchange::V3ErrorInfo& e =
//       vum::exchange::V3ErrorOf(vum::exchange::V3Error::kUnsupportedVersion);
//   res.status = e.status;
//   res.set_content(vum::exchange::V3ErrorJson(
//       vum::exchange::V3Error::kUnsupportedVersion, "supported: 3.0.0"),
//       "application/json");
//
// Thread safety: constants and functions only.

#ifndef VUM_LIB_EXCHANGE_KOPPELVLAK_H_
#define VUM_LIB_EXCHANGE_KOPPELVLAK_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vum/v1/selection.pb.h"

namespace vum::exchange {

// The version of the koppelvlak vum speaks on the standard's endpoints, in
// both version headers.
inline constexpr char kKoppelvlakVersion[] = "3.0.0";
inline constexpr char kBerichtVersieHeader[] = "X-VUM-berichtVersie";
// The contract spells it so; HTTP header names are case-insensitive, so it
// is the same header as X-VUM-SUWIParty.
inline constexpr char kSuwiPartyHeaderV3[] = "X-VUM-SUWIparty";

// Where a source serves the Bron interface: the base path of the contract's
// server URL, then one collection per kind of record.
inline constexpr char kBronBasePath[] = "/api/v3";
inline constexpr char kV3ProfilesCollection[] = "/werkzoekendeProfielen";
inline constexpr char kV3VacanciesCollection[] = "/vacatures";
inline constexpr char kV3MatchesSuffix[] = "/matches";

// The collection of `kind`: kV3VacanciesCollection for vacancies, else
// kV3ProfilesCollection.
[[nodiscard]] const char* V3CollectionOf(v1::SoortSelectie kind);
// kBronBasePath and that collection: "/api/v3/vacatures".
[[nodiscard]] std::string V3CollectionPath(v1::SoortSelectie kind);

// Why a request on a koppelvlak 3.0 endpoint is not answered.
enum class V3Error {
  kMalformedRequest,    // a required header missing or malformed
  kUnsupportedVersion,  // a version header other than 3.0.0
  kQuestionUnreadable,  // the body is not a question (JSON, vraagObject)
  kQuestionInvalid,     // the question breaks the standard's rules
  kUnknownId,           // no selectable record with that id
  kNotAuthorized,       // certificate, parties or register (401, no body)
  kNoDetailBasis,       // no legal basis and no consent for the detail
  kTooManyQuestions,    // the asker's questions for today are used
  kTooLarge,            // the body exceeds the node's limit
  kInternal,            // the node failed
  kLogUnavailable,      // the processing log cannot be written
  kDetailQuotaUsed,     // the exchange facility: the question's details are used
  kSourceUnavailable,   // the exchange facility: no source (or not the one) answered
  kNoSuchPath,          // no endpoint at this path (outside the contract); the last
};

struct V3ErrorInfo {
  int status;
  const char* code;     // at most 10 characters
  const char* message;  // Dutch, for people; at most 500 characters
};

// The one table from reason to status, code and message.
[[nodiscard]] const V3ErrorInfo& V3ErrorOf(V3Error error);

// The Error body for `error`, `details` cut at 2000 bytes (on a UTF-8
// boundary). `details` must hold no personal value; empty leaves it out.
[[nodiscard]] std::string V3ErrorJson(V3Error error, absl::string_view details = "");

// The code and message of an Error body; INVALID_ARGUMENT when `json` is not
// one (a code over 10 characters included).
struct V3ErrorBody {
  std::string code;
  std::string message;
  std::string details;
};
[[nodiscard]] absl::StatusOr<V3ErrorBody> ParseV3Error(absl::string_view json);

}  // namespace vum::exchange

#endif  // VUM_LIB_EXCHANGE_KOPPELVLAK_H_
