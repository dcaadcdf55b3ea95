// The fast path of JsonParser: canonical VUM JSON straight into a message,
// with simdjson's DOM API (which picks the best kernel for the CPU at run time;
// its on-demand API is fixed at compile time, to the scalar kernel for a
// portable build). Whatever it does not recognise as canonical it leaves to
// protobuf's parser (ParseJson), which then decides, so that acceptance and
// error messages are protobuf's by construction. Fields are found by a
// generated switch on their JSON names and written with the generated setters
// (lib/access); a message type outside the standard goes through reflection.

#include <simdjson.h>

#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "lib/access/field_access.h"
#include "vum/json.h"

namespace vum {
namespace {

using access_internal::FieldAccess;
using access_internal::MessageAccess;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

struct TypeInfo;

struct FieldInfo {
  const FieldDescriptor* field;
  // The generated accessors, or null to write through reflection.
  const FieldAccess* access;
  FieldDescriptor::CppType cpp_type;
  bool repeated;
  bool bytes;
  int index;       // bit in the object's "seen" mask
  int oneof = -1;  // bit in the object's "oneof set" mask, or -1
  TypeInfo* nested = nullptr;
};

struct TypeInfo {
  const Reflection* reflection;
  const MessageAccess* access;    // or null
  std::vector<FieldInfo> fields;  // by field index
  // By JSON name, for a type without generated access.
  absl::flat_hash_map<std::string_view, int> by_name;
  bool fast = true;  // false: too many fields or oneofs for the masks

  const FieldInfo* Find(std::string_view json_name) const {
    if (access != nullptr) {
      const int i = access->FieldIndex(json_name);
      return i < 0 ? nullptr : &fields[i];
    }
    auto it = by_name.find(json_name);
    return it == by_name.end() ? nullptr : &fields[it->second];
  }
};

}  // namespace

struct JsonParser::Impl {
  simdjson::dom::parser parser;
  std::string padded;
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<TypeInfo>> types;
  uint64_t fast = 0;
  uint64_t fallback = 0;

  TypeInfo* Info(const Descriptor* type) {
    auto it = types.find(type);
    if (it != types.end()) return it->second.get();
    auto info = std::make_unique<TypeInfo>();
    TypeInfo* raw = info.get();
    types.emplace(type, std::move(info));
    raw->reflection = google::protobuf::MessageFactory::generated_factory()
                          ->GetPrototype(type)
                          ->GetReflection();
    raw->access = access_internal::FindMessageAccess(type);
    raw->fast = type->field_count() <= 64 && type->oneof_decl_count() <= 64;
    raw->fields.reserve(type->field_count());
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      FieldInfo fi{f,
                   raw->access == nullptr ? nullptr : &raw->access->fields[i],
                   f->cpp_type(),
                   f->is_repeated(),
                   f->type() == FieldDescriptor::TYPE_BYTES,
                   i};
      if (f->containing_oneof() != nullptr) fi.oneof = f->containing_oneof()->index();
      if (f->message_type() != nullptr) fi.nested = Info(f->message_type());
      raw->fields.push_back(fi);
      if (raw->access == nullptr) raw->by_name.emplace(f->json_name(), i);
    }
    return raw;
  }

  // Each returns false to hand the document to protobuf.
  bool Object(simdjson::dom::object object, Message* m, TypeInfo* info);
  bool Scalar(simdjson::dom::element value, Message* m, const Reflection* r,
              const FieldInfo& fi);
};

namespace {

// A canonical 64-bit integer written as a string: digits, no sign for
// unsigned, no leading zeros.
bool ParseDecimal(std::string_view text, bool is_signed, int64_t* s, uint64_t* u) {
  bool negative = false;
  if (is_signed && !text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0'))
    return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const uint64_t next = value * 10 + static_cast<uint64_t>(c - '0');
    if (next / 10 != value) return false;  // overflow
    value = next;
  }
  if (!is_signed) {
    *u = value;
    return true;
  }
  if (negative ? value > (1ull << 63) : value > static_cast<uint64_t>(INT64_MAX))
    return false;
  *s = negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return !(negative && value == 0);  // "-0" is not canonical
}

}  // namespace

