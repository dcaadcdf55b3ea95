// The rule catalogue: a description and a message in Dutch and English for
// every rule the schema declares, built from the declarations alone.

#include "vum/rules.h"

#include <cctype>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "lib/schema/field_types.h"
#include "vum/schema.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

struct FormatText {
  v1::Format format;
  const char* nl;
  const char* en;
};

constexpr FormatText kFormats[] = {
    {v1::FORMAT_DATE, "geen bestaande datum in de vorm JJJJ-MM-DD",
     "not an existing date in the form YYYY-MM-DD"},
    {v1::FORMAT_DATE_TIME, "geen tijdstip volgens RFC 3339 met tijdzone",
     "not an RFC 3339 date-time with a time zone"},
    {v1::FORMAT_POSTCODE_NL,
     "geen Nederlandse postcode (vier cijfers en twee letters zonder spatie, niet SA, SD "
     "of SS)",
     "not a Dutch postcode (four digits and two letters without a space, not SA, SD or "
     "SS)"},
    {v1::FORMAT_EMAIL, "geen geldig e-mailadres", "not a valid e-mail address"},
    {v1::FORMAT_PHONE_NL, "geen geldig Nederlands telefoonnummer",
     "not a valid Dutch phone number"},
    {v1::FORMAT_URL, "geen geldige URL", "not a valid URL"},
    {v1::FORMAT_OIN, "geen OIN van 20 cijfers", "not an OIN of 20 digits"},
    {v1::FORMAT_BSN, "geen BSN van 9 cijfers dat aan de elfproef voldoet",
     "not a BSN of 9 digits that passes the elfproef"},
    {v1::FORMAT_UUID, "geen UUID in kleine letters (8-4-4-4-12)",
     "not a lower-case UUID (8-4-4-4-12)"},
    {v1::FORMAT_KVK_NUMMER, "geen KvK-nummer van 8 cijfers",
     "not a KvK number of 8 digits"},
    {v1::FORMAT_VERSION, "geen versienummer zoals 1.0 of 1.0.0",
     "not a version such as 1.0 or 1.0.0"},
    {v1::FORMAT_DIGITS, "geen reeks cijfers", "not a string of digits"},
    {v1::FORMAT_SAFE_ID,
     "bevat andere tekens dan letters a-z en A-Z, cijfers, '_', '.' en '-'",
     "holds characters other than the letters a-z and A-Z, digits, '_', '.' and '-'"},
    {v1::FORMAT_POSTCODE, "geen postcode van vier cijfers en twee letters zonder spatie",
     "not a postcode of four digits and two letters without a space"},
    {v1::FORMAT_LANGUAGE_CODE, "geen taalcode van drie kleine letters",
     "not a language code of three lower-case letters"},
};

const FormatText* FindFormat(v1::Format format) {
  for (const FormatText& f : kFormats) {
    if (f.format == format) return &f;
  }
  return nullptr;
}

Severity ToSeverity(v1::Severity severity) {
  switch (severity) {
    case v1::SEVERITY_WARNING:
      return Severity::kWarning;
    case v1::SEVERITY_INFO:
      return Severity::kInfo;
    default:
      return Severity::kError;
  }
}

// Names of the fields in the language of a message: labels in Dutch, VUM
// JSON names in English.
struct Names {
  const Descriptor* message;
  std::string Nl(const std::string& field) const {
    const FieldDescriptor* f = message->FindFieldByName(field);
    return f == nullptr ? field : absl::StrCat("'", InfoOf(*f).label(), "'");
  }
  std::string En(const std::string& field) const {
    const FieldDescriptor* f = message->FindFieldByName(field);
    return f == nullptr ? field : f->json_name();
  }
  template <typename Container>
  std::string JoinNl(const Container& fields) const {
    std::vector<std::string> out;
    for (const std::string& f : fields) out.push_back(Nl(f));
    return absl::StrJoin(out, ", ");
  }
  template <typename Container>
  std::string JoinEn(const Container& fields) const {
    std::vector<std::string> out;
    for (const std::string& f : fields) out.push_back(En(f));
    return absl::StrJoin(out, ", ");
  }
};

bool IsDateField(const FieldDescriptor* f) {
  if (f == nullptr) return false;
  for (const v1::Rule& rule : InfoOf(*f).rule()) {
    if (rule.kind_case() == v1::Rule::kFormat &&
        (rule.format() == v1::FORMAT_DATE || rule.format() == v1::FORMAT_DATE_TIME)) {
      return true;
    }
  }
  return false;
}

