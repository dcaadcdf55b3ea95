// The library's VUM JSON printer: protobuf's JSON form (as its printer
// prints it) written directly with reflection, with codes in the interface's
// JSON type. The rules it reproduces, all checked by the differential tests in
// fast_json_test.cc:
// - fields in field-number order; unset optional fields and empty lists left
//   out; a set message field printed even when empty ({});
// - enums as integers, 64-bit integers as quoted decimals, bytes as base64;
// - doubles as the shortest of %.15g and %.17g that reads back exactly, with
//   "NaN", "Infinity" and "-Infinity" quoted;
// - strings escaped as protobuf's JSON printer does (see Escaped below);
// - pretty: one space per level, "key": value, an empty object or list on
//   one line, a newline at the end.
// And one difference: a code the interface types as a string
// (FieldInfo.json_string) is printed as the string of its digits.
// Messages with types this printer does not know (maps, well-known types)
// go to protobuf's printer.

#include "lib/json/json_printer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "lib/io/wire_format.h"
#include "lib/json/wire_form.h"
#include "lib/validate/formats.h"
#include "vum/json.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

struct PrintType;

struct PrintField {
  const FieldDescriptor* field;
  FieldDescriptor::CppType cpp_type;
  bool repeated;
  bool bytes;
  bool json_string;                   // a code printed as a string
  std::string key;                    // "\"jsonName\":"
  const PrintType* nested = nullptr;  // for a message field
  FieldDescriptor::Type type;         // for the wire: varint, zigzag, fixed
  bool presence;                      // a value equal to the default is printed
  int number;
};

// A type's fields in number order, with their keys and nested types.
struct PrintType {
  std::vector<PrintField> fields;
  // Whether this printer knows every type the message may hold.
  bool own = true;
};

using PrintTypes = absl::flat_hash_map<const Descriptor*, std::unique_ptr<PrintType>>;

// Builds `type` and every type it nests into `types`. Entered before its
// fields are built, so a type that nests itself terminates.
PrintType* Build(const Descriptor* type, PrintTypes& types) {
  if (auto it = types.find(type); it != types.end()) return it->second.get();
  PrintType* built =
      types.emplace(type, std::make_unique<PrintType>()).first->second.get();
  std::vector<const FieldDescriptor*> sorted;
  for (int i = 0; i < type->field_count(); ++i) sorted.push_back(type->field(i));
  std::sort(sorted.begin(), sorted.end(),
            [](auto* a, auto* b) { return a->number() < b->number(); });
  for (const FieldDescriptor* f : sorted) {
    built->fields.push_back(
        {f, f->cpp_type(), f->is_repeated(), f->type() == FieldDescriptor::TYPE_BYTES,
         json_internal::IsJsonStringCode(*f), absl::StrCat("\"", f->json_name(), "\":"),
         nullptr, f->type(), f->has_presence(), f->number()});
    if (f->message_type() != nullptr) {
      built->fields.back().nested = Build(f->message_type(), types);
    }
  }
  return built;
}

// Whether `type` and every type it nests are plain messages: no map, no
// well-known type (protobuf gives those JSON forms of their own).
bool Plain(const Descriptor* type, absl::flat_hash_set<const Descriptor*>& seen) {
  if (!seen.insert(type).second) return true;
  if (type->options().map_entry() || type->file()->package() == "google.protobuf")
    return false;
  for (int i = 0; i < type->field_count(); ++i) {
    const Descriptor* nested = type->field(i)->message_type();
    if (nested != nullptr && !Plain(nested, seen)) return false;
  }
  return true;
}

// The print plan of `type`, built once per process; one lock per document,
// not per nested message.
const PrintType& PrintTypeOf(const Descriptor* type) {
  static absl::Mutex mutex(absl::kConstInit);
  static auto* types = new PrintTypes;
  static auto* checked = new absl::flat_hash_set<const Descriptor*>;
  absl::MutexLock lock(&mutex);
  PrintType* plan = Build(type, *types);
  if (checked->insert(type).second) {
    absl::flat_hash_set<const Descriptor*> seen;
    plan->own = Plain(type, seen);
  }
  return *plan;
}

