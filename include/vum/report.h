// vum/report.h: how complete a caseload is, element by element, per source,
// region and target group, and how that changes between dates.
//
// Of 157,659 profiles in UWV's Kandidatenverkenner, 42% had no education
// level. A CompletenessReport counts, for every element of the job-seeker
// profile (in the data dictionary's order), how many profiles have it, and
// scores every profile's matchability: the share of the elements a selection
// question can ask about that it has (docs/report.md gives the definition).
// Profiles are added one at a time, so memory does not grow with the
// caseload.
//
// The report is statistics about people with a disability, so what it
// publishes is protected against small cells: every count below k (default
// 10) is published as "< k", and a share is hidden when its count, its
// complement or its group is below k (PublishedCount, PublishedShare). The
// renderers (report_render.h) publish only through those.
//
// Example:
//
//   vum::ReportBuilder builder({.k = 10, .pc4 = &pc4, .validator = validator.get()});
//   builder.StartSnapshot("2026-09-30");
//   for (...) builder.Add(profile, sender_oin);
//   vum::CompletenessReport report = std::move(builder).Finish();
//
// Thread safety: a ReportBuilder is not thread-safe; a finished report is
// immutable.

#ifndef VUM_REPORT_H_
#define VUM_REPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "vum/pc4.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/validator.h"

namespace vum {

// One element of the profile: a field at a path, e.g. "mobiliteit.bemiddelingspostcode".
struct ReportElement {
  std::string path;
  std::string
      label;  // the Dutch label, with its parents' ("Mobiliteit / Bemiddelingspostcode")
  int depth = 0;  // 0 for a field of the profile itself
  // Counts toward matchability: a selection question can ask about it.
  bool matching = false;
};

// Counts over a group of profiles.
struct GroupCounts {
  uint64_t profiles = 0;
  // Per element of CompletenessReport::elements(): profiles that have it.
  std::vector<uint64_t> with_element;
  // Sum of the profiles' matchability scores (0 to 100).
  double matchability_sum = 0;
  // Profiles with no violation of severity error.
  uint64_t conforming = 0;

  [[nodiscard]] double mean_matchability() const {
    return profiles == 0 ? 0 : matchability_sum / profiles;
  }
};

// One caseload at one date.
struct ReportSnapshot {
  std::string label;  // the date, as given
  GroupCounts all;
  std::map<std::string, GroupCounts> by_source;        // sender OIN
  std::map<std::string, GroupCounts> by_province;      // of the mediation postcode
  std::map<std::string, GroupCounts> by_municipality;  // likewise
  std::map<std::string, GroupCounts> by_target_group;  // "ja", "nee", "onbekend" (LDR)
  // Profiles with at least one error of each rule id.
  std::map<std::string, uint64_t> profiles_breaking;
  // Per four-digit area of the mediation postcode: profiles and summed score.
  std::map<int, std::pair<uint64_t, double>> by_pc4;
};

class CompletenessReport {
 public:
  [[nodiscard]] int k() const { return k_; }
  [[nodiscard]] const std::vector<ReportElement>& elements() const { return elements_; }
  // In the order they were started (oldest first, by convention).
  [[nodiscard]] const std::vector<ReportSnapshot>& snapshots() const {
    return snapshots_;
  }
  [[nodiscard]] const Pc4Register& pc4() const { return *pc4_; }

  // `count` as it may be published: the number, or "< k" for 1 to k-1.
  [[nodiscard]] std::string PublishedCount(uint64_t count) const;
  // count / of as a percentage, or nothing when `of`, `count` or `of - count`
  // is from 1 to k-1 (the share would point at fewer than k people).
  [[nodiscard]] std::optional<double> PublishedShare(uint64_t count, uint64_t of) const;
  // The group's mean matchability, or nothing for a group under k.
  [[nodiscard]] std::optional<double> PublishedMean(const GroupCounts& group) const;

 private:
  friend class ReportBuilder;
  int k_ = 10;
  const Pc4Register* pc4_ = nullptr;
  std::vector<ReportElement> elements_;
  std::vector<ReportSnapshot> snapshots_;
};

struct ReportOptions {
  // The smallest count that is published as it is.
  int k = 10;
  // Not owned; both required, and must outlive the builder and the report.
  const Pc4Register* pc4 = nullptr;
  const Validator* validator = nullptr;
};

class ReportBuilder {
 public:
  explicit ReportBuilder(const ReportOptions& options);
  ~ReportBuilder();
  ReportBuilder(const ReportBuilder&) = delete;
  ReportBuilder& operator=(const ReportBuilder&) = delete;

  // Starts a new snapshot; profiles added after go into it.
  void StartSnapshot(std::string label);
  // Counts `profile` from `source_oin` (empty: "onbekend") into the current
  // snapshot (starting one labelled "" if none was started).
  void Add(const v1::Werkzoekende& profile, absl::string_view source_oin);
  // The number of matchability groups (docs/report.md).
  [[nodiscard]] size_t matchability_groups() const { return matching_groups_.size(); }
  // The matchability of one profile, 0 to 100 (docs/report.md).
  [[nodiscard]] double Matchability(const v1::Werkzoekende& profile) const;

  [[nodiscard]] CompletenessReport Finish() &&;

 private:
  struct Node;
  void Mark(const google::protobuf::Message& m, const Node& node,
            std::vector<char>& present) const;
  double Score(const std::vector<char>& present) const;
  void Count(GroupCounts& group, const std::vector<char>& present, double score,
             bool conforms);

  ReportOptions options_;
  CompletenessReport report_;
  std::vector<Node> nodes_;  // the element tree; nodes_[0] is the profile
  std::vector<std::vector<int>> matching_groups_;  // element ids per matchability group
};

}  // namespace vum

#endif  // VUM_REPORT_H_