RuleDescription Describe(const v1::Rule& rule, const Descriptor& message,
                         const FieldDescriptor* field) {
  RuleDescription d;
  d.id = rule.id();
  d.severity = ToSeverity(rule.severity());
  d.note = rule.note();
  d.pilot = rule.pilot() == v1::PILOT_RULE_LACKED         ? PilotRule::kLacked
            : rule.pilot() == v1::PILOT_RULE_ALLOWED_ZERO ? PilotRule::kAllowedZero
                                                          : PilotRule::kHad;
  d.level = rule.level() == v1::RULE_LEVEL_VUM ? RuleLevel::kVum : RuleLevel::kStandard;
  d.element = field == nullptr ? message.name()
                               : absl::StrCat(message.name(), ".", field->json_name());
  // In messages: 'Label' in Dutch, jsonName in English.
  const std::string l = field == nullptr ? absl::StrCat("'", InfoOf(message).label(), "'")
                                         : absl::StrCat("'", InfoOf(*field).label(), "'");
  const std::string n = field == nullptr ? message.name() : field->json_name();
  const Names names{&message};

  switch (rule.kind_case()) {
    case v1::Rule::kRequired:
      d.kind = "required";
      d.summary = "required";
      d.message_nl = absl::StrCat(l, " ontbreekt; dit gegeven is verplicht.");
      d.message_en = absl::StrCat(n, " is missing; it is required.");
      break;
    case v1::Rule::kLength: {
      d.kind = "length";
      const bool bytes = field != nullptr && field->type() == FieldDescriptor::TYPE_BYTES;
      const auto& len = rule.length();
      d.summary = absl::StrCat(bytes ? "bytes " : "length ", len.min(), "..", len.max());
      const char* unit_nl = bytes ? "bytes" : "tekens";
      const char* unit_en = bytes ? "bytes" : "characters";
      if (len.min() == len.max()) {
        d.message_nl =
            absl::StrCat(l, " moet precies ", len.min(), " ", unit_nl, " lang zijn.");
        d.message_en =
            absl::StrCat(n, " must be exactly ", len.min(), " ", unit_en, " long.");
      } else {
        d.message_nl = absl::StrCat(l, " moet ", len.min(), " tot en met ", len.max(),
                                    " ", unit_nl, " lang zijn.");
        d.message_en = absl::StrCat(n, " must be ", len.min(), " to ", len.max(), " ",
                                    unit_en, " long.");
      }
      break;
    }
    case v1::Rule::kRange:
      d.kind = "range";
      d.summary = absl::StrCat("range ", rule.range().min(), "..", rule.range().max());
      d.message_nl = absl::StrCat(l, " moet een geheel getal van ", rule.range().min(),
                                  " tot en met ", rule.range().max(), " zijn.");
      d.message_en = absl::StrCat(n, " must be a whole number from ", rule.range().min(),
                                  " to ", rule.range().max(), ".");
      break;
    case v1::Rule::kFormat: {
      d.kind = "format";
      d.summary = absl::StrCat("format ", schema_internal::FormatName(rule.format()));
      const FormatText* text = FindFormat(rule.format());
      d.message_nl = absl::StrCat(l, " is ", text ? text->nl : "niet goed gevormd", ".");
      d.message_en = absl::StrCat(n, " is ", text ? text->en : "malformed", ".");
      break;
    }
    case v1::Rule::kCodeSet: {
      d.kind = "code_set";
      std::vector<std::string> codes;
      for (const v1::Code& code : rule.code_set().code()) codes.push_back(code.code());
      const std::string list = absl::StrJoin(codes, ", ");
      d.summary = absl::StrCat("one of ", list);
      d.message_nl = absl::StrCat(l, " moet een van deze codes zijn: ", list, ".");
      d.message_en = absl::StrCat(n, " must be one of the codes ", list, ".");
      break;
    }
    case v1::Rule::kCodeList: {
      d.kind = "code_list";
      if (field != nullptr && field->enum_type() != nullptr) {
        const std::string& list = InfoOf(*field->enum_type()).code_list();
        d.summary = absl::StrCat("code of ", list);
        d.message_nl = absl::StrCat(l, " is geen code van de codelijst ", list, ".");
        d.message_en = absl::StrCat(n, " is not a code of the code list ", list, ".");
      } else {
        const auto& binding = rule.code_list();
        const char* strength = binding.strength() == v1::BINDING_EXTENSIBLE ? "extensible"
                               : binding.strength() == v1::BINDING_PREFERRED ? "preferred"
                                                                             : "required";
        d.summary = absl::StrCat("code list ", binding.list(), " (", strength, ")");
        d.message_nl = absl::StrCat(l, " is geen code van de codelijst ", binding.list(),
                                    " die op de peildatum geldt.");
        d.message_en = absl::StrCat(n, " is not a code of the code list ", binding.list(),
                                    " valid on the reference date.");
        // A code outside an extensible list is a warning, outside a
        // preferred list information (HL7 FHIR binding strengths).
        if (binding.strength() == v1::BINDING_EXTENSIBLE) d.severity = Severity::kWarning;
        if (binding.strength() == v1::BINDING_PREFERRED) d.severity = Severity::kInfo;
      }
      break;
    }
    case v1::Rule::kItems: {
      d.kind = "items";
      const auto& items = rule.items();
      d.summary = absl::StrCat("items ", items.min(), "..", items.max(),
                               items.unique() ? ", unique" : "");
      d.message_nl =
          items.min() == 0
              ? absl::StrCat(l, " mag hoogstens ", items.max(), " elementen hebben")
              : absl::StrCat(l, " moet ", items.min(), " tot en met ", items.max(),
                             " elementen hebben");
      d.message_en = items.min() == 0
                         ? absl::StrCat(n, " may have at most ", items.max(), " elements")
                         : absl::StrCat(n, " must have ", items.min(), " to ",
                                        items.max(), " elements");
      absl::StrAppend(&d.message_nl, items.unique() ? ", zonder dubbele." : ".");
      absl::StrAppend(&d.message_en, items.unique() ? ", without duplicates." : ".");
      break;
    }
    case v1::Rule::kWithinView: {
      d.kind = "within_view";
      const std::string& view = LabelOf(rule.within_view().view());
      d.summary = absl::StrCat("within view ", view);
      d.message_nl = absl::StrCat(
          "In ", l, " (", view, ") mag alleen staan wat het ", view,
          " toelaat; bijzondere persoonsgegevens alleen met uitdrukkelijke toestemming.");
      d.message_en =
          absl::StrCat(n, " (", view,
                       ") may hold only what that view allows; special-category data "
                       "only with explicit consent.");
      break;
    }
    case v1::Rule::kOrder: {
      d.kind = "order";
      const auto& order = rule.order();
      const bool dates = IsDateField(message.FindFieldByName(order.first()));
      d.summary = absl::StrCat(names.En(order.first()), " <= ", names.En(order.second()));
      d.message_nl = absl::StrCat(names.Nl(order.first()),
                                  dates ? " mag niet na " : " mag niet groter zijn dan ",
                                  names.Nl(order.second()), dates ? " liggen." : ".");
      d.message_en =
          absl::StrCat(names.En(order.first()),
                       dates ? " must not be after " : " must not be greater than ",
                       names.En(order.second()), ".");
      break;
    }
    case v1::Rule::kWhen: {
      d.kind = "when";
      const auto& req = rule.when();
      const std::string with_nl =
          req.equals().empty() ? "" : absl::StrCat(" met code ", req.equals());
      const std::string with_en =
          req.equals().empty() ? "" : absl::StrCat(" with code ", req.equals());
      d.summary =
          absl::StrCat("if ", names.En(req.field()),
                       req.equals().empty() ? "" : absl::StrCat(" = ", req.equals()),
                       " then ", names.JoinEn(req.then()));
      d.message_nl =
          absl::StrCat("Als ", names.Nl(req.field()), " aanwezig is", with_nl,
                       ", moet ook ", names.JoinNl(req.then()), " aanwezig zijn.");
      d.message_en =
          absl::StrCat("When ", names.En(req.field()), " is present", with_en, ", ",
                       names.JoinEn(req.then()), " must be present too.");
      break;
    }
    case v1::Rule::kExactlyOne:
      d.kind = "exactly_one";
      d.summary =
          absl::StrCat("exactly one of ", names.JoinEn(rule.exactly_one().fields()));
      d.message_nl =
          absl::StrCat("Precies één van ", names.JoinNl(rule.exactly_one().fields()),
                       " moet aanwezig zijn.");
      d.message_en =
          absl::StrCat("Exactly one of ", names.JoinEn(rule.exactly_one().fields()),
                       " must be present.");
      break;
    case v1::Rule::kAtLeastOne:
      d.kind = "at_least_one";
      d.summary =
          absl::StrCat("at least one of ", names.JoinEn(rule.at_least_one().fields()));
      d.message_nl =
          absl::StrCat("Minstens één van ", names.JoinNl(rule.at_least_one().fields()),
                       " moet aanwezig zijn.");
      d.message_en =
          absl::StrCat("At least one of ", names.JoinEn(rule.at_least_one().fields()),
                       " must be present.");
      break;
    case v1::Rule::KIND_NOT_SET:
      d.kind = "none";
      break;
  }
  return d;
}

