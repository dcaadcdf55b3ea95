#include "vum/schema.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/schema/catalogue.h"
#include "vum/v1/envelope.pb.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FileDescriptor;

using schema_internal::Catalogue;

const Catalogue& GetCatalogue() {
  static const Catalogue* const catalogue =
      new Catalogue(schema_internal::CollectCatalogue());
  return *catalogue;
}

const v1::ValueInfo& InfoOfValue(const EnumDescriptor* type, int number) {
  const auto* value = type->FindValueByNumber(number);
  return value == nullptr ? v1::ValueInfo::default_instance() : InfoOf(*value);
}

bool Contains(const google::protobuf::RepeatedField<int>& views, v1::View view) {
  return std::find(views.begin(), views.end(), view) != views.end();
}

}  // namespace

std::string VersionLabel() {
  return absl::StrCat("Gegevensstandaard ", StandardVersion(), ", koppelvlak ",
                      kInterfaceVersion);
}

const std::string& StandardVersion() {
  static const std::string* const version = new std::string(v1::Envelop::descriptor()
                                                                ->file()
                                                                ->options()
                                                                .GetExtension(v1::file)
                                                                .standard_version());
  return *version;
}

const v1::MessageInfo& InfoOf(const Descriptor& message) {
  return message.options().GetExtension(v1::message);
}

const v1::FieldInfo& InfoOf(const google::protobuf::FieldDescriptor& field) {
  return field.options().GetExtension(v1::field);
}

const v1::EnumInfo& InfoOf(const EnumDescriptor& enum_type) {
  return enum_type.options().GetExtension(v1::enum_type);
}

const v1::ValueInfo& InfoOf(const google::protobuf::EnumValueDescriptor& value) {
  return value.options().GetExtension(v1::value);
}

const std::vector<const FileDescriptor*>& StandardFiles() { return GetCatalogue().files; }

const std::vector<const Descriptor*>& StandardMessages() {
  return GetCatalogue().messages;
}

const std::vector<const EnumDescriptor*>& StandardEnums() { return GetCatalogue().enums; }

bool VisibleIn(v1::PrivacyClass privacy, v1::View view) {
  return Contains(InfoOfValue(v1::PrivacyClass_descriptor(), privacy).visible_in(), view);
}

bool NeedsConsentIn(v1::PrivacyClass privacy, v1::View view) {
  return Contains(
      InfoOfValue(v1::PrivacyClass_descriptor(), privacy).requires_consent_in(), view);
}

v1::Format FormatOf(const google::protobuf::FieldDescriptor& field) {
  for (const v1::Rule& rule : InfoOf(field).rule()) {
    if (rule.kind_case() == v1::Rule::kFormat) return rule.format();
  }
  return v1::FORMAT_UNSPECIFIED;
}

bool IsPostcode(v1::Format format) {
  return format == v1::FORMAT_POSTCODE || format == v1::FORMAT_POSTCODE_NL;
}

bool CanBeGeneralised(const google::protobuf::FieldDescriptor& field) {
  const v1::Format format = FormatOf(field);
  return field.cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING &&
         !field.is_repeated() &&
         (IsPostcode(format) || format == v1::FORMAT_DATE ||
          format == v1::FORMAT_DATE_TIME);
}

bool GeneralisedIn(v1::PrivacyClass privacy, v1::View view) {
  return Contains(InfoOfValue(v1::PrivacyClass_descriptor(), privacy).generalised_in(),
                  view);
}

const std::string& LabelOf(v1::PrivacyClass privacy) {
  return InfoOfValue(v1::PrivacyClass_descriptor(), privacy).label();
}

const std::string& LabelOf(v1::View view) {
  return InfoOfValue(v1::View_descriptor(), view).label();
}

}  // namespace vum
