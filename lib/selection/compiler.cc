// QuestionCompiler: checks a selection question against the schema's rules
// and the rules of the selection language, and compiles it into a plan.

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "lib/selection/plan.h"
#include "lib/validate/formats.h"
#include "vum/schema.h"
#include "vum/selection.h"
#include "vum/validator.h"

namespace vum {

using selection_internal::LeafPath;
using selection_internal::ListPath;
using selection_internal::PathCatalogue;
using selection_internal::Resolution;
using selection_internal::ValueKind;

const std::vector<std::string>& SelectionRuleIds() {
  static const auto* ids = new std::vector<std::string>{
      kRuleAreaPostcodeUnknown, kRuleValueKind,     kRuleValueCount,     kRuleUnknownCode,
      kRuleElemMatch,           kRuleContainsShort, kRuleDuplicateValues};
  return *ids;
}

std::string selection_internal::FoldCase(absl::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = out[i];
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char next = out[i + 1];
      // U+00C0..U+00DE, except U+00D7 (multiplication sign).
      if (next >= 0x80 && next <= 0x9E && next != 0x97)
        out[i + 1] = static_cast<char>(next + 32);
      ++i;
    }
  }
  return out;
}

namespace {

// Where in the question, for a violation: criterium[i], its element[j],
// its waarde[k].
struct Place {
  int criterion = 0;
  int element = -1;
  int value = -1;
  FieldPath Path() const {
    FieldPath p;
    p.Append("criterium", criterion);
    if (element >= 0) p.Append("element", element);
    if (value >= 0) p.Append("waarde", value);
    return p;
  }
};

// The outcome of compiling one condition.
enum class Outcome { kCompiled, kIgnored, kRefused };

class ConditionCompiler {
 public:
  explicit ConditionCompiler(QuestionCheck* check) : check_(check) {}

  void Violate(const char* rule, const Place& at, std::string message,
               Severity severity = Severity::kError) {
    Violation v;
    v.rule_id = rule;
    v.severity = severity;
    v.path = at.Path();
    v.message = std::move(message);
    check_->violations.push_back(std::move(v));
  }

  // Converts the values of `c` for `leaf`; false after a violation.
  bool Compile(const v1::Criterium& c, const LeafPath& leaf, Place at,
               QuestionPlan::Condition* out) {
    out->path = &leaf;
    out->op = c.operator_();
    const bool single =
        out->op != v1::SELECTIE_OPERATOR_IN && out->op != v1::SELECTIE_OPERATOR_ALL;
    if (single && c.waarde_size() != 1) {
      Violate(kRuleValueCount, at, "Deze operator vraagt precies één waarde.");
      return false;
    }
    bool ok = true;
    for (int i = 0; i < c.waarde_size(); ++i) {
      at.value = i;
      ok &= Value(c.waarde(i), leaf, out->op, at, out);
    }
    at.value = -1;
    if (!ok) return false;
    const size_t asked = out->numbers.size() + out->texts.size();
    std::sort(out->numbers.begin(), out->numbers.end());
    out->numbers.erase(std::unique(out->numbers.begin(), out->numbers.end()),
                       out->numbers.end());
    std::sort(out->texts.begin(), out->texts.end());
    out->texts.erase(std::unique(out->texts.begin(), out->texts.end()), out->texts.end());
    if (out->numbers.size() + out->texts.size() != asked) {
      Violate(kRuleDuplicateValues, at,
              "Een waarde staat meer dan eens in de lijst; ze telt één keer.",
              Severity::kWarning);
    }
    return true;
  }

 private:
  static bool Whole(double d, double lo, double hi) {
    return std::isfinite(d) && d == std::floor(d) && d >= lo && d <= hi;
  }

  static std::optional<int64_t> Digits(const v1::Waarde& w) {
    if (w.has_getal()) {
      if (Whole(w.getal(), 0, 9007199254740992.0)) return static_cast<int64_t>(w.getal());
      return std::nullopt;
    }
    const std::string& t = w.tekst();
    if (t.empty() || t.size() > 15 || !validate_internal::IsDigits(t))
      return std::nullopt;
    return std::stoll(t);
  }

  bool WrongKind(const LeafPath& leaf, const Place& at) {
    Violate(kRuleValueKind, at,
            absl::StrCat("Deze waarde past niet bij het gegeven (soort: ",
                         selection_internal::ValueKindName(leaf.kind), ")."));
    return false;
  }

