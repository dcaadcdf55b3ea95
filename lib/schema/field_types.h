// Internal: kinds of fields, as the rules of the schema speak of them.
// Header-only, for the library, its tests and the build-time code generator.

#ifndef VUM_LIB_SCHEMA_FIELD_TYPES_H_
#define VUM_LIB_SCHEMA_FIELD_TYPES_H_

#include <cctype>
#include <string>

#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "vum/v1/options.pb.h"

namespace vum::schema_internal {

// A field that holds a number (not an enum code, not a bool): what range
// rules and numeric code lists apply to.
inline bool IsNumeric(const google::protobuf::FieldDescriptor& f) {
  using google::protobuf::FieldDescriptor;
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return true;
    default:
      return false;
  }
}

// A format's name as the rules and their parameters say it:
// FORMAT_POSTCODE_NL is "postcode-nl".
inline std::string FormatName(v1::Format format) {
  std::string name(absl::StripPrefix(v1::Format_Name(format), "FORMAT_"));
  for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(c));
  return name;
}

}  // namespace vum::schema_internal

#endif  // VUM_LIB_SCHEMA_FIELD_TYPES_H_
