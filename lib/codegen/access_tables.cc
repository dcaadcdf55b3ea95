// vum_codegen: the field access tables of lib/access/field_access.h.

#include <algorithm>
#include <sstream>

#include "lib/codegen/names.h"

namespace vum::codegen {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

bool IsNumber(FieldDescriptor::CppType t) {
  switch (t) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_ENUM:
    case FieldDescriptor::CPPTYPE_BOOL:
      return true;
    default:
      return false;
  }
}

// Writes the table of one message type.
class TableWriter {
 public:
  TableWriter(const Descriptor* type, int ordinal, std::ostream& out)
      : type_(type), ordinal_(ordinal), out_(out), cls_(ClassName(type)) {}

  void Write() {
    out_ << "// " << type_->full_name() << "\n";
    out_ << "const FieldAccess kFields" << ordinal_ << "[] = {\n";
    for (int i = 0; i < type_->field_count(); ++i) Field(type_->field(i));
    if (type_->field_count() == 0) out_ << "  {},\n";
    out_ << "};\n\n";
    Lookup();
  }

 private:
  // A lambda (which converts to a function pointer) over the message as its
  // class, `m`; `body` is its return expression.
  std::string Getter(const std::string& ret, const std::string& body) const {
    return "[](const Message& message, int index) -> " + ret +
           " { const auto& m = static_cast<const " + cls_ + "&>(message); return " +
           body + "; }";
  }

  std::string Setter(const std::string& param, const std::string& body) const {
    return "[](Message* message, " + param + " v) { static_cast<" + cls_ +
           "*>(message)->" + body + "; }";
  }

  void Field(const FieldDescriptor* f) {
    const std::string n = FieldName(f);
    const bool rep = f->is_repeated();
    const auto t = f->cpp_type();
    // The element or the singular value, as an expression over `m`, `index`.
    const std::string value = rep ? "m." + n + "(index)" : "m." + n + "()";
    const std::string set = rep ? "add_" + n : "set_" + n;
    std::vector<std::string> slot(14, "nullptr");
    const std::string size = SizeExpression(f);
    slot[0] = "[](const Message& message) -> int { const auto& m = static_cast<const " +
              cls_ + "&>(message); return " + size + "; }";
    if (t == FieldDescriptor::CPPTYPE_STRING) {
      slot[1] = Getter("const std::string&", value);
      if (f->type() != FieldDescriptor::TYPE_BYTES) {
        slot[5] = Setter("std::string_view", set + "(v.data(), v.size())");
      }
    }
    if (IsNumber(t)) {
      slot[2] = Getter("double", t == FieldDescriptor::CPPTYPE_BOOL
                                     ? "(" + value + ") ? 1.0 : 0.0"
                                     : "static_cast<double>(" + value + ")");
    }
    switch (t) {
      case FieldDescriptor::CPPTYPE_ENUM:
        slot[3] = Getter("int", "static_cast<int>(" + value + ")");
        slot[6] = Setter("int32_t",
                         set + "(static_cast<" + ClassName(f->enum_type()) + ">(v))");
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        slot[6] = Setter("int32_t", set + "(v)");
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        slot[7] = Setter("uint32_t", set + "(v)");
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        slot[8] = Setter("int64_t", set + "(v)");
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        slot[9] = Setter("uint64_t", set + "(v)");
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        slot[10] = Setter("double", set + "(v)");
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        slot[11] = Setter("bool", set + "(v)");
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        slot[4] =
            "[](const Message& message, int index) -> const Message& { const auto& m = "
            "static_cast<const " +
            cls_ + "&>(message); return " + value + "; }";
        slot[12] = "[](Message* message) -> Message* { return static_cast<" + cls_ +
                   "*>(message)->" + (rep ? "add_" + n + "()" : "mutable_" + n + "()") +
                   "; }";
        break;
      default:  // float keeps to reflection for writing
        break;
    }
    slot[13] = "[](Message* message) { static_cast<" + cls_ + "*>(message)->clear_" + n +
               "(); }";
    out_ << "  {  // " << f->name() << "\n";
    for (const std::string& s : slot) out_ << "    " << s << ",\n";
    out_ << "  },\n";
  }

  // The field index by JSON name: by length, then by comparison.
  void Lookup() {
    out_ << "int FieldIndex" << ordinal_ << "(std::string_view key) {\n";
    out_ << "  switch (key.size()) {\n";
    std::vector<std::pair<size_t, int>> by_length;
    for (int i = 0; i < type_->field_count(); ++i) {
      by_length.emplace_back(type_->field(i)->json_name().size(), i);
    }
    std::sort(by_length.begin(), by_length.end());
    for (size_t k = 0; k < by_length.size(); ++k) {
      const size_t length = by_length[k].first;
      if (k == 0 || by_length[k - 1].first != length)
        out_ << "    case " << length << ":\n";
      const std::string& name = type_->field(by_length[k].second)->json_name();
      out_ << "      if (std::memcmp(key.data(), \"" << name << "\", " << length
           << ") == 0) return " << by_length[k].second << ";\n";
      if (k + 1 == by_length.size() || by_length[k + 1].first != length) {
        out_ << "      return -1;\n";
      }
    }
    out_ << "    default:\n      return -1;\n  }\n}\n\n";
  }

  const Descriptor* type_;
  int ordinal_;
  std::ostream& out_;
  std::string cls_;
};

}  // namespace

std::string AccessTablesSource(const std::vector<const Descriptor*>& types,
                               const std::vector<std::string>& headers) {
  std::ostringstream out;
  out << "// Generated by vum_codegen from the schema. Do not edit.\n\n"
         "#include <cstring>\n#include <string>\n#include <string_view>\n\n"
         "#include \"lib/access/field_access.h\"\n";
  for (const std::string& header : headers) out << "#include \"" << header << "\"\n";
  out << "\nnamespace vum::access_internal {\nnamespace {\n\n"
         "using google::protobuf::Message;\n\n"
         "template <typename T>\nuint64_t Bits(T v) {\n"
         "  uint64_t bits = 0;\n  std::memcpy(&bits, &v, sizeof v);\n  return "
         "bits;\n}\n\n";
  for (size_t i = 0; i < types.size(); ++i) {
    TableWriter(types[i], static_cast<int>(i), out).Write();
  }
  out << "}  // namespace\n\nconst MessageAccess kGeneratedMessageAccess[] = {\n";
  for (size_t i = 0; i < types.size(); ++i) {
    out << "    {&" << ClassName(types[i]) << "::descriptor, kFields" << i << ", "
        << types[i]->field_count() << ", FieldIndex" << i << "},\n";
  }
  out << "};\nconst int kGeneratedMessageAccessCount = " << types.size()
      << ";\n\n}  // namespace vum::access_internal\n";
  return out.str();
}

}  // namespace vum::codegen
