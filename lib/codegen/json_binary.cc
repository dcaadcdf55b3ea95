// vum_codegen: a binary writer for every message of the standard
// (lib/json/json_binary.h). Each reads a VUM JSON object as the generated
// parser of the same type does (json_parsers.cc: the same key switch, the
// same Read functions, an empty value read as absent and listed) and appends
// each field's tag and value in protobuf's binary form instead of setting it.

#include <map>
#include <string>
#include <vector>

#include "lib/codegen/names.h"
#include "vum/v1/options.pb.h"

namespace vum::codegen {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The tag of `f` with `wire_type`, as a number for the writer.
std::string Tag(const FieldDescriptor* f, int wire_type) {
  return std::to_string((static_cast<uint32_t>(f->number()) << 3) | wire_type);
}

class BinaryWriterWriter {
 public:
  BinaryWriterWriter(const std::vector<const Descriptor*>& types, std::ostream& out)
      : types_(types), out_(out) {
    for (size_t i = 0; i < types.size(); ++i) ordinal_[types[i]] = static_cast<int>(i);
  }

  void Write() {
    for (size_t i = 0; i < types_.size(); ++i) {
      out_ << "bool Binary" << i
           << "(simdjson::dom::object object, BinaryWriter& w, const AbsentAt* at);\n";
    }
    out_ << "\n";
    for (size_t i = 0; i < types_.size(); ++i) Type(types_[i], static_cast<int>(i));
  }

 private:
  void Type(const Descriptor* type, int ordinal) {
    out_ << "// " << type->full_name() << "\n"
         << "bool Binary" << ordinal
         << "(simdjson::dom::object object, BinaryWriter& w, const AbsentAt* at) {\n"
         << "  uint64_t seen = 0;\n";
    if (type->real_oneof_decl_count() > 0) out_ << "  uint64_t oneofs = 0;\n";
    out_ << "  MemberOrder order(w);\n"
         << "  for (simdjson::dom::key_value_pair member : object) {\n"
         << "    const std::string_view key = member.key;\n"
         << "    const simdjson::dom::element value = member.value;\n";
    WriteKeySwitch(type, out_, [&](const FieldDescriptor* f) {
      Field(f);
      out_ << "          continue;\n";
    });
    out_ << "    return false;  // unknown, or a proto name: protobuf decides\n  }\n"
         << "  order.End(w);\n";
    if (type->field_count() == 0) out_ << "  (void)seen;\n  (void)at;\n";
    out_ << "  return true;\n}\n\n";
  }

  // The statements that read `value` (or, for a list, each element of it)
  // and append field `f`, returning false where the generated parser does.
  void Field(const FieldDescriptor* f) {
    const std::string indent = "          ";
    WriteMemberChecks(f, indent, "", out_);
    out_ << indent << "order.Begin(w, " << f->number() << ");\n";
    if (!f->is_repeated()) {
      out_ << indent << Take(f, "value", 0) << "\n";
      return;
    }
    out_ << indent << "simdjson::dom::array array;\n"
         << indent << "if (!ReadArray(value, &array)) return false;\n";
    if (f->is_packed()) {
      out_ << indent << "const size_t packed = w.BeginLength(" << Tag(f, 2) << ");\n"
           << indent << "for (simdjson::dom::element element : array) {\n"
           << indent << "  " << Take(f, "element", -1) << "\n"
           << indent << "}\n"
           << indent << "w.EndLength(packed);\n";
      return;
    }
    out_ << indent << "int count = 0;\n"
         << indent << "for (simdjson::dom::element element : array) {\n"
         << indent << "  " << Take(f, "element", 1) << "\n"
         << indent << "  ++count;\n"
         << indent << "}\n"
         << indent << "(void)count;\n";
  }

