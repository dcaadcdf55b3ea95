// Internal: the named formats of docs/schema.md ("Formats"), implemented
// without regular expressions so that their meaning does not depend on a
// regex dialect.

#ifndef VUM_LIB_VALIDATE_FORMATS_H_
#define VUM_LIB_VALIDATE_FORMATS_H_

#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"
#include "vum/v1/options.pb.h"

namespace vum::validate_internal {

// Whether `value` has `format`. FORMAT_UNSPECIFIED accepts nothing.
[[nodiscard]] bool HasFormat(v1::Format format, absl::string_view value);

// Whether `value` is the generalised form of `format` (docs/privacy.md): a
// postcode cut to its four digits or its two-digit region. Generalised dates
// are dates (the first day of a month or year), so only postcodes have one.
[[nodiscard]] bool IsGeneralisedForm(v1::Format format, absl::string_view value);

[[nodiscard]] bool IsDate(absl::string_view value);
[[nodiscard]] bool IsDateTime(absl::string_view value);
[[nodiscard]] bool IsPostcodeNl(absl::string_view value);
[[nodiscard]] bool IsEmail(absl::string_view value);
[[nodiscard]] bool IsPhoneNl(absl::string_view value);
[[nodiscard]] bool IsUrl(absl::string_view value);
[[nodiscard]] bool IsBsn(absl::string_view value);
[[nodiscard]] bool IsUuid(absl::string_view value);
[[nodiscard]] bool IsVersion(absl::string_view value);
// One or more ASCII digits; with `count` > 0, exactly that many.
[[nodiscard]] bool IsDigits(absl::string_view value, size_t count = 0);
// An organisation's OIN (Organisatie-identificatienummer): 20 digits. The one
// check of an OIN, wherever one is read (schema, node, asker, selection).
[[nodiscard]] bool IsOin(absl::string_view value);
// 1..n of a-z, A-Z, 0-9, "_", ".", "-": the koppelvlak 3.0's SafeIDString
// (its length is a separate rule).
[[nodiscard]] bool IsSafeId(absl::string_view value);

// A comparable key for ordering: days since 1970-01-01 for a date,
// nanoseconds since the epoch (UTC) for a date-time. nullopt if malformed.
[[nodiscard]] std::optional<int64_t> DateKey(absl::string_view date);
[[nodiscard]] std::optional<int64_t> DateTimeKey(absl::string_view date_time);

// Whether `value` is well-formed UTF-8 (RFC 3629): no overlong forms, no
// surrogates, nothing beyond U+10FFFF.
[[nodiscard]] bool IsValidUtf8(absl::string_view value);

// The number of Unicode code points in valid UTF-8 `value`.
[[nodiscard]] size_t CodePoints(absl::string_view value);

}  // namespace vum::validate_internal

#endif  // VUM_LIB_VALIDATE_FORMATS_H_