// The one rule of reading VUM JSON, not of a message (kEmptyValueRuleId).
RuleDescription EmptyValueRule() {
  RuleDescription d;
  d.id = kEmptyValueRuleId;
  d.element = "(any property)";
  d.kind = "empty";
  d.summary = "empty value read as absent";
  d.severity = Severity::kInfo;
  d.message_nl = "De eigenschap had een lege waarde en telt als afwezig.";
  d.message_en = "The property had an empty value and counts as absent.";
  d.note =
      "VUM interface 2.0: a property with an empty value (\"\", [] or null) counts as "
      "absent. Reported so that a source learns it sends empty values.";
  return d;
}

struct Catalogue {
  std::vector<RuleDescription> rules;
  absl::flat_hash_map<std::string, size_t> by_id;
};

const Catalogue& GetCatalogue() {
  static const Catalogue* const catalogue = [] {
    auto* c = new Catalogue;
    c->rules.push_back(EmptyValueRule());
    for (const Descriptor* message : StandardMessages()) {
      for (int i = 0; i < message->field_count(); ++i) {
        for (const v1::Rule& rule : InfoOf(*message->field(i)).rule()) {
          c->rules.push_back(Describe(rule, *message, message->field(i)));
        }
      }
      for (const v1::Rule& rule : InfoOf(*message).rule()) {
        c->rules.push_back(Describe(rule, *message, nullptr));
      }
    }
    for (size_t i = 0; i < c->rules.size(); ++i) c->by_id.emplace(c->rules[i].id, i);
    return c;
  }();
  return *catalogue;
}

