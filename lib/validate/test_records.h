// Test support: builds records of any message type of the standard that
// conform, from the rules the schema declares, and the code-list fixtures
// they are checked against. Shared by the validator's tests.

#ifndef VUM_LIB_VALIDATE_TEST_RECORDS_H_
#define VUM_LIB_VALIDATE_TEST_RECORDS_H_

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "vum/code_list.h"
#include "vum/schema.h"
#include "vum/v1/batch.pb.h"

namespace vum::testing {

// The reference date of the tests.
inline constexpr absl::CivilDay kTestDay(2026, 6, 1);

// A conforming header of a full batch of `content`, with fixed ids and
// times so that tests can compare files byte for byte.
inline v1::BatchKop TestBatchHeader(
    v1::SoortInhoud content = v1::SOORT_INHOUD_WERKZOEKENDEN) {
  v1::BatchKop header;
  header.set_batch_id("4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c");
  header.set_afzender_oin("00000001003214345000");
  header.set_ontvanger_oin("00000001823288444000");
  header.set_aangemaakt_op("2026-06-01T08:00:00Z");
  header.set_standaardversie("1.0.0");
  header.set_soort(v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(content);
  return header;
}

// The shipped lists plus the small excerpts of the lists publishers
// distribute (SBI, BO&C, education names, CBS municipality codes) that the
// conformance suite uses (conformance/codelists/).
inline CodeListRegistry FixtureCodeLists() {
  CodeListRegistry registry;
  for (const char* dir : {"/codelists", "/conformance/codelists"}) {
    if (!registry.LoadDirectory(std::string(VUM_SOURCE_DIR) + dir).ok()) abort();
  }
  return registry;
}

// Builds the least record that conforms: required fields, one field of each
// exactly-one or at-least-one set, the fields a `when` rule asks for; and
// inside a view only what the view shows (without consent).
class RecordBuilder {
 public:
  using Descriptor = google::protobuf::Descriptor;
  using FieldDescriptor = google::protobuf::FieldDescriptor;
  using Message = google::protobuf::Message;

  explicit RecordBuilder(const CodeListRegistry& lists) : lists_(lists) {}

  void Fill(Message* m, std::optional<v1::View> view = std::nullopt) const {
    const Descriptor* type = m->GetDescriptor();
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      if (Shown(f, view) && HasRule(f, v1::Rule::kRequired)) SetValid(m, f, view);
    }
    for (const v1::Rule& rule : InfoOf(*type).rule()) {
      const auto* fields = rule.kind_case() == v1::Rule::kExactlyOne ? &rule.exactly_one()
                           : rule.kind_case() == v1::Rule::kAtLeastOne
                               ? &rule.at_least_one()
                               : nullptr;
      if (fields == nullptr) continue;
      bool any = false;
      for (const std::string& name : fields->fields()) {
        any |= Present(*m, type->FindFieldByName(name));
      }
      for (const std::string& name : fields->fields()) {
        const FieldDescriptor* f = type->FindFieldByName(name);
        if (any || !Shown(f, view)) continue;
        SetValid(m, f, view);
        break;
      }
    }
  }

  // Gives `f` a valid value (a list one valid element), nested records filled.
  void SetValid(Message* m, const FieldDescriptor* f,
                std::optional<v1::View> view = std::nullopt) const {
    const auto* r = m->GetReflection();
    if (f->message_type() != nullptr) {
      Message* child = f->is_repeated() ? r->AddMessage(m, f) : r->MutableMessage(m, f);
      Fill(child, ViewOf(f).has_value() ? ViewOf(f) : view);
      return;
    }
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        SetString(m, f, ValidString(f));
        return;
      case FieldDescriptor::CPPTYPE_ENUM:
        SetEnum(m, f, ValidEnum(f));
        return;
      default:
        SetNumber(m, f, ValidNumber(f));
    }
  }

