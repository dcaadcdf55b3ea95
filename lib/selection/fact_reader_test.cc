// FactReader: the values read from a record's bytes are those a reflective
// walk over the parsed message finds, for generated job seekers and
// vacancies, for a message with every kind of wire value, and for bytes
// protobuf accepts in other forms; whatever it reads of mutated bytes,
// protobuf accepts alike; whatever protobuf accepts, once written again by
// protobuf, it reads (the index's way back); what it declines is named.

#include "lib/selection/fact_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/stubs/logging.h"
#include "gtest/gtest.h"
#include "lib/io/wire_format.h"
#include "lib/testing/shipped_pc4.h"
#include "testing/wire_kinds.pb.h"
#include "vum/generator.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::selection_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// What a reader reads: the record type, its leaf paths and key fields.
struct Kind {
  const Descriptor* root;
  const std::vector<LeafPath>* leaves;
  KeyFields keys;
};

Kind KindOf(v1::SoortSelectie soort) {
  const PathCatalogue& p = *PathCatalogue::For(soort);
  return {p.root(), &p.leaves(), KeyFields::Of(p.root())};
}
const Kind& JobSeekers() {
  static const Kind* kind = new Kind(KindOf(v1::SOORT_SELECTIE_WERKZOEKENDEN));
  return *kind;
}
const Kind& Vacancies() {
  static const Kind* kind = new Kind(KindOf(v1::SOORT_SELECTIE_VACATURES));
  return *kind;
}

// vum.test.AlleSoorten with a leaf on every field that holds a value the index
// compares, and some it does not (int64, float: no value), in a list, a list
// in a list, a oneof and a message; keys on an optional text, a text in a
// message that is also a leaf, and an optional number.
const Kind& EveryKind() {
  static const Kind* kind = [] {
    const Descriptor* d = test::AlleSoorten::descriptor();
    const Descriptor* in = test::Binnen::descriptor();
    auto* leaves = new std::vector<LeafPath>;
    auto add = [&](std::vector<const FieldDescriptor*> fields, ValueKind k) {
      LeafPath leaf;
      leaf.id = static_cast<int>(leaves->size());
      leaf.fields = std::move(fields);
      leaf.kind = k;
      leaves->push_back(std::move(leaf));
    };
    for (const char* name : {"i32", "s32", "sf32", "ver", "keuze_getal", "i64", "fl"})
      add({d->FindFieldByName(name)}, ValueKind::kInteger);
    for (const char* name : {"rep_i32", "los_i32", "rep_f32"})
      add({d->FindFieldByName(name)}, ValueKind::kInteger);
    for (const char* name : {"kleur", "rep_kleur"})
      add({d->FindFieldByName(name)}, ValueKind::kEnum);
    for (const char* name : {"db", "opt_db", "rep_db"})
      add({d->FindFieldByName(name)}, ValueKind::kNumberCode);
    add({d->FindFieldByName("tekst")}, ValueKind::kText);
    add({d->FindFieldByName("keuze_tekst")}, ValueKind::kText);
    add({d->FindFieldByName("rep_tekst")}, ValueKind::kCode);
    add({d->FindFieldByName("data")}, ValueKind::kCode);
    add({d->FindFieldByName("binnen"), in->FindFieldByName("tekst")}, ValueKind::kDate);
    add({d->FindFieldByName("binnen"), in->FindFieldByName("getallen")},
        ValueKind::kInteger);
    add({d->FindFieldByName("rep_binnen"), in->FindFieldByName("getallen")},
        ValueKind::kInteger);
    add({d->FindFieldByName("rep_binnen"), in->FindFieldByName("dieper"),
         in->FindFieldByName("tekst")},
        ValueKind::kCode);
    KeyFields keys;
    keys.id = {d->FindFieldByName("opt_tekst")};
    keys.postcode = {d->FindFieldByName("binnen"), in->FindFieldByName("tekst")};
    keys.max_km = {d->FindFieldByName("opt_i32")};
    return new Kind{d, leaves, keys};
  }();
  return *kind;
}

