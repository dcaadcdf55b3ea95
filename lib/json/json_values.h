// Internal: the JSON values the fast path takes, and the parsers generated
// from the schema that take them.
//
// Each Read function accepts only the canonical form of a value of one field
// type, as PrintJson writes it (plus integers for 64-bit fields, which
// protobuf reads too), and returns false for anything else: the document then
// goes to protobuf's parser, which decides. So the fast path never has to get
// an error message right, and what it accepts it reads exactly as protobuf
// does (fast_json_test.cc holds them to that).
//
// The Read functions and ReadAsAbsent are always inlined: the generated
// functions that call them are too large for GCC's inliner at -O2, which left
// each one a call of its own (about 15% of JsonParser::ParseToBinary's time;
// docs/performance.md). The generated files may also grow further by inlining
// (lib/CMakeLists.txt), which takes in simdjson's own accessors; with that
// alone these functions would still cost about 2% more instructions. The
// BinaryWriter's are not inlined: that made ParseToBinary a third slower.

#ifndef VUM_LIB_JSON_JSON_VALUES_H_
#define VUM_LIB_JSON_JSON_VALUES_H_

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/base/attributes.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "lib/json/wire_form.h"
#include "vum/violation.h"

namespace vum::json_internal {

using simdjson::dom::element;
using simdjson::dom::element_type;

// How a field holds values, for reading an empty one (ReadAsAbsent).
enum class FieldShape { kScalar, kRecord, kList };

// Whether `value` of a field of `shape` is an empty value that the wire form
// reads as absent (wire_form.h): null always, the empty string where a single
// scalar belongs, the empty list where a list belongs. Any other empty value
// (the empty string for a record or a list) is not canonical, and the Read
// functions refuse it.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadAsAbsent(element value, FieldShape shape) {
  switch (value.type()) {
    case element_type::NULL_VALUE:
      return true;
    case element_type::STRING:
      return shape == FieldShape::kScalar && value.get_string().value_unsafe().empty();
    case element_type::ARRAY: {
      if (shape != FieldShape::kList) return false;
      return value.get_array().value_unsafe().size() == 0;  // O(1), from the tape
    }
    default:
      return false;
  }
}

// Where a parse is in the document, to list the properties it reads as absent
// in document order, as ReadWireForm lists them. Each object's position lives
// on the stack of the parse and points to its parent's; a parse whose caller
// does not ask for the list has none (null), and costs nothing.
struct AbsentAt {
  std::vector<FieldPath>* out;
  const AbsentAt* parent;  // null at the document's root
  std::string_view name;   // the JSON name of the member holding the object
  int index;               // its index in that member's list, or -1
};

// Appends the path of member `name` of the object at `at` to `at->out`.
void ListAbsent(const AbsentAt& at, std::string_view name);

// A string field (not bytes: protobuf reads those as base64). The empty
// string is a value inside a list; a single one is read as absent before
// (ReadAsAbsent).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadText(element value, std::string_view* out) {
  if (value.type() != element_type::STRING) return false;
  *out = value.get_string().value_unsafe();
  return true;
}

// An int32 or enum field: a JSON integer in range (enum names and numbers
// written as strings go to protobuf).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadInt32(element value, int32_t* out) {
  if (value.type() != element_type::INT64) return false;
  const int64_t n = value.get_int64().value_unsafe();
  if (n < INT32_MIN || n > INT32_MAX) return false;
  *out = static_cast<int32_t>(n);
  return true;
}

// A code the interface types as a string (FieldInfo.json_string): the
// canonical string of its digits, or an integer.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadCode(element value, int32_t* out) {
  if (value.type() != element_type::STRING) return ReadInt32(value, out);
  const std::string_view text = value.get_string().value_unsafe();
  return ParseCodeDigits(absl::string_view(text.data(), text.size()), out);
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadUInt32(element value, uint32_t* out) {
  if (value.type() != element_type::INT64) return false;
  const int64_t n = value.get_int64().value_unsafe();
  if (n < 0 || n > UINT32_MAX) return false;
  *out = static_cast<uint32_t>(n);
  return true;
}

// A canonical 64-bit integer written as a string: digits, no sign for
// unsigned, no leading zeros, no "-0".
inline bool ParseDecimal(std::string_view text, bool is_signed, int64_t* s, uint64_t* u) {
  bool negative = false;
  if (is_signed && !text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0'))
    return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const uint64_t next = value * 10 + static_cast<uint64_t>(c - '0');
    if (next / 10 != value) return false;  // overflow
    value = next;
  }
  if (!is_signed) {
    *u = value;
    return true;
  }
  if (negative ? value > (1ull << 63) : value > static_cast<uint64_t>(INT64_MAX))
    return false;
  *s = negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return !(negative && value == 0);
}

// 64-bit fields are printed as strings; integers are read too.
inline bool ReadInt64(element value, int64_t* out) {
  uint64_t unused;
  switch (value.type()) {
    case element_type::STRING:
      return ParseDecimal(value.get_string().value_unsafe(), true, out, &unused);
    case element_type::INT64:
      *out = value.get_int64().value_unsafe();
      return true;
    default:
      return false;
  }
}

inline bool ReadUInt64(element value, uint64_t* out) {
  int64_t unused;
  switch (value.type()) {
    case element_type::STRING:
      return ParseDecimal(value.get_string().value_unsafe(), false, &unused, out);
    case element_type::INT64: {
      const int64_t n = value.get_int64().value_unsafe();
      if (n < 0) return false;
      *out = static_cast<uint64_t>(n);
      return true;
    }
    case element_type::UINT64:
      *out = value.get_uint64().value_unsafe();
      return true;
    default:
      return false;
  }
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadDouble(element value, double* out) {
  const element_type type = value.type();
  if (type != element_type::DOUBLE && type != element_type::INT64 &&
      type != element_type::UINT64) {
    return false;
  }
  *out = value.get_double().value_unsafe();
  return true;
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadBool(element value, bool* out) {
  if (value.type() != element_type::BOOL) return false;
  *out = value.get_bool().value_unsafe();
  return true;
}

// A list (an empty one is read as absent before: ReadAsAbsent).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadArray(element value,
                                                   simdjson::dom::array* out) {
  if (value.type() != element_type::ARRAY) return false;
  *out = value.get_array().value_unsafe();
  return true;
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ReadObject(element value,
                                                    simdjson::dom::object* out) {
  if (value.type() != element_type::OBJECT) return false;
  *out = value.get_object().value_unsafe();
  return true;
}

// A parser generated from the schema for one message type (vum_codegen): reads
// a canonical object into the message, overwriting what it held and clearing
// what the object leaves out, so that the result equals a parse into a
// cleared message. Lists the properties it reads as absent when `at` is not
// null (the object's position). Returns false on anything not canonical (the
// message and the list are then unspecified).
using GeneratedParse = bool (*)(simdjson::dom::object object,
                                google::protobuf::Message* m, const AbsentAt* at);

struct GeneratedJsonParser {
  const google::protobuf::Descriptor* (*descriptor)();
  GeneratedParse parse;
};

// Defined in the generated source.
extern const GeneratedJsonParser kGeneratedJsonParsers[];
extern const int kGeneratedJsonParserCount;

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_VALUES_H_
