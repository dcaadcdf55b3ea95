#include "vum/anonymity.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/convert/flat_fields.h"
#include "vum/schema.h"

namespace vum {

using convert_internal::FlatField;

absl::StatusOr<KAnonymityChecker> KAnonymityChecker::Create(
    const google::protobuf::Descriptor* type, const KAnonymityOptions& options) {
  if (options.k < 1) return absl::InvalidArgumentError("k is at least 1");
  KAnonymityChecker checker;
  checker.k_ = options.k;
  for (const FlatField& field : convert_internal::FlatFieldsOf(type)) {
    const bool quasi =
        InfoOf(*field.path.back()).privacy() == v1::PRIVACY_QUASI_IDENTIFIER;
    const bool chosen = options.columns.empty()
                            ? quasi
                            : std::find(options.columns.begin(), options.columns.end(),
                                        field.column) != options.columns.end();
    if (!chosen) continue;
    checker.columns_.push_back(field.column);
    checker.fields_.push_back(&field);
  }
  if (checker.columns_.size() != options.columns.size() && !options.columns.empty()) {
    return absl::InvalidArgumentError(
        "a k-anonymity column is not an element outside lists of this record type");
  }
  return checker;
}

uint64_t KAnonymityChecker::Add(const google::protobuf::Message& profile) {
  std::string key;
  for (const void* field : fields_) {
    // Each value, then a separator no value can hold.
    absl::StrAppend(
        &key, convert_internal::FlatValue(profile, *static_cast<const FlatField*>(field)),
        std::string(1, '\0'));
  }
  ++group_sizes_[key];
  keys_.push_back(std::move(key));
  return keys_.size() - 1;
}

bool KAnonymityChecker::TooRare(uint64_t index) const {
  return group_sizes_.at(keys_.at(index)) < static_cast<uint64_t>(k_);
}

KAnonymityReport KAnonymityChecker::Report() const {
  KAnonymityReport report;
  report.k = k_;
  report.columns = columns_;
  report.profiles = keys_.size();
  report.groups = group_sizes_.size();
  for (const auto& [key, size] : group_sizes_) {
    if (size < static_cast<uint64_t>(k_)) report.too_rare += size;
    if (report.smallest_group == 0 || size < report.smallest_group)
      report.smallest_group = size;
  }
  return report;
}

}  // namespace vum
