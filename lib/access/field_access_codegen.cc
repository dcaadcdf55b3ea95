// field_access_codegen: writes the C++ source of the field access tables
// (field_access.h) for every message of the standard, from the descriptors
// compiled into vum::proto. Run by the build; its output is not checked in.
//
// Usage: vum_field_access_codegen OUTPUT.cc

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "vum/v1/batch.pb.h"
#include "vum/v1/envelope.pb.h"

namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;

constexpr char kPackage[] = "vum.v1";
// The meta-schema: options, not data of the standard.
constexpr char kOptionsFile[] = "vum/v1/options.proto";

// The standard's files reachable from `file`, dependencies first.
void CollectFiles(const FileDescriptor* file, std::set<const FileDescriptor*>& seen,
                  std::vector<const FileDescriptor*>& out) {
  if (!seen.insert(file).second) return;
  for (int i = 0; i < file->dependency_count(); ++i)
    CollectFiles(file->dependency(i), seen, out);
  if (file->package() == kPackage && file->name() != kOptionsFile) out.push_back(file);
}

void CollectMessages(const Descriptor* message, std::vector<const Descriptor*>& out) {
  out.push_back(message);
  for (int i = 0; i < message->nested_type_count(); ++i) {
    CollectMessages(message->nested_type(i), out);
  }
}

// protoc's C++ names: package parts as namespaces, nested names joined by '_'.
std::string Namespace(const FileDescriptor* file) {
  std::string out = "::";
  for (char c : file->package()) out += c == '.' ? std::string("::") : std::string(1, c);
  return out + "::";
}

template <typename D>
std::string ClassName(const D* d) {
  std::string name = d->full_name().substr(d->file()->package().size() + 1);
  for (char& c : name) {
    if (c == '.') c = '_';
  }
  return Namespace(d->file()) + name;
}

// The accessor stem protoc generates for a field: its name in lower case, with
// '_' appended to a C++ keyword.
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
    // size
    std::string size;
    if (rep) {
      size = "m." + n + "_size()";
    } else if (f->has_presence()) {
      size = "m.has_" + n + "() ? 1 : 0";
    } else if (t == FieldDescriptor::CPPTYPE_STRING) {
      size = "m." + n + "().empty() ? 0 : 1";
    } else if (t == FieldDescriptor::CPPTYPE_DOUBLE ||
               t == FieldDescriptor::CPPTYPE_FLOAT) {
      // As reflection: any bit set, so -0.0 is present.
      size = "Bits(m." + n + "()) != 0 ? 1 : 0";
    } else {
      size = "m." + n + "() != 0 ? 1 : 0";
    }
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

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: vum_field_access_codegen OUTPUT.cc\n";
    return 2;
  }
  std::vector<const FileDescriptor*> files;
  std::set<const FileDescriptor*> seen;
  // The envelope and the batch import every other file of the dataset.
  CollectFiles(vum::v1::Envelop::descriptor()->file(), seen, files);
  CollectFiles(vum::v1::BatchRecord::descriptor()->file(), seen, files);
  std::vector<const Descriptor*> types;
  for (const FileDescriptor* file : files) {
    for (int i = 0; i < file->message_type_count(); ++i) {
      CollectMessages(file->message_type(i), types);
    }
  }
  for (const Descriptor* type : types) {
    if (type->extension_range_count() > 0) {
      // A table could not clear or read extensions.
      std::cerr << "vum_field_access_codegen: " << type->full_name()
                << " declares extensions, which the access tables do not support\n";
      return 1;
    }
  }

  std::ostringstream out;
  out << "// Generated by vum_field_access_codegen from the schema. Do not edit.\n\n"
         "#include <cstring>\n#include <string>\n#include <string_view>\n\n"
         "#include \"lib/access/field_access.h\"\n";
  for (const FileDescriptor* file : files) {
    std::string header = file->name();
    header.replace(header.size() - 6, 6, ".pb.h");
    out << "#include \"" << header << "\"\n";
  }
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

  // Written whole or not at all: a half-written source must not be compiled.
  const std::string path = argv[1];
  const std::string temp = path + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file << out.str();
    if (!file.flush()) {
      std::cerr << "vum_field_access_codegen: cannot write " << temp << "\n";
      return 1;
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::cerr << "vum_field_access_codegen: cannot rename " << temp << " to " << path
              << "\n";
    return 1;
  }
  return 0;
}
