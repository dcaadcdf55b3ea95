// Internal: a view of a record made from its binary form, without building a
// message and without reflection at run time.
//
// A source answers a selection question with up to 100 records, each reduced
// to what the asker may see (vum/view.h: the employer's view, generalised;
// vum/first_round.h: the koppelvlak 3.0 first-round match). Done with
// reflection on parsed messages that cost some 25 microseconds a record. A
// WireFilter decides once, per field of every message type a record holds,
// what the view does with it (keep, drop, cut to a postcode's digits or a
// date's month or year, or filter the nested message) and then copies the
// record's bytes through that table: the result is the binary form of the
// same view, proven against the reflective functions on generated records
// (wire_filter_test.cc).
//
// Fields the schema does not declare (unknown numbers, or a declared number
// with a wire type its declaration cannot have) are dropped: a view shows only
// what the schema says it may.
//
// Example:
//
//   const WireFilter employer = WireFilter::ForView(
//       v1::Werkzoekende::descriptor(), {.view = v1::VIEW_EMPLOYER}, {});
//   std::string shown;
//   if (!employer.Apply(stored_bytes, &shown)) { /* not a record */ }
//   v1::Werkzoekende view;
//   view.ParseFromString(shown);  // as ReduceToView, then Generalise
//
// Thread safety: a WireFilter is immutable after construction; Apply may run
// concurrently.

#ifndef VUM_LIB_PRIVACY_WIRE_FILTER_H_
#define VUM_LIB_PRIVACY_WIRE_FILTER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "vum/view.h"

namespace vum::privacy_internal {

class WireFilter {
 public:
  // The view `options` of a record of `type`, generalised as `generalisation`
  // says: what ReduceToView(options) followed by Generalise(options.view,
  // generalisation) leave of it.
  [[nodiscard]] static WireFilter ForView(const google::protobuf::Descriptor* type,
                                          const ViewOptions& options,
                                          const Generalisation& generalisation);
  // The first-round match of a record of `type`: what KeepFirstRound leaves.
  [[nodiscard]] static WireFilter ForFirstRound(const google::protobuf::Descriptor* type);

  // Appends to `out` the binary form of the view of `record`, the binary form
  // of a message of the filter's type. False if `record` is not well-formed
  // protobuf binary (then `out` holds a partial result and must be discarded).
  [[nodiscard]] bool Apply(absl::string_view record, std::string* out) const;

 private:
  enum class Action : uint8_t { kDrop, kKeep, kNested, kPostcode, kDate, kMoment };
  struct Field {
    Action action = Action::kDrop;
    uint8_t wire_types = 0;  // bit n: wire type n is the declared field's
    uint32_t nested = 0;     // index of the nested type's table, for kNested
  };
  using Table = std::vector<Field>;  // by field number
  template <typename Classify>
  static WireFilter Build(const google::protobuf::Descriptor* type,
                          const Classify& classify);
  bool ApplyTable(uint32_t table, absl::string_view in, int depth,
                  std::string* out) const;
  void AppendGeneralised(Action action, absl::string_view value, std::string* out) const;

  std::vector<Table> tables_;  // tables_[0]: the record's own type
  size_t postcode_digits_ = 4;
  DateLevel dates_ = DateLevel::kMonth;
};

// "2019-07-12" -> "2019-07-01" (kMonth) or "2019-01-01" (kYear); a moment
// (`moment`) likewise at midnight UTC, "2019-07-01T00:00:00Z", so that both
// stay values of their format. A value shorter than a date is returned as it
// is: its format rule reports it.
[[nodiscard]] std::string GeneraliseDate(absl::string_view value, DateLevel level,
                                         bool moment);
// How many leading characters of a postcode `level` keeps (4 or 2).
[[nodiscard]] size_t PostcodeDigits(PostcodeLevel level);

}  // namespace vum::privacy_internal

#endif  // VUM_LIB_PRIVACY_WIRE_FILTER_H_
