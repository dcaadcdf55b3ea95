#include "lib/selection/fact_reader.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "lib/io/wire_format.h"
#include "lib/selection/plan.h"
#include "lib/selection/zeroed.h"
#include "lib/validate/formats.h"

namespace vum::selection_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The selectable leaf paths as a tree of fields.
struct FieldNode {
  const FieldDescriptor* field = nullptr;  // null at the root
  int leaf = -1;                           // the leaf path that ends here, or -1
  std::vector<FieldNode> children;

  static FieldNode Of(const std::vector<LeafPath>& leaves) {
    FieldNode root;
    for (const LeafPath& leaf : leaves) {
      FieldNode* node = &root;
      for (const FieldDescriptor* f : leaf.fields) {
        auto it = std::find_if(node->children.begin(), node->children.end(),
                               [f](const FieldNode& c) { return c.field == f; });
        if (it == node->children.end()) {
          node->children.push_back({f, -1, {}});
          it = node->children.end() - 1;
        }
        node = &*it;
      }
      node->leaf = leaf.id;
    }
    return root;
  }
  const FieldNode* Child(const FieldDescriptor* f) const {
    for (const FieldNode& c : children) {
      if (c.field == f) return &c;
    }
    return nullptr;
  }
};

enum Key : uint8_t { kNoKey, kId, kPostcode, kMaxKm };

int32_t ZigZag32(uint64_t v) {
  const auto u = static_cast<uint32_t>(v);
  return static_cast<int32_t>((u >> 1) ^ (~(u & 1) + 1));
}

}  // namespace

Table TableOf(const LeafPath& leaf) {
  switch (leaf.fields.back()->cpp_type()) {
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return Table::kCodes;
    case FieldDescriptor::CPPTYPE_STRING:
      return leaf.kind == ValueKind::kDate   ? Table::kNone
             : leaf.kind == ValueKind::kCode ? Table::kCodes
                                             : Table::kTexts;
    default:
      return Table::kNone;
  }
}

KeyFields KeyFields::Of(const Descriptor* root) {
  KeyFields k;
  k.id = {root->field(0)};  // idWerkzoekende, idVacature
  auto chain = [root](const char* outer, const char* inner) {
    std::vector<const FieldDescriptor*> out;
    const FieldDescriptor* o = root->FindFieldByName(outer);
    if (o == nullptr || o->message_type() == nullptr) return out;
    const FieldDescriptor* i = o->message_type()->FindFieldByName(inner);
    if (i != nullptr) out = {o, i};
    return out;
  };
  if (root->FindFieldByName("mobiliteit") != nullptr) {
    k.postcode = chain("mobiliteit", "bemiddelingspostcode");
    k.max_km = chain("mobiliteit", "maximale_reisafstand");
  } else {
    k.postcode = chain("adres", "postcode");  // where the work is (koppelvlak 3.0)
  }
  return k;
}

std::optional<int32_t> TextValue(const LeafPath& leaf, absl::string_view text,
                                 ReadFacts* read) {
  switch (leaf.kind) {
    case ValueKind::kDate: {
      const auto day = validate_internal::DateKey(text);
      if (!day) return std::nullopt;
      return static_cast<int32_t>(*day);
    }
    case ValueKind::kCode:
      return read->AddText(text);
    default:
      return read->AddText(FoldCase(text));
  }
}

std::optional<int32_t> DoubleValue(double d, ReadFacts* read) {
  if (!std::isfinite(d) || d != std::floor(d) || std::abs(d) > 9e15) return std::nullopt;
  return read->AddText(absl::StrCat("#", static_cast<int64_t>(d)));
}

// What reading does with one declared field of a message type.
struct FactReader::Field {
  bool declared = false;
  uint8_t wire = 0;  // the wire type of one value
  bool repeated = false;
  bool packable = false;  // a repeated number, which may come packed
  bool implicit = false;  // singular without presence: its default is absence
  bool utf8 = false;      // text protobuf checks (proto3 string)
  uint8_t key = kNoKey;
  FieldDescriptor::Type type = FieldDescriptor::TYPE_BYTES;
  int leaf = -1;      // the leaf path ending here, or -1
  int nested = -1;    // the nested message's Type, or -1
  uint32_t slot = 0;  // singular: its presence bit; repeated: its counter
};

struct FactReader::Type {
  std::vector<Field> by_number;
  uint32_t presence_bits = 0;
  uint32_t counters = 0;
};

// Builds a reader's Types: one per message type on the way to a leaf or a
// key (its fields know which), one per other message type (checked only).
class FactReader::Builder {
 public:
  Builder(const std::vector<LeafPath>& leaves, const KeyFields& k,
          std::vector<Type>* types)
      : tree_(FieldNode::Of(leaves)),
        keys_{{}, k.id, k.postcode, k.max_km},
        types_(*types) {}

  // Builds the root's Type, types_[0].
  void Root(const Descriptor* root) {
    uint32_t mask = 0;  // every key's chain starts at the root
    for (int key = kId; key <= kMaxKm; ++key) {
      if (!keys_[key].empty()) mask |= 1u << key;
    }
    Build(root, &tree_, mask, 0);
  }