constexpr char kLevelsText[] =
    "## Levels\n\n"
    "A rule of level `standard` is the VUM Gegevensstandaard 1.5 and koppelvlak 3.0: "
    "their contracts' types, lengths, patterns, code scales and required elements, read "
    "with the interface's rule that an empty value is absent. Every record the 3.0 "
    "contract accepts breaks none of them. A rule of level `vum` is vum's own stricter "
    "check, beyond the contract: phone-number and e-mail formats, code lists where the "
    "contract has only a pattern, required elements and bounds the contract leaves "
    "open, rules over several fields, duplicates in a list. A breach of a `vum` rule is "
    "reported as a warning (its severity below is what it is at vum's strict level, "
    "`--vum-strict`, where an error makes a record non-conforming).\n\n";

std::string Cell(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", " "}});
}

}  // namespace

absl::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

absl::string_view RuleLevelName(RuleLevel level) {
  return level == RuleLevel::kVum ? "vum" : "standard";
}

const std::vector<RuleDescription>& RuleCatalogue() { return GetCatalogue().rules; }

const RuleDescription* FindRule(absl::string_view id) {
  const Catalogue& c = GetCatalogue();
  auto it = c.by_id.find(id);
  return it == c.by_id.end() ? nullptr : &c.rules[it->second];
}

std::string RuleCatalogueMarkdown() {
  std::string out = absl::StrCat(
      "# Rule catalogue of the VUM standard ", StandardVersion(),
      "\n\n"
      "Generated from `proto/vum/v1/*.proto` by `vum schema rules`; do not edit by "
      "hand. A test fails when this file differs from the schema.\n\n"
      "Every rule the standard declares, with its stable id, the element it belongs to, "
      "its kind (docs/schema.md defines each), its severity and its message in Dutch and "
      "English. A violation's message is the message of its rule: messages never hold a "
      "value from the record. ",
      RuleCatalogue().size(), " rules.\n\n", kLevelsText,
      "| id | element | kind | level | severity | message (nl) | message (en) |\n"
      "|---|---|---|---|---|---|---|\n");
  for (const RuleDescription& rule : RuleCatalogue()) {
    absl::StrAppend(&out, "| `", rule.id, "` | ", rule.element, " | ", rule.summary,
                    " | ", RuleLevelName(rule.level), " | ", SeverityName(rule.severity),
                    " | ", Cell(rule.message_nl), " | ", Cell(rule.message_en), " |\n");
  }
  std::string notes;
  for (const RuleDescription& rule : RuleCatalogue()) {
    if (!rule.note.empty())
      absl::StrAppend(&notes, "- `", rule.id, "`: ", rule.note, "\n");
  }
  if (!notes.empty()) absl::StrAppend(&out, "\n## Why some rules exist\n\n", notes);
  return out;
}

}  // namespace vum
