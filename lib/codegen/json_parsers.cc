// vum_codegen: a JSON parser for every message of the standard
// (lib/json/json_values.h). Each reads a canonical VUM JSON object from
// simdjson's DOM into the generated class: the key found by a switch on its
// length and a comparison, the value taken by the same Read function the
// reflection path uses, the field set by its generated setter.

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
      out_ << "bool Parse" << i << "(simdjson::dom::object object, Message* message);\n";
    }
    out_ << "\n";
    for (size_t i = 0; i < types_.size(); ++i) Type(types_[i], static_cast<int>(i));
  }

 private:
  void Type(const Descriptor* type, int ordinal) {
    const std::string cls = ClassName(type);
    out_ << "// " << type->full_name() << "\n"
         << "bool Parse" << ordinal
         << "(simdjson::dom::object object, Message* message) {\n"
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
         << "    const simdjson::dom::element value = member.value;\n"
         << "    switch (key.size()) {\n";
    std::vector<std::pair<size_t, int>> by_length;
    for (int j = 0; j < type->field_count(); ++j) {
      by_length.emplace_back(type->field(j)->json_name().size(), j);
    }
    std::sort(by_length.begin(), by_length.end());
    for (size_t k = 0; k < by_length.size(); ++k) {
      const size_t length = by_length[k].first;
      if (k == 0 || by_length[k - 1].first != length)
        out_ << "      case " << length << ":\n";
      const FieldDescriptor* f = type->field(by_length[k].second);
      out_ << "        if (std::memcmp(key.data(), " << Quoted(f->json_name()) << ", "
           << length << ") == 0) {\n";
      Field(f);
      out_ << "          continue;\n        }\n";
      if (k + 1 == by_length.size() || by_length[k + 1].first != length) {
        out_ << "        break;\n";
      }
    }
    out_ << "      default:\n        break;\n    }\n"
         << "    return false;  // unknown, or a proto name: protobuf decides\n  }\n";
    // What the object left out goes, as if the message had been cleared.
    for (int j = 0; j < type->field_count(); ++j) {
      out_ << "  if ((seen & (uint64_t{1} << " << j << ")) == 0) m->clear_"
           << FieldName(type->field(j)) << "();\n";
    }
    if (type->field_count() == 0) out_ << "  (void)m;\n  (void)seen;\n";
    out_ << "  return true;\n}\n\n";
  }

  // The statements that read `value` (or, for a list, each element of it)
  // into field `f` of `m`, returning false on anything not canonical.
  void Field(const FieldDescriptor* f) {
    const std::string n = FieldName(f);
    const std::string indent = "          ";
    out_ << indent << "if (seen & (uint64_t{1} << " << f->index() << ")) return false;\n"
         << indent << "seen |= uint64_t{1} << " << f->index() << ";\n";
    // A proto3 `optional` field has a oneof of its own, which the seen mask
    // already guards; only a real oneof can be set twice by different keys.
    if (f->real_containing_oneof() != nullptr) {
      const std::string bit =
          "(uint64_t{1} << " + std::to_string(f->real_containing_oneof()->index()) + ")";
      out_ << indent << "if (oneofs & " << bit << ") return false;\n"
           << indent << "oneofs |= " << bit << ";\n";
    }
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
           << indent << "  ++count;\n"
           << indent << "  if (!Parse" << nested->second
           << "(nested, target)) return false;\n"
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
        return "{ simdjson::dom::object nested; if (!ReadObject(" + from +
               ", &nested) || !Parse" + std::to_string(it->second) +
               "(nested, m->mutable_" + FieldName(f) + "())) return false; }";
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