// A fact with its text, if its leaf has a table: comparable across two reads.
struct Value {
  int path, group;
  int32_t number;
  std::string text;
  bool operator==(const Value& o) const {
    return path == o.path && group == o.group && number == o.number && text == o.text;
  }
  friend void PrintTo(const Value& v, std::ostream* os) {
    *os << "{path " << v.path << ", group " << v.group << ", " << v.number << ", \""
        << absl::CHexEscape(v.text) << "\"}";
  }
};

std::vector<Value> Values(const Kind& kind, ReadFacts read) {
  std::stable_sort(read.facts.begin(), read.facts.end());
  std::vector<Value> out;
  for (const Fact& f : read.facts) {
    const bool text = TableOf((*kind.leaves)[f.path]) != Table::kNone;
    out.push_back({f.path, f.group, text ? 0 : f.value,
                   text ? std::string(read.Text(f.value)) : std::string()});
  }
  return out;
}

// The reference: the values of `m` by reflection, the message walked along
// each leaf path (what the index did before it read bytes).
void Collect(const Kind& kind, const Message& m, const LeafPath& leaf, size_t depth,
             int group, ReadFacts* read) {
  const Reflection* r = m.GetReflection();
  const FieldDescriptor* f = leaf.fields[depth];
  const bool repeated = f->is_repeated();
  const int count = repeated ? r->FieldSize(m, f) : (r->HasField(m, f) ? 1 : 0);
  for (int i = 0; i < count && i < 65535; ++i) {
    const int g = repeated ? i : group;
    if (depth + 1 < leaf.fields.size()) {
      Collect(kind, repeated ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f), leaf,
              depth + 1, g, read);
      continue;
    }
    std::optional<int32_t> v;
    std::string scratch;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_ENUM:
        v = repeated ? r->GetRepeatedEnumValue(m, f, i) : r->GetEnumValue(m, f);
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        v = repeated ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f);
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        v = DoubleValue(repeated ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f),
                        read);
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        v = TextValue(leaf,
                      repeated ? r->GetRepeatedStringReference(m, f, i, &scratch)
                               : r->GetStringReference(m, f, &scratch),
                      read);
        break;
      default:
        break;
    }
    if (v)
      read->facts.push_back(
          {static_cast<uint16_t>(leaf.id), static_cast<uint16_t>(g), *v});
  }
}

// The text at `chain` (a number, into `*number`, for the travel distance).
std::string Follow(const Message& m, const std::vector<const FieldDescriptor*>& chain,
                   int* number = nullptr) {
  if (chain.empty()) return "";  // a kind without this key
  const Message* at = &m;
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    if (!at->GetReflection()->HasField(*at, chain[i])) return "";
    at = &at->GetReflection()->GetMessage(*at, chain[i]);
  }
  const FieldDescriptor* f = chain.back();
  if (!at->GetReflection()->HasField(*at, f)) return "";
  if (number != nullptr)
    *number = std::clamp(at->GetReflection()->GetInt32(*at, f), 0, 32767);
  return number != nullptr ? "" : at->GetReflection()->GetString(*at, f);
}

struct Reference {
  std::vector<Value> values;
  std::string id, postcode;
  int max_km = -1;
};

Reference ReferenceOf(const Kind& kind, const Message& m) {
  ReadFacts read;
  for (const LeafPath& leaf : *kind.leaves) Collect(kind, m, leaf, 0, 0, &read);
  Reference ref;
  ref.values = Values(kind, read);
  ref.id = Follow(m, kind.keys.id);
  ref.postcode = Follow(m, kind.keys.postcode);
  if (!kind.keys.max_km.empty()) Follow(m, kind.keys.max_km, &ref.max_km);
  return ref;
}

void ExpectEqual(const Kind& kind, const ReadFacts& read, const RecordKeys& keys,
                 const Message& parsed) {
  const Reference ref = ReferenceOf(kind, parsed);
  EXPECT_EQ(Values(kind, read), ref.values);
  EXPECT_EQ(keys.id, ref.id);
  EXPECT_EQ(keys.postcode, ref.postcode);
  EXPECT_EQ(keys.max_km, ref.max_km);
}

