// vum_codegen: a JSON parser for every message of the standard
// (lib/json/json_values.h). Each reads a VUM JSON object in the interface's
// wire form from simdjson's DOM into the generated class: the key (the JSON
// name or the proto name, as protobuf reads both) found by a switch on its
// length and a comparison, an empty value read as absent and listed, any
// other value taken by the same Read function the reflection path uses, the
// field set by its generated setter.

#include <algorithm>
#include <map>
#include <sstream>

#include "lib/codegen/names.h"
#include "vum/v1/options.pb.h"

namespace vum::codegen {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

class ParserWriter {
 public:
  ParserWriter(const std::vector<const Descriptor*>& types, std::ostream& out)
      : types_(types), out_(out) {
    for (size_t i = 0; i < types.size(); ++i) ordinal_[types[i]] = static_cast<int>(i);
  }

  void Write() {
    for (size_t i = 0; i < types_.size(); ++i) {
      out_ << "bool Parse" << i
           << "(simdjson::dom::object object, Message* message, const AbsentAt* at);\n";
    }
    out_ << "\n";
    for (size_t i = 0; i < types_.size(); ++i) Type(types_[i], static_cast<int>(i));
  }

 private:
  void Type(const Descriptor* type, int ordinal) {
    const std::string cls = ClassName(type);
    if (type->field_count() > 64) {  // more than the seen mask holds
      out_ << "bool Parse" << ordinal
           << "(simdjson::dom::object, Message*, const AbsentAt*) { return false; }\n\n";
      return;
    }
    out_ << "// " << type->full_name() << "\n"
         << "bool Parse" << ordinal
         << "(simdjson::dom::object object, Message* message, const AbsentAt* at) {\n"
         << "  auto* m = static_cast<" << cls << "*>(message);\n"
         << "  // Unknown fields, as a binary parse leaves them, go as Clear() would.\n"
         << "  static const Reflection* const reflection = " << cls
         << "::GetReflection();\n"
         << "  if (!reflection->GetUnknownFields(*m).empty()) {\n"
         << "    reflection->MutableUnknownFields(m)->Clear();\n  }\n"
         << "  uint64_t seen = 0;\n";
    if (type->real_oneof_decl_count() > 0) out_ << "  uint64_t oneofs = 0;\n";
    out_ << "  for (simdjson::dom::key_value_pair member : object) {\n"
         << "    const std::string_view key = member.key;\n"
         << "    const simdjson::dom::element value = member.value;\n";
    WriteKeySwitch(type, out_, [&](const FieldDescriptor* f) {
      Field(f);
      out_ << "          continue;\n";
    });
    out_ << "    return false;  // unknown, or a proto name: protobuf decides\n  }\n";
    // What the object left out goes, as if the message had been cleared.
    for (int j = 0; j < type->field_count(); ++j) {
      out_ << "  if ((seen & (uint64_t{1} << " << j << ")) == 0) m->clear_"
           << FieldName(type->field(j)) << "();\n";
    }
    if (type->field_count() == 0) out_ << "  (void)m;\n  (void)seen;\n  (void)at;\n";
    out_ << "  return true;\n}\n\n";
  }

