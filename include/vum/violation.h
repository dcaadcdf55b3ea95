// vum/violation.h: one way in which a record does not conform to the
// standard, as the validator reports it.
//
// A violation names the rule (its stable id from the schema), how serious it
// is, where in the record it is (a structured path with list indices, and its
// canonical string form in VUM JSON names), the other elements a cross-field
// rule involves, the rule's parameters and a message. It never carries a value
// from the record: messages are filled from the rule and the schema only.
//
// Example:
//
//   for (const vum::Violation& v : result.violations()) {
//     std::cout << v.rule_id << " " << v.path.ToString() << ": " << v.message;
//     // OPL-07 arbeidsmarktkwalificatie.opleiding[2].datumDiploma: ...
//   }

#ifndef VUM_VIOLATION_H_
#define VUM_VIOLATION_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "vum/rules.h"  // Severity

namespace vum {

// The place of an element in a record: the VUM JSON names from the record
// down to the element, each with its index when it is an element of a list.
// The empty path is the record itself.
//
// A path is held as its canonical text (the names of the standard hold no
// '.', '[' or ']', so the text says every segment), which makes building,
// copying and printing one a single string: a document with forty empty
// values lists forty paths.
class FieldPath {
 public:
  struct Segment {
    std::string name;
    int index = -1;  // -1: not a list element
    friend bool operator==(const Segment& a, const Segment& b) {
      return a.name == b.name && a.index == b.index;
    }
  };

  FieldPath() = default;

  // Appends `name`, or `name[index]` when `index` >= 0. `name` is not empty
  // and holds none of '.', '[' and ']'.
  void Append(absl::string_view name, int index = -1);
  // Removes the last segment; the path must not be empty.
  void RemoveLast();
  // Makes room for `chars` characters of text, so that the appends that
  // follow do not allocate again.
  void Reserve(size_t chars) { text_.reserve(chars); }

  // The segments from the record down, read from the text.
  [[nodiscard]] std::vector<Segment> segments() const;
  [[nodiscard]] bool empty() const { return text_.empty(); }

  // The canonical form, e.g. "arbeidsmarktkwalificatie.opleiding[2].datumDiploma".
  [[nodiscard]] const std::string& ToString() const { return text_; }

  friend bool operator==(const FieldPath& a, const FieldPath& b) {
    return a.text_ == b.text_;
  }
  friend bool operator!=(const FieldPath& a, const FieldPath& b) { return !(a == b); }

 private:
  std::string text_;
};

// A parameter of the violated rule, e.g. {"max", "120"} or {"list", "sbi"}.
struct RuleParam {
  std::string name;
  std::string value;
};

struct Violation {
  // The stable id of the rule in the schema, e.g. "OPL-07".
  std::string rule_id;
  Severity severity = Severity::kError;
  // The element that breaks the rule. For a rule over several fields: the
  // element the message is about, with the others in `related_paths`.
  FieldPath path;
  std::vector<FieldPath> related_paths;
  std::vector<RuleParam> params;
  // The rule's message in the validator's language; holds no record value.
  std::string message;
};

}  // namespace vum

#endif  // VUM_VIOLATION_H_
