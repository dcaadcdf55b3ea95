#include "lib/json/strict_json.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "lib/json/wire_form.h"

namespace vum::json_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using simdjson::dom::element;
using simdjson::dom::element_type;

absl::Status Refuse(const std::string& path, absl::string_view why) {
  return absl::InvalidArgumentError(
      path.empty() ? std::string(why) : absl::StrCat("property \"", path, "\": ", why));
}

std::string Join(const std::string& path, absl::string_view name) {
  return path.empty() ? std::string(name) : absl::StrCat(path, ".", name);
}

absl::Status CheckObject(element value, const Descriptor& type, const std::string& path);

absl::Status CheckValue(element value, const FieldDescriptor& field,
                        const std::string& path) {
  if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
      value.type() != element_type::OBJECT) {
    return absl::OkStatus();
  }
  return CheckObject(value, *field.message_type(), path);
}

absl::Status CheckList(element value, const FieldDescriptor& field,
                       const std::string& path) {
  if (value.type() == element_type::NULL_VALUE) return absl::OkStatus();  // absent
  if (value.type() != element_type::ARRAY) {
    return Refuse(path, "expected a list, found a single value");
  }
  // Held in a variable: value_unsafe() of a temporary result would dangle in
  // a range-for.
  const simdjson::dom::array items = value.get_array().value_unsafe();
  int i = 0;
  for (element item : items) {
    const std::string at = absl::StrCat(path, "[", i++, "]");
    if (item.type() == element_type::NULL_VALUE) return Refuse(at, "null in a list");
    if (item.type() == element_type::ARRAY) return Refuse(at, "a list inside a list");
    if (absl::Status s = CheckValue(item, field, at); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckObject(element value, const Descriptor& type, const std::string& path) {
  absl::flat_hash_set<const FieldDescriptor*> seen;
  const simdjson::dom::object members = value.get_object().value_unsafe();
  for (auto [key, member] : members) {
    const FieldDescriptor* field =
        FieldNamed(type, absl::string_view(key.data(), key.size()));
    if (field == nullptr) continue;  // protobuf has judged unknown members
    const std::string at = Join(path, field->json_name());
    if (!seen.insert(field).second) return Refuse(at, "appears more than once");
    absl::Status s = field->is_repeated() ? CheckList(member, *field, at)
                                          : CheckValue(member, *field, at);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckStrict(element root, const Descriptor& type) {
  if (root.type() != element_type::OBJECT) {
    return absl::InvalidArgumentError("expected a JSON object at the top level");
  }
  return CheckObject(root, type, "");
}

}  // namespace vum::json_internal