  std::string ValidString(const FieldDescriptor* f) const {
    if (f->type() == FieldDescriptor::TYPE_BYTES) {
      const v1::Rule* length = FindRule(f, v1::Rule::kLength);
      return std::string(length ? length->length().min() : 1, '\x01');
    }
    if (const v1::Rule* set = FindRule(f, v1::Rule::kCodeSet)) {
      return set->code_set().code(0).code();
    }
    if (const v1::Rule* list = FindRule(f, v1::Rule::kCodeList)) {
      return lists_.Find(list->code_list().list(), kTestDay)->entries().front().code;
    }
    const v1::Rule* length = FindRule(f, v1::Rule::kLength);
    if (const v1::Rule* format = FindRule(f, v1::Rule::kFormat)) {
      switch (format->format()) {
        case v1::FORMAT_DATE:
          return "2026-01-15";
        case v1::FORMAT_DATE_TIME:
          return "2026-01-15T10:00:00+01:00";
        case v1::FORMAT_POSTCODE_NL:
          return "1011AB";
        case v1::FORMAT_EMAIL:
          return "a@example.nl";
        case v1::FORMAT_PHONE_NL:
          return "0612345678";
        case v1::FORMAT_URL:
          return "https://www.example.nl";
        case v1::FORMAT_OIN:
          return "00000001003214345000";
        case v1::FORMAT_BSN:
          return "111222333";
        case v1::FORMAT_UUID:
          return "4f1c2a9e-0b7d-4c3e-9a51-2d8e6f0a1b2c";
        case v1::FORMAT_KVK_NUMMER:
          return "12345678";
        case v1::FORMAT_VERSION:
          return "1.0.0";
        case v1::FORMAT_DIGITS:
          return std::string(length ? length->length().min() : 1, '1');
        case v1::FORMAT_SAFE_ID:
          return "id-1";
        case v1::FORMAT_POSTCODE:
          return "1011AB";
        case v1::FORMAT_LANGUAGE_CODE:
          return "nld";
        default:
          break;
      }
    }
    return std::string(length ? std::max<uint32_t>(length->length().min(), 1) : 1, 'a');
  }

  double ValidNumber(const FieldDescriptor* f) const {
    if (const v1::Rule* list = FindRule(f, v1::Rule::kCodeList)) {
      std::string digits;
      for (char c :
           lists_.Find(list->code_list().list(), kTestDay)->entries().front().code) {
        if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digits += c;
      }
      int64_t n = 0;
      if (!absl::SimpleAtoi(digits, &n)) abort();
      return static_cast<double>(n);
    }
    if (const v1::Rule* range = FindRule(f, v1::Rule::kRange)) {
      return static_cast<double>(range->range().min());
    }
    return 1;
  }

  static int ValidEnum(const FieldDescriptor* f) {
    for (int i = 0; i < f->enum_type()->value_count(); ++i) {
      if (!InfoOf(*f->enum_type()->value(i)).placeholder()) {
        return f->enum_type()->value(i)->number();
      }
    }
    abort();
  }

  static void SetString(Message* m, const FieldDescriptor* f, const std::string& value) {
    const auto* r = m->GetReflection();
    f->is_repeated() ? r->AddString(m, f, value) : r->SetString(m, f, value);
  }

  static void SetEnum(Message* m, const FieldDescriptor* f, int value) {
    const auto* r = m->GetReflection();
    f->is_repeated() ? r->AddEnumValue(m, f, value) : r->SetEnumValue(m, f, value);
  }

  static void SetNumber(Message* m, const FieldDescriptor* f, double value) {
    const auto* r = m->GetReflection();
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        rep ? r->AddInt32(m, f, static_cast<int32_t>(value))
            : r->SetInt32(m, f, static_cast<int32_t>(value));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        rep ? r->AddInt64(m, f, static_cast<int64_t>(value))
            : r->SetInt64(m, f, static_cast<int64_t>(value));
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        rep ? r->AddUInt32(m, f, static_cast<uint32_t>(value))
            : r->SetUInt32(m, f, static_cast<uint32_t>(value));
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        rep ? r->AddUInt64(m, f, static_cast<uint64_t>(value))
            : r->SetUInt64(m, f, static_cast<uint64_t>(value));
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        rep ? r->AddDouble(m, f, value) : r->SetDouble(m, f, value);
        break;
      default:
        abort();
    }
  }

  static bool Present(const Message& m, const FieldDescriptor* f) {
    const auto* r = m.GetReflection();
    return f->is_repeated() ? r->FieldSize(m, f) > 0 : r->HasField(m, f);
  }

  static const v1::Rule* FindRule(const FieldDescriptor* f, v1::Rule::KindCase kind) {
    for (const v1::Rule& rule : InfoOf(*f).rule()) {
      if (rule.kind_case() == kind) return &rule;
    }
    return nullptr;
  }

  static bool HasRule(const FieldDescriptor* f, v1::Rule::KindCase kind) {
    return FindRule(f, kind) != nullptr;
  }

  // The view a field's nested record is, if it is one.
  static std::optional<v1::View> ViewOf(const FieldDescriptor* f) {
    const v1::Rule* rule = FindRule(f, v1::Rule::kWithinView);
    if (rule == nullptr) return std::nullopt;
    return rule->within_view().view();
  }

  // Whether `f` may be shown in `view` without the person's consent.
  static bool Shown(const FieldDescriptor* f, std::optional<v1::View> view) {
    if (!view.has_value()) return true;
    const v1::PrivacyClass c = InfoOf(*f).privacy();
    return VisibleIn(c, *view) && !NeedsConsentIn(c, *view);
  }

 private:
  const CodeListRegistry& lists_;
};

}  // namespace vum::testing

#endif  // VUM_LIB_VALIDATE_TEST_RECORDS_H_