// Reads `bytes`. If read, protobuf must parse them to the same values. If
// protobuf parses them, its own serialization (unknown fields dropped, as the
// index does) must be read, to the same values. True if `bytes` were read.
bool ReadsAsProtobuf(const FactReader& reader, const Kind& kind, absl::string_view bytes,
                     Message* scratch) {
  SCOPED_TRACE(absl::StrCat("bytes: \"", absl::CHexEscape(bytes), "\""));
  ReadFacts read;
  RecordKeys keys;
  const bool is_read =
      reader.Read(bytes, FactReader::kCheckText, &read, &keys) == FactReader::kRead;
  if (!is_read) {
    EXPECT_TRUE(read.facts.empty() && read.chars.empty()) << "a decline keeps none";
  }
  const bool parsed = scratch->ParseFromString(std::string(bytes));
  if (is_read) {
    EXPECT_TRUE(parsed) << "read what protobuf refuses";
    if (parsed) ExpectEqual(kind, read, keys, *scratch);
  }
  if (parsed) {
    scratch->DiscardUnknownFields();
    const std::string canonical = scratch->SerializeAsString();
    ReadFacts again;
    EXPECT_EQ(reader.Read(canonical, FactReader::kTextChecked, &again, &keys),
              FactReader::kRead)
        << "protobuf's own form declined";
    ExpectEqual(kind, again, keys, *scratch);
  }
  return is_read;
}

// `n` generated records of one type, serialized, as a store keeps them.
template <typename Record>
std::vector<std::string> Generated(int n, uint64_t seed,
                                   bool (RecordGenerator::*next)(Record*)) {
  RecordGenerator generator({.seed = seed, .pc4 = &vum::testing::ShippedPc4()});
  std::vector<std::string> out;
  Record record;
  for (int i = 0; i < n; ++i) {
    (void)(generator.*next)(&record);  // rule-breaking ones too: any bytes do
    out.push_back(record.SerializeAsString());
  }
  return out;
}
std::vector<std::string> Profiles(int n, uint64_t seed) {
  return Generated<v1::Werkzoekende>(n, seed, &RecordGenerator::NextProfile);
}

// AlleSoorten with random values, the defaults and extremes among them.
std::string RandomEveryKind(absl::BitGen& rng) {
  test::AlleSoorten m;
  auto chance = [&] { return absl::Bernoulli(rng, 0.6); };
  auto i32 = [&]() -> int32_t {
    const int32_t some[] = {0,
                            1,
                            -1,
                            5,
                            std::numeric_limits<int32_t>::min(),
                            std::numeric_limits<int32_t>::max()};
    return absl::Bernoulli(rng, 0.5) ? some[absl::Uniform(rng, 0, 6)]
                                     : static_cast<int32_t>(absl::Uniform<uint32_t>(rng));
  };
  auto dbl = [&]() -> double {
    const double some[] = {0.0, -0.0, 1.0, 2.5, -7.0, 1e16, 12345678.0, std::nan("")};
    return some[absl::Uniform(rng, 0, 8)];
  };
  auto text = [&]() -> std::string {
    const char* some[] = {"", "2026-01-31", "2026-13-01", "Abc", "\xc3\x84rger", "x y"};
    return some[absl::Uniform(rng, 0, 6)];
  };
  auto n = [&] { return absl::Uniform(rng, 0, 4); };
  if (chance()) m.set_i32(i32());
  if (chance()) m.set_i64(static_cast<int64_t>(absl::Uniform<uint64_t>(rng)));
  if (chance()) m.set_s32(i32());
  if (chance()) m.set_sf32(i32());
  if (chance()) m.set_fl(1.5f);
  if (chance()) m.set_db(dbl());
  if (chance()) m.set_tekst(text());
  if (chance()) m.set_data(absl::Bernoulli(rng, 0.5) ? "\xff\x00" : "ok");
  if (chance()) m.set_kleur(static_cast<test::Kleur>(absl::Uniform(rng, -2, 5)));
  if (chance()) m.set_opt_i32(i32());
  if (chance()) m.set_opt_tekst(text());
  if (chance()) m.set_opt_db(dbl());
  if (chance()) m.mutable_binnen()->set_tekst(text());
  for (int i = n(); i > 0; --i) m.mutable_binnen()->add_getallen(i32());
  for (int i = n(); i > 0; --i) m.add_rep_i32(i32());
  for (int i = n(); i > 0; --i) m.add_los_i32(i32());
  for (int i = n(); i > 0; --i) m.add_rep_f32(absl::Uniform<uint32_t>(rng));
  for (int i = n(); i > 0; --i) m.add_rep_db(dbl());
  for (int i = n(); i > 0; --i)
    m.add_rep_kleur(static_cast<test::Kleur>(absl::Uniform(rng, 0, 9)));
  for (int i = n(); i > 0; --i) m.add_rep_tekst(text());
  for (int i = n(); i > 0; --i) {
    test::Binnen* b = m.add_rep_binnen();
    for (int j = n(); j > 0; --j) b->add_getallen(i32());
    if (chance()) b->mutable_dieper()->set_tekst(text());
  }
  if (chance()) {
    if (absl::Bernoulli(rng, 0.5)) {
      m.set_keuze_tekst(text());
    } else {
      m.set_keuze_getal(i32());
    }
  }
  if (chance()) m.set_ver(i32());
  return m.SerializeAsString();
}

