// The fast path of JsonParser: VUM JSON in the interface's wire form (empty
// values read as absent, codes in their JSON type) straight into a message,
// with simdjson's DOM API (which picks the best kernel for the CPU at run time;
// its on-demand API is fixed at compile time, to the scalar kernel for a
// portable build). Whatever it does not recognise as canonical it leaves to
// protobuf's parser (ParseJson), which then decides, so that acceptance and
// error messages are protobuf's by construction.
//
// The standard's messages are read by parsers generated from the schema
// (vum_codegen, json_values.h); any other message type through reflection,
// driven by its descriptor. Both take the same values (json_values.h).

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/message.h"
#include "lib/access/field_access.h"
#include "lib/json/json_binary.h"
#include "lib/json/json_shape.h"
#include "lib/json/json_values.h"
#include "vum/json.h"

namespace vum {
namespace json_internal {

namespace {

// Appends the segments from the root down to the object at `at`.
void AppendPathTo(const AbsentAt& at, FieldPath& path) {
  if (at.parent == nullptr) return;  // the root has no name
  AppendPathTo(*at.parent, path);
  path.Append(absl::string_view(at.name.data(), at.name.size()), at.index);
}

}  // namespace

void ListAbsent(const AbsentAt& at, std::string_view name) {
  size_t chars = name.size();
  for (const AbsentAt* a = &at; a->parent != nullptr; a = a->parent) {
    chars += a->name.size() + 1 + (a->index >= 0 ? 12 : 0);
  }
  if (at.out->capacity() == 0) at.out->reserve(32);  // one allocation per document
  FieldPath path;
  path.Reserve(chars);
  AppendPathTo(at, path);
  path.Append(absl::string_view(name.data(), name.size()));
  at.out->push_back(std::move(path));
}

}  // namespace json_internal

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using json_internal::AbsentAt;
using json_internal::FieldShape;
using json_internal::GeneratedParse;

struct TypeInfo;

struct FieldInfo {
  const FieldDescriptor* field;
  FieldDescriptor::CppType cpp_type;
  bool repeated;
  bool bytes;
  bool json_string;  // a code the interface types as a string
  int index;         // bit in the object's "seen" mask
  int oneof = -1;    // bit in the object's "oneof set" mask, or -1
  TypeInfo* nested = nullptr;
};

struct TypeInfo {
  // The generated parser, or null to read through reflection.
  GeneratedParse generated = nullptr;
  // The reflection of the type's generated class, when messages read with
  // this info are instances of it; null (a DynamicMessage) to ask each
  // message for its own.
  const Reflection* reflection = nullptr;
  absl::flat_hash_map<std::string_view, FieldInfo> fields;  // by JSON name
  bool fast = true;  // false: too many fields or oneofs for the masks
};

// The generated function `fn` of `type` among the `count` entries of
// `registry` (the parsers, the binary writers), while access tables are on
// (the switch that turns generated code off for the differential tests);
// null otherwise. One map per kind of entry, built on first use.
template <typename Entry, typename Fn>
Fn FindGenerated(const Entry* registry, int count, Fn Entry::*fn,
                 const Descriptor* type) {
  static const auto* const by_type = [&] {
    auto* m = new absl::flat_hash_map<const Descriptor*, Fn>;
    for (int i = 0; i < count; ++i) m->emplace(registry[i].descriptor(), registry[i].*fn);
    return m;
  }();
  if (access_internal::FindMessageAccess(type) == nullptr) return nullptr;
  auto it = by_type->find(type);
  return it == by_type->end() ? nullptr : it->second;
}

GeneratedParse FindGeneratedParse(const Descriptor* type) {
  return FindGenerated(json_internal::kGeneratedJsonParsers,
                       json_internal::kGeneratedJsonParserCount,
                       &json_internal::GeneratedJsonParser::parse, type);
}

json_internal::GeneratedBinary FindGeneratedBinary(const Descriptor* type) {
  return FindGenerated(json_internal::kGeneratedJsonBinaries,
                       json_internal::kGeneratedJsonBinaryCount,
                       &json_internal::GeneratedJsonBinary::write, type);
}

}  // namespace

