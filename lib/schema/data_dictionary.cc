// Renders the data dictionary of the standard from the schema's declarations.

#include <cctype>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "vum/schema.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

// Table cells may not hold a raw '|' or a newline.
std::string Cell(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", " "}});
}

std::string JsonNames(const Descriptor& message,
                      const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    const FieldDescriptor* field = message.FindFieldByName(name);
    out.push_back(field == nullptr ? name : field->json_name());
  }
  return absl::StrJoin(out, ", ");
}

std::string JsonName(const Descriptor& message, const std::string& name) {
  const FieldDescriptor* field = message.FindFieldByName(name);
  return field == nullptr ? name : field->json_name();
}

std::string FormatName(v1::Format format) {
  std::string name = v1::Format_Name(format);
  absl::string_view view(name);
  if (absl::ConsumePrefix(&view, "FORMAT_")) name = std::string(view);
  for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(c));
  return name;
}

std::string StrengthName(v1::BindingStrength strength) {
  switch (strength) {
    case v1::BINDING_REQUIRED: return "required";
    case v1::BINDING_EXTENSIBLE: return "extensible";
    case v1::BINDING_PREFERRED: return "preferred";
    default: return "unknown";
  }
}

// A short English statement of what the rule demands, e.g. "length 1..120".
std::string DescribeRule(const v1::Rule& rule, const Descriptor& message,
                         const FieldDescriptor* field) {
  switch (rule.kind_case()) {
    case v1::Rule::kRequired:
      return "required";
    case v1::Rule::kLength:
      return absl::StrCat(field != nullptr && field->type() == FieldDescriptor::TYPE_BYTES
                              ? "bytes "
                              : "length ",
                          rule.length().min(), "..", rule.length().max());
    case v1::Rule::kRange:
      return absl::StrCat("range ", rule.range().min(), "..", rule.range().max());
    case v1::Rule::kFormat:
      return absl::StrCat("format ", FormatName(rule.format()));
    case v1::Rule::kCodeSet: {
      std::vector<std::string> codes;
      for (const v1::Code& code : rule.code_set().code()) codes.push_back(code.code());
      return absl::StrCat("one of ", absl::StrJoin(codes, ", "));
    }
    case v1::Rule::kCodeList: {
      if (rule.code_list().list().empty() && field != nullptr &&
          field->enum_type() != nullptr) {
        return absl::StrCat("code of ", InfoOf(*field->enum_type()).code_list());
      }
      return absl::StrCat("code list ", rule.code_list().list(), " (",
                          StrengthName(rule.code_list().strength()), ")");
    }
    case v1::Rule::kItems: {
      std::string text = absl::StrCat("items ", rule.items().min(), "..",
                                      rule.items().max());
      if (rule.items().unique()) absl::StrAppend(&text, ", unique");
      return text;
    }
    case v1::Rule::kWithinView:
      return absl::StrCat("within view ", LabelOf(rule.within_view().view()));
    case v1::Rule::kOrder:
      return absl::StrCat(JsonName(message, rule.order().first()), " <= ",
                          JsonName(message, rule.order().second()));
    case v1::Rule::kRequires: {
      std::string condition = JsonName(message, rule.requires().field());
      if (!rule.requires().equals().empty()) {
        absl::StrAppend(&condition, " = ", rule.requires().equals());
      }
      return absl::StrCat("if ", condition, " then ",
                          JsonNames(message, rule.requires().then()));
    }
    case v1::Rule::kExactlyOne:
      return absl::StrCat("exactly one of ",
                          JsonNames(message, rule.exactly_one().fields()));
    case v1::Rule::kAtLeastOne:
      return absl::StrCat("at least one of ",
                          JsonNames(message, rule.at_least_one().fields()));
    case v1::Rule::KIND_NOT_SET:
      break;
  }
  return "(no kind)";
}