// `bytes` with one to three random edits (a byte replaced, flipped, removed
// or inserted).
std::string Mutated(std::string bytes, absl::BitGen& rng) {
  const int edits = absl::Uniform(rng, 1, 4);
  for (int e = 0; e < edits && !bytes.empty(); ++e) {
    const size_t at = absl::Uniform<size_t>(rng, 0, bytes.size());
    switch (absl::Uniform(rng, 0, 4)) {
      case 0:
        bytes[at] = static_cast<char>(absl::Uniform(rng, 0, 256));
        break;
      case 1:
        bytes[at] ^= static_cast<char>(1 << absl::Uniform(rng, 0, 8));
        break;
      case 2:
        bytes.erase(at, absl::Uniform<size_t>(rng, 1, 8));
        break;
      default:
        bytes.insert(at, 1, static_cast<char>(absl::Uniform(rng, 0, 256)));
    }
  }
  return bytes;
}

// A field as protobuf writes it: `number`, `wire` type, `payload` (for a
// varint, its encoding).
std::string Field(uint32_t number, uint32_t wire, absl::string_view payload) {
  std::string out;
  io_internal::AppendVarint(uint64_t{number} << 3 | wire, &out);
  if (wire == io_internal::kLength) io_internal::AppendVarint(payload.size(), &out);
  out.append(payload.data(), payload.size());
  return out;
}

std::string Varint(uint64_t v) {
  std::string out;
  io_internal::AppendVarint(v, &out);
  return out;
}

TEST(FactReaderTest, GeneratedRecordsReadAsByReflection) {
  const FactReader seekers(JobSeekers().root, *JobSeekers().leaves, JobSeekers().keys);
  v1::Werkzoekende profile;
  size_t facts = 0;
  for (const std::string& bytes : Profiles(2000, 7)) {
    ASSERT_TRUE(ReadsAsProtobuf(seekers, JobSeekers(), bytes, &profile));
    facts += ReferenceOf(JobSeekers(), profile).values.size();
  }
  EXPECT_GT(facts, 2000u * 10);  // the records hold values: the comparison says something

  const FactReader vacancies(*PathCatalogue::For(v1::SOORT_SELECTIE_VACATURES));
  v1::Vacature vacancy;
  facts = 0;
  for (const std::string& bytes :
       Generated<v1::Vacature>(2000, 8, &RecordGenerator::NextVacancy)) {
    ASSERT_TRUE(ReadsAsProtobuf(vacancies, Vacancies(), bytes, &vacancy));
    facts += ReferenceOf(Vacancies(), vacancy).values.size();
  }
  EXPECT_GT(facts, 2000u * 5);
}