// Whether protobuf's JSON printer writes code point `cp` as an escape:
// controls (C0, DEL, C1), the characters HTML cares about, and invisible
// formatting characters that JavaScript handles badly.
bool Escaped(uint32_t cp) {
  if (cp < 0x20 || cp == '"' || cp == '\\' || cp == '<' || cp == '>') return true;
  if (cp >= 0x7F && cp <= 0x9F) return true;
  switch (cp) {
    case 0xAD:
    case 0x6DD:
    case 0x70F:
    case 0x17B4:
    case 0x17B5:
    case 0xFEFF:
    case 0xFFF9:
    case 0xFFFA:
    case 0xFFFB:
    case 0xE0001:
      return true;
    default:
      break;
  }
  return (cp >= 0x600 && cp <= 0x603) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x206A && cp <= 0x206F) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

void AppendUnit(uint32_t unit, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char escape[6] = {'\\',
                          'u',
                          kHex[(unit >> 12) & 0xF],
                          kHex[(unit >> 8) & 0xF],
                          kHex[(unit >> 4) & 0xF],
                          kHex[unit & 0xF]};
  out->append(escape, 6);
}

// Decodes the UTF-8 sequence at text[i]; false for an invalid one, which
// protobuf leaves out of its output.
bool Decode(absl::string_view text, size_t& i, uint32_t& cp) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  int more = lead < 0x80   ? 0
             : lead < 0xC0 ? -1
             : lead < 0xE0 ? 1
             : lead < 0xF0 ? 2
             : lead < 0xF8 ? 3
                           : -1;
  if (more < 0) {
    ++i;
    return false;
  }
  cp = more == 0 ? lead : lead & (0x3F >> more);
  ++i;
  for (; more > 0; --more) {
    if (i >= text.size()) return false;
    // A bad continuation byte is dropped with the sequence it breaks.
    const unsigned char c = static_cast<unsigned char>(text[i++]);
    if (c < 0x80 || c > 0xBF) return false;
    cp = (cp << 6) | (c & 0x3F);
  }
  return !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
}

void AppendEscaped(absl::string_view text, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '<' && c != '>') {
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const size_t start = i;
    uint32_t cp;
    if (!Decode(text, i, cp)) continue;
    if (!Escaped(cp)) {
      out->append(text.data() + start, i - start);
      continue;
    }
    switch (cp) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (cp < 0x10000) {
          AppendUnit(cp, out);
        } else {  // as a UTF-16 surrogate pair
          AppendUnit(0xD800 + ((cp - 0x10000) >> 10), out);
          AppendUnit(0xDC00 + ((cp - 0x10000) & 0x3FF), out);
        }
    }
  }
  out->push_back('"');
}

void AppendDouble(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%.15g", value);
  if (strtod(buffer, nullptr) != value) snprintf(buffer, sizeof(buffer), "%.17g", value);
  out->append(buffer);
}

void AppendFloat(float value, std::string* out) {
  if (std::isnan(value) || std::isinf(value)) {
    AppendDouble(value, out);
    return;
  }
  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%.6g", value);
  if (strtof(buffer, nullptr) != value) snprintf(buffer, sizeof(buffer), "%.9g", value);
  out->append(buffer);
}

void AppendMessage(const Message& m, const PrintType& type, int indent, bool empty,
                   std::string* out);

// `indent`: the level of the value when pretty, or -1. `empty`: as
// JsonPrintOptions::empty_values.
void AppendValue(const Message& m, const PrintField& pf, int i, int indent, bool empty,
                 std::string* out) {
  const Reflection* r = m.GetReflection();
  const FieldDescriptor* f = pf.field;
  const bool rep = pf.repeated;
  std::string scratch;
  switch (pf.cpp_type) {
    case FieldDescriptor::CPPTYPE_STRING: {
      const std::string& s = rep ? r->GetRepeatedStringReference(m, f, i, &scratch)
                                 : r->GetStringReference(m, f, &scratch);
      if (pf.bytes) {
        out->push_back('"');
        out->append(absl::Base64Escape(s));
        out->push_back('"');
      } else {
        AppendEscaped(s, out);
      }
      return;
    }
    case FieldDescriptor::CPPTYPE_INT32:
      absl::StrAppend(out, rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f));
      return;
    case FieldDescriptor::CPPTYPE_UINT32:
      absl::StrAppend(out, rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f));
      return;
    case FieldDescriptor::CPPTYPE_INT64:
      absl::StrAppend(out, "\"", rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f),
                      "\"");
      return;
    case FieldDescriptor::CPPTYPE_UINT64:
      absl::StrAppend(out, "\"", rep ? r->GetRepeatedUInt64(m, f, i) : r->GetUInt64(m, f),
                      "\"");
      return;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int code = rep ? r->GetRepeatedEnumValue(m, f, i) : r->GetEnumValue(m, f);
      if (pf.json_string) {
        absl::StrAppend(out, "\"", code, "\"");
      } else {
        absl::StrAppend(out, code);
      }
      return;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
      AppendDouble(rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f), out);
      return;
    case FieldDescriptor::CPPTYPE_FLOAT:
      AppendFloat(rep ? r->GetRepeatedFloat(m, f, i) : r->GetFloat(m, f), out);
      return;
    case FieldDescriptor::CPPTYPE_BOOL:
      out->append((rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "true"
                                                                         : "false");
      return;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      AppendMessage(rep ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f),
                    *pf.nested, indent, empty, out);
      return;
  }
}

