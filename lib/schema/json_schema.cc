// A JSON Schema (draft-04) of a record type, derived from the schema's
// declarations: types, code sets, lengths, ranges, list sizes, required
// elements, formats as patterns, no unknown properties. It cannot express
// the rules over several fields, calendar checks or code-list versions, so
// it accepts records that the validator rejects; it is meant for tools that
// only speak JSON Schema. It holds the standard's rules only, not vum's
// stricter level (RULE_LEVEL_VUM).

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "vum/schema.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

std::string Quote(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The JSON Schema regular expressions (ECMA 262) of the formats that have
// one; the others (dates, moments, BSN) get the shape only.
const char* Pattern(v1::Format format) {
  switch (format) {
    case v1::FORMAT_DATE:
      return "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    case v1::FORMAT_DATE_TIME:
      return "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}";
    case v1::FORMAT_POSTCODE_NL:
      return "^[1-9][0-9]{3}[A-Za-z]{2}$";
    case v1::FORMAT_EMAIL:
      return "^[^@\\\\s]+@[^@\\\\s]+\\\\.[^@\\\\s]+$";
    case v1::FORMAT_PHONE_NL:
      return "^(0|\\\\+31|0031)[1-9][0-9-]{8,9}$";
    case v1::FORMAT_URL:
      return "^(https?://)?[^./\\\\s]+(\\\\.[^./\\\\s]+)+(/\\\\S*)?$";
    case v1::FORMAT_OIN:
      return "^[0-9]{20}$";
    case v1::FORMAT_BSN:
      return "^[0-9]{9}$";
    case v1::FORMAT_UUID:
      return "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    case v1::FORMAT_KVK_NUMMER:
      return "^[0-9]{8}$";
    case v1::FORMAT_VERSION:
      return "^[0-9]+\\\\.[0-9]+(\\\\.[0-9]+)?$";
    case v1::FORMAT_DIGITS:
      return "^[0-9]+$";
    case v1::FORMAT_SAFE_ID:
      return "^[a-zA-Z0-9_.-]+$";
    case v1::FORMAT_POSTCODE:
      return "^[0-9]{4}[a-zA-Z]{2}$";
    case v1::FORMAT_LANGUAGE_CODE:
      return "^[a-z]{3}$";
    default:
      return nullptr;
  }
}

// Where definitions live and which elements they hold.
struct Style {
  const char* ref_prefix = "#/definitions/";
  // Only the elements a koppelvlak 3.0 first-round match carries.
  bool first_round = false;
  // The record type whose own id is replaced by the facility's vumID.
  const Descriptor* vum_id_for = nullptr;
  // Only what an employer may see, generalised (vum/view.h).
  bool employer_view = false;
};

// In the employer's view, whether `f` is shown at all (Generalise removes a
// generalised element that cannot be generalised).
bool ShownToEmployer(const FieldDescriptor& f) {
  const v1::PrivacyClass privacy = InfoOf(f).privacy();
  return VisibleIn(privacy, v1::VIEW_EMPLOYER) &&
         (!GeneralisedIn(privacy, v1::VIEW_EMPLOYER) || CanBeGeneralised(f));
}

// Whether `style` leaves `f` out.
bool LeftOut(const FieldDescriptor& f, const Style& style) {
  return (style.first_round && InfoOf(f).not_in_first_round()) ||
         (style.employer_view && !ShownToEmployer(f));
}

// Whether `style` leaves `f` out or changes what it may hold.
bool Changes(const FieldDescriptor& f, const Style& style) {
  if (LeftOut(f, style)) return true;
  const v1::PrivacyClass privacy = InfoOf(f).privacy();
  return style.employer_view && (GeneralisedIn(privacy, v1::VIEW_EMPLOYER) ||
                                 NeedsConsentIn(privacy, v1::VIEW_EMPLOYER));
}

// The record's own key (idWerkzoekende, idVacature): its first field.
bool IsRecordId(const FieldDescriptor& f, const Style& style) {
  return style.vum_id_for == f.containing_type() && f.index() == 0 &&
         f.type() == FieldDescriptor::TYPE_STRING;
}

bool ChangedBy(const Descriptor& type, const Style& style,
               std::vector<const Descriptor*>& seen) {
  if (std::find(seen.begin(), seen.end(), &type) != seen.end()) return false;
  seen.push_back(&type);
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& f = *type.field(i);
    if (Changes(f, style)) return true;
    if (f.message_type() != nullptr && ChangedBy(*f.message_type(), style, seen))
      return true;
  }
  return false;
}

