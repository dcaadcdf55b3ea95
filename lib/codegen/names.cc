#include "lib/codegen/names.h"

#include <cctype>
#include <set>

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
  const auto t = f->cpp_type();
  if (f->is_repeated()) return "m." + n + "_size()";
  if (f->has_presence()) return "(m.has_" + n + "() ? 1 : 0)";
  if (t == FieldDescriptor::CPPTYPE_STRING) return "(m." + n + "().empty() ? 0 : 1)";
  if (t == FieldDescriptor::CPPTYPE_DOUBLE || t == FieldDescriptor::CPPTYPE_FLOAT) {
    // As reflection: any bit set, so -0.0 is present.
    return "(Bits(m." + n + "()) != 0 ? 1 : 0)";
  }
  return "(m." + n + "() != 0 ? 1 : 0)";
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

}  // namespace vum::codegen