// Before an object's member or a list's element: a comma after the first,
// and when pretty a new line at `indent`.
void Separate(bool first, int indent, std::string* out) {
  if (!first) out->push_back(',');
  if (indent < 0) return;
  out->push_back('\n');
  out->append(static_cast<size_t>(indent), ' ');
}

// The empty value of a field that the wire form reads as absent.
const char* EmptyValue(const PrintField& pf) {
  if (pf.repeated) return "[]";
  return pf.cpp_type == FieldDescriptor::CPPTYPE_STRING && !pf.bytes ? "\"\"" : "null";
}

// `indent`: the level of the message when pretty, or -1. `empty`: as
// JsonPrintOptions::empty_values.
void AppendMessage(const Message& m, const PrintType& type, int indent, bool empty,
                   std::string* out) {
  const Reflection* r = m.GetReflection();
  const int inner = indent < 0 ? -1 : indent + 1;
  out->push_back('{');
  bool first = true;
  for (const PrintField& pf : type.fields) {
    const int size =
        pf.repeated ? r->FieldSize(m, pf.field) : (r->HasField(m, pf.field) ? 1 : 0);
    if (size == 0 && !empty) continue;
    Separate(first, inner, out);
    first = false;
    out->append(pf.key);
    if (indent >= 0) out->push_back(' ');
    if (size == 0) {
      out->append(EmptyValue(pf));
      continue;
    }
    if (!pf.repeated) {
      AppendValue(m, pf, -1, inner, empty, out);
      continue;
    }
    out->push_back('[');
    for (int i = 0; i < size; ++i) {
      Separate(i == 0, inner < 0 ? -1 : inner + 1, out);
      AppendValue(m, pf, i, inner < 0 ? -1 : inner + 1, empty, out);
    }
    Separate(true, inner, out);
    out->push_back(']');
  }
  if (!first) Separate(true, indent, out);
  out->push_back('}');
}

// --- Straight from the wire (PrintWireAsJson).

// One scalar read off the wire, before it is known whether it is printed.
struct WireScalar {
  uint64_t bits = 0;
  absl::string_view text;  // a string's or bytes' value
};

// Reads a scalar of `pf` in wire type `wire_type` at `*p`; false when the
// declaration cannot come in that wire type or the bytes are malformed.
bool ReadScalar(const PrintField& pf, uint32_t wire_type, const char** p, const char* end,
                WireScalar* v) {
  using T = FieldDescriptor;
  switch (pf.type) {
    case T::TYPE_STRING:
    case T::TYPE_BYTES:
      return wire_type == io_internal::kLength &&
             io_internal::SkipValue(wire_type, p, end, &v->text) &&
             (pf.bytes || validate_internal::IsValidUtf8(v->text));
    case T::TYPE_FIXED64:
    case T::TYPE_SFIXED64:
    case T::TYPE_DOUBLE:
      if (wire_type != io_internal::kFixed64 || end - *p < 8) return false;
      std::memcpy(&v->bits, *p, 8);  // little-endian, as the wire
      *p += 8;
      return true;
    case T::TYPE_FIXED32:
    case T::TYPE_SFIXED32:
    case T::TYPE_FLOAT: {
      if (wire_type != io_internal::kFixed32 || end - *p < 4) return false;
      uint32_t bits;
      std::memcpy(&bits, *p, 4);
      *p += 4;
      v->bits = bits;
      return true;
    }
    default:
      return wire_type == io_internal::kVarint &&
             io_internal::ReadVarint(p, end, &v->bits);
  }
}