TEST(FactReaderTest, EveryKindOfValueReadsAsByReflection) {
  const FactReader reader(EveryKind().root, *EveryKind().leaves, EveryKind().keys);
  absl::BitGen rng;
  test::AlleSoorten scratch;
  int read = 0;
  std::vector<bool> seen(EveryKind().leaves->size(), false);
  for (int i = 0; i < 3000; ++i) {
    read += ReadsAsProtobuf(reader, EveryKind(), RandomEveryKind(rng), &scratch);
    for (const Value& v : ReferenceOf(EveryKind(), scratch).values) seen[v.path] = true;
  }
  // What protobuf writes of them is all read, with the same values...
  EXPECT_EQ(read, 3000);
  // ...and every leaf that can hold a value held one (int64, float and
  // fixed32 cannot).
  for (const LeafPath& leaf : *EveryKind().leaves) {
    const std::string name = leaf.fields.back()->name();
    EXPECT_EQ(seen[leaf.id], name != "i64" && name != "fl" && name != "rep_f32") << name;
  }
  // A list of numbers given unpacked reads as packed; a default written out,
  // which protobuf reads as absent, is declined.
  std::string unpacked;
  for (int v : {3, 0, 7}) unpacked += Field(22, io_internal::kVarint, Varint(v));
  EXPECT_TRUE(ReadsAsProtobuf(reader, EveryKind(), unpacked, &scratch));
  EXPECT_EQ(scratch.rep_i32_size(), 3);
  ReadFacts facts;
  RecordKeys keys;
  EXPECT_EQ(reader.Read(Field(1, io_internal::kVarint, Varint(0)), FactReader::kCheckText,
                        &facts, &keys),
            FactReader::kDeclined);
  EXPECT_EQ(reader.Read(Field(14, io_internal::kLength, ""), FactReader::kCheckText,
                        &facts, &keys),
            FactReader::kDeclined);
  // Two members of a oneof: protobuf keeps the last.
  EXPECT_EQ(reader.Read(Field(33, io_internal::kLength, "a") +
                            Field(34, io_internal::kVarint, Varint(1)),
                        FactReader::kCheckText, &facts, &keys),
            FactReader::kDeclined);
}

// A type with more lists than the reader counts on the stack (18 against 16),
// so that its counts live on the heap: each list's elements are still grouped
// from 0, the last lists' as the first's.
TEST(FactReaderTest, MoreListsThanTheStackHoldsAreCountedAlike) {
  const Descriptor* d = test::VeleLijsten::descriptor();
  ASSERT_GT(d->field_count(), 16);
  std::vector<LeafPath> leaves;
  for (const char* name : {"lijst1", "lijst16", "lijst17", "lijst18"}) {
    LeafPath leaf;
    leaf.id = static_cast<int>(leaves.size());
    leaf.fields = {d->FindFieldByName(name)};
    leaf.kind = ValueKind::kInteger;
    leaves.push_back(std::move(leaf));
  }
  const Kind kind{d, &leaves, KeyFields{}};
  const FactReader reader(d, leaves, kind.keys);
  test::VeleLijsten record, scratch;
  record.add_lijst18(7);
  record.add_lijst18(8);
  record.add_lijst17(5);
  record.add_lijst1(3);
  ReadFacts read;
  RecordKeys keys;
  ASSERT_EQ(reader.Read(record.SerializeAsString(), FactReader::kCheckText, &read, &keys),
            FactReader::kRead);
  EXPECT_EQ(
      Values(kind, read),
      (std::vector<Value>{{0, 0, 3, ""}, {2, 0, 5, ""}, {3, 0, 7, ""}, {3, 1, 8, ""}}));
  absl::BitGen rng;
  for (int i = 0; i < 300; ++i) {
    record.Clear();
    for (int f = 0; f < d->field_count(); ++f) {
      for (int n = absl::Uniform(rng, 0, 4); n > 0; --n)
        record.GetReflection()->AddInt32(&record, d->field(f), absl::Uniform(rng, -3, 9));
    }
    EXPECT_TRUE(ReadsAsProtobuf(reader, kind, record.SerializeAsString(), &scratch));
  }
}

