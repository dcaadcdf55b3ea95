// vum/record.h: reading one record of the standard from bytes, in VUM JSON
// or protobuf binary, and choosing its message type by name.
//
// Example:
//
//   absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
//       vum::NewRecord("werkzoekende");
//   absl::Status status = vum::ParseRecord(bytes, record->get());
//   // INVALID_ARGUMENT: "not a valid binary Werkzoekende: truncated or malformed"
//
// Thread safety: the functions are safe to call concurrently on different
// messages.

#ifndef VUM_RECORD_H_
#define VUM_RECORD_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "vum/violation.h"

namespace vum {

enum class Encoding { kJson, kBinary };

// JSON when the first byte that is not white space (after a UTF-8
// byte-order mark, which editors on Windows write) is '{' or '[', binary
// otherwise. (A protobuf record never starts with those bytes: '{' and '['
// would be field numbers 15 and 11 with the invalid wire type 3.)
[[nodiscard]] Encoding DetectEncoding(absl::string_view bytes);

// Parses protobuf binary into `message`, which is cleared first.
// INVALID_ARGUMENT, naming the message type, when the bytes are truncated or
// malformed or hold invalid UTF-8 in a text field.
[[nodiscard]] absl::Status ParseBinary(absl::string_view bytes,
                                       google::protobuf::Message* message);

// Parses `bytes` in the encoding DetectEncoding finds: ParseJson (after a
// byte-order mark) or ParseBinary. An input that is empty or only white space
// is INVALID_ARGUMENT: a file holds a record or it is not one. `absent`, when
// given, receives what ParseJson read as absent (nothing for binary).
[[nodiscard]] absl::Status ParseRecord(absl::string_view bytes,
                                       google::protobuf::Message* message,
                                       std::vector<FieldPath>* absent = nullptr);

// A new, empty record of the type named `type`: the lower-case name of a
// message of the standard ("werkzoekende", "vacature", "procesgegevens",
// "matchingsprofiel", "detailprofiel", "envelop", "batchkop", ...) or its
// full name ("vum.v1.Werkzoekende"). NOT_FOUND for another name.
[[nodiscard]] absl::StatusOr<std::unique_ptr<google::protobuf::Message>> NewRecord(
    absl::string_view type);

// The lower-case names NewRecord accepts, sorted.
[[nodiscard]] std::vector<std::string> RecordTypeNames();

}  // namespace vum

#endif  // VUM_RECORD_H_
