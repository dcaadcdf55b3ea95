// Internal: a record's selectable values, read straight from its stored bytes.
//
// The caseload index keeps, per record, the values a selection question may
// compare (Fact: a leaf path, the list element it sits in, the value). At a
// node's start a million stored records are read for them; parsing each into a
// message and walking it by reflection was the larger part of that start. A
// FactReader decides once, per field of every message type a record can
// hold, what reading does with it (a leaf's value, the id, the postcode, the
// travel distance, a nested message, or nothing but a check) and then reads
// the bytes through that table, allocating nothing per field.
//
// It reads only what protobuf's parser would accept *and* would give the same
// values for: bytes in the form protobuf writes. Anything else (a singular
// field given twice, a default value written out, a known field with a wire
// type its declaration cannot have, a group, text that is not UTF-8, malformed
// bytes) is declined, never guessed at. The index then parses the bytes (refusing what
// protobuf refuses) and reads the message's own serialization, which is always in that
// form. fact_reader_test.cc proves the values equal to a reflective walk over the parsed
// message, on generated records and on their mutations.
//
// Example:
//
//   const FactReader reader(*PathCatalogue::For(v1::SOORT_SELECTIE_WERKZOEKENDEN));
//   ReadFacts facts;
//   RecordKeys keys;
//   if (reader.Read(stored_bytes, FactReader::kCheckText, &facts, &keys) !=
//       FactReader::kRead) { /* parse, serialize, read again */ }
//
// Thread safety: a FactReader is immutable after construction; Read may run
// concurrently (each call with its own ReadFacts).

#ifndef VUM_LIB_SELECTION_FACT_READER_H_
#define VUM_LIB_SELECTION_FACT_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "lib/selection/paths.h"

namespace vum::selection_internal {

// One selectable value of a record: the leaf path, the element of the list
// the path runs through (0 if none), and the value (an enum code, a whole
// number, days since 1970-01-01; for a path with a table (TableOf), the
// position of its text in ReadFacts until the index interns it).
struct Fact {
  uint16_t path;
  uint16_t group;
  int32_t value;
  friend bool operator<(const Fact& a, const Fact& b) {
    return a.path != b.path ? a.path < b.path : a.group < b.group;
  }
};

// How a leaf's value becomes a Fact's: as read, or through one of the
// index's tables (interned codes, folded texts).
enum class Table : uint8_t { kNone, kCodes, kTexts };
[[nodiscard]] Table TableOf(const LeafPath& leaf);

// Records' facts as read, in the order read, before the index's tables are
// consulted: the fact of a leaf with a Table holds the position of its text.
struct ReadFacts {
  std::vector<Fact> facts;
  std::string chars;           // the texts, one after the other
  std::vector<uint32_t> ends;  // where each text ends in `chars`

  void Clear() { Truncate({}); }
  int32_t AddText(absl::string_view text) {
    chars.append(text.data(), text.size());
    ends.push_back(static_cast<uint32_t>(chars.size()));
    return static_cast<int32_t>(ends.size() - 1);
  }
  [[nodiscard]] absl::string_view Text(int32_t i) const {
    const uint32_t begin = i == 0 ? 0 : ends[i - 1];
    return absl::string_view(chars).substr(begin, ends[i] - begin);
  }

  // How much is held, to go back to with Truncate.
  struct Mark {
    size_t facts = 0, chars = 0, ends = 0;
  };
  [[nodiscard]] Mark Here() const { return {facts.size(), chars.size(), ends.size()}; }
  void Truncate(Mark m) {
    facts.resize(m.facts);
    chars.resize(m.chars);
    ends.resize(m.ends);
  }
};

// The values of a record the index files it by. The views point into the
// bytes read.
struct RecordKeys {
  absl::string_view id;        // idWerkzoekende, idVacature; empty if absent
  absl::string_view postcode;  // where the record is located; empty if absent
  int max_km = -1;             // a job seeker's own maximum travel distance
};

// The fields RecordKeys come from, for a record of `root`'s type: the id, the
// postcode (mobiliteit.bemiddelingspostcode of a job seeker, adres.postcode of
// a vacancy: where the work is) and the travel distance (none for a vacancy).
struct KeyFields {
  std::vector<const google::protobuf::FieldDescriptor*> id, postcode, max_km;
  [[nodiscard]] static KeyFields Of(const google::protobuf::Descriptor* root);
};

// The value of leaf `leaf` for a scalar read as `text` (string leaves) or
// `number` (double leaves), as a Fact holds it (a text added to `read`);
// nullopt if it cannot be compared (a malformed date, a double that is no
// whole number).
[[nodiscard]] std::optional<int32_t> TextValue(const LeafPath& leaf,
                                               absl::string_view text, ReadFacts* read);
[[nodiscard]] std::optional<int32_t> DoubleValue(double number, ReadFacts* read);

class FactReader {
 public:
  enum Check { kCheckText, kTextChecked };
  enum Outcome { kRead, kDeclined };

  // A reader for records of `paths.root()`'s type. `paths` must outlive it.
  explicit FactReader(const PathCatalogue& paths);
  // A reader of the values at `leaves` (each LeafPath's id its position, its
  // fields running from `root`) and of `keys`, in records of type `root`.
  // `leaves` must outlive it.
  FactReader(const google::protobuf::Descriptor* root,
             const std::vector<LeafPath>& leaves, const KeyFields& keys);
  ~FactReader();
  FactReader(const FactReader&) = delete;
  FactReader& operator=(const FactReader&) = delete;

  // Appends the facts of the record `bytes` to `read` (in the order read; the
  // index sorts them) and sets `keys`. kDeclined if `bytes` is not in the form
  // protobuf writes (see the file comment); then `read` is as it was and
  // `keys` unspecified. With kTextChecked the UTF-8 of text fields is taken
  // as checked (bytes protobuf itself has just written from a parsed message).
  [[nodiscard]] Outcome Read(absl::string_view bytes, Check check, ReadFacts* read,
                             RecordKeys* keys) const;

 private:
  struct Field;
  struct Type;
  class Builder;
  class Walk;

  const std::vector<LeafPath>& leaves_;
  // Per message type as reached from the root: on the way to a leaf or key
  // a type of its own, elsewhere one per message type. types_[0]: the root.
  std::vector<Type> types_;
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_FACT_READER_H_