 private:
  // The Type of `type` reached through `node` of the tree (or none) with the
  // chains of the keys in `mask` going on below, at `depth`; its index.
  int Build(const Descriptor* type, const FieldNode* node, uint32_t mask, size_t depth) {
    const bool on_path = node != nullptr || mask != 0;
    if (!on_path) {
      if (auto it = plain_.find(type); it != plain_.end()) return it->second;
    }
    const int index = static_cast<int>(types_.size());
    if (!on_path) plain_[type] = index;
    types_.emplace_back();  // a recursive type finds its index meanwhile
    Type t = Declared(type);
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      Field& e = t.by_number[f->number()];
      const FieldNode* child = node != nullptr ? node->Child(f) : nullptr;
      if (child != nullptr) e.leaf = child->leaf;
      uint32_t below = 0;
      for (int key = kId; key <= kMaxKm; ++key) {
        const auto& chain = keys_[key];
        if (!((mask >> key) & 1u) || chain.size() <= depth || chain[depth] != f) continue;
        if (chain.size() == depth + 1) {
          e.key = static_cast<uint8_t>(key);
        } else {
          below |= 1u << key;
        }
      }
      if (f->message_type() != nullptr) {
        const bool inner = child != nullptr && !child->children.empty();
        e.nested = Build(f->message_type(), inner ? child : nullptr, below, depth + 1);
      }
    }
    types_[index] = std::move(t);
    return index;
  }

  // What the declarations of `type`'s fields say, before leaves and keys.
  static Type Declared(const Descriptor* type) {
    Type t;
    int max_number = 0;
    for (int i = 0; i < type->field_count(); ++i)
      max_number = std::max(max_number, type->field(i)->number());
    t.by_number.resize(max_number + 1);
    absl::flat_hash_map<const google::protobuf::OneofDescriptor*, uint32_t> oneof_bits;
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      Field& e = t.by_number[f->number()];
      e.declared = true;
      e.type = f->type();
      e.wire = io_internal::WireTypeOf(f->type());
      e.repeated = f->is_repeated();
      e.packable = e.repeated && e.wire != io_internal::kLength;
      e.implicit = !e.repeated && !f->has_presence();
      e.utf8 = f->type() == FieldDescriptor::TYPE_STRING &&
               f->file()->syntax() == google::protobuf::FileDescriptor::SYNTAX_PROTO3;
      if (e.repeated) {
        e.slot = t.counters++;
      } else if (const auto* o = f->containing_oneof()) {
        // Members of one oneof share a bit: a second member would clear the first.
        auto [it, added] = oneof_bits.try_emplace(o, t.presence_bits);
        if (added) ++t.presence_bits;
        e.slot = it->second;
      } else {
        e.slot = t.presence_bits++;
      }
    }
    return t;
  }

  const FieldNode tree_;
  const std::vector<const FieldDescriptor*> keys_[kMaxKm + 1];  // by Key
  std::vector<Type>& types_;
  absl::flat_hash_map<const Descriptor*, int> plain_;  // Types of no leaf or key
};

FactReader::FactReader(const PathCatalogue& paths)
    : FactReader(paths.root(), paths.leaves(), KeyFields::Of(paths.root())) {}

FactReader::FactReader(const Descriptor* root, const std::vector<LeafPath>& leaves,
                       const KeyFields& keys)
    : leaves_(leaves) {
  Builder(leaves, keys, &types_).Root(root);
}

FactReader::~FactReader() = default;

// One Read: the reader's tables, what it reads into, and what it checks.
class FactReader::Walk {
 public:
  Walk(const FactReader& reader, bool check_text, ReadFacts* read, RecordKeys* keys)
      : reader_(reader), check_text_(check_text), read_(read), keys_(keys) {}

  // Reads the message of Type `t` in `in`; its values belong to list element
  // `group`; `collect`: facts are kept (false below the 65,536th element of
  // a list, which the index does not keep). False to decline.
  bool Message(int t, absl::string_view in, int group, bool collect, int depth) {
    if (depth > io_internal::kMaxMessageDepth) return false;
    const Type& type = reader_.types_[t];
    Zeroed<uint64_t, 2> seen((type.presence_bits + 63) / 64);
    Zeroed<uint32_t, 16> count(type.counters);
    const char* p = in.data();
    const char* const end = p + in.size();
    while (p < end) {
      uint64_t tag;
      if (!io_internal::ReadVarint(&p, end, &tag) || tag > UINT32_MAX) return false;
      const uint64_t number = tag >> 3;
      const auto wire = static_cast<uint32_t>(tag & 7);
      if (number == 0) return false;
      if (number >= type.by_number.size() || !type.by_number[number].declared) {
        absl::string_view skipped;  // groups decline here (SkipValue)
        if (!io_internal::SkipValue(wire, &p, end, &skipped)) return false;
        continue;
      }
      const Field& f = type.by_number[number];
      if (f.repeated) {
        if (wire == io_internal::kLength && f.packable) {
          absl::string_view packed;
          if (!io_internal::SkipValue(wire, &p, end, &packed)) return false;
          if (!Packed(f, packed, &count[f.slot], collect)) return false;
          continue;
        }
        if (wire != f.wire || !Element(f, &p, end, &count[f.slot], collect, depth))
          return false;
        continue;
      }
      if (wire != f.wire) return false;
      uint64_t& word = seen[f.slot / 64];
      const uint64_t bit = uint64_t{1} << (f.slot % 64);
      if (word & bit) return false;  // given twice: protobuf would merge or replace
      word |= bit;
      if (!Value(f, &p, end, group, collect, depth)) return false;
    }
    return true;
  }