struct JsonParser::Impl {
  simdjson::dom::parser parser;
  std::optional<InputLimits> limits;  // checked on each document's parse
  // With limits: whether `parser` has the strict depth limit
  // (json_internal::SimdjsonStrictDepthFor), so that a document it parses
  // nests within them.
  bool strict_depth = false;
  std::unique_ptr<simdjson::dom::parser> exact_parser;  // ExactParser's
  std::string padded;
  // By type: for instances of the generated classes, and for other messages
  // of the same types (a DynamicMessage), which only reflection may read.
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<TypeInfo>> types;
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<TypeInfo>> dynamic_types;
  uint64_t fast = 0;
  uint64_t fallback = 0;
  // For ParseToBinary, by type: its generated writer (or null), and the
  // message a document it declines is parsed into (of a type without a
  // generated class, made by `dynamic_factory`, which outlives it).
  absl::flat_hash_map<const Descriptor*, json_internal::GeneratedBinary> binaries;
  std::unique_ptr<google::protobuf::DynamicMessageFactory> dynamic_factory;
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<Message>> scratch;
  json_internal::BinaryWriter writer;

  // Parses `json` into `root`: in place when the caller promises the
  // padding simdjson reads past the end (JsonParser::kBytesReadPastEnd),
  // otherwise copied with it. With limits, an error for a document beyond
  // them.
  absl::Status ParseDom(absl::string_view json, bool in_place,
                        simdjson::error_code* parsed, simdjson::dom::element* root) {
    const char* text = json.data();
    if (!in_place) {
      padded.assign(json.data(), json.size());
      padded.resize(json.size() + simdjson::SIMDJSON_PADDING, '\0');
      text = padded.data();
    }
    // The DOM parse validates the whole document, trailing text included.
    *parsed = parser.parse(text, json.size(), false).get(*root);
    if (!limits.has_value()) return absl::OkStatus();
    if (!strict_depth)
      return json_internal::CheckParsedShape(*parsed, parser.doc, *limits);
    if (*parsed == simdjson::DEPTH_ERROR) {
      // Deeper than the strict parser takes; maybe not beyond the limit.
      simdjson::dom::parser& exact = ExactParser();
      *parsed = exact.parse(text, json.size(), false).get(*root);
      return json_internal::CheckParsedShape(*parsed, exact.doc, *limits);
    }
    if (*parsed == simdjson::SUCCESS &&
        json_internal::WithinLimitsUnchecked(json.size(), *limits)) {
      return absl::OkStatus();
    }
    return json_internal::CheckParsedShape(*parsed, parser.doc, *limits);
  }

  // A parser that takes one level more than `parser` (made when first
  // needed), whose documents CheckParsedShape counts.
  simdjson::dom::parser& ExactParser() {
    if (exact_parser == nullptr) {
      exact_parser = std::make_unique<simdjson::dom::parser>();
      // Should this allocation fail, each parse allocates again (or fails
      // with MEMALLOC) and CheckParsedShape still counts every level.
      const simdjson::error_code allocated = exact_parser->allocate(
          size_t{64} << 10, json_internal::SimdjsonDepthFor(*limits));
      static_cast<void>(allocated);
    }
    return *exact_parser;
  }

  json_internal::GeneratedBinary BinaryFor(const Descriptor* type) {
    auto it = binaries.find(type);
    if (it == binaries.end())
      it = binaries.emplace(type, FindGeneratedBinary(type)).first;
    return it->second;
  }

  Message* ScratchFor(const Descriptor* type) {
    std::unique_ptr<Message>& m = scratch[type];
    if (m != nullptr) return m.get();
    const Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
    if (prototype == nullptr) {
      if (dynamic_factory == nullptr)
        dynamic_factory = std::make_unique<google::protobuf::DynamicMessageFactory>();
      prototype = dynamic_factory->GetPrototype(type);
    }
    m.reset(prototype->New());
    return m.get();
  }

  // What reading `m` needs.
  TypeInfo* InfoFor(const google::protobuf::Message& m) {
    const Descriptor* type = m.GetDescriptor();
    const Reflection* r = m.GetReflection();
    auto it = types.find(type);
    if (it != types.end())
      return it->second->reflection == r ? it->second.get() : Info(type, false);
    const google::protobuf::Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
    return Info(type, prototype != nullptr && prototype->GetReflection() == r);
  }