// The name of `type`'s definition: "Match" appended in a first-round style,
// "View" in the employer's view, when the style changes something of it.
std::string NameOf(const Descriptor& type, const Style& style) {
  if (style.vum_id_for == &type) return absl::StrCat(type.name(), "MatchVum");
  std::vector<const Descriptor*> seen;
  if (!ChangedBy(type, style, seen)) return type.name();
  return absl::StrCat(type.name(), style.employer_view ? "View" : "Match");
}

std::string ValueSchema(const FieldDescriptor& f, const Style& style) {
  std::vector<std::string> parts;
  if (f.enum_type() != nullptr) {
    // A code the interface types as a string is read as its digits or as a
    // number (json.h).
    const bool as_string = InfoOf(f).json_string();
    std::vector<std::string> codes;
    for (int i = 0; i < f.enum_type()->value_count(); ++i) {
      if (!InfoOf(*f.enum_type()->value(i)).placeholder()) {
        const int number = f.enum_type()->value(i)->number();
        codes.push_back(absl::StrCat(number));
        if (as_string) codes.push_back(absl::StrCat("\"", number, "\""));
      }
    }
    if (!as_string) parts.push_back("\"type\":\"integer\"");
    parts.push_back(absl::StrCat("\"enum\":[", absl::StrJoin(codes, ","), "]"));
  } else if (f.message_type() != nullptr) {
    parts.push_back(absl::StrCat("\"$ref\":\"", style.ref_prefix,
                                 NameOf(*f.message_type(), style), "\""));
  } else if (f.cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    parts.push_back("\"type\":\"string\"");
  } else if (f.cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE ||
             f.cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
    parts.push_back("\"type\":\"number\"");
  } else if (f.cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
    parts.push_back("\"type\":\"boolean\"");
  } else {
    parts.push_back("\"type\":\"integer\"");
  }
  for (const v1::Rule& rule : InfoOf(f).rule()) {
    if (rule.level() == v1::RULE_LEVEL_VUM) continue;
    switch (rule.kind_case()) {
      case v1::Rule::kLength:
        parts.push_back(absl::StrCat("\"minLength\":", rule.length().min(),
                                     ",\"maxLength\":", rule.length().max()));
        break;
      case v1::Rule::kRange:
        parts.push_back(absl::StrCat("\"minimum\":", rule.range().min(),
                                     ",\"maximum\":", rule.range().max()));
        break;
      case v1::Rule::kFormat:
        if (style.employer_view && IsPostcode(rule.format()) &&
            GeneralisedIn(InfoOf(f).privacy(), v1::VIEW_EMPLOYER)) {
          parts.push_back(R"("pattern":"^[0-9]{2}([0-9]{2})?$")");  // its digits
        } else if (const char* p = Pattern(rule.format())) {
          parts.push_back(absl::StrCat("\"pattern\":\"", p, "\""));
        }
        break;
      case v1::Rule::kCodeSet: {
        std::vector<std::string> codes;
        for (const v1::Code& c : rule.code_set().code()) codes.push_back(Quote(c.code()));
        parts.push_back(absl::StrCat("\"enum\":[", absl::StrJoin(codes, ","), "]"));
        break;
      }
      default:
        break;
    }
  }
  return absl::StrCat("{", absl::StrJoin(parts, ","), "}");
}