// Whether a field without presence holding `v` is absent to protobuf (its
// default). Sets `*exact` false for a float zero of another sign, which
// protobuf's reflection may treat either way.
bool IsDefault(const PrintField& pf, const WireScalar& v, bool* exact) {
  if (pf.cpp_type == FieldDescriptor::CPPTYPE_STRING) return v.text.empty();
  if (pf.cpp_type == FieldDescriptor::CPPTYPE_BOOL) return v.bits == 0;
  if (pf.type == FieldDescriptor::TYPE_FLOAT) {
    float f;
    const auto bits = static_cast<uint32_t>(v.bits);
    std::memcpy(&f, &bits, 4);
    *exact = !(f == 0 && bits != 0);
  } else if (pf.type == FieldDescriptor::TYPE_DOUBLE) {
    double d;
    std::memcpy(&d, &v.bits, 8);
    *exact = !(d == 0 && v.bits != 0);
  } else if (pf.type == FieldDescriptor::TYPE_INT32 ||
             pf.type == FieldDescriptor::TYPE_ENUM ||
             pf.type == FieldDescriptor::TYPE_UINT32) {
    return static_cast<uint32_t>(v.bits) == 0;  // as protobuf truncates it
  }
  return v.bits == 0;
}

int64_t ZigZag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

// Appends scalar `v` of `pf` as AppendValue appends it parsed.
void AppendScalar(const PrintField& pf, const WireScalar& v, std::string* out) {
  using T = FieldDescriptor;
  switch (pf.type) {
    case T::TYPE_STRING:
      return AppendEscaped(v.text, out);
    case T::TYPE_BYTES:
      out->push_back('"');
      out->append(absl::Base64Escape(v.text));
      out->push_back('"');
      return;
    case T::TYPE_INT32:
    case T::TYPE_SFIXED32:
      return absl::StrAppend(out, static_cast<int32_t>(v.bits));
    case T::TYPE_SINT32:
      return absl::StrAppend(out,
                             static_cast<int32_t>(ZigZag(static_cast<uint32_t>(v.bits))));
    case T::TYPE_UINT32:
    case T::TYPE_FIXED32:
      return absl::StrAppend(out, static_cast<uint32_t>(v.bits));
    case T::TYPE_INT64:
    case T::TYPE_SFIXED64:
      return absl::StrAppend(out, "\"", static_cast<int64_t>(v.bits), "\"");
    case T::TYPE_SINT64:
      return absl::StrAppend(out, "\"", ZigZag(v.bits), "\"");
    case T::TYPE_UINT64:
    case T::TYPE_FIXED64:
      return absl::StrAppend(out, "\"", v.bits, "\"");
    case T::TYPE_ENUM:
      if (pf.json_string) {
        return absl::StrAppend(out, "\"", static_cast<int32_t>(v.bits), "\"");
      }
      return absl::StrAppend(out, static_cast<int32_t>(v.bits));
    case T::TYPE_BOOL:
      out->append(v.bits != 0 ? "true" : "false");
      return;
    case T::TYPE_DOUBLE: {
      double d;
      std::memcpy(&d, &v.bits, 8);
      return AppendDouble(d, out);
    }
    case T::TYPE_FLOAT: {
      float f;
      const auto bits = static_cast<uint32_t>(v.bits);
      std::memcpy(&f, &bits, 4);
      return AppendFloat(f, out);
    }
    default:
      return;  // messages and groups are not scalars
  }
}

// The field numbered `number` at or after `*next` in `type`'s number order,
// moving `*next` past it; null when there is none (unknown, or out of the
// order a serializer writes).
const PrintField* NextField(const PrintType& type, uint64_t number, size_t* next) {
  for (size_t i = *next; i < type.fields.size(); ++i) {
    if (static_cast<uint64_t>(type.fields[i].number) == number) {
      *next = i + 1;
      return &type.fields[i];
    }
    if (static_cast<uint64_t>(type.fields[i].number) > number) break;
  }
  return nullptr;
}

bool AppendWireMessage(const PrintType& type, absl::string_view in, int depth,
                       std::string* out);

