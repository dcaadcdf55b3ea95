// vum/limits.h: how much of an input a reader takes, so that memory stays
// bounded whatever arrives.
//
// Every reader of the library and the tool checks these while it reads: a
// record beyond a limit is refused with an error that names the limit, and
// the reader goes on with the next record where the format allows (a line of
// NDJSON, an element of a JSON array) without holding the rest of the
// oversized one. docs/limits.md lists the defaults and where each applies.
//
// Example:
//
//   vum::InputLimits limits;
//   limits.max_document_bytes = 1 << 20;
//   absl::Status shape = vum::CheckJsonShape(text, limits);
//   // RESOURCE_EXHAUSTED "nested deeper than the limit of 32 levels"
//
// Thread safety: plain data and a pure function.

#ifndef VUM_LIMITS_H_
#define VUM_LIMITS_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace vum {

struct InputLimits {
  // One JSON document (a file of one record, an NDJSON line, an element of a
  // JSON array) or one binary record.
  size_t max_document_bytes = size_t{4} << 20;
  // Nesting of objects and arrays in one JSON document (a VUM record nests
  // five deep).
  int max_depth = 32;
  // Elements of one array in a JSON document (a list of a record).
  size_t max_list_items = 10000;
  // A whole CSV file (a table is read at once) and one of its fields.
  size_t max_csv_bytes = size_t{256} << 20;
  size_t max_csv_field_bytes = size_t{64} << 10;
};

// OK when `json` nests no deeper than `limits.max_depth` and no array in it
// has more than `limits.max_list_items` elements; RESOURCE_EXHAUSTED naming
// the limit otherwise. OK for a text that is not JSON (RFC 8259): the reader
// that follows reports where and why. Never repeats a value.
[[nodiscard]] absl::Status CheckJsonShape(absl::string_view json,
                                          const InputLimits& limits);

}  // namespace vum

#endif  // VUM_LIMITS_H_
