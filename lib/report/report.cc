#include "vum/report.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/report/suppression.h"
#include "lib/selection/paths.h"
#include "vum/schema.h"

namespace vum {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A message type at one place in the profile: its fields' elements and,
// for fields that are records, the node below.
struct ReportBuilder::Node {
  struct Field {
    const FieldDescriptor* field;
    int element;
    int child;  // node index, or -1
  };
  std::vector<Field> fields;
};

// The builder's state: the report being built and what reading needs.
struct ReportBuilder::Impl {
  ReportOptions options;
  CompletenessReport report;
  std::vector<Node> nodes;  // the element tree; nodes[0] is the profile
  std::vector<std::vector<int>> matching_groups;  // element ids per matchability group
};

namespace {

constexpr int kMaxDepth = 8;
constexpr const char* kUnknown = report_internal::kUnknownGroup;

// The matchability group of a selectable path: the path up to its list (a
// list counts once), or the path itself.
std::string GroupOf(const selection_internal::LeafPath& leaf) {
  if (leaf.list_depth < 0) return leaf.name;
  std::vector<std::string> names;
  for (int i = 0; i <= leaf.list_depth; ++i) names.push_back(leaf.fields[i]->json_name());
  return absl::StrJoin(names, ".");
}

}  // namespace

std::optional<uint64_t> CompletenessReport::PublishedCount(const GroupCounts& group,
                                                           Measure measure) const {
  if (group.suppressed.at(measure)) return std::nullopt;
  return group.count(measure);
}

std::optional<double> CompletenessReport::PublishedShare(const GroupCounts& group,
                                                         Measure measure) const {
  if (group.profiles == 0 || group.suppressed.at(kProfilesMeasure) ||
      group.suppressed.at(measure)) {
    return std::nullopt;
  }
  return 100.0 * static_cast<double>(group.count(measure)) /
         static_cast<double>(group.profiles);
}

std::optional<double> CompletenessReport::PublishedMean(const GroupCounts& group) const {
  if (group.profiles == 0 || group.suppressed.at(kProfilesMeasure)) return std::nullopt;
  return group.mean_matchability();
}

std::optional<uint64_t> CompletenessReport::PublishedCount(uint64_t count,
                                                           uint64_t of) const {
  const uint64_t k = static_cast<uint64_t>(k_);
  auto small = [k](uint64_t n) { return n > 0 && n < k; };
  if (small(count) || count > of || small(of - count)) return std::nullopt;
  return count;
}

ReportBuilder::ReportBuilder(const ReportOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->report.k_ = options.k;
  impl_->report.pc4_ = options.pc4;
  // The element tree, depth first in schema order: the data dictionary's.
  std::vector<std::pair<const Descriptor*, std::string>> stack;
  auto build = [&](auto& self, const Descriptor* type, const std::string& path,
                   const std::string& label, int depth) -> int {
    const int index = static_cast<int>(impl_->nodes.size());
    impl_->nodes.emplace_back();
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      ReportElement e;
      e.path = path.empty() ? f->json_name() : absl::StrCat(path, ".", f->json_name());
      const std::string own =
          InfoOf(*f).label().empty() ? f->json_name() : InfoOf(*f).label();
      e.label = label.empty() ? own : absl::StrCat(label, " / ", own);
      e.depth = depth;
      const int element = static_cast<int>(impl_->report.elements_.size());
      impl_->report.elements_.push_back(e);
      int child = -1;
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && depth < kMaxDepth) {
        child = self(self, f->message_type(), e.path, e.label, depth + 1);
      }
      impl_->nodes[index].fields.push_back({f, element, child});
    }
    return index;
  };
  build(build, v1::Werkzoekende::descriptor(), "", "", 0);
  // Matchability: the selectable elements, a list counting once, and the
  // mediation postcode, without which no question's area holds the profile.
  std::map<std::string, std::vector<int>> groups;
  std::map<std::string, int> by_path;
  for (size_t i = 0; i < impl_->report.elements_.size(); ++i)
    by_path[impl_->report.elements_[i].path] = i;
  std::vector<std::pair<std::string, std::string>> matching = {
      // (path, group)
      {"mobiliteit.bemiddelingspostcode", "mobiliteit.bemiddelingspostcode"}};
  const auto* paths =
      selection_internal::PathCatalogue::For(v1::SOORT_SELECTIE_WERKZOEKENDEN);
  for (const selection_internal::LeafPath& leaf : paths->leaves()) {
    matching.push_back({leaf.name, GroupOf(leaf)});
  }
  for (const auto& [path, group] : matching) {
    auto it = by_path.find(path);
    if (it == by_path.end()) continue;
    impl_->report.elements_[it->second].matching = true;
    groups[group].push_back(it->second);
  }
  for (auto& [name, ids] : groups) impl_->matching_groups.push_back(std::move(ids));
}

ReportBuilder::~ReportBuilder() = default;

size_t ReportBuilder::matchability_groups() const {
  return impl_->matching_groups.size();
}

