// vum_codegen: the C++ names protoc generates, and what the writers share.

#ifndef VUM_LIB_CODEGEN_NAMES_H_
#define VUM_LIB_CODEGEN_NAMES_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace vum::codegen {

// The class of a message or enum, fully qualified ("::vum::v1::Adres_Soort"):
// package parts as namespaces, nested names joined by '_'.
std::string ClassName(const google::protobuf::Descriptor* d);
std::string ClassName(const google::protobuf::EnumDescriptor* d);

// The accessor stem of a field: its name in lower case, with '_' appended to
// a C++ keyword.
std::string FieldName(const google::protobuf::FieldDescriptor* f);

// An expression over `m` (a const reference to the field's message class):
// for a singular field 1 if present else 0, for a repeated field its size.
// Every singular field of the standard has explicit presence (schema_test.cc
// holds the schema to that, and vum_codegen refuses a field without).
std::string SizeExpression(const google::protobuf::FieldDescriptor* f);

// `text` as a C++ string literal.
std::string Quoted(const std::string& text);

// Writes, inside a loop over an object's members (`key`, a std::string_view,
// and `value`), a switch that finds the field of `type` a key names: its JSON
// name, or its proto name where that differs (protobuf reads both). For each
// name it writes `field(f)`, statements that end the member (`continue`) or
// the function; a key of no field leaves the switch.
void WriteKeySwitch(
    const google::protobuf::Descriptor* type, std::ostream& out,
    const std::function<void(const google::protobuf::FieldDescriptor*)>& field);

// Writes, at `indent`, what every generated reader of VUM JSON does first
// with a member that names field `f` (WriteKeySwitch): refuses a field named
// twice (by either name; the mask `seen`), reads an empty value as absent
// (runs `on_absent`, lists the property when `at` asks, and goes on to the
// next member), and refuses a second member of one oneof (the mask `oneofs`).
void WriteMemberChecks(const google::protobuf::FieldDescriptor* f,
                       const std::string& indent, const std::string& on_absent,
                       std::ostream& out);

// The frame every generated source shares.
struct SourceLayout {
  std::string includes;  // #include lines before the generated classes' headers
  std::string ns;        // e.g. "vum::json_internal"
  std::string prelude;   // first in the anonymous namespace
  std::string registry;  // e.g. "const GeneratedJsonParser kGeneratedJsonParsers[]"
  std::string count;     // e.g. "kGeneratedJsonParserCount"
};

// The notice, `layout.includes`, the generated classes' `headers`, then in
// `layout.ns`: `prelude` and what `body` writes in an anonymous namespace, and
// the registry with `entry(i)` (an initializer) for each of `types`, and its
// count.
std::string WriteSource(const SourceLayout& layout,
                        const std::vector<const google::protobuf::Descriptor*>& types,
                        const std::vector<std::string>& headers,
                        const std::function<void(std::ostream&)>& body,
                        const std::function<std::string(size_t)>& entry);

// Writes one generated source: the tables of field_access.h, the walkers of
// lib/validate/walker.h, the parsers of lib/json/json_values.h, or the
// binary writers of lib/json/json_binary.h. `types` are every
// message of the standard, parents before nested types; `headers` the generated headers
// to include.
std::string AccessTablesSource(
    const std::vector<const google::protobuf::Descriptor*>& types,
    const std::vector<std::string>& headers);
std::string WalkersSource(const std::vector<const google::protobuf::Descriptor*>& types,
                          const std::vector<std::string>& headers);
std::string JsonParsersSource(
    const std::vector<const google::protobuf::Descriptor*>& types,
    const std::vector<std::string>& headers);
std::string JsonBinarySource(
    const std::vector<const google::protobuf::Descriptor*>& types,
    const std::vector<std::string>& headers);

}  // namespace vum::codegen

#endif  // VUM_LIB_CODEGEN_NAMES_H_
