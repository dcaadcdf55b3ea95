// vum/view.h: what each audience may see of a record, derived from the
// privacy classes the schema declares on every field.
//
// An employer sees the anonymous matching profile: no direct identifiers, no
// contact data, no free text, quasi-identifiers generalised, and
// special-category data (disability, support needs) only with the person's
// explicit consent. A mediator sees the whole profile (the detail profile).
// Which class lands in which view, which needs consent and which is
// generalised is declared on the PrivacyClass values in options.proto; the
// functions here read only those declarations, so a new field with a privacy
// class lands in the right views without a change here.
//
// Example:
//
//   const vum::v1::Toestemming& consent = process.toestemming(0);
//   absl::StatusOr<vum::v1::Matchingsprofiel> view = vum::MatchingProfileOf(
//       profile, {.publication_consent_id = consent.id_toestemming()});
//
// Thread safety: the functions may run concurrently on different records.

#ifndef VUM_VIEW_H_
#define VUM_VIEW_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "vum/v1/process.pb.h"
#include "vum/v1/views.pb.h"

namespace vum {

struct ViewOptions {
  v1::View view = v1::VIEW_EMPLOYER;
  // The person explicitly consented to showing special-category data here.
  bool special_category_consent = false;
};

// Removes from `record` (any message of the standard), at every depth, each
// element whose privacy class `options.view` does not show, or shows only with
// consent that was not given, and every field the schema does not declare
// (unknown to it: no class, so in no view). Returns how many declared
// elements were removed.
int ReduceToView(google::protobuf::Message* record, const ViewOptions& options);

enum class PostcodeLevel {
  kFourDigits,  // 1011AB -> 1011
  kRegion,      // 1011AB -> 10
};
enum class DateLevel {
  kMonth,  // 2019-07-12 -> 2019-07-01
  kYear,   // 2019-07-12 -> 2019-01-01
};
struct Generalisation {
  PostcodeLevel postcode = PostcodeLevel::kFourDigits;
  DateLevel dates = DateLevel::kMonth;
};

// Generalises, at every depth of `record`, each element whose class `view`
// shows generalised: postcodes cut to their digits, dates and moments set to
// the first day of their month or year (so they stay dates), and
// quasi-identifying text that cannot be generalised (names of schools and
// former employers) removed. Returns how many elements changed or went.
int Generalise(google::protobuf::Message* record, v1::View view,
               const Generalisation& generalisation);

struct MatchingProfileOptions {
  // The publication's id; a new UUID when empty.
  std::string publication_id;
  // The person's consent to anonymous publication (required).
  std::string publication_consent_id;
  // The person's explicit consent to show special-category data; without it
  // that data is left out.
  std::string special_category_consent_id;
  Generalisation generalisation;
};

// The anonymous matching profile of `profile` for employers: reduced to the
// employer view and generalised. INVALID_ARGUMENT without a publication
// consent id.
[[nodiscard]] absl::StatusOr<v1::Matchingsprofiel> MatchingProfileOf(
    const v1::Werkzoekende& profile, const MatchingProfileOptions& options);

// The detail profile for a mediator: the whole profile and, if given, the
// process data.
[[nodiscard]] v1::Detailprofiel DetailProfileOf(
    const v1::Werkzoekende& profile, const v1::Procesgegevens* process = nullptr);

}  // namespace vum

#endif  // VUM_VIEW_H_
