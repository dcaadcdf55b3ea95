#include "lib/selection/paths.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "vum/schema.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::selection_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

constexpr int kMaxDepth = 8;

OperatorSet OperatorsOf(const v1::Selectable& s) {
  OperatorSet set = 0;
  for (int op : s.operator_()) set |= 1u << op;
  return set;
}

OperatorSet StandardOperatorsOf(const v1::Selectable& s) {
  OperatorSet set = 0;
  for (int op : s.standard_operator()) set |= 1u << op;
  return set;
}

bool HasRule(const FieldDescriptor& f, v1::Rule::KindCase kind, v1::Format format) {
  for (const v1::Rule& r : InfoOf(f).rule()) {
    if (r.kind_case() != kind) continue;
    if (kind != v1::Rule::kFormat || r.format() == format) return true;
  }
  return false;
}

ValueKind KindOf(const FieldDescriptor& f) {
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_ENUM:
      return InfoOf(*f.enum_type()).ordered() ? ValueKind::kOrderedEnum
                                              : ValueKind::kEnum;
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
      return ValueKind::kInteger;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return ValueKind::kNumberCode;
    default:
      break;
  }
  if (HasRule(f, v1::Rule::kFormat, v1::FORMAT_DATE)) return ValueKind::kDate;
  if (HasRule(f, v1::Rule::kCodeSet, {}) || HasRule(f, v1::Rule::kCodeList, {})) {
    return ValueKind::kCode;
  }
  // A code the interface types as a string without a list: a CompetentNL
  // URI, a SuwiML digit string. The schema says so by declaring it
  // selectable by equality, never by $contains.
  const OperatorSet ops = OperatorsOf(InfoOf(f).selectable());
  if (ops != 0 && (ops & (1u << v1::SELECTIE_OPERATOR_CONTAINS)) == 0) {
    return ValueKind::kCode;
  }
  return ValueKind::kText;
}

// The operators each kind of value can take.
OperatorSet Fitting(ValueKind kind) {
  auto set = [](std::initializer_list<v1::SelectieOperator> ops) {
    OperatorSet s = 0;
    for (auto op : ops) s |= 1u << op;
    return s;
  };
  using O = v1::SelectieOperator;
  const OperatorSet equality =
      set({O::SELECTIE_OPERATOR_EQ, O::SELECTIE_OPERATOR_IN, O::SELECTIE_OPERATOR_ALL});
  const OperatorSet order =
      set({O::SELECTIE_OPERATOR_GTE, O::SELECTIE_OPERATOR_LTE, O::SELECTIE_OPERATOR_LT});
  switch (kind) {
    case ValueKind::kEnum:
    case ValueKind::kCode:
    case ValueKind::kNumberCode:
      return equality;
    case ValueKind::kOrderedEnum:
    case ValueKind::kInteger:
    case ValueKind::kDate:
      return equality | order;
    case ValueKind::kText:
      return set({O::SELECTIE_OPERATOR_CONTAINS});
  }
  return 0;
}

bool ShownToEmployer(const FieldDescriptor& f) {
  const v1::PrivacyClass privacy = InfoOf(f).privacy();
  return VisibleIn(privacy, v1::VIEW_EMPLOYER) &&
         !GeneralisedIn(privacy, v1::VIEW_EMPLOYER);
}

}  // namespace

class CatalogueBuilder {
 public:
  CatalogueBuilder(PathCatalogue* out, std::string* error) : out_(out), error_(error) {}

  void Build(const Descriptor* root) {
    out_->root_ = root;
    Walk(root, 0);
  }

