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
// publishes is protected against small cells as statistical agencies protect
// tables (docs/report.md): primary suppression hides every count from 1 to
// k-1 (default 10) and every count whose complement in its group is from 1 to
// k-1; a group of fewer than k profiles is hidden whole. Secondary
// suppression then hides more cells, so that no hidden count can be worked
// out from the published totals and the other groups of the same
// breakdown: in every breakdown and count where a cell is hidden, at least two
// are, together holding at least k; and an audit (a linear program over all
// the sums with the bounds a reader knows: no count below 0, a listed group
// at least one profile, a count at most its group's profiles) hides more
// until they leave every hidden count more than one value (in their linear
// relaxation). The renderers
// (report_render.h) publish only through PublishedCount, PublishedShare and
// PublishedMean.
//
// Example:
//
//   vum::ReportBuilder builder({.k = 10, .pc4 = &pc4, .validator = validator.get()});
//   builder.StartSnapshot("2026-09-30");
//   for (const vum::v1::Werkzoekende& p : profiles) builder.Add(p, sender_oin);
//   vum::CompletenessReport report = std::move(builder).Finish();
//
// Thread safety: a ReportBuilder is not thread-safe; a finished report is
// immutable.

#ifndef VUM_REPORT_H_
#define VUM_REPORT_H_

#include <cstdint>
#include <map>
#include <memory>
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

// What a count of a group counts: its profiles, those that conform, or those
// that have element i of CompletenessReport::elements() (ElementMeasure(i)).
using Measure = int;
inline constexpr Measure kProfilesMeasure = 0;
inline constexpr Measure kConformingMeasure = 1;
[[nodiscard]] constexpr Measure ElementMeasure(size_t element) {
  return static_cast<Measure>(element) + 2;
}

// Counts over a group of profiles.
struct GroupCounts {
  uint64_t profiles = 0;
  // Per element of CompletenessReport::elements(): profiles that have it.
  std::vector<uint64_t> with_element;
  // Sum of the profiles' matchability scores (0 to 100).
  double matchability_sum = 0;
  // Profiles with no violation of severity error.
  uint64_t conforming = 0;

  // Per measure: whether its count is withheld from publication (filled by
  // ReportBuilder::Finish).
  std::vector<bool> suppressed;

  [[nodiscard]] double mean_matchability() const {
    return profiles == 0 ? 0 : matchability_sum / profiles;
  }
  // The count of `measure`.
  [[nodiscard]] uint64_t count(Measure measure) const {
    return measure == kProfilesMeasure     ? profiles
           : measure == kConformingMeasure ? conforming
                                           : with_element[measure - 2];
  }
  [[nodiscard]] size_t measure_count() const { return with_element.size() + 2; }
};

// One caseload at one date.
struct ReportSnapshot {
  std::string label;  // the date, as given
  GroupCounts all;
  std::map<std::string, GroupCounts> by_source;        // sender OIN
  std::map<std::string, GroupCounts> by_province;      // of the mediation postcode
  std::map<std::string, GroupCounts> by_municipality;  // likewise
  std::map<std::string, GroupCounts>
      by_labour_market_region;                         // likewise (arbeidsmarktregio)
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

  // The group's count of `measure`, or nothing when it is suppressed.
  [[nodiscard]] std::optional<uint64_t> PublishedCount(const GroupCounts& group,
                                                       Measure measure) const;
  // That count as a percentage of the group's profiles, or nothing when
  // either is suppressed.
  [[nodiscard]] std::optional<double> PublishedShare(const GroupCounts& group,
                                                     Measure measure) const;
  // The group's mean matchability, or nothing when its profiles are
  // suppressed.
  [[nodiscard]] std::optional<double> PublishedMean(const GroupCounts& group) const;
  // A count outside the breakdowns (the profiles breaking a rule) out of
  // `of`, or nothing when it or its complement is from 1 to k-1. No sum of
  // such counts is published, so primary suppression is enough.
  [[nodiscard]] std::optional<uint64_t> PublishedCount(uint64_t count, uint64_t of) const;

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
  // Secondary suppression (see the file comment). Off only to show, in a
  // test, what it protects against.
  bool secondary_suppression = true;
  // Not owned; both required, and must outlive the builder and the report.
  const Pc4Register* pc4 = nullptr;
  const Validator* validator = nullptr;
  // Sources by name: OIN to the organisation's name (a party register).
  // Not owned; may be null. A source not in it appears under its OIN.
  const std::map<std::string, std::string>* source_names = nullptr;
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
  [[nodiscard]] size_t matchability_groups() const;
  // The matchability of one profile, 0 to 100 (docs/report.md).
  [[nodiscard]] double Matchability(const v1::Werkzoekende& profile) const;

  [[nodiscard]] CompletenessReport Finish() &&;

 private:
  struct Node;
  void Mark(const google::protobuf::Message& m, const Node& node,
            std::vector<char>& present) const;
  double Score(const std::vector<char>& present) const;
  // The group a source's profiles count in: its name, else its OIN.
  std::string SourceName(absl::string_view oin) const;
  void Count(GroupCounts& group, const std::vector<char>& present, double score,
             bool conforms);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_REPORT_H_
