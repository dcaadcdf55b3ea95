// vum/schema.h: what the schema of the standard declares about its elements.
//
// Every message, field, enum and enum value of the VUM standard carries a
// Dutch label and a one-line definition; every field a privacy class and the
// validation rules of the standard. They are declared as options in
// proto/vum/v1/*.proto (see options.proto); this header reads them, so that
// validation, documentation and privacy views are derived from one place.
//
// Example:
//
//   const google::protobuf::FieldDescriptor* f =
//       vum::v1::Mobiliteit::descriptor()->FindFieldByName("bemiddelingspostcode");
//   std::cout << vum::InfoOf(*f).label();        // "Bemiddelingspostcode"
//   if (!vum::VisibleIn(vum::InfoOf(*f).privacy(), vum::v1::VIEW_EMPLOYER)) {
//     std::cout << "an employer does not see it as it is\n";
//   }
//
// Thread safety: all functions are safe to call concurrently; the returned
// references point into the generated descriptor pool and live as long as the
// program.

#ifndef VUM_SCHEMA_H_
#define VUM_SCHEMA_H_

#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "vum/v1/options.pb.h"

namespace vum {

// The version of the standard this library implements, as declared in the
// schema's files (option (vum.v1.file).standard_version): the VUM
// Gegevensstandaard, "1.5.0".
[[nodiscard]] const std::string& StandardVersion();

// The version of the VUM koppelvlak (the interface contracts) whose JSON
// form the records follow; the value of the API-Version header.
inline constexpr char kInterfaceVersion[] = "3.0.0";

// "Gegevensstandaard 1.5.0, koppelvlak 3.0.0": how every output names what it
// speaks.
[[nodiscard]] std::string VersionLabel();

// The declarations on an element of the standard. An element without
// declarations (one outside vum/v1) yields the empty default instance.
[[nodiscard]] const v1::MessageInfo& InfoOf(const google::protobuf::Descriptor& message);
[[nodiscard]] const v1::FieldInfo& InfoOf(const google::protobuf::FieldDescriptor& field);
[[nodiscard]] const v1::EnumInfo& InfoOf(
    const google::protobuf::EnumDescriptor& enum_type);
[[nodiscard]] const v1::ValueInfo& InfoOf(
    const google::protobuf::EnumValueDescriptor& value);

// The files of the standard's dataset, in dependency order: every file of
// package vum.v1 except options.proto, which defines the meta-schema.
[[nodiscard]] const std::vector<const google::protobuf::FileDescriptor*>& StandardFiles();

// Every message type and enum of the standard's dataset, in file order and
// then declaration order (nested types after their parent).
[[nodiscard]] const std::vector<const google::protobuf::Descriptor*>& StandardMessages();
[[nodiscard]] const std::vector<const google::protobuf::EnumDescriptor*>& StandardEnums();

// Whether an element of privacy class `privacy` appears in `view`, and
// whether it needs the person's consent there. Both follow the `visible_in`
// and `requires_consent_in` declarations on the PrivacyClass values. An
// unspecified class is visible in no view.
[[nodiscard]] bool VisibleIn(v1::PrivacyClass privacy, v1::View view);
[[nodiscard]] bool NeedsConsentIn(v1::PrivacyClass privacy, v1::View view);
// Whether an element of `privacy` is shown generalised in `view`.
[[nodiscard]] bool GeneralisedIn(v1::PrivacyClass privacy, v1::View view);
// Whether `field` can be shown generalised: a single postcode (cut to its
// digits), date or moment (set to the first day of its month or year). A
// generalised element that cannot (a school's name) is left out of the view.
[[nodiscard]] bool CanBeGeneralised(const google::protobuf::FieldDescriptor& field);
// The format `field`'s rules declare, or FORMAT_UNSPECIFIED.
[[nodiscard]] v1::Format FormatOf(const google::protobuf::FieldDescriptor& field);
[[nodiscard]] bool IsPostcode(v1::Format format);

// The label of a privacy class or a view, e.g. "Bijzonder persoonsgegeven".
[[nodiscard]] const std::string& LabelOf(v1::PrivacyClass privacy);
[[nodiscard]] const std::string& LabelOf(v1::View view);

// The standard's data dictionary as Markdown: every message with its fields
// (VUM JSON name, type, label, definition, privacy class, rule ids) and every
// code scale with its codes. docs/data-dictionary.md is this text.
[[nodiscard]] std::string DataDictionaryMarkdown();

// A JSON Schema (draft-04) of the VUM JSON form of `type`, derived from the
// declarations: types, codes, lengths, ranges, list sizes, required elements,
// formats as patterns, no unknown properties. JSON Schema cannot express the
// rules over several fields, calendar dates or code-list versions, so it
// accepts some records that Validator rejects.
[[nodiscard]] std::string JsonSchemaOf(const google::protobuf::Descriptor& type);

// Which form of a record an OpenAPI schema describes.
enum class SchemaForm {
  kRecord,      // the whole record (a detail)
  kFirstRound,  // a source's first-round match (no detail elements): "...Match"
  // the exchange facility's match: the first round with its vumID instead of
  // the source's id: "...MatchVum"
  kFacilityMatch,
  // what an employer may see (vum/view.h): only the elements the employer's
  // view shows, postcodes cut to their digits, and what needs consent
  // optional: "...View"
  kEmployerView,
};

// The definitions of JsonSchemaOf(type) as OpenAPI 3.1 components: (name,
// schema) pairs, `type`'s own among them, referring to each other under
// #/components/schemas/. In a first-round form, the elements the first round
// leaves out are left out, and each type that loses one is named with
// "Match" appended (WerkzoekendeMatch); in the employer's view, each type
// the view changes has "View" appended (WerkzoekendeView).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> OpenApiSchemasOf(
    const google::protobuf::Descriptor& type, SchemaForm form);

}  // namespace vum

#endif  // VUM_SCHEMA_H_