  bool Value(const v1::Waarde& w, const LeafPath& leaf, v1::SelectieOperator op,
             const Place& at, QuestionPlan::Condition* out) {
    switch (leaf.kind) {
      case ValueKind::kEnum:
      case ValueKind::kOrderedEnum: {
        const std::optional<int64_t> code = Digits(w);
        if (!code) return WrongKind(leaf, at);
        const auto* value = *code > 1000000
                                ? nullptr
                                : leaf.fields.back()->enum_type()->FindValueByNumber(
                                      static_cast<int>(*code));
        const bool ordering = op == v1::SELECTIE_OPERATOR_GTE ||
                              op == v1::SELECTIE_OPERATOR_LTE ||
                              op == v1::SELECTIE_OPERATOR_LT;
        // An off-scale code bounds nothing, except where the koppelvlak 3.0
        // orders every code by its number (order_by_code) and as $lt's bound:
        // "$lt": "7" is "below (nog) niet bekend".
        if (value == nullptr || InfoOf(*value).placeholder() ||
            (ordering && op != v1::SELECTIE_OPERATOR_LT && !leaf.order_by_code &&
             InfoOf(*value).off_scale())) {
          Violate(kRuleUnknownCode, at,
                  ordering ? "Dit is geen code op de schaal van het gegeven."
                           : "Dit is geen code van het gegeven.");
          return false;
        }
        out->numbers.push_back(*code);
        return true;
      }
      case ValueKind::kInteger:
        if (!w.has_getal() || !Whole(w.getal(), -2147483648.0, 2147483647.0)) {
          return WrongKind(leaf, at);
        }
        out->numbers.push_back(static_cast<int64_t>(w.getal()));
        return true;
      case ValueKind::kNumberCode: {
        const std::optional<int64_t> code = Digits(w);
        if (!code) return WrongKind(leaf, at);
        out->numbers.push_back(*code);
        return true;
      }
      case ValueKind::kDate: {
        const std::optional<int64_t> day =
            w.has_tekst() ? validate_internal::DateKey(w.tekst()) : std::nullopt;
        if (!day) return WrongKind(leaf, at);
        out->numbers.push_back(*day);
        return true;
      }
      case ValueKind::kCode:
        if (!w.has_tekst()) return WrongKind(leaf, at);
        out->texts.push_back(w.tekst());
        return true;
      case ValueKind::kText:
        if (!w.has_tekst()) return WrongKind(leaf, at);
        if (validate_internal::CodePoints(w.tekst()) < 2) {
          Violate(kRuleContainsShort, at, "Een zoektekst heeft ten minste twee tekens.");
          return false;
        }
        out->texts.push_back(selection_internal::FoldCase(w.tekst()));
        return true;
    }
    return WrongKind(leaf, at);
  }

  QuestionCheck* check_;
};

bool KnownOperator(int op) {
  return op != v1::SELECTIE_OPERATOR_ONGESPECIFICEERD && v1::SelectieOperator_IsValid(op);
}

bool Empty(const v1::Criterium& c) {
  return c.waarde_size() == 0 && c.element_size() == 0;
}

}  // namespace

class QuestionCompiler::Impl {
 public:
  Impl(const Pc4Register* pc4, std::unique_ptr<Validator> validator)
      : pc4_(pc4), validator_(std::move(validator)) {}

  absl::StatusOr<QuestionCheck> Compile(const v1::Selectievraag& q,
                                        const QuestionCompiler::Options& options) const {
    absl::StatusOr<ValidationResult> schema = validator_->Validate(q);
    if (!schema.ok()) return schema.status();
    QuestionCheck check;
    check.violations = schema->violations();
    auto plan = std::make_shared<QuestionPlan>();
    plan->kind = q.soort();
    plan->paths = PathCatalogue::For(q.soort());
    plan->distance_km = q.selectiegebied().afstand();
    plan->max_results = q.maximum_aantal_resultaten();
    Area(q, plan.get(), &check);
    ConditionCompiler conditions(&check);
    for (int i = 0; plan->paths != nullptr && i < q.criterium_size(); ++i) {
      QuestionPlan::Criterion criterion;
      criterion.index = i;
      v1::RedenGenegeerd reason =
          Criterion(q.criterium(i), *plan->paths, &conditions, &criterion);
      if (reason == v1::REDEN_GENEGEERD_ONGESPECIFICEERD && !options.vum_extensions &&
          !criterion.conditions.empty() && !DescribedByTheStandard(criterion)) {
        reason = v1::REDEN_GENEGEERD_VUM_UITBREIDING;
      }
      if (reason == v1::REDEN_GENEGEERD_ONGESPECIFICEERD) {
        if (!criterion.conditions.empty()) plan->criteria.push_back(std::move(criterion));
        continue;
      }
      v1::GenegeerdCriterium& ignored = check.ignored.emplace_back();
      ignored.set_index(i);
      if (!q.criterium(i).pad().empty()) ignored.set_pad(q.criterium(i).pad());
      if (KnownOperator(q.criterium(i).operator_())) {
        ignored.set_operator_(q.criterium(i).operator_());
      }
      ignored.set_reden(reason);
    }
    const bool refused =
        std::any_of(check.violations.begin(), check.violations.end(),
                    [](const Violation& v) { return v.severity == Severity::kError; });
    if (!refused) check.plan = std::move(plan);
    return check;
  }

