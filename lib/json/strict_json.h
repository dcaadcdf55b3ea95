// Internal: the strict reading of VUM JSON that both JSON paths share.
//
// protobuf's JSON parser accepts more than RFC 8259 and more than the schema
// means: single-quoted strings, raw control characters, a trailing comma, a
// single value where a list belongs, null in a list, a list inside a list,
// and a list or object named twice (merged). Another implementation of the
// standard would read those differently or reject them, so vum rejects them
// too. CheckStrict looks at a document protobuf has accepted; the messages
// name properties by their path in VUM JSON, never a value.
#ifndef VUM_LIB_JSON_STRICT_JSON_H_
#define VUM_LIB_JSON_STRICT_JSON_H_

#include <simdjson.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace vum::json_internal {

// `root`, a document simdjson has parsed (RFC 8259), checked against the
// shape of `type`: every list an array, no null or array inside a list, no
// member twice in an object. INVALID_ARGUMENT naming the property and why.
[[nodiscard]] absl::Status CheckStrict(simdjson::dom::element root,
                                       const google::protobuf::Descriptor& type);

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_STRICT_JSON_H_