  // `generated`: for instances of the type's generated class.
  TypeInfo* Info(const Descriptor* type, bool generated) {
    auto& infos = generated ? types : dynamic_types;
    auto it = infos.find(type);
    if (it != infos.end()) return it->second.get();
    auto info = std::make_unique<TypeInfo>();
    TypeInfo* raw = info.get();
    infos.emplace(type, std::move(info));
    if (generated) {
      raw->reflection = google::protobuf::MessageFactory::generated_factory()
                            ->GetPrototype(type)
                            ->GetReflection();
      raw->generated = FindGeneratedParse(type);
      if (raw->generated != nullptr) return raw;
    }
    raw->fast = type->field_count() <= 64 && type->real_oneof_decl_count() <= 64;
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      FieldInfo fi{f,
                   f->cpp_type(),
                   f->is_repeated(),
                   f->type() == FieldDescriptor::TYPE_BYTES,
                   json_internal::IsJsonStringCode(*f),
                   i};
      // Real oneofs only: the seen mask guards a proto3 `optional` field.
      if (f->real_containing_oneof() != nullptr)
        fi.oneof = f->real_containing_oneof()->index();
      if (f->message_type() != nullptr) fi.nested = Info(f->message_type(), generated);
      raw->fields.emplace(f->json_name(), fi);
      if (f->name() != f->json_name()) raw->fields.emplace(f->name(), fi);  // as protobuf
    }
    return raw;
  }

  // Each returns false to hand the document to protobuf. `at`: as for
  // GeneratedParse.
  bool Read(simdjson::dom::object object, google::protobuf::Message* m, TypeInfo* info,
            const AbsentAt* at);
  bool Object(simdjson::dom::object object, google::protobuf::Message* m, TypeInfo* info,
              const AbsentAt* at);
  bool Scalar(simdjson::dom::element value, google::protobuf::Message* m,
              const Reflection* r, const FieldInfo& fi);
};

bool JsonParser::Impl::Scalar(simdjson::dom::element value, google::protobuf::Message* m,
                              const Reflection* r, const FieldInfo& fi) {
  using namespace json_internal;  // the Read functions
  const FieldDescriptor* f = fi.field;
  switch (fi.cpp_type) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string_view text;
      if (fi.bytes || !ReadText(value, &text)) return false;
      fi.repeated ? r->AddString(m, f, std::string(text))
                  : r->SetString(m, f, std::string(text));
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_ENUM: {
      int32_t v;
      if (!(fi.json_string ? ReadCode(value, &v) : ReadInt32(value, &v))) return false;
      if (fi.cpp_type == FieldDescriptor::CPPTYPE_ENUM) {
        fi.repeated ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
      } else {
        fi.repeated ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!ReadUInt32(value, &v)) return false;
      fi.repeated ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!ReadInt64(value, &v)) return false;
      fi.repeated ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      return true;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!ReadUInt64(value, &v)) return false;
      fi.repeated ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
      return true;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double v;
      if (!ReadDouble(value, &v)) return false;
      fi.repeated ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
      return true;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (!ReadBool(value, &v)) return false;
      fi.repeated ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
      return true;
    }
    default:  // float: protobuf checks its range; leave it to protobuf
      return false;
  }
}

bool JsonParser::Impl::Read(simdjson::dom::object object, google::protobuf::Message* m,
                            TypeInfo* info, const AbsentAt* at) {
  if (info->generated != nullptr) return info->generated(object, m, at);
  m->Clear();
  return Object(object, m, info, at);
}

// Reads into a cleared message through reflection.
bool JsonParser::Impl::Object(simdjson::dom::object object, google::protobuf::Message* m,
                              TypeInfo* info, const AbsentAt* at) {
  using json_internal::ReadArray;
  using json_internal::ReadObject;
  if (!info->fast) return false;
  // The generated class's reflection is resolved once: Message::GetReflection()
  // checks a once-flag on every call.
  const Reflection* r =
      info->reflection != nullptr ? info->reflection : m->GetReflection();
  uint64_t seen = 0, oneofs = 0;
  for (simdjson::dom::key_value_pair member : object) {
    auto it = info->fields.find(member.key);
    if (it == info->fields.end()) return false;  // unknown, or a proto name
    const FieldInfo& fi = it->second;
    const simdjson::dom::element value = member.value;
    const FieldShape shape = fi.repeated            ? FieldShape::kList
                             : fi.nested != nullptr ? FieldShape::kRecord
                                                    : FieldShape::kScalar;
    const uint64_t bit = 1ull << fi.index;
    if (seen & bit) return false;  // named twice, by either name
    seen |= bit;
    if (json_internal::ReadAsAbsent(value, shape)) {  // `m` was cleared
      if (at != nullptr) json_internal::ListAbsent(*at, fi.field->json_name());
      continue;
    }
    if (fi.oneof >= 0) {
      if (oneofs & (1ull << fi.oneof)) return false;
      oneofs |= 1ull << fi.oneof;
    }
    simdjson::dom::object nested;
    if (fi.repeated) {
      simdjson::dom::array array;
      if (!ReadArray(value, &array)) return false;
      int index = 0;
      for (simdjson::dom::element element : array) {
        if (fi.nested != nullptr) {
          const AbsentAt inner{at != nullptr ? at->out : nullptr, at,
                               fi.field->json_name(), index++};
          if (!ReadObject(element, &nested) ||
              !Read(nested, r->AddMessage(m, fi.field), fi.nested,
                    at != nullptr ? &inner : nullptr)) {
            return false;
          }
        } else if (!Scalar(element, m, r, fi)) {
          return false;
        }
      }
    } else if (fi.nested != nullptr) {
      const AbsentAt inner{at != nullptr ? at->out : nullptr, at, fi.field->json_name(),
                           -1};
      if (!ReadObject(value, &nested) ||
          !Read(nested, r->MutableMessage(m, fi.field), fi.nested,
                at != nullptr ? &inner : nullptr)) {
        return false;
      }
    } else if (!Scalar(value, m, r, fi)) {
      return false;
    }
  }
  return true;
}