  // One value from `from`, appended with its tag, or without one in a packed
  // list (`element` -1). `element` 1: an element of a list (its index is
  // `count`), 0: a singular field.
  std::string Take(const FieldDescriptor* f, const std::string& from, int element) {
    const bool tagged = element >= 0;
    auto read = [&](const std::string& type, const std::string& reader, int wire_type,
                    const std::string& write) {
      return "{ " + type + " v; if (!" + reader + "(" + from + ", &v)) return false; " +
             (tagged ? "w.Varint(" + Tag(f, wire_type) + "); " : std::string()) + write +
             "; }";
    };
    switch (f->type()) {
      case FieldDescriptor::TYPE_STRING:
        return "{ std::string_view v; if (!ReadText(" + from +
               ", &v)) return false; w.Text(" + Tag(f, 2) + ", v); }";
      case FieldDescriptor::TYPE_ENUM:
        return read(
            "int32_t",
            f->options().GetExtension(v1::field).json_string() ? "ReadCode" : "ReadInt32",
            0, "w.Int32(v)");
      case FieldDescriptor::TYPE_INT32:
        return read("int32_t", "ReadInt32", 0, "w.Int32(v)");
      case FieldDescriptor::TYPE_SINT32:
        return read("int32_t", "ReadInt32", 0, "w.ZigZag32(v)");
      case FieldDescriptor::TYPE_SFIXED32:
        return read("int32_t", "ReadInt32", 5, "w.Fixed32(static_cast<uint32_t>(v))");
      case FieldDescriptor::TYPE_UINT32:
        return read("uint32_t", "ReadUInt32", 0, "w.Varint(v)");
      case FieldDescriptor::TYPE_FIXED32:
        return read("uint32_t", "ReadUInt32", 5, "w.Fixed32(v)");
      case FieldDescriptor::TYPE_INT64:
        return read("int64_t", "ReadInt64", 0, "w.Varint(static_cast<uint64_t>(v))");
      case FieldDescriptor::TYPE_SINT64:
        return read("int64_t", "ReadInt64", 0, "w.ZigZag64(v)");
      case FieldDescriptor::TYPE_SFIXED64:
        return read("int64_t", "ReadInt64", 1, "w.Fixed64(static_cast<uint64_t>(v))");
      case FieldDescriptor::TYPE_UINT64:
        return read("uint64_t", "ReadUInt64", 0, "w.Varint(v)");
      case FieldDescriptor::TYPE_FIXED64:
        return read("uint64_t", "ReadUInt64", 1, "w.Fixed64(v)");
      case FieldDescriptor::TYPE_DOUBLE:
        return read("double", "ReadDouble", 1, "w.Double(v)");
      case FieldDescriptor::TYPE_BOOL:
        return read("bool", "ReadBool", 0, "w.Varint(v ? 1 : 0)");
      case FieldDescriptor::TYPE_MESSAGE: {
        auto it = ordinal_.find(f->message_type());
        if (it == ordinal_.end())
          return "return false;  // not of the standard: protobuf";
        return "{ simdjson::dom::object nested; if (!ReadObject(" + from +
               ", &nested)) return false; const AbsentAt inner{at != nullptr ? at->out "
               ": nullptr, at, " +
               Quoted(f->json_name()) + ", " + (element == 1 ? "count" : "-1") +
               "}; const size_t begin = w.BeginLength(" + Tag(f, 2) + "); if (!Binary" +
               std::to_string(it->second) +
               "(nested, w, at != nullptr ? &inner : nullptr)) return false; "
               "w.EndLength(begin); }";
      }
      default:  // bytes (base64), float (range), group: protobuf
        return "return false;  // protobuf decides";
    }
  }

  const std::vector<const Descriptor*>& types_;
  std::ostream& out_;
  std::map<const Descriptor*, int> ordinal_;
};

}  // namespace

std::string JsonBinarySource(const std::vector<const Descriptor*>& types,
                             const std::vector<std::string>& headers) {
  const SourceLayout layout{
      "#include <cstring>\n#include <string_view>\n\n#include "
      "\"lib/json/json_binary.h\"\n",
      "vum::json_internal", "", "const GeneratedJsonBinary kGeneratedJsonBinaries[]",
      "kGeneratedJsonBinaryCount"};
  return WriteSource(
      layout, types, headers,
      [&](std::ostream& out) { BinaryWriterWriter(types, out).Write(); },
      [&](size_t i) {
        return "{&" + ClassName(types[i]) + "::descriptor, Binary" + std::to_string(i) +
               "}";
      });
}

}  // namespace vum::codegen
