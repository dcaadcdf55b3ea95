// vum/selection.h: selection questions, read, checked and compiled once.
//
// A mediator asks every source "which of your job seekers (or vacancies) in
// this area fit these criteria?". The question (v1::Selectievraag in
// proto/vum/v1/selection.proto) names an area, a postcode and a distance, and
// criteria: a path into the profile, an explicit operator and values. Which
// fields may be asked about, and with which operators, is declared in the
// schema; docs/selection.md gives the meaning of every operator on every kind
// of field.
//
// Checking a question has three outcomes, kept apart as in the validator:
// - a Status: the question could not be read or judged at all (not JSON, too
//   large, nested too deep);
// - violations: the question is malformed (a schema rule, or a rule of the
//   selection language below) and is refused, never answered;
// - ignored criteria: well formed, but this version of the standard does not
//   know the path or operator, or does not allow it there. They have no
//   effect on the answer, which lists them with the reason, so that an asker
//   can apply them itself.
// No message carries a value or a path from the question: criteria are named
// by their index.
//
// Example:
//
//   absl::StatusOr<vum::v1::Selectievraag> q = vum::ReadSelectionQuestion(json);
//   if (!q.ok()) return q.status();  // names the property, never a value
//   auto compiler = vum::QuestionCompiler::Create(&pc4);
//   if (!compiler.ok()) return compiler.status();
//   absl::StatusOr<vum::QuestionCheck> check = (*compiler)->Compile(*q);
//   if (check.ok() && check->answerable()) {
//     absl::BitGen rng;  // the plan is what an index answers with (caseload_index.h)
//     auto sample = index->Select(*check->plan, vum::Audience::kLegalBasis, absl::Now(), 100,
//                                 rng);
//   }
//
// Thread safety: a QuestionCompiler and the plans it makes are immutable;
// Compile may be called concurrently, and a plan shared between threads.

#ifndef VUM_SELECTION_H_
#define VUM_SELECTION_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vum/pc4.h"
#include "vum/v1/selection.pb.h"
#include "vum/violation.h"

namespace vum {

// Rules of the selection language that the schema's field rules cannot say.
// Each is listed with its meaning in docs/selection.md.
inline constexpr char kRuleAreaPostcodeUnknown[] =
    "SEL-01";  // area's PC4 not in the list
inline constexpr char kRuleValueKind[] =
    "SEL-02";  // value of the wrong kind for the field
inline constexpr char kRuleValueCount[] =
    "SEL-03";  // wrong number of values for the operator
inline constexpr char kRuleUnknownCode[] =
    "SEL-04";  // not a code of the field, or off-scale
inline constexpr char kRuleElemMatch[] =
    "SEL-05";  // $elemMatch condition outside its list
inline constexpr char kRuleContainsShort[] =
    "SEL-06";  // $contains text under 2 characters
inline constexpr char kRuleDuplicateValues[] =
    "SEL-07";  // a value repeated in $in or $all
// Every rule id above, in order.
[[nodiscard]] const std::vector<std::string>& SelectionRuleIds();

struct QuestionReadOptions {
  // The kind asked for when the document has no "soort" (an endpoint per
  // kind, as in the VUM interface 2.0).
  v1::SoortSelectie default_kind = v1::SOORT_SELECTIE_WERKZOEKENDEN;
  // Larger documents are refused unread (RESOURCE_EXHAUSTED).
  size_t max_bytes = 64 * 1024;
};

// Reads a question in its VUM JSON form (the interface 2.0 shape, see
// selection.proto), bare or in the koppelvlak 3.0 wrapper {"vraagObject":
// {...}}, with the 3.0 forms of $all and $or (docs/selection.md). INVALID_ARGUMENT when
// the document is not strict JSON (RFC 8259), not an object, repeats a key, or a
// criterion is not an object of operators or has values of a JSON type no field has; the
// message names the criterion by its index, never a key or value. Empty values ("", [],
// {}, null) count as absent: the criterion is kept with no values, so that
// the compiler reports it as ignored (lege-waarde).
[[nodiscard]] absl::StatusOr<v1::Selectievraag> ReadSelectionQuestion(
    absl::string_view json, const QuestionReadOptions& options = {});

// The VUM JSON form of `question`, criteria in their order.
[[nodiscard]] std::string WriteSelectionQuestion(const v1::Selectievraag& question);

// The koppelvlak 3.0 form of `question`, as a mediator sends it to the
// exchange facility: {"vraagObject": {"selectiegebied": ..., criteria...}},
// without vum's own members (soort, maximumAantalResultaten,
// versieStandaard). ReadSelectionQuestion reads it back, the kind from the
// endpoint.
[[nodiscard]] std::string WriteKoppelvlakQuestion(const v1::Selectievraag& question);

// A checked question, compiled for the caseload index. Opaque.
class QuestionPlan;

struct QuestionCheck {
  // Schema rules (SEG-, CRT-, SLV-, WRD-) and selection rules (SEL-), in the
  // order of the question.
  std::vector<Violation> violations;
  // Criteria without effect, with the reason, in the order of the question.
  std::vector<v1::GenegeerdCriterium> ignored;
  // Null when a violation of severity error refuses the question.
  std::shared_ptr<const QuestionPlan> plan;

  [[nodiscard]] bool answerable() const { return plan != nullptr; }
};

class QuestionCompiler {
 public:
  // `pc4` is not owned and must outlive the compiler and its plans.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<QuestionCompiler>> Create(
      const Pc4Register* pc4);
  ~QuestionCompiler();
  QuestionCompiler(const QuestionCompiler&) = delete;
  QuestionCompiler& operator=(const QuestionCompiler&) = delete;

  struct Options {
    // Apply vum's extensions: criteria the koppelvlak 3.0 does not describe
    // (more fields and operators, docs/selection.md). Off on the standard's
    // endpoints: such a criterion is ignored and reported (vum-uitbreiding).
    bool vum_extensions = true;
  };

  // Checks and compiles `question`. A Status only if it cannot be judged
  // (INTERNAL: the schema declares something this library cannot compile).
  [[nodiscard]] absl::StatusOr<QuestionCheck> Compile(const v1::Selectievraag& question,
                                                      const Options& options) const;
  [[nodiscard]] absl::StatusOr<QuestionCheck> Compile(
      const v1::Selectievraag& question) const {
    return Compile(question, Options());
  }

 private:
  class Impl;
  explicit QuestionCompiler(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The paths a question about `kind` may ask about, each with the operators
// it allows ("$eq", "$in", ...), in schema order. For documentation and
// conformance vectors.
struct SelectablePathInfo {
  std::string path;
  std::vector<std::string> operators;
  // "enum", "ordered-enum", "integer", "date", "code", "number-code", "text"
  // or "list" (a list of records, for $elemMatch).
  std::string kind;
  // Evaluated for an employer only where the person consented to show it.
  bool needs_consent = false;
};
[[nodiscard]] std::vector<SelectablePathInfo> SelectablePaths(v1::SoortSelectie kind);

}  // namespace vum

#endif  // VUM_SELECTION_H_