  void Walk(const Descriptor* message, int depth) {
    if (depth > kMaxDepth) return;
    for (int i = 0; i < message->field_count(); ++i) {
      const FieldDescriptor* f = message->field(i);
      if (f->is_repeated() && list_depth_ >= 0) continue;  // one list per path
      fields_.push_back(f);
      const bool shown = ShownToEmployer(*f);
      if (!shown) ++hidden_;
      const bool consent = NeedsConsentIn(InfoOf(*f).privacy(), v1::VIEW_EMPLOYER);
      if (consent) ++consent_;
      const int saved_list = list_, saved_depth = list_depth_;
      if (f->is_repeated()) list_depth_ = static_cast<int>(fields_.size()) - 1;
      Visit(*f);
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE)
        Walk(f->message_type(), depth + 1);
      list_ = saved_list;
      list_depth_ = saved_depth;
      if (consent) --consent_;
      if (!shown) --hidden_;
      fields_.pop_back();
    }
  }

 private:
  std::string Name(size_t from = 0) const {
    std::vector<std::string> names;
    for (size_t i = from; i < fields_.size(); ++i)
      names.push_back(fields_[i]->json_name());
    return absl::StrJoin(names, ".");
  }

  void Fail(const FieldDescriptor& f, absl::string_view why) {
    if (error_->empty()) *error_ = absl::StrCat(f.full_name(), ": ", why);
  }

  void Visit(const FieldDescriptor& f) {
    if (!InfoOf(f).has_selectable()) return;
    const OperatorSet ops = OperatorsOf(InfoOf(f).selectable());
    if (hidden_ > 0) {
      // Selectable in a message that also appears where the employer may not
      // look: only a schema error when the field itself is hidden.
      if (!ShownToEmployer(f))
        Fail(f, "selectable but not shown to an employer as it is");
      return;
    }
    if (f.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!f.is_repeated() || ops != (1u << v1::SELECTIE_OPERATOR_ELEM_MATCH)) {
        Fail(f, "a record field is selectable only as a list, with $elemMatch alone");
        return;
      }
      ListPath list{
          static_cast<int>(out_->lists_.size()),       Name(),      fields_, ops,
          StandardOperatorsOf(InfoOf(f).selectable()), consent_ > 0};
      list_ = list.id;
      out_->list_by_name_[list.name] = list.id;
      out_->lists_.push_back(std::move(list));
      return;
    }
    LeafPath leaf;
    leaf.id = static_cast<int>(out_->leaves_.size());
    leaf.name = Name();
    leaf.fields = fields_;
    leaf.kind = KindOf(f);
    leaf.operators = ops;
    leaf.standard_operators = StandardOperatorsOf(InfoOf(f).selectable());
    if ((leaf.standard_operators & ~ops) != 0) {
      Fail(f, "declares a standard operator it does not allow");
      return;
    }
    leaf.needs_consent = consent_ > 0;
    leaf.order_by_code = InfoOf(f).selectable().order_by_code();
    if ((ops & ~Fitting(leaf.kind)) != 0 || ops == 0) {
      Fail(f, "declares an operator that does not fit its kind of value");
      return;
    }
    leaf.list_depth = list_depth_;
    if (list_ >= 0) {  // the path runs through a list that $elemMatch may ask about
      leaf.list = list_;
      leaf.relative_name = Name(list_depth_ + 1);
    }
    out_->leaf_by_name_[leaf.name] = leaf.id;
    out_->leaves_.push_back(std::move(leaf));
  }

  PathCatalogue* out_;
  std::string* error_;
  std::vector<const FieldDescriptor*> fields_;
  int hidden_ = 0;
  int consent_ = 0;
  int list_ = -1;
  int list_depth_ = -1;
};

namespace {

struct Catalogues {
  PathCatalogue job_seekers;
  PathCatalogue vacancies;
  std::string error;
};

const Catalogues& Get() {
  static const Catalogues* catalogues = [] {
    auto* c = new Catalogues;
    CatalogueBuilder(&c->job_seekers, &c->error).Build(v1::Werkzoekende::descriptor());
    CatalogueBuilder(&c->vacancies, &c->error).Build(v1::Vacature::descriptor());
    return c;
  }();
  return *catalogues;
}

}  // namespace

absl::string_view ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kEnum:
      return "enum";
    case ValueKind::kOrderedEnum:
      return "ordered-enum";
    case ValueKind::kInteger:
      return "integer";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kCode:
      return "code";
    case ValueKind::kNumberCode:
      return "number-code";
    case ValueKind::kText:
      return "text";
  }
  return "";
}

const PathCatalogue* PathCatalogue::For(v1::SoortSelectie kind) {
  switch (kind) {
    case v1::SOORT_SELECTIE_WERKZOEKENDEN:
      return &Get().job_seekers;
    case v1::SOORT_SELECTIE_VACATURES:
      return &Get().vacancies;
    default:
      return nullptr;
  }
}

const std::string& PathCatalogue::SchemaError() { return Get().error; }

Resolution PathCatalogue::Resolve(absl::string_view path, const LeafPath** leaf,
                                  const ListPath** list) const {
  const Descriptor* message = root();
  for (absl::string_view name : absl::StrSplit(path, '.')) {
    const FieldDescriptor* f = nullptr;
    for (int i = 0; message != nullptr && i < message->field_count() && f == nullptr;
         ++i) {
      if (message->field(i)->json_name() == name) f = message->field(i);
    }
    if (f == nullptr) return Resolution::kUnknown;
    message =
        f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE ? f->message_type() : nullptr;
  }
  const std::string key(path);
  if (auto it = leaf_by_name_.find(key); it != leaf_by_name_.end()) {
    *leaf = &leaves_[it->second];
    return Resolution::kLeaf;
  }
  if (auto it = list_by_name_.find(key); it != list_by_name_.end()) {
    *list = &lists_[it->second];
    return Resolution::kList;
  }
  return Resolution::kNotSelectable;
}

Resolution PathCatalogue::ResolveWithin(const ListPath& list, absl::string_view relative,
                                        const LeafPath** leaf) const {
  const ListPath* inner = nullptr;
  const Resolution r = Resolve(absl::StrCat(list.name, ".", relative), leaf, &inner);
  if (r == Resolution::kList) return Resolution::kNotSelectable;  // no nested $elemMatch
  if (r == Resolution::kLeaf && (*leaf)->list != list.id)
    return Resolution::kNotSelectable;
  return r;
}

}  // namespace vum::selection_internal
