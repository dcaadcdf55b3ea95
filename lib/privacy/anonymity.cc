#include "vum/anonymity.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "lib/convert/flat_fields.h"
#include "vum/schema.h"

namespace vum {

using convert_internal::FlatField;

struct KAnonymityChecker::Impl {
  int k = 5;
  std::vector<std::string> columns;
  std::vector<const FlatField*> fields;
  absl::flat_hash_map<std::string, uint64_t> group_sizes;
  std::vector<std::string> keys;  // per profile, to answer TooRare
};

KAnonymityChecker::KAnonymityChecker(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
KAnonymityChecker::KAnonymityChecker(KAnonymityChecker&&) noexcept = default;
KAnonymityChecker& KAnonymityChecker::operator=(KAnonymityChecker&&) noexcept = default;
KAnonymityChecker::~KAnonymityChecker() = default;

absl::StatusOr<KAnonymityChecker> KAnonymityChecker::Create(
    const google::protobuf::Descriptor* type, const KAnonymityOptions& options) {
  if (options.k < 1) return absl::InvalidArgumentError("k is at least 1");
  auto impl = std::make_unique<Impl>();
  impl->k = options.k;
  for (const FlatField& field : convert_internal::FlatFieldsOf(type)) {
    const bool quasi =
        InfoOf(*field.path.back()).privacy() == v1::PRIVACY_QUASI_IDENTIFIER;
    const bool chosen = options.columns.empty()
                            ? quasi
                            : std::find(options.columns.begin(), options.columns.end(),
                                        field.column) != options.columns.end();
    if (!chosen) continue;
    impl->columns.push_back(field.column);
    impl->fields.push_back(&field);
  }
  if (impl->columns.size() != options.columns.size() && !options.columns.empty()) {
    return absl::InvalidArgumentError(
        "a k-anonymity column is not an element outside lists of this record type");
  }
  return KAnonymityChecker(std::move(impl));
}

uint64_t KAnonymityChecker::Add(const google::protobuf::Message& profile) {
  std::string key;
  for (const FlatField* field : impl_->fields) {
    // Each value, then a separator no value can hold.
    absl::StrAppend(&key, convert_internal::FlatValue(profile, *field),
                    std::string(1, '\0'));
  }
  ++impl_->group_sizes[key];
  impl_->keys.push_back(std::move(key));
  return impl_->keys.size() - 1;
}

bool KAnonymityChecker::TooRare(uint64_t index) const {
  return impl_->group_sizes.at(impl_->keys.at(index)) < static_cast<uint64_t>(impl_->k);
}

KAnonymityReport KAnonymityChecker::Report() const {
  KAnonymityReport report;
  report.k = impl_->k;
  report.columns = impl_->columns;
  report.profiles = impl_->keys.size();
  report.groups = impl_->group_sizes.size();
  for (const auto& [key, size] : impl_->group_sizes) {
    if (size < static_cast<uint64_t>(impl_->k)) report.too_rare += size;
    if (report.smallest_group == 0 || size < report.smallest_group)
      report.smallest_group = size;
  }
  return report;
}

}  // namespace vum
