// Renders the data dictionary of the standard from the schema's declarations.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "vum/rules.h"
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

// "`WTD-02` range 0..99; `WTD-03` ..." from the rule catalogue.
std::string RuleList(const google::protobuf::RepeatedPtrField<v1::Rule>& rules) {
  std::vector<std::string> out;
  for (const v1::Rule& rule : rules) {
    const RuleDescription* d = FindRule(rule.id());
    std::string text = absl::StrCat("`", rule.id(), "` ", d ? d->summary : "");
    if (d != nullptr && d->severity != Severity::kError) {
      absl::StrAppend(&text, " (", SeverityName(d->severity), ")");
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
  absl::StrAppend(&out, "### ", message.name(), "\n\n**", info.label(),
                  "**: ", info.definition(), "\n\n");
  if (info.rule_size() > 0) {
    absl::StrAppend(&out, "Rules over its fields: ", RuleList(info.rule()), ".\n\n");
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
                    Cell(RuleList(fi.rule())), " |\n");
  }
  absl::StrAppend(&out, "\n");
}

void RenderEnum(const EnumDescriptor& enum_type, std::string& out) {
  const v1::EnumInfo& info = InfoOf(enum_type);
  absl::StrAppend(&out, "### ", enum_type.name(), "\n\n**", info.label(),
                  "**: ", info.definition(), " Code list `", info.code_list(), "`.\n\n",
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
