#include "lib/codegen/names.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace vum::codegen {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;

std::string Namespace(const FileDescriptor* file) {
  std::string out = "::";
  for (char c : file->package()) out += c == '.' ? std::string("::") : std::string(1, c);
  return out + "::";
}

template <typename D>
std::string QualifiedName(const D* d) {
  std::string name = d->full_name().substr(d->file()->package().size() + 1);
  for (char& c : name) {
    if (c == '.') c = '_';
  }
  return Namespace(d->file()) + name;
}

}  // namespace

std::string ClassName(const google::protobuf::Descriptor* d) { return QualifiedName(d); }
std::string ClassName(const google::protobuf::EnumDescriptor* d) {
  return QualifiedName(d);
}

std::string FieldName(const FieldDescriptor* f) {
  static const std::set<std::string> kKeywords = {
      "alignas",      "alignof",   "and",
      "and_eq",       "asm",       "auto",
      "bitand",       "bitor",     "bool",
      "break",        "case",      "catch",
      "char",         "class",     "compl",
      "const",        "constexpr", "const_cast",
      "continue",     "decltype",  "default",
      "delete",       "do",        "double",
      "dynamic_cast", "else",      "enum",
      "explicit",     "export",    "extern",
      "false",        "float",     "for",
      "friend",       "goto",      "if",
      "inline",       "int",       "long",
      "mutable",      "namespace", "new",
      "noexcept",     "not",       "not_eq",
      "nullptr",      "operator",  "or",
      "or_eq",        "private",   "protected",
      "public",       "register",  "reinterpret_cast",
      "return",       "short",     "signed",
      "sizeof",       "static",    "static_assert",
      "static_cast",  "struct",    "switch",
      "template",     "this",      "thread_local",
      "throw",        "true",      "try",
      "typedef",      "typeid",    "typename",
      "union",        "unsigned",  "using",
      "virtual",      "void",      "volatile",
      "wchar_t",      "while",     "xor",
      "xor_eq"};
  std::string name = f->name();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (kKeywords.count(name) > 0) name += '_';
  return name;
}

std::string SizeExpression(const FieldDescriptor* f) {
  const std::string n = FieldName(f);
  if (f->is_repeated()) return "m." + n + "_size()";
  return "(m.has_" + n + "() ? 1 : 0)";
}

std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      out += "\"\"";  // ends the escape before a following hex digit
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void WriteKeySwitch(const google::protobuf::Descriptor* type, std::ostream& out,
                    const std::function<void(const FieldDescriptor*)>& field) {
  // Sorted by length, then name, for the switch.
  std::vector<std::pair<std::string, int>> names;
  for (int j = 0; j < type->field_count(); ++j) {
    const FieldDescriptor* f = type->field(j);
    names.emplace_back(f->json_name(), j);
    if (f->name() != f->json_name()) names.emplace_back(f->name(), j);
  }
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size()
                                            : a.first < b.first;
  });
  out << "    switch (key.size()) {\n";
  for (size_t k = 0; k < names.size(); ++k) {
    const size_t length = names[k].first.size();
    if (k == 0 || names[k - 1].first.size() != length)
      out << "      case " << length << ":\n";
    out << "        if (std::memcmp(key.data(), " << Quoted(names[k].first) << ", "
        << length << ") == 0) {\n";
    field(type->field(names[k].second));
    out << "        }\n";
    if (k + 1 == names.size() || names[k + 1].first.size() != length) {
      out << "        break;\n";
    }
  }
  out << "      default:\n        break;\n    }\n";
}

void WriteMemberChecks(const FieldDescriptor* f, const std::string& indent,
                       const std::string& on_absent, std::ostream& out) {
  const char* shape = f->is_repeated()               ? "FieldShape::kList"
                      : f->message_type() != nullptr ? "FieldShape::kRecord"
                                                     : "FieldShape::kScalar";
  out << indent << "if (seen & (uint64_t{1} << " << f->index() << ")) return false;\n"
      << indent << "seen |= uint64_t{1} << " << f->index() << ";\n"
      << indent << "if (ReadAsAbsent(value, " << shape << ")) {\n";
  if (!on_absent.empty()) out << indent << "  " << on_absent << "\n";
  out << indent << "  if (at != nullptr) ListAbsent(*at, " << Quoted(f->json_name())
      << ");\n"
      << indent << "  continue;\n"
      << indent << "}\n";
  // A proto3 `optional` field has a oneof of its own, which the seen mask
  // already guards; only a real oneof can be set twice by different keys.
  if (f->real_containing_oneof() != nullptr) {
    const std::string bit =
        "(uint64_t{1} << " + std::to_string(f->real_containing_oneof()->index()) + ")";
    out << indent << "if (oneofs & " << bit << ") return false;\n"
        << indent << "oneofs |= " << bit << ";\n";
  }
}

std::string WriteSource(const SourceLayout& layout,
                        const std::vector<const google::protobuf::Descriptor*>& types,
                        const std::vector<std::string>& headers,
                        const std::function<void(std::ostream&)>& body,
                        const std::function<std::string(size_t)>& entry) {
  std::ostringstream out;
  out << "// Generated by vum_codegen from the schema. Do not edit.\n\n"
      << layout.includes;
  for (const std::string& header : headers) out << "#include \"" << header << "\"\n";
  out << "\nnamespace " << layout.ns << " {\nnamespace {\n\n" << layout.prelude;
  body(out);
  out << "}  // namespace\n\n" << layout.registry << " = {\n";
  for (size_t i = 0; i < types.size(); ++i) out << "    " << entry(i) << ",\n";
  out << "};\nconst int " << layout.count << " = " << types.size()
      << ";\n\n}  // namespace " << layout.ns << "\n";
  return out.str();
}

}  // namespace vum::codegen
