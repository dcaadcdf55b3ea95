// Internal: the paths a selection question may ask about, derived once from
// the `selectable` declarations of the schema (options.proto).
#ifndef VUM_LIB_SELECTION_PATHS_H_
#define VUM_LIB_SELECTION_PATHS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "vum/v1/selection.pb.h"

namespace vum::selection_internal {

enum class ValueKind {
  kEnum,         // codes of an enumeration, compared as equal or not
  kOrderedEnum,  // codes of an ordered enumeration (a scale)
  kInteger,      // whole numbers (hours, kilometres, SBI codes)
  kDate,         // YYYY-MM-DD, compared as days
  kCode,         // a code as text: from a code set or list, or a URI or digit
                 // string the schema makes selectable by equality only
  kNumberCode,   // a code that is a double (none in the 3.0 schema; kept for
                 // schemas that type a code so)
  kText,         // text, only "contains"
};

[[nodiscard]] absl::string_view ValueKindName(ValueKind kind);

// Bit i is set when operator i (v1::SelectieOperator) is allowed.
using OperatorSet = uint32_t;
[[nodiscard]] inline bool Allows(OperatorSet set, v1::SelectieOperator op) {
  return (set >> static_cast<int>(op)) & 1u;
}

struct LeafPath {
  int id = 0;
  std::string name;  // VUM JSON names from the root, joined by dots
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  int list = -1;        // the ListPath (by id) this path runs through, or -1
  int list_depth = -1;  // position in `fields` of the repeated field, or -1
  ValueKind kind = ValueKind::kText;
  OperatorSet operators = 0;
  // The operators the koppelvlak 3.0 describes (Selectable.standard_operator).
  OperatorSet standard_operators = 0;
  bool needs_consent = false;  // special-category data in the employer view
  std::string relative_name;   // below the list, for $elemMatch; else empty
  // Every code orders by its number, off-scale ones too (MongoDB's meaning,
  // where the koppelvlak 3.0 describes ordering; Selectable.order_by_code).
  bool order_by_code = false;
};

// A list of records that $elemMatch may ask about.
struct ListPath {
  int id = 0;
  std::string name;
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  OperatorSet operators = 0;
  OperatorSet standard_operators = 0;  // $elemMatch when 3.0 describes it here
  bool needs_consent = false;
};

enum class Resolution { kLeaf, kList, kUnknown, kNotSelectable };

class PathCatalogue {
 public:
  // For SOORT_SELECTIE_WERKZOEKENDEN or SOORT_SELECTIE_VACATURES; null for
  // anything else.
  [[nodiscard]] static const PathCatalogue* For(v1::SoortSelectie kind);
  // Empty, or why the schema's declarations cannot be compiled (a selectable
  // field that is not in the employer's view, an operator that does not fit
  // the field's kind).
  [[nodiscard]] static const std::string& SchemaError();

  [[nodiscard]] const google::protobuf::Descriptor* root() const { return root_; }
  [[nodiscard]] const std::vector<LeafPath>& leaves() const { return leaves_; }
  [[nodiscard]] const std::vector<ListPath>& lists() const { return lists_; }

  // What `path` (VUM JSON names joined by dots) is. `*leaf` or `*list` is set
  // for kLeaf and kList.
  [[nodiscard]] Resolution Resolve(absl::string_view path, const LeafPath** leaf,
                                   const ListPath** list) const;
  // `relative` below a list, for a condition of $elemMatch: kLeaf only for a
  // leaf path that runs through `list`.
  [[nodiscard]] Resolution ResolveWithin(const ListPath& list, absl::string_view relative,
                                         const LeafPath** leaf) const;

 private:
  friend class CatalogueBuilder;
  const google::protobuf::Descriptor* root_ = nullptr;
  std::vector<LeafPath> leaves_;
  std::vector<ListPath> lists_;
  absl::flat_hash_map<std::string, int> leaf_by_name_;
  absl::flat_hash_map<std::string, int> list_by_name_;
};

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_PATHS_H_