// A property's schema in the wire form: its value, or an empty value that
// the interface reads as absent (null always, "" for a single scalar; the
// empty list is a list already).
std::string FieldSchema(const FieldDescriptor& f, const Style& style) {
  std::string value;
  if (!f.is_repeated()) {
    value = ValueSchema(f, style);
  } else {
    value = absl::StrCat("{\"type\":\"array\",\"items\":", ValueSchema(f, style));
    for (const v1::Rule& rule : InfoOf(f).rule()) {
      if (rule.level() != v1::RULE_LEVEL_VUM && rule.kind_case() == v1::Rule::kItems) {
        absl::StrAppend(&value, ",\"maxItems\":", rule.items().max());
        if (rule.items().unique()) absl::StrAppend(&value, ",\"uniqueItems\":true");
      }
    }
    value += "}";
  }
  const bool scalar = !f.is_repeated() && f.message_type() == nullptr;
  return absl::StrCat("{\"anyOf\":[", value, ",{\"type\":\"null\"}",
                      scalar ? ",{\"enum\":[\"\"]}" : "", "]}");
}

void Define(const Descriptor& type, const Style& style,
            std::vector<const Descriptor*>& done,
            std::vector<std::pair<std::string, std::string>>& definitions) {
  if (std::find(done.begin(), done.end(), &type) != done.end()) return;
  done.push_back(&type);
  std::vector<std::string> properties, required;
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& f = *type.field(i);
    if (LeftOut(f, style)) continue;
    if (IsRecordId(f, style)) {
      properties.push_back(
          R"("vumID":{"type":"string","pattern":"^[a-zA-Z0-9_.-]{1,500}$",)"
          R"("description":"The exchange facility's id of this match in this question."})");
      required.push_back(Quote("vumID"));
      continue;
    }
    properties.push_back(absl::StrCat(Quote(f.json_name()), ":", FieldSchema(f, style)));
    // In the employer's view an element that needs consent may be absent.
    const bool may_be_absent =
        style.employer_view && NeedsConsentIn(InfoOf(f).privacy(), v1::VIEW_EMPLOYER);
    for (const v1::Rule& rule : InfoOf(f).rule()) {
      if (rule.level() != v1::RULE_LEVEL_VUM && rule.kind_case() == v1::Rule::kRequired &&
          !may_be_absent)
        required.push_back(Quote(f.json_name()));
    }
    if (f.message_type() != nullptr) Define(*f.message_type(), style, done, definitions);
  }
  std::string schema = absl::StrCat(
      "{\"type\":\"object\",\"description\":", Quote(InfoOf(type).definition()),
      ",\"additionalProperties\":false,\"properties\":{", absl::StrJoin(properties, ","),
      "}");
  if (!required.empty())
    absl::StrAppend(&schema, ",\"required\":[", absl::StrJoin(required, ","), "]");
  definitions.emplace_back(NameOf(type, style), schema + "}");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> OpenApiSchemasOf(const Descriptor& type,
                                                                  SchemaForm form) {
  std::vector<const Descriptor*> done;
  std::vector<std::pair<std::string, std::string>> definitions;
  Define(type,
         {.ref_prefix = "#/components/schemas/",
          .first_round =
              form == SchemaForm::kFirstRound || form == SchemaForm::kFacilityMatch,
          .vum_id_for = form == SchemaForm::kFacilityMatch ? &type : nullptr,
          .employer_view = form == SchemaForm::kEmployerView},
         done, definitions);
  return definitions;
}

std::string JsonSchemaOf(const Descriptor& type) {
  std::vector<const Descriptor*> done;
  std::vector<std::pair<std::string, std::string>> named;
  Define(type, {}, done, named);
  std::vector<std::string> definitions;
  for (const auto& [name, schema] : named)
    definitions.push_back(absl::StrCat(Quote(name), ":", schema));
  return absl::StrCat(
      "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"title\":",
      Quote(absl::StrCat(InfoOf(type).label(), " (VUM ", StandardVersion(), ")")),
      ",\"description\":",
      Quote("Generated from the VUM schema by vum schema jsonschema. "
            "It reads the wire form: a property may be empty (null, \"\" or []), "
            "which counts as absent, so a required property sent empty passes here. "
            "It cannot express rules over several fields, calendar "
            "dates or code-list versions; vum validate checks those."),
      ",\"$ref\":\"#/definitions/", type.name(), "\",\"definitions\":{",
      absl::StrJoin(definitions, ","), "}}\n");
}

}  // namespace vum
