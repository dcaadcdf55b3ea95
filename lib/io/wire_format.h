// Internal: reading and writing protobuf's binary wire format by hand, for
// the code that works on a record's stored bytes without building a message
// (lib/privacy/wire_filter.h, the JSON printer's PrintWireAsJson).
//
// Example:
//
//   const char* p = bytes.data();
//   const char* end = p + bytes.size();
//   uint64_t tag;
//   absl::string_view payload;
//   while (p < end) {
//     if (!io_internal::ReadVarint(&p, end, &tag) ||
//         !io_internal::SkipValue(tag & 7, &p, end, &payload)) { /* malformed */ }
//   }
//
// Thread safety: pure functions.

#ifndef VUM_LIB_IO_WIRE_FORMAT_H_
#define VUM_LIB_IO_WIRE_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace vum::io_internal {

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLength = 2, kFixed32 = 5 };

// How deeply messages may nest in bytes read by hand: as deep as protobuf's
// own parser goes by default, so that both refuse the same bytes.
inline constexpr int kMaxMessageDepth = 100;

// The wire type a single value of a field of `type` comes in (a packed list
// of such values comes as kLength).
[[nodiscard]] inline WireType WireTypeOf(google::protobuf::FieldDescriptor::Type type) {
  using T = google::protobuf::FieldDescriptor;
  switch (type) {
    case T::TYPE_STRING:
    case T::TYPE_BYTES:
    case T::TYPE_MESSAGE:
      return kLength;
    case T::TYPE_DOUBLE:
    case T::TYPE_FIXED64:
    case T::TYPE_SFIXED64:
      return kFixed64;
    case T::TYPE_FLOAT:
    case T::TYPE_FIXED32:
    case T::TYPE_SFIXED32:
      return kFixed32;
    default:
      return kVarint;
  }
}

// Reads a varint at `*p` (before `end`), advancing `*p`; false if malformed.
[[nodiscard]] inline bool ReadVarint(const char** p, const char* end, uint64_t* value) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    const auto byte = static_cast<uint8_t>(*(*p)++);
    v |= uint64_t{byte & 0x7Fu} << shift;
    if (byte < 0x80) {
      *value = v;
      return true;
    }
  }
  return false;
}

inline void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

[[nodiscard]] inline size_t VarintSize(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Reads past the value of a field of wire type `type` at `*p`: `*payload`
// is its bytes (of a varint, the bytes that encode it; of a length-delimited
// value, without the length). False if malformed; groups are malformed here
// (the standard's proto3 has none).
[[nodiscard]] inline bool SkipValue(uint32_t type, const char** p, const char* end,
                                    absl::string_view* payload) {
  uint64_t n = 0;
  const char* start = *p;
  switch (type) {
    case kVarint:
      if (!ReadVarint(p, end, &n)) return false;
      *payload = absl::string_view(start, static_cast<size_t>(*p - start));
      return true;
    case kFixed64:
      n = 8;
      break;
    case kFixed32:
      n = 4;
      break;
    case kLength:
      if (!ReadVarint(p, end, &n)) return false;
      break;
    default:
      return false;
  }
  if (n > static_cast<uint64_t>(end - *p)) return false;
  *payload = absl::string_view(*p, n);
  *p += n;
  return true;
}

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_WIRE_FORMAT_H_
