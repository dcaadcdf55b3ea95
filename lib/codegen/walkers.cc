// vum_codegen: a validation walker for every message of the standard
// (lib/validate/walker.h). Each takes exactly the steps Walker::Walk takes
// over the message's plan, in the same order, but with the field's presence
// and value read from the generated class and the rule's bounds, formats and
// codes written into the code: the walk reads the compiled plan only to
// report, and for what is only known at run time (code lists, views).

#include <map>
#include <sstream>

#include "lib/codegen/names.h"
#include "vum/v1/options.pb.h"

namespace vum::codegen {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The letter of a field rule's check, as CheckKindsOf spells it.
char KindOf(const v1::Rule& rule, const FieldDescriptor* f) {
  switch (rule.kind_case()) {
    case v1::Rule::kRequired:
      return 'R';
    case v1::Rule::kLength:
      return 'L';
    case v1::Rule::kRange:
      return 'G';
    case v1::Rule::kFormat:
      return 'F';
    case v1::Rule::kCodeSet:
      return 'S';
    case v1::Rule::kCodeList:
      return f->enum_type() != nullptr ? 'E' : 'C';
    case v1::Rule::kItems:
      return 'I';
    case v1::Rule::kWithinView:
      return 'V';
    default:
      return '?';  // a message rule on a field: the plan refuses it
  }
}

std::string Int64(int64_t n) { return "int64_t{" + std::to_string(n) + "}"; }

class WalkerWriter {
 public:
  WalkerWriter(const std::vector<const Descriptor*>& types, std::ostream& out)
      : types_(types), out_(out) {
    for (size_t i = 0; i < types.size(); ++i) ordinal_[types[i]] = static_cast<int>(i);
  }

  void Write() {
    for (size_t i = 0; i < types_.size(); ++i) {
      out_ << "void Walk" << i
           << "(Walker& w, const Message& message, const MessagePlan& plan, "
              "const ViewContext* view);\n";
    }
    out_ << "\n";
    for (size_t i = 0; i < types_.size(); ++i) Type(types_[i], static_cast<int>(i));
  }

  // The check kinds of `type`, as CheckKindsOf spells them.
  static std::string Kinds(const Descriptor* type) {
    std::string out;
    for (int j = 0; j < type->field_count(); ++j) {
      if (j > 0) out += ',';
      const FieldDescriptor* f = type->field(j);
      for (const v1::Rule& rule : Rules(f)) out += KindOf(rule, f);
    }
    return out;
  }

 private:
  static const google::protobuf::RepeatedPtrField<v1::Rule>& Rules(
      const FieldDescriptor* f) {
    return f->options().GetExtension(v1::field).rule();
  }

  void Type(const Descriptor* type, int ordinal) {
    out_ << "// " << type->full_name() << "\n"
         << "void Walk" << ordinal
         << "(Walker& w, const Message& message, const MessagePlan& plan, "
            "const ViewContext* view) {\n"
         << "  const auto& m = static_cast<const " << ClassName(type) << "&>(message);\n"
         << "  const FieldPlan* const f = plan.fields.data();\n";
    if (type->field_count() == 0) out_ << "  (void)m;\n  (void)f;\n";
    for (int j = 0; j < type->field_count(); ++j) Field(type->field(j), j);
    out_ << "  w.MessageChecks(message, plan, view);\n}\n\n";
  }

  void Field(const FieldDescriptor* f, int j) {
    const auto& rules = Rules(f);
    const std::string fp = "f[" + std::to_string(j) + "]";
    const std::string size = SizeExpression(f);
    out_ << "  // " << f->name() << "\n  if (w.stopped()) return;\n";
    if (rules.empty() && f->message_type() == nullptr) {  // inert: only a view looks
      out_ << "  if (view != nullptr) (void)w.InView(" << fp << ", " << size
           << ", view);\n";
      return;
    }
    bool has_required = false;
    for (const v1::Rule& rule : rules)
      has_required |= rule.kind_case() == v1::Rule::kRequired;
    out_ << "  {\n    const int size = " << size << ";\n"
         << "    if (w.InView(" << fp << ", size, view)"
         << (has_required ? "" : " && size > 0") << ") {\n      w.Enter(" << fp << ");\n";
    if (f->is_repeated()) {
      Repeated(f, fp);
    } else {
      Singular(f, fp);
    }
    if (f->message_type() != nullptr && ordinal_.count(f->message_type()) > 0)
      Nested(f, fp);
    out_ << "      w.Leave();\n    }\n  }\n";
  }