JsonParser::JsonParser() : impl_(std::make_unique<Impl>()) {}

JsonParser::JsonParser(const InputLimits& limits) : JsonParser() {
  impl_->limits = limits;
  // Should this allocation fail, the limit still holds: each parse allocates
  // again or fails with MEMALLOC, and CheckParsedShape counts every level.
  impl_->strict_depth =
      impl_->parser.allocate(size_t{64} << 10, json_internal::SimdjsonStrictDepthFor(
                                                   limits)) == simdjson::SUCCESS;
}

JsonParser::~JsonParser() = default;

uint64_t JsonParser::fast_count() const { return impl_->fast; }
uint64_t JsonParser::fallback_count() const { return impl_->fallback; }

absl::Status JsonParser::Parse(absl::string_view json, google::protobuf::Message* message,
                               std::vector<FieldPath>* absent) {
  Impl& impl = *impl_;
  if (absent != nullptr) absent->clear();
  simdjson::error_code parsed;
  simdjson::dom::element root;
  simdjson::dom::object object;
  const AbsentAt at_root{absent, nullptr, {}, -1};
  if (absl::Status s = impl.ParseDom(json, /*in_place=*/false, &parsed, &root); !s.ok())
    return s;
  const bool fast = parsed == simdjson::SUCCESS &&
                    json_internal::ReadObject(root, &object) &&
                    impl.Read(object, message, impl.InfoFor(*message),
                              absent != nullptr ? &at_root : nullptr);
  // Both readers refuse a member named twice, so the slow path's strict
  // check has nothing left to find.
  if (fast) {
    ++impl.fast;
    return absl::OkStatus();
  }
  ++impl.fallback;
  if (absent != nullptr) absent->clear();
  return ParseJson(json, message, absent);
}

absl::Status JsonParser::ParseToBinary(absl::string_view json, const Descriptor& type,
                                       std::string* binary,
                                       std::vector<FieldPath>* absent) {
  return ToBinary(json, /*in_place=*/false, type, binary, absent);
}

absl::Status JsonParser::ParseToBinaryInPlace(absl::string_view json,
                                              const Descriptor& type, std::string* binary,
                                              std::vector<FieldPath>* absent) {
  return ToBinary(json, /*in_place=*/true, type, binary, absent);
}

static_assert(JsonParser::kBytesReadPastEnd >= simdjson::SIMDJSON_PADDING);

absl::Status JsonParser::ToBinary(absl::string_view json, bool in_place,
                                  const Descriptor& type, std::string* binary,
                                  std::vector<FieldPath>* absent) {
  Impl& impl = *impl_;
  if (absent != nullptr) absent->clear();
  binary->clear();
  const json_internal::GeneratedBinary write = impl.BinaryFor(&type);
  if (write != nullptr) {
    simdjson::error_code parsed;
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (absl::Status s = impl.ParseDom(json, in_place, &parsed, &root); !s.ok()) return s;
    const AbsentAt at_root{absent, nullptr, {}, -1};
    json_internal::BinaryWriter& w = impl.writer;
    w.Clear();
    if (parsed == simdjson::SUCCESS && json_internal::ReadObject(root, &object) &&
        write(object, w, absent != nullptr ? &at_root : nullptr)) {
      binary->assign(w.view().data(), w.size());
      ++impl.fast;
      return absl::OkStatus();
    }
  }
  // Through a message, which Parse's fast path or ParseJson reads.
  Message* message = impl.ScratchFor(&type);
  if (absl::Status s = Parse(json, message, absent); !s.ok()) return s;
  if (!message->SerializeToString(binary)) {
    return absl::InvalidArgumentError("the document lacks a field its type requires");
  }
  return absl::OkStatus();
}

}  // namespace vum
