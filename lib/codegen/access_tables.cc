// vum_codegen: the field access tables of lib/access/field_access.h.

#include <algorithm>
#include <sstream>

#include "lib/codegen/names.h"
#include "lib/schema/field_types.h"

namespace vum::codegen {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

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
  }

 private:
  // A lambda (which converts to a function pointer) over the message as its
  // class, `m`; `body` is its return expression.
  std::string Getter(const std::string& ret, const std::string& body) const {
    return "[](const Message& message, int index) -> " + ret +
           " { const auto& m = static_cast<const " + cls_ + "&>(message); return " +
           body + "; }";
  }

  void Field(const FieldDescriptor* f) {
    const std::string n = FieldName(f);
    const auto t = f->cpp_type();
    // The element or the singular value, as an expression over `m`, `index`.
    const std::string value = f->is_repeated() ? "m." + n + "(index)" : "m." + n + "()";
    std::vector<std::string> slot(4, "nullptr");
    slot[0] = "[](const Message& message) -> int { const auto& m = static_cast<const " +
              cls_ + "&>(message); return " + SizeExpression(f) + "; }";
    if (t == FieldDescriptor::CPPTYPE_STRING)
      slot[1] = Getter("const std::string&", value);
    if (schema_internal::IsNumeric(*f) || t == FieldDescriptor::CPPTYPE_ENUM ||
        t == FieldDescriptor::CPPTYPE_BOOL) {
      slot[2] = Getter("double", t == FieldDescriptor::CPPTYPE_BOOL
                                     ? "(" + value + ") ? 1.0 : 0.0"
                                     : "static_cast<double>(" + value + ")");
    }
    if (t == FieldDescriptor::CPPTYPE_MESSAGE) slot[3] = Getter("const Message&", value);
    out_ << "  {  // " << f->name() << "\n";
    for (const std::string& s : slot) out_ << "    " << s << ",\n";
    out_ << "  },\n";
  }

  const Descriptor* type_;
  int ordinal_;
  std::ostream& out_;
  std::string cls_;
};

}  // namespace

std::string AccessTablesSource(const std::vector<const Descriptor*>& types,
                               const std::vector<std::string>& headers) {
  const SourceLayout layout{
      "#include <string>\n\n#include \"lib/access/field_access.h\"\n",
      "vum::access_internal", "using google::protobuf::Message;\n\n",
      "const MessageAccess kGeneratedMessageAccess[]", "kGeneratedMessageAccessCount"};
  return WriteSource(
      layout, types, headers,
      [&](std::ostream& out) {
        for (size_t i = 0; i < types.size(); ++i) {
          TableWriter(types[i], static_cast<int>(i), out).Write();
        }
      },
      [&](size_t i) {
        return "{&" + ClassName(types[i]) + "::descriptor, kFields" + std::to_string(i) +
               ", " + std::to_string(types[i]->field_count()) + "}";
      });
}

}  // namespace vum::codegen