  // The value of the field (index "-1") or of element `index`, declared as
  // `v`; empty for a type no value rule applies to.
  static std::string ValueDeclaration(const FieldDescriptor* f,
                                      const std::string& index) {
    const std::string get =
        "m." + FieldName(f) + (index == "-1" ? "()" : "(" + index + ")");
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return "const std::string& v = " + get + ";";
      case FieldDescriptor::CPPTYPE_ENUM:
        return "const int v = static_cast<int>(" + get + ");";
      case FieldDescriptor::CPPTYPE_MESSAGE:
      case FieldDescriptor::CPPTYPE_BOOL:
        return "";
      default:
        return "const double v = static_cast<double>(" + get + ");";
    }
  }

  // Walker::Value of `v`.
  static std::string ValueStruct(const FieldDescriptor* f) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return "Walker::Value{&v, 0, 0}";
      case FieldDescriptor::CPPTYPE_ENUM:
        return "Walker::Value{nullptr, v, 0}";
      default:
        return "Walker::Value{nullptr, 0, v}";
    }
  }

  static bool IsValueRule(char kind) {
    return std::string("LGFSEC").find(kind) != std::string::npos;
  }

  // The statement that judges `v` (element `index`) by check `k`.
  std::string Judge(const FieldDescriptor* f, const v1::Rule& rule, int k,
                    const std::string& fp, const std::string& index) {
    const std::string check = fp + ".checks[" + std::to_string(k) + "]";
    const std::string faulty = "w.Faulty(" + fp + ", " + check + ", " + index + ");";
    std::string ok;
    switch (KindOf(rule, f)) {
      case 'L':
        ok = "LengthWithin(v, " +
             std::string(f->type() == FieldDescriptor::TYPE_BYTES ? "true" : "false") +
             ", " + Int64(rule.length().min()) + ", " + Int64(rule.length().max()) + ")";
        break;
      case 'G':
        ok = "std::floor(v) == v && std::isfinite(v) && v >= static_cast<double>(" +
             Int64(rule.range().min()) + ") && v <= static_cast<double>(" +
             Int64(rule.range().max()) + ")";
        break;
      case 'F': {
        const std::string format =
            "static_cast<v1::Format>(" + std::to_string(rule.format()) + ")";
        ok = "HasFormat(" + format + ", v) || (w.Generalised(" + fp +
             ", view) && IsGeneralisedForm(" + format + ", v))";
        break;
      }
      case 'S':
        ok = "false";
        for (const v1::Code& code : rule.code_set().code())
          ok += " || v == " + Quoted(code.code());
        break;
      case 'E':
        ok = "false";
        for (int i = 0; i < f->enum_type()->value_count(); ++i) {
          const auto* value = f->enum_type()->value(i);
          if (value->options().GetExtension(v1::value).placeholder()) continue;
          ok += " || v == " + std::to_string(value->number());
        }
        // Code 0 may be judged apart (the pilot transition).
        return "if (!(" + ok + ")) w.Faulty(" + fp + ", " + check + ", " + index +
               ", v == 0);";
      case 'C':  // the list is loaded at run time
        return "w.CheckValue(" + fp + ", " + check + ", " + ValueStruct(f) + ", " +
               index + ", view);";
    }
    return "if (!(" + ok + ")) " + faulty;
  }

  void Singular(const FieldDescriptor* f, const std::string& fp) {
    const auto& rules = Rules(f);
    std::string present, absent;
    for (int k = 0; k < rules.size(); ++k) {
      const char kind = KindOf(rules[k], f);
      if (kind == 'R') {
        absent += "        if (!w.stopped()) w.Missing(" + fp + ".checks[" +
                  std::to_string(k) + "]);\n";
      } else if (IsValueRule(kind)) {
        present +=
            "        if (!w.stopped()) { " + Judge(f, rules[k], k, fp, "-1") + " }\n";
      }
    }
    if (present.empty() && absent.empty()) return;
    out_ << "      if (size > 0) {\n";
    if (!present.empty())
      out_ << "        " << ValueDeclaration(f, "-1") << "\n" << present;
    out_ << "      } else {\n" << absent << "      }\n";
  }

  void Repeated(const FieldDescriptor* f, const std::string& fp) {
    const auto& rules = Rules(f);
    for (int k = 0; k < rules.size(); ++k) {
      const std::string check = fp + ".checks[" + std::to_string(k) + "]";
      const char kind = KindOf(rules[k], f);
      if (kind == 'R') {
        out_ << "      if (!w.stopped() && size == 0) w.Missing(" << check << ");\n";
      } else if (kind == 'I') {
        out_ << "      if (!w.stopped()) w.Items(message, plan, " << fp << ", " << check
             << ", size);\n";
      } else if (IsValueRule(kind)) {
        out_ << "      for (int i = 0; i < size && !w.stopped(); ++i) {\n        "
             << ValueDeclaration(f, "i") << "\n        " << Judge(f, rules[k], k, fp, "i")
             << "\n      }\n";
      }
    }
  }

  void Nested(const FieldDescriptor* f, const std::string& fp) {
    const auto& rules = Rules(f);
    int view_check = -1;  // the last, as the plan's view_check
    for (int k = 0; k < rules.size(); ++k) {
      if (rules[k].kind_case() == v1::Rule::kWithinView) view_check = k;
    }
    const std::string walk = "Walk" + std::to_string(ordinal_.at(f->message_type()));
    const std::string get = "m." + FieldName(f);
    out_ << "      if (size > 0 && !w.stopped()) {\n";
    if (view_check >= 0) {
      const std::string& consent_name = rules[view_check].within_view().consent_field();
      const FieldDescriptor* consent =
          consent_name.empty() ? nullptr
                               : f->containing_type()->FindFieldByName(consent_name);
      out_ << "        const ViewContext nested_view{&" << fp << ".checks[" << view_check
           << "], "
           << (consent == nullptr ? std::string("false")
                                  : SizeExpression(consent) + " > 0")
           << "};\n        const ViewContext* next = &nested_view;\n";
    } else {
      out_ << "        const ViewContext* next = view;\n";
    }
    if (f->is_repeated()) {
      out_ << "        for (int i = 0; i < size && !w.stopped(); ++i) {\n"
           << "          w.At(i);\n          " << walk << "(w, " << get << "(i), *" << fp
           << ".nested, next);\n        }\n        w.At(-1);\n";
    } else {
      out_ << "        " << walk << "(w, " << get << "(), *" << fp << ".nested, next);\n";
    }
    out_ << "      }\n";
  }

  const std::vector<const Descriptor*>& types_;
  std::ostream& out_;
  std::map<const Descriptor*, int> ordinal_;
};

}  // namespace

std::string WalkersSource(const std::vector<const Descriptor*>& types,
                          const std::vector<std::string>& headers) {
  const SourceLayout layout{
      "#include <cmath>\n#include <string>\n\n"
      "#include \"lib/validate/walker.h\"\n",
      "vum::validate_internal", "", "const GeneratedWalker kGeneratedWalkers[]",
      "kGeneratedWalkerCount"};
  return WriteSource(
      layout, types, headers,
      [&](std::ostream& out) { WalkerWriter(types, out).Write(); },
      [&](size_t i) {
        return "{&" + ClassName(types[i]) + "::descriptor, Walk" + std::to_string(i) +
               ", " + Quoted(WalkerWriter::Kinds(types[i])) + "}";
      });
}

}  // namespace vum::codegen