TEST(FactReaderTest, FormsProtobufReadsOtherwiseAreDeclined) {
  const FactReader reader(*PathCatalogue::For(v1::SOORT_SELECTIE_WERKZOEKENDEN));
  const std::string bytes = Profiles(1, 10)[0];
  v1::Werkzoekende profile;
  ASSERT_TRUE(profile.ParseFromString(bytes));
  ASSERT_TRUE(profile.has_mobiliteit());
  auto declined = [&](const std::string& b, FactReader::Check check) {
    ReadFacts read;
    read.AddText("kept");  // what a batch held before stays
    read.facts.push_back({0, 0, 0});
    RecordKeys keys;
    const bool no = reader.Read(b, check, &read, &keys) == FactReader::kDeclined;
    if (no) {
      EXPECT_EQ(read.facts.size(), 1u);
      EXPECT_EQ(read.chars, "kept");
    }
    return no;
  };
  ASSERT_FALSE(declined(bytes, FactReader::kCheckText));
  // A singular message given twice: protobuf merges the two.
  v1::Werkzoekende second;
  second.mutable_mobiliteit()->set_bemiddelingspostcode("9711AA");
  EXPECT_TRUE(declined(bytes + second.SerializeAsString(), FactReader::kCheckText));
  // A singular text given twice: protobuf keeps the last.
  EXPECT_TRUE(
      declined(bytes + Field(1, io_internal::kLength, "other"), FactReader::kCheckText));
  // A known field with a wire type it cannot have: protobuf keeps it as unknown.
  EXPECT_TRUE(declined(bytes + Field(1, io_internal::kVarint, Varint(3)),
                       FactReader::kCheckText));
  // A group (unknown): protobuf keeps it; the reader reads no groups.
  EXPECT_TRUE(declined(bytes + Varint(903 << 3 | 3) + Varint(903 << 3 | 4),
                       FactReader::kCheckText));
  // Text that is not UTF-8 in a text field: protobuf refuses the record. Taken
  // as checked (protobuf wrote it from a message), it is read.
  const std::string bad_id = Field(1, io_internal::kLength, "\xc0\xaf");
  EXPECT_TRUE(declined(bad_id, FactReader::kCheckText));
  EXPECT_FALSE(declined(bad_id, FactReader::kTextChecked));
  // Malformed: cut short, field number 0, wire types 6 and 7.
  EXPECT_TRUE(declined(bytes.substr(0, bytes.size() - 1), FactReader::kCheckText));
  EXPECT_TRUE(declined(bytes + Varint(0 << 3 | 0) + Varint(1), FactReader::kCheckText));
  EXPECT_TRUE(declined(bytes + Varint(904 << 3 | 6), FactReader::kCheckText));
  EXPECT_TRUE(declined(bytes + Varint(904 << 3 | 7), FactReader::kCheckText));
}

// Whatever it reads of mutated records, protobuf accepts, with the same values.
TEST(FactReaderTest, WhatItReadsOfMutatedBytesProtobufReadsAlike) {
  google::protobuf::LogSilencer quiet;  // protobuf logs each text it refuses
  absl::BitGen rng;
  int read = 0, declined = 0;
  const FactReader seekers(JobSeekers().root, *JobSeekers().leaves, JobSeekers().keys);
  v1::Werkzoekende profile;
  for (const std::string& original : Profiles(200, 11)) {
    for (int round = 0; round < 20; ++round) {
      ++(ReadsAsProtobuf(seekers, JobSeekers(), Mutated(original, rng), &profile)
             ? read
             : declined);
    }
  }
  const FactReader every(EveryKind().root, *EveryKind().leaves, EveryKind().keys);
  test::AlleSoorten scratch;
  for (int i = 0; i < 4000; ++i) {
    ++(ReadsAsProtobuf(every, EveryKind(), Mutated(RandomEveryKind(rng), rng), &scratch)
           ? read
           : declined);
  }
  // Both ways taken often: the property was tested, not assumed.
  EXPECT_GT(read, 800);
  EXPECT_GT(declined, 800);
}

}  // namespace
}  // namespace vum::selection_internal