void ReportBuilder::StartSnapshot(std::string label) {
  ReportSnapshot s;
  s.label = std::move(label);
  s.all.with_element.assign(impl_->report.elements_.size(), 0);
  impl_->report.snapshots_.push_back(std::move(s));
}

void ReportBuilder::Mark(const Message& m, const Node& node,
                         std::vector<char>& present) const {
  const Reflection* r = m.GetReflection();
  for (const Node::Field& f : node.fields) {
    const int count = f.field->is_repeated() ? r->FieldSize(m, f.field)
                                             : (r->HasField(m, f.field) ? 1 : 0);
    if (count == 0) continue;
    present[f.element] = 1;
    if (f.child < 0) continue;
    for (int i = 0; i < count; ++i) {
      const Message& child = f.field->is_repeated() ? r->GetRepeatedMessage(m, f.field, i)
                                                    : r->GetMessage(m, f.field);
      Mark(child, impl_->nodes[f.child], present);
    }
  }
}

double ReportBuilder::Score(const std::vector<char>& present) const {
  int have = 0;
  for (const std::vector<int>& group : impl_->matching_groups) {
    for (int id : group) {
      if (present[id]) {
        ++have;
        break;
      }
    }
  }
  return impl_->matching_groups.empty() ? 0
                                        : 100.0 * have / impl_->matching_groups.size();
}

double ReportBuilder::Matchability(const v1::Werkzoekende& profile) const {
  std::vector<char> present(impl_->report.elements_.size(), 0);
  Mark(profile, impl_->nodes[0], present);
  return Score(present);
}

void ReportBuilder::Count(GroupCounts& group, const std::vector<char>& present,
                          double score, bool conforms) {
  if (group.with_element.empty()) group.with_element.assign(present.size(), 0);
  ++group.profiles;
  for (size_t i = 0; i < present.size(); ++i) group.with_element[i] += present[i];
  group.matchability_sum += score;
  group.conforming += conforms;
}

std::string ReportBuilder::SourceName(absl::string_view oin) const {
  if (oin.empty()) return std::string(kUnknown);
  if (impl_->options.source_names != nullptr) {
    auto it = impl_->options.source_names->find(std::string(oin));
    if (it != impl_->options.source_names->end()) return it->second;
  }
  return std::string(oin);
}

void ReportBuilder::Add(const v1::Werkzoekende& profile, absl::string_view source_oin) {
  if (impl_->report.snapshots_.empty()) StartSnapshot("");
  ReportSnapshot& s = impl_->report.snapshots_.back();
  std::vector<char> present(impl_->report.elements_.size(), 0);
  Mark(profile, impl_->nodes[0], present);
  const double score = Score(present);
  bool conforms = true;
  if (impl_->options.validator != nullptr) {
    absl::StatusOr<ValidationResult> result = impl_->options.validator->Validate(profile);
    conforms = result.ok() && result->conforms();
    if (result.ok()) {
      std::vector<std::string> broken;
      for (const Violation& v : result->violations()) {
        if (v.severity == Severity::kError) broken.push_back(v.rule_id);
      }
      std::sort(broken.begin(), broken.end());
      broken.erase(std::unique(broken.begin(), broken.end()), broken.end());
      for (const std::string& id : broken) ++s.profiles_breaking[id];
    }
  }
  Count(s.all, present, score, conforms);
  Count(s.by_source[SourceName(source_oin)], present, score, conforms);
  const char* group = profile.indicatie_ldr_registratie() == v1::JA_NEE_JA    ? "ja"
                      : profile.indicatie_ldr_registratie() == v1::JA_NEE_NEE ? "nee"
                                                                              : kUnknown;
  Count(s.by_target_group[group], present, score, conforms);
  const Pc4Area* area =
      impl_->options.pc4 == nullptr
          ? nullptr
          : impl_->options.pc4->Find(Pc4Of(profile.mobiliteit().bemiddelingspostcode()));
  Count(s.by_province[area != nullptr ? area->province : kUnknown], present, score,
        conforms);
  Count(s.by_municipality[area != nullptr && !area->municipality.empty()
                              ? area->municipality
                              : kUnknown],
        present, score, conforms);
  Count(s.by_labour_market_region[area != nullptr && !area->labour_market_region.empty()
                                      ? area->labour_market_region
                                      : kUnknown],
        present, score, conforms);
  if (area != nullptr) {
    auto& cell = s.by_pc4[area->code];
    ++cell.first;
    cell.second += score;
  }
}

CompletenessReport ReportBuilder::Finish() && {
  for (ReportSnapshot& s : impl_->report.snapshots_) {
    // A snapshot without profiles has no element counts yet.
    s.all.with_element.resize(impl_->report.elements_.size());
    report_internal::SuppressSmallCells(
        s, impl_->report.k_, impl_->options.secondary_suppression, impl_->options.pc4);
  }
  return std::move(impl_->report);
}

}  // namespace vum