// Appends one value of `pf` at `*p`: a message, a scalar, or (a packed
// list) every scalar in it, comma-separated after the list's first.
bool AppendWireValues(const PrintField& pf, uint32_t wire_type, const char** p,
                      const char* end, int depth, bool* first_in_list, std::string* out) {
  if (pf.cpp_type == FieldDescriptor::CPPTYPE_MESSAGE) {
    absl::string_view payload;
    if (wire_type != io_internal::kLength ||
        !io_internal::SkipValue(wire_type, p, end, &payload)) {
      return false;
    }
    if (!*first_in_list) out->push_back(',');
    *first_in_list = false;
    return AppendWireMessage(*pf.nested, payload, depth + 1, out);
  }
  const bool packed =
      wire_type == io_internal::kLength && pf.cpp_type != FieldDescriptor::CPPTYPE_STRING;
  if (!packed) {
    WireScalar v;
    if (!ReadScalar(pf, wire_type, p, end, &v)) return false;
    if (!*first_in_list) out->push_back(',');
    *first_in_list = false;
    AppendScalar(pf, v, out);
    return true;
  }
  absl::string_view list;
  if (!io_internal::SkipValue(wire_type, p, end, &list)) return false;
  const uint32_t element_type = io_internal::WireTypeOf(pf.type);
  const char* q = list.data();
  const char* const list_end = q + list.size();
  while (q < list_end) {
    WireScalar v;
    if (!ReadScalar(pf, element_type, &q, list_end, &v)) return false;
    if (!*first_in_list) out->push_back(',');
    *first_in_list = false;
    AppendScalar(pf, v, out);
  }
  return true;
}

// Appends the message of `type` whose binary form is `in`, compact and
// without empty values, as AppendMessage appends it parsed. False when the
// bytes are malformed or not in canonical order (see PrintWireAsJson).
bool AppendWireMessage(const PrintType& type, absl::string_view in, int depth,
                       std::string* out) {
  if (depth > io_internal::kMaxMessageDepth || !type.own) return false;
  out->push_back('{');
  const char* p = in.data();
  const char* const end = p + in.size();
  size_t next = 0;                   // the first field that may still come
  const PrintField* list = nullptr;  // the repeated field whose list is open
  bool first_in_list = true;
  bool first = true;
  while (p < end) {
    uint64_t tag;
    if (!io_internal::ReadVarint(&p, end, &tag)) return false;
    const auto wire_type = static_cast<uint32_t>(tag & 7);
    const PrintField* pf =
        list != nullptr && static_cast<uint64_t>(list->number) == tag >> 3
            ? list
            : NextField(type, tag >> 3, &next);
    if (pf == nullptr) return false;
    if (pf != list && list != nullptr) {
      out->push_back(']');
      list = nullptr;
    }
    if (pf->repeated) {
      if (list == nullptr) {
        Separate(first, -1, out);
        first = false;
        out->append(pf->key);
        out->push_back('[');
        list = pf;
        first_in_list = true;
      }
      if (!AppendWireValues(*pf, wire_type, &p, end, depth, &first_in_list, out))
        return false;
      continue;
    }
    if (pf->cpp_type != FieldDescriptor::CPPTYPE_MESSAGE) {
      WireScalar v;
      if (!ReadScalar(*pf, wire_type, &p, end, &v)) return false;
      bool exact = true;
      const bool absent = !pf->presence && IsDefault(*pf, v, &exact);
      if (!exact) return false;
      if (absent) continue;
      Separate(first, -1, out);
      first = false;
      out->append(pf->key);
      AppendScalar(*pf, v, out);
      continue;
    }
    Separate(first, -1, out);
    first = false;
    out->append(pf->key);
    bool unused = true;
    if (!AppendWireValues(*pf, wire_type, &p, end, depth, &unused, out)) return false;
  }
  if (list != nullptr) out->push_back(']');
  out->push_back('}');
  return true;
}
}  // namespace

namespace json_internal {

bool PrintVumJson(const Message& message, const JsonPrintOptions& options,
                  std::string* out) {
  out->clear();
  const PrintType& type = PrintTypeOf(message.GetDescriptor());
  if (!type.own) {
    google::protobuf::util::JsonPrintOptions print;
    print.add_whitespace = options.pretty;
    print.always_print_enums_as_ints = true;
    return google::protobuf::util::MessageToJsonString(message, out, print).ok();
  }
  AppendMessage(message, type, options.pretty ? 0 : -1, options.empty_values, out);
  if (options.pretty) out->push_back('\n');
  return true;
}

bool PrintWireAsJson(const Descriptor* type, absl::string_view wire, std::string* out) {
  out->clear();
  if (AppendWireMessage(PrintTypeOf(type), wire, 0, out)) return true;
  out->clear();
  return false;
}

}  // namespace json_internal

void PrintJsonFast(const Message& message, std::string* out) {
  if (!json_internal::PrintVumJson(message, {}, out)) out->clear();
}

}  // namespace vum
