// Internal, for tests and fuzzers: what PrintJson must print, from
// protobuf's own JSON printer, so that the library's printer is held to it.
// protobuf prints every code as a number; the interface types some as a
// string (wire_form.h), so those are quoted here, by their property name:
// a property name never occurs in protobuf's output but as a key, since
// a quote inside a string value is escaped.
#ifndef VUM_LIB_JSON_JSON_REFERENCE_H_
#define VUM_LIB_JSON_JSON_REFERENCE_H_

#include <regex>
#include <set>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "lib/json/wire_form.h"

namespace vum::json_internal {

// The json names of the json_string codes reachable from `type`.
inline void CollectStringCodes(const google::protobuf::Descriptor* type,
                               std::set<const google::protobuf::Descriptor*>& seen,
                               std::set<std::string>& names) {
  if (!seen.insert(type).second) return;
  for (int i = 0; i < type->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = type->field(i);
    if (IsJsonStringCode(*f)) names.insert(f->json_name());
    if (f->message_type() != nullptr) CollectStringCodes(f->message_type(), seen, names);
  }
}

// protobuf's JSON of `message` (codes as integers, present fields only), with
// the json_string codes quoted.
inline std::string ReferenceJson(const google::protobuf::Message& message, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  options.always_print_enums_as_ints = true;
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(message, &out, options).ok())
    return "";
  std::set<const google::protobuf::Descriptor*> seen;
  std::set<std::string> names;
  CollectStringCodes(message.GetDescriptor(), seen, names);
  for (const std::string& name : names) {
    const std::regex code("(\"" + name + "\": ?)(-?[0-9]+)");
    out = std::regex_replace(out, code, "$1\"$2\"");
  }
  return out;
}

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_REFERENCE_H_