  // The statements that read `value` (or, for a list, each element of it)
  // into field `f` of `m`, returning false on anything not canonical. A
  // member named twice (by either name) is refused here, so a parse that
  // succeeds read each field once; an empty value clears the field.
  void Field(const FieldDescriptor* f) {
    const std::string n = FieldName(f);
    const std::string indent = "          ";
    WriteMemberChecks(f, indent, "m->clear_" + n + "();", out_);
    if (!f->is_repeated()) {
      out_ << indent << Take(f, "value", "set_" + n) << "\n";
      return;
    }
    out_ << indent << "simdjson::dom::array array;\n"
         << indent << "if (!ReadArray(value, &array)) return false;\n";
    auto nested = ordinal_.find(f->message_type());
    if (nested != ordinal_.end()) {
      // The elements the list had are parsed over in place, the rest cleared
      // away but kept for reuse: clearing the list first would clear each
      // element, and that deletes their nested records.
      out_ << indent << "int count = 0;\n"
           << indent << "for (simdjson::dom::element element : array) {\n"
           << indent << "  simdjson::dom::object nested;\n"
           << indent << "  if (!ReadObject(element, &nested)) return false;\n"
           << indent << "  Message* target = count < m->" << n << "_size() ? m->mutable_"
           << n << "(count) : m->add_" << n << "();\n"
           << indent << "  const AbsentAt inner{at != nullptr ? at->out : nullptr, at, "
           << Quoted(f->json_name()) << ", count};\n"
           << indent << "  ++count;\n"
           << indent << "  if (!Parse" << nested->second
           << "(nested, target, at != nullptr ? &inner : nullptr)) return false;\n"
           << indent << "}\n"
           << indent << "while (m->" << n << "_size() > count) m->mutable_" << n
           << "()->RemoveLast();\n";
      return;
    }
    out_ << indent << "m->clear_" << n << "();\n"
         << indent << "for (simdjson::dom::element element : array) {\n"
         << indent << "  " << Take(f, "element", "add_" + n) << "\n"
         << indent << "}\n";
  }

  // One value from `from` into the field through `setter` (set_x or add_x).
  std::string Take(const FieldDescriptor* f, const std::string& from,
                   const std::string& setter) {
    auto read = [&](const std::string& type, const std::string& reader,
                    const std::string& arg) {
      return "{ " + type + " v; if (!" + reader + "(" + from +
             ", &v)) return false; m->" + setter + "(" + arg + "); }";
    };
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (f->type() == FieldDescriptor::TYPE_BYTES)
          return "return false;  // base64: protobuf";
        return read("std::string_view", "ReadText", "v.data(), v.size()");
      case FieldDescriptor::CPPTYPE_ENUM:
        return read(
            "int32_t",
            f->options().GetExtension(v1::field).json_string() ? "ReadCode" : "ReadInt32",
            "static_cast<" + ClassName(f->enum_type()) + ">(v)");
      case FieldDescriptor::CPPTYPE_INT32:
        return read("int32_t", "ReadInt32", "v");
      case FieldDescriptor::CPPTYPE_UINT32:
        return read("uint32_t", "ReadUInt32", "v");
      case FieldDescriptor::CPPTYPE_INT64:
        return read("int64_t", "ReadInt64", "v");
      case FieldDescriptor::CPPTYPE_UINT64:
        return read("uint64_t", "ReadUInt64", "v");
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return read("double", "ReadDouble", "v");
      case FieldDescriptor::CPPTYPE_BOOL:
        return read("bool", "ReadBool", "v");
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        auto it = ordinal_.find(f->message_type());
        if (it == ordinal_.end())
          return "return false;  // not of the standard: protobuf";
        // A singular record (Field() parses lists of records itself).
        return "{ simdjson::dom::object nested; const AbsentAt inner{at != nullptr ? "
               "at->out : nullptr, at, " +
               Quoted(f->json_name()) + ", -1}; if (!ReadObject(" + from +
               ", &nested) || !Parse" + std::to_string(it->second) +
               "(nested, m->mutable_" + FieldName(f) +
               "(), at != nullptr ? &inner : nullptr)) return false; }";
      }
      default:  // float: protobuf checks its range
        return "return false;  // float: protobuf";
    }
  }

  const std::vector<const Descriptor*>& types_;
  std::ostream& out_;
  std::map<const Descriptor*, int> ordinal_;
};

}  // namespace

std::string JsonParsersSource(const std::vector<const Descriptor*>& types,
                              const std::vector<std::string>& headers) {
  const SourceLayout layout{
      "#include <cstring>\n#include <string_view>\n\n#include "
      "\"lib/json/json_values.h\"\n",
      "vum::json_internal",
      "using google::protobuf::Message;\nusing google::protobuf::Reflection;\n\n",
      "const GeneratedJsonParser kGeneratedJsonParsers[]", "kGeneratedJsonParserCount"};
  return WriteSource(
      layout, types, headers,
      [&](std::ostream& out) { ParserWriter(types, out).Write(); },
      [&](size_t i) {
        return "{&" + ClassName(types[i]) + "::descriptor, Parse" + std::to_string(i) +
               "}";
      });
}

}  // namespace vum::codegen