bool JsonParser::Impl::Scalar(simdjson::dom::element value, Message* m,
                              const Reflection* r, const FieldInfo& fi) {
  using simdjson::dom::element_type;
  const FieldDescriptor* f = fi.field;
  const element_type type = value.type();
  switch (fi.cpp_type) {
    case FieldDescriptor::CPPTYPE_STRING: {
      if (fi.bytes || type != element_type::STRING) return false;
      const std::string_view text = value.get_string().value_unsafe();
      if (fi.access != nullptr) {
        fi.access->set_string(m, text);
      } else {
        fi.repeated ? r->AddString(m, f, std::string(text))
                    : r->SetString(m, f, std::string(text));
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_ENUM: {
      if (type != element_type::INT64) return false;
      const int64_t n = value.get_int64().value_unsafe();
      if (n < INT32_MIN || n > INT32_MAX) return false;
      const int32_t v = static_cast<int32_t>(n);
      if (fi.access != nullptr) {
        fi.access->set_int32(m, v);
      } else if (fi.cpp_type == FieldDescriptor::CPPTYPE_ENUM) {
        fi.repeated ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
      } else {
        fi.repeated ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      if (type != element_type::INT64) return false;
      const int64_t n = value.get_int64().value_unsafe();
      if (n < 0 || n > UINT32_MAX) return false;
      if (fi.access != nullptr) {
        fi.access->set_uint32(m, static_cast<uint32_t>(n));
      } else {
        fi.repeated ? r->AddUInt32(m, f, static_cast<uint32_t>(n))
                    : r->SetUInt32(m, f, static_cast<uint32_t>(n));
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT64: {
      // Printed as strings; integers are read too.
      const bool is_signed = fi.cpp_type == FieldDescriptor::CPPTYPE_INT64;
      int64_t s = 0;
      uint64_t u = 0;
      if (type == element_type::STRING) {
        if (!ParseDecimal(value.get_string().value_unsafe(), is_signed, &s, &u))
          return false;
      } else if (type == element_type::INT64) {
        s = value.get_int64().value_unsafe();
        if (!is_signed && s < 0) return false;
        u = static_cast<uint64_t>(s);
      } else if (type == element_type::UINT64 && !is_signed) {
        u = value.get_uint64().value_unsafe();
      } else {
        return false;
      }
      if (fi.access != nullptr) {
        is_signed ? fi.access->set_int64(m, s) : fi.access->set_uint64(m, u);
      } else if (is_signed) {
        fi.repeated ? r->AddInt64(m, f, s) : r->SetInt64(m, f, s);
      } else {
        fi.repeated ? r->AddUInt64(m, f, u) : r->SetUInt64(m, f, u);
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      if (type != element_type::DOUBLE && type != element_type::INT64 &&
          type != element_type::UINT64) {
        return false;
      }
      const double d = value.get_double().value_unsafe();
      if (fi.access != nullptr) {
        fi.access->set_double(m, d);
      } else {
        fi.repeated ? r->AddDouble(m, f, d) : r->SetDouble(m, f, d);
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      if (type != element_type::BOOL) return false;
      const bool b = value.get_bool().value_unsafe();
      if (fi.access != nullptr) {
        fi.access->set_bool(m, b);
      } else {
        fi.repeated ? r->AddBool(m, f, b) : r->SetBool(m, f, b);
      }
      return true;
    }
    default:  // float: protobuf checks its range; leave it to protobuf
      return false;
  }
}

bool JsonParser::Impl::Object(simdjson::dom::object object, Message* m, TypeInfo* info) {
  using simdjson::dom::element_type;
  if (!info->fast) return false;
  // The type's reflection, resolved once: Message::GetReflection() checks a
  // once-flag on every call.
  const Reflection* r = info->reflection;
  // A message with a table is not cleared first but overwritten, and what the
  // document leaves out is cleared at the end: the nested records, strings
  // and lists of the previous document are reused instead of freed and
  // allocated again (Clear() deletes nested records). The result is the
  // same as after Clear().
  if (info->access == nullptr) {
    m->Clear();
  } else if (!r->GetUnknownFields(*m).empty()) {  // kept from a binary parse
    r->MutableUnknownFields(m)->Clear();
  }
  uint64_t seen = 0, oneofs = 0;
  for (simdjson::dom::key_value_pair member : object) {
    const FieldInfo* found = info->Find(member.key);
    if (found == nullptr) return false;  // unknown, or a proto name
    const FieldInfo& fi = *found;
    const uint64_t bit = 1ull << fi.index;
    if (seen & bit) return false;
    seen |= bit;
    if (fi.oneof >= 0) {
      if (oneofs & (1ull << fi.oneof)) return false;
      oneofs |= 1ull << fi.oneof;
    }
    const simdjson::dom::element value = member.value;
    if (fi.repeated) {
      if (value.type() != element_type::ARRAY) return false;
      if (fi.access != nullptr) fi.access->clear(m);
      // A copy of the array handle: iterating the temporary result would
      // dangle.
      const simdjson::dom::array array = value.get_array().value_unsafe();
      for (simdjson::dom::element element : array) {
        if (fi.nested != nullptr) {
          if (element.type() != element_type::OBJECT) return false;
          Message* element_message = fi.access != nullptr ? fi.access->mutable_message(m)
                                                          : r->AddMessage(m, fi.field);
          if (!Object(element.get_object().value_unsafe(), element_message, fi.nested)) {
            return false;
          }
        } else if (!Scalar(element, m, r, fi)) {
          return false;
        }
      }
    } else if (fi.nested != nullptr) {
      if (value.type() != element_type::OBJECT) return false;
      Message* nested = fi.access != nullptr ? fi.access->mutable_message(m)
                                             : r->MutableMessage(m, fi.field);
      if (!Object(value.get_object().value_unsafe(), nested, fi.nested)) {
        return false;
      }
    } else if (!Scalar(value, m, r, fi)) {
      return false;
    }
  }
  if (info->access != nullptr) {
    for (const FieldInfo& fi : info->fields) {
      if ((seen & (1ull << fi.index)) == 0) fi.access->clear(m);
    }
  }
  return true;
}

JsonParser::JsonParser() : impl_(std::make_unique<Impl>()) {}
JsonParser::~JsonParser() = default;

uint64_t JsonParser::fast_count() const { return impl_->fast; }
uint64_t JsonParser::fallback_count() const { return impl_->fallback; }

absl::Status JsonParser::Parse(absl::string_view json, Message* message) {
  Impl& impl = *impl_;
  impl.padded.assign(json.data(), json.size());
  impl.padded.resize(json.size() + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element root;
  // The DOM parse validates the whole document, trailing text included.
  const bool fast =
      !impl.parser.parse(impl.padded.data(), json.size(), false).get(root) &&
      root.type() == simdjson::dom::element_type::OBJECT &&
      impl.Object(root.get_object().value_unsafe(), message,
                  impl.Info(message->GetDescriptor()));
  if (fast) {
    ++impl.fast;
    return absl::OkStatus();
  }
  ++impl.fallback;
  return ParseJson(json, message);
}

}  // namespace vum