 private:
  bool Packed(const Field& f, absl::string_view in, uint32_t* count, bool collect) {
    const char* p = in.data();
    const char* const end = p + in.size();
    while (p < end) {
      if (!Element(f, &p, end, count, collect, 0)) return false;
    }
    return true;
  }

  // Reads the next element of list `f` (`*count` read so far): its own group;
  // no facts from the 65,536th on (the index keeps none).
  bool Element(const Field& f, const char** p, const char* end, uint32_t* count,
               bool collect, int depth) {
    const uint32_t i = (*count)++;
    return Value(f, p, end, static_cast<int>(std::min<uint32_t>(i, 65535)),
                 collect && i < 65535, depth);
  }

  // Reads one value of `f` at `*p`, of list element `group`.
  bool Value(const Field& f, const char** p, const char* end, int group, bool collect,
             int depth) {
    absl::string_view payload;
    if (!io_internal::SkipValue(f.wire, p, end, &payload)) return false;
    if (f.nested >= 0) return Message(f.nested, payload, group, collect, depth + 1);
    if (f.wire == io_internal::kLength) {
      if (f.utf8 && check_text_ && !validate_internal::IsValidUtf8(payload)) return false;
      if (f.key == kId) keys_->id = payload;
      if (f.key == kPostcode) keys_->postcode = payload;
      if (f.implicit && payload.empty()) return false;  // protobuf writes no default
      if (f.leaf >= 0 && collect) Add(f.leaf, group, TextValue(Leaf(f), payload, read_));
      return true;
    }
    // A singular field without presence that holds its default is absent to
    // protobuf, which does not write it: declined, as not in its form.
    std::optional<int32_t> number;
    if (f.wire == io_internal::kVarint) {
      uint64_t v;
      const char* q = payload.data();
      if (!io_internal::ReadVarint(&q, q + payload.size(), &v)) return false;
      if (f.type == FieldDescriptor::TYPE_INT32 || f.type == FieldDescriptor::TYPE_ENUM) {
        number = static_cast<int32_t>(v);  // as protobuf: the low 32 bits
      } else if (f.type == FieldDescriptor::TYPE_SINT32) {
        number = ZigZag32(v);
      }
      if (f.implicit && (number ? *number == 0 : v == 0)) return false;
    } else if (f.wire == io_internal::kFixed32) {
      uint32_t v;
      std::memcpy(&v, payload.data(), 4);
      if (f.implicit && v == 0) return false;
      if (f.type == FieldDescriptor::TYPE_SFIXED32) number = static_cast<int32_t>(v);
    } else {
      uint64_t bits;
      std::memcpy(&bits, payload.data(), 8);
      if (f.implicit && bits == 0) return false;
      if (f.type == FieldDescriptor::TYPE_DOUBLE && f.leaf >= 0 && collect) {
        double d;
        std::memcpy(&d, &bits, 8);
        Add(f.leaf, group, DoubleValue(d, read_));
      }
      return true;
    }
    if (f.key == kMaxKm && number) keys_->max_km = std::clamp(*number, 0, 32767);
    if (f.leaf >= 0 && collect && number) Add(f.leaf, group, number);
    return true;
  }

  const LeafPath& Leaf(const Field& f) const { return reader_.leaves_[f.leaf]; }

  // Writes the fact in its place: one assembled on the stack first was then
  // read as one word, which waited for its three smaller stores (no store
  // forwarding; 42% of Value's time).
  void Add(int leaf, int group, std::optional<int32_t> value) {
    if (!value) return;
    Fact& f = read_->facts.emplace_back();
    f.path = static_cast<uint16_t>(leaf);
    f.group = static_cast<uint16_t>(group);
    f.value = *value;
  }

  const FactReader& reader_;
  const bool check_text_;
  ReadFacts* const read_;
  RecordKeys* const keys_;
};

FactReader::Outcome FactReader::Read(absl::string_view bytes, Check check,
                                     ReadFacts* read, RecordKeys* keys) const {
  const ReadFacts::Mark mark = read->Here();
  *keys = RecordKeys{};
  Walk walk(*this, check == kCheckText, read, keys);
  if (walk.Message(0, bytes, 0, true, 0)) return kRead;
  read->Truncate(mark);
  return kDeclined;
}

}  // namespace vum::selection_internal