std::string RuleList(const google::protobuf::RepeatedPtrField<v1::Rule>& rules,
                     const Descriptor& message, const FieldDescriptor* field) {
  std::vector<std::string> out;
  for (const v1::Rule& rule : rules) {
    std::string text =
        absl::StrCat("`", rule.id(), "` ", DescribeRule(rule, message, field));
    if (rule.severity() != v1::SEVERITY_ERROR) {
      absl::StrAppend(&text, " (",
                      rule.severity() == v1::SEVERITY_WARNING ? "warning" : "info",
                      ")");
    }
    out.push_back(std::move(text));
  }
  return absl::StrJoin(out, "; ");
}

std::string TypeName(const FieldDescriptor& field) {
  std::string type;
  if (field.message_type() != nullptr) {
    type = absl::StrCat("[", field.message_type()->name(), "](#",
                        field.message_type()->name(), ")");
  } else if (field.enum_type() != nullptr) {
    type = absl::StrCat("code [", field.enum_type()->name(), "](#",
                        field.enum_type()->name(), ")");
  } else {
    type = field.type_name();
  }
  if (field.is_repeated()) absl::StrAppend(&type, " list");
  return type;
}

void RenderMessage(const Descriptor& message, std::string& out) {
  const v1::MessageInfo& info = InfoOf(message);
  absl::StrAppend(&out, "### ", message.name(), "\n\n**", info.label(), "**: ",
                  info.definition(), "\n\n");
  if (info.rule_size() > 0) {
    absl::StrAppend(&out, "Rules over its fields: ",
                    RuleList(info.rule(), message, nullptr), ".\n\n");
  }
  absl::StrAppend(&out,
                  "| # | VUM JSON name | type | label | definition | privacy | rules |\n"
                  "|---|---|---|---|---|---|---|\n");
  for (int i = 0; i < message.field_count(); ++i) {
    const FieldDescriptor& field = *message.field(i);
    const v1::FieldInfo& fi = InfoOf(field);
    absl::StrAppend(&out, "| ", field.number(), " | `", field.json_name(), "` | ",
                    TypeName(field), " | ", Cell(fi.label()), " | ",
                    Cell(fi.definition()), " | ", LabelOf(fi.privacy()), " | ",
                    Cell(RuleList(fi.rule(), message, &field)), " |\n");
  }
  absl::StrAppend(&out, "\n");
}

void RenderEnum(const EnumDescriptor& enum_type, std::string& out) {
  const v1::EnumInfo& info = InfoOf(enum_type);
  absl::StrAppend(&out, "### ", enum_type.name(), "\n\n**", info.label(), "**: ",
                  info.definition(), " Code list `", info.code_list(), "`.\n\n",
                  "| code | name | label | definition |\n|---|---|---|---|\n");
  for (int i = 0; i < enum_type.value_count(); ++i) {
    const auto& value = *enum_type.value(i);
    const v1::ValueInfo& vi = InfoOf(value);
    absl::StrAppend(&out, "| ", value.number(), " | `", value.name(), "` | ",
                    Cell(vi.label()), vi.placeholder() ? " (no code)" : "", " | ",
                    Cell(vi.definition()), " |\n");
  }
  absl::StrAppend(&out, "\n");
}

}  // namespace

std::string DataDictionaryMarkdown() {
  std::string out = absl::StrCat(
      "# Data dictionary of the VUM standard ", StandardVersion(),
      "\n\n"
      "Generated from `proto/vum/v1/*.proto` by `vum schema dictionary`; do not "
      "edit by hand. A test fails when this file differs from the schema.\n\n"
      "Each field is listed with its name in VUM JSON, its type, its Dutch label "
      "and definition, its privacy class and the ids of its validation rules "
      "(docs/schema.md explains the rule kinds).\n\n");
  for (const google::protobuf::FileDescriptor* file : StandardFiles()) {
    absl::StrAppend(&out, "## ", file->name(), "\n\n");
    for (int i = 0; i < file->message_type_count(); ++i) {
      RenderMessage(*file->message_type(i), out);
    }
    for (int i = 0; i < file->enum_type_count(); ++i) {
      RenderEnum(*file->enum_type(i), out);
    }
  }
  return out;
}

}  // namespace vum