 private:
  void Area(const v1::Selectievraag& q, QuestionPlan* plan, QuestionCheck* check) const {
    const std::string& postcode = q.selectiegebied().postcode();
    if (!validate_internal::IsPostcodeNl(postcode)) return;  // SEG-01 or SEG-02 said so
    plan->centre = pc4_->Find(Pc4Of(postcode));
    if (plan->centre != nullptr) return;
    Violation v;
    v.rule_id = kRuleAreaPostcodeUnknown;
    v.path.Append("selectiegebied");
    v.path.Append("postcode");
    v.message =
        absl::StrCat("De viercijferige postcode staat niet in de PC4-lijst (versie ",
                     pc4_->version(), ").");
    check->violations.push_back(std::move(v));
  }

  // Whether the koppelvlak 3.0 describes the criterion: its list (if any)
  // with $elemMatch, and every condition's operator on its path.
  static bool DescribedByTheStandard(const QuestionPlan::Criterion& c) {
    if (c.list != nullptr &&
        !selection_internal::Allows(c.list->standard_operators,
                                    v1::SELECTIE_OPERATOR_ELEM_MATCH)) {
      return false;
    }
    return std::all_of(
        c.conditions.begin(), c.conditions.end(), [](const QuestionPlan::Condition& k) {
          return selection_internal::Allows(k.path->standard_operators, k.op);
        });
  }

  // Compiles criterion `c` into `out`, or says why it is ignored. A violation
  // leaves `out` without conditions.
  static v1::RedenGenegeerd Criterion(const v1::Criterium& c, const PathCatalogue& paths,
                                      ConditionCompiler* conditions,
                                      QuestionPlan::Criterion* out) {
    if (c.operator_() != 0 && !KnownOperator(c.operator_())) {
      return v1::REDEN_GENEGEERD_ONBEKENDE_OPERATOR;
    }
    if (Empty(c)) return v1::REDEN_GENEGEERD_LEGE_WAARDE;
    if (!KnownOperator(c.operator_())) return v1::REDEN_GENEGEERD_ONBEKENDE_OPERATOR;
    const LeafPath* leaf = nullptr;
    const ListPath* list = nullptr;
    switch (paths.Resolve(c.pad(), &leaf, &list)) {
      case Resolution::kUnknown:
        return v1::REDEN_GENEGEERD_ONBEKEND_PAD;
      case Resolution::kNotSelectable:
        return v1::REDEN_GENEGEERD_NIET_SELECTEERBAAR;
      case Resolution::kList:
        return ElemMatch(c, paths, *list, conditions, out);
      case Resolution::kLeaf:
        break;
    }
    if (!selection_internal::Allows(leaf->operators, c.operator_())) {
      return v1::REDEN_GENEGEERD_OPERATOR_NIET_TOEGESTAAN;
    }
    if (c.element_size() > 0) {
      conditions->Violate(kRuleElemMatch, {out->index},
                          "Alleen $elemMatch heeft geneste voorwaarden.");
      return v1::REDEN_GENEGEERD_ONGESPECIFICEERD;
    }
    QuestionPlan::Condition condition;
    if (conditions->Compile(c, *leaf, {out->index}, &condition)) {
      out->needs_consent = leaf->needs_consent;
      out->conditions.push_back(std::move(condition));
    }
    return v1::REDEN_GENEGEERD_ONGESPECIFICEERD;
  }

