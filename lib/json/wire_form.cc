#include "lib/json/wire_form.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/json/json_error.h"
#include "vum/schema.h"

namespace vum::json_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::OneofDescriptor;
using simdjson::dom::element;
using simdjson::dom::element_type;

// The kind of a JSON value, as a message names it.
absl::string_view KindOf(element value) {
  switch (value.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

// The value protobuf reads for an integer field: a JSON integer, a number
// with no fraction, or (protobuf is lenient) a string of digits.
bool IntegerIn(element value, double min, double max) {
  double d;
  switch (value.type()) {
    case element_type::INT64:
      d = static_cast<double>(value.get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      d = static_cast<double>(value.get_uint64().value_unsafe());
      break;
    case element_type::DOUBLE:
      d = value.get_double().value_unsafe();
      if (d != std::floor(d)) return false;
      break;
    case element_type::STRING: {
      const std::string_view s = value.get_string().value_unsafe();
      int64_t i;
      uint64_t u;
      if (absl::SimpleAtoi(absl::string_view(s.data(), s.size()), &i))
        return i >= min && i <= max;
      return absl::SimpleAtoi(absl::string_view(s.data(), s.size()), &u) && u <= max;
    }
    default:
      return false;
  }
  return d >= min && d <= max;
}

struct IntegerRange {
  double min, max;
  absl::string_view words;
};

IntegerRange RangeOf(const FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return {-2147483648.0, 2147483647.0, "an integer from -2147483648 to 2147483647"};
    case FieldDescriptor::CPPTYPE_UINT32:
      return {0, 4294967295.0, "an integer from 0 to 4294967295"};
    case FieldDescriptor::CPPTYPE_INT64:
      return {-9223372036854775808.0, 9223372036854775807.0, "a 64-bit integer"};
    default:
      return {0, 18446744073709551615.0, "a non-negative 64-bit integer"};
  }
}

bool IsNumberText(std::string_view s) {
  double d;
  return s == "NaN" || s == "Infinity" || s == "-Infinity" ||
         absl::SimpleAtod(absl::string_view(s.data(), s.size()), &d);
}

class WireReader {
 public:
  WireReader(absl::string_view json, WireReading* out) : json_(json), out_(out) {}

  absl::Status Document(element root, const Descriptor& type) {
    if (root.type() != element_type::OBJECT) {
      return absl::InvalidArgumentError("expected a JSON object at the top level");
    }
    return Object(root, type);
  }

 private:
  absl::Status Refuse(absl::string_view why) const {
    return absl::InvalidArgumentError(
        absl::StrCat("property \"", path_.ToString(), "\": ", why));
  }

  absl::Status Expected(absl::string_view expected, element found) const {
    return Refuse(absl::StrCat("expected ", expected, ", found ", KindOf(found)));
  }

  // A key `type` does not have: named when it could be a name of the schema,
  // else placed by line and column (it may carry a value: "jan@example.nl").
  absl::Status UnknownProperty(absl::string_view key) const {
    const std::string at = path_.ToString();
    if (CouldBeAName(key)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown property ",
          QuoteName(at.empty() ? std::string(key) : absl::StrCat(at, ".", key))));
    }
    const size_t offset = json_.find(absl::StrCat("\"", key, "\""));
    if (offset != absl::string_view::npos) {
      const TextPosition pos = PositionOf(json_, offset);
      return absl::InvalidArgumentError(
          absl::StrCat("unknown property at line ", pos.line, ", column ", pos.column));
    }
    return absl::InvalidArgumentError(
        at.empty() ? "unknown property (a key that is not a name)"
                   : absl::StrCat("unknown property in \"", at, "\""));
  }

  absl::Status OneOfTwice(const OneofDescriptor& oneof) const {
    std::string names;
    for (int i = 0; i < oneof.field_count(); ++i) {
      absl::StrAppend(&names, i == 0 ? "" : ", ", oneof.field(i)->json_name());
    }
    return Refuse(
        absl::StrCat("only one of the alternatives (", names, ") may be present"));
  }

  absl::Status Object(element value, const Descriptor& type) {
    absl::flat_hash_set<const FieldDescriptor*> seen;
    absl::flat_hash_set<const OneofDescriptor*> chosen;
    out_->text += '{';
    bool first = true;
    // Held in a variable: value_unsafe() of a temporary result would dangle
    // in a range-for.
    const simdjson::dom::object members = value.get_object().value_unsafe();
    for (auto [raw_key, member] : members) {
      const absl::string_view key(raw_key.data(), raw_key.size());
      const FieldDescriptor* field = FieldNamed(type, key);
      if (field == nullptr) return UnknownProperty(key);
      path_.Append(field->json_name());
      if (!seen.insert(field).second) return Refuse("appears more than once");
      if (IsEmpty(*field, member)) {
        out_->absent.push_back(path_);
      } else {
        const OneofDescriptor* oneof = field->real_containing_oneof();
        if (oneof != nullptr && !chosen.insert(oneof).second) return OneOfTwice(*oneof);
        absl::StrAppend(&out_->text, first ? "" : ",", "\"", field->json_name(), "\":");
        first = false;
        absl::Status s =
            field->is_repeated() ? List(*field, member) : Single(*field, member);
        if (!s.ok()) return s;
      }
      path_.RemoveLast();
    }
    out_->text += '}';
    return absl::OkStatus();
  }

  // null, an empty list, or an empty string where a single scalar belongs.
  static bool IsEmpty(const FieldDescriptor& field, element value) {
    switch (value.type()) {
      case element_type::NULL_VALUE:
        return true;
      case element_type::ARRAY:
        return field.is_repeated() &&
               simdjson::dom::array(value.get_array().value_unsafe()).size() == 0;
      case element_type::STRING:
        return !field.is_repeated() && field.message_type() == nullptr &&
               value.get_string().value_unsafe().empty();
      default:
        return false;
    }
  }

  absl::Status List(const FieldDescriptor& field, element value) {
    if (value.type() != element_type::ARRAY) {
      return Refuse("expected a list, found a single value");
    }
    out_->text += '[';
    int i = 0;
    const simdjson::dom::array items = value.get_array().value_unsafe();
    for (element item : items) {
      path_.RemoveLast();
      path_.Append(field.json_name(), i);
      if (item.type() == element_type::NULL_VALUE) return Refuse("null in a list");
      if (item.type() == element_type::ARRAY) return Refuse("a list inside a list");
      if (i++ > 0) out_->text += ',';
      if (absl::Status s = Single(field, item); !s.ok()) return s;
    }
    path_.RemoveLast();
    path_.Append(field.json_name());
    out_->text += ']';
    return absl::OkStatus();
  }

  absl::Status Single(const FieldDescriptor& field, element value) {
    if (value.type() == element_type::ARRAY) {
      return Refuse("expected a single value, found an array");
    }
    if (field.message_type() != nullptr) {
      if (value.type() != element_type::OBJECT) return Expected("an object", value);
      return Object(value, *field.message_type());
    }
    if (value.type() == element_type::OBJECT) {
      return Refuse("expected a single value, found an object");
    }
    if (field.enum_type() != nullptr) return Code(field, value);
    if (absl::Status s = Scalar(field, value); !s.ok()) return s;
    out_->text += simdjson::minify(value);
    return absl::OkStatus();
  }

  absl::Status Scalar(const FieldDescriptor& field, element value) const {
    const element_type t = value.type();
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (t == element_type::STRING) return absl::OkStatus();
        return Expected(
            field.type() == FieldDescriptor::TYPE_BYTES ? "base64 text" : "a string",
            value);
      case FieldDescriptor::CPPTYPE_BOOL:
        if (t == element_type::BOOL) return absl::OkStatus();
        return Expected("true or false", value);
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        if (t == element_type::INT64 || t == element_type::UINT64 ||
            t == element_type::DOUBLE ||
            (t == element_type::STRING &&
             IsNumberText(value.get_string().value_unsafe())))
          return absl::OkStatus();
        return Expected("a number", value);
      default: {
        const IntegerRange range = RangeOf(field);
        if (IntegerIn(value, range.min, range.max)) return absl::OkStatus();
        const bool number = t != element_type::STRING && t != element_type::BOOL;
        return Refuse(absl::StrCat(
            "expected ", range.words, ", found ",
            number ? "a number out of range or not a whole number" : KindOf(value)));
      }
    }
  }

  // An enum's code: an integer, or where the interface types the code as a
  // string, the string of its digits.
  absl::Status Code(const FieldDescriptor& field, element value) {
    const std::string& name = field.enum_type()->name();
    int32_t code;
    if (value.type() == element_type::STRING) {
      if (!IsJsonStringCode(field)) {
        return Refuse(
            absl::StrCat("expected an integer code of ", name, ", found a string"));
      }
      const std::string_view text = value.get_string().value_unsafe();
      if (!ParseCodeDigits(absl::string_view(text.data(), text.size()), &code)) {
        return Refuse(
            absl::StrCat("expected a code of ", name, " as a string of its digits"));
      }
      absl::StrAppend(&out_->text, code);
      return absl::OkStatus();
    }
    if (!IntegerIn(value, std::numeric_limits<int32_t>::min(),
                   std::numeric_limits<int32_t>::max())) {
      return Expected(absl::StrCat("an integer code of ", name), value);
    }
    out_->text += simdjson::minify(value);
    return absl::OkStatus();
  }

  absl::string_view json_;
  WireReading* out_;
  FieldPath path_;
};

}  // namespace

const FieldDescriptor* FieldNamed(const Descriptor& type, absl::string_view key) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* f = type.field(i);
    if (f->json_name() == key || f->name() == key) return f;
  }
  return nullptr;
}

bool IsJsonStringCode(const FieldDescriptor& field) {
  return field.enum_type() != nullptr && InfoOf(field).json_string();
}

bool ParseCodeDigits(absl::string_view text, int32_t* code) {
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 10 || (text.size() > 1 && text[0] == '0'))
    return false;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  if (value < INT32_MIN || value > INT32_MAX || (negative && value == 0)) return false;
  *code = static_cast<int32_t>(value);
  return true;
}

absl::Status ReadWireForm(element root, absl::string_view json, const Descriptor& type,
                          WireReading* out) {
  *out = WireReading{};
  return WireReader(json, out).Document(root, type);
}

}  // namespace vum::json_internal