  static v1::RedenGenegeerd ElemMatch(const v1::Criterium& c, const PathCatalogue& paths,
                                      const ListPath& list, ConditionCompiler* conditions,
                                      QuestionPlan::Criterion* out) {
    if (c.operator_() != v1::SELECTIE_OPERATOR_ELEM_MATCH) {
      return v1::REDEN_GENEGEERD_OPERATOR_NIET_TOEGESTAAN;
    }
    if (c.waarde_size() > 0) {
      conditions->Violate(kRuleElemMatch, {out->index},
                          "$elemMatch heeft geneste voorwaarden, geen waarden.");
      return v1::REDEN_GENEGEERD_ONGESPECIFICEERD;
    }
    out->list = &list;
    out->needs_consent = list.needs_consent;
    bool ok = true;
    std::vector<QuestionPlan::Condition> compiled;
    for (int j = 0; j < c.element_size(); ++j) {
      const v1::Criterium& e = c.element(j);
      const Place at{out->index, j};
      if (e.operator_() != 0 && !KnownOperator(e.operator_())) {
        return v1::REDEN_GENEGEERD_ONBEKENDE_OPERATOR;
      }
      if (Empty(e)) continue;  // counts as absent
      if (!KnownOperator(e.operator_())) return v1::REDEN_GENEGEERD_ONBEKENDE_OPERATOR;
      if (e.element_size() > 0 || e.operator_() == v1::SELECTIE_OPERATOR_ELEM_MATCH) {
        conditions->Violate(kRuleElemMatch, at, "$elemMatch kan niet genest worden.");
        ok = false;
        continue;
      }
      const LeafPath* leaf = nullptr;
      switch (paths.ResolveWithin(list, e.pad(), &leaf)) {
        case Resolution::kUnknown:
          return v1::REDEN_GENEGEERD_ONBEKEND_PAD;
        case Resolution::kNotSelectable:
        case Resolution::kList:
          return v1::REDEN_GENEGEERD_NIET_SELECTEERBAAR;
        case Resolution::kLeaf:
          break;
      }
      if (!selection_internal::Allows(leaf->operators, e.operator_())) {
        return v1::REDEN_GENEGEERD_OPERATOR_NIET_TOEGESTAAN;
      }
      QuestionPlan::Condition condition;
      ok &= conditions->Compile(e, *leaf, at, &condition);
      out->needs_consent |= leaf->needs_consent;
      compiled.push_back(std::move(condition));
    }
    if (compiled.empty() && ok) return v1::REDEN_GENEGEERD_LEGE_WAARDE;
    if (ok) out->conditions = std::move(compiled);
    return v1::REDEN_GENEGEERD_ONGESPECIFICEERD;
  }

  const Pc4Register* pc4_;
  std::unique_ptr<Validator> validator_;
};

absl::StatusOr<std::unique_ptr<QuestionCompiler>> QuestionCompiler::Create(
    const Pc4Register* pc4) {
  if (pc4 == nullptr)
    return absl::InvalidArgumentError("a question compiler needs a PC4 list");
  if (!PathCatalogue::SchemaError().empty()) {
    return absl::InternalError(
        absl::StrCat("the schema's selectable fields cannot be compiled: ",
                     PathCatalogue::SchemaError()));
  }
  absl::StatusOr<std::unique_ptr<Validator>> validator = Validator::Create();
  if (!validator.ok()) return validator.status();
  return std::unique_ptr<QuestionCompiler>(
      new QuestionCompiler(std::make_unique<Impl>(pc4, std::move(*validator))));
}

QuestionCompiler::QuestionCompiler(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QuestionCompiler::~QuestionCompiler() = default;

absl::StatusOr<QuestionCheck> QuestionCompiler::Compile(const v1::Selectievraag& q,
                                                        const Options& options) const {
  return impl_->Compile(q, options);
}

std::vector<SelectablePathInfo> SelectablePaths(v1::SoortSelectie kind) {
  std::vector<SelectablePathInfo> out;
  const PathCatalogue* paths = PathCatalogue::For(kind);
  if (paths == nullptr) return out;
  auto names = [](selection_internal::OperatorSet set) {
    std::vector<std::string> ops;
    for (int op = 1; v1::SelectieOperator_IsValid(op); ++op) {
      if ((set >> op) & 1u) {
        ops.push_back(
            InfoOf(*v1::SelectieOperator_descriptor()->FindValueByNumber(op)).label());
      }
    }
    return ops;
  };
  for (const ListPath& l : paths->lists()) {
    out.push_back({l.name, names(l.operators), "list", l.needs_consent});
  }
  for (const LeafPath& l : paths->leaves()) {
    out.push_back({l.name, names(l.operators),
                   std::string(selection_internal::ValueKindName(l.kind)),
                   l.needs_consent});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

}  // namespace vum
