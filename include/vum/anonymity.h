// vum/anonymity.h: a check that anonymous profiles are not too rare.
//
// Generalised profiles can still single a person out when few share the same
// quasi-identifiers (k-anonymity, Sweeney 2002). The checker groups profiles
// by the values of their quasi-identifier columns and reports, or on request
// suppresses, the profiles whose group is smaller than k. The default columns
// are the schema's quasi-identifiers outside lists (for a profile: the
// bemiddelingspostcode); a controller may choose more.
//
// Example:
//
//   absl::StatusOr<vum::KAnonymityChecker> checker =
//       vum::KAnonymityChecker::Create(vum::v1::Werkzoekende::descriptor(), {.k = 5});
//   if (!checker.ok()) return checker.status();
//   const uint64_t index = checker->Add(generalised_profile);
//   vum::KAnonymityReport report = checker->Report();
//   if (checker->TooRare(index)) { /* leave that profile out */ }
//
// Thread safety: a checker is used by one thread at a time. It is movable,
// not copyable; its state is its own.

#ifndef VUM_ANONYMITY_H_
#define VUM_ANONYMITY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace vum {

struct KAnonymityOptions {
  int k = 5;
  // VUM JSON paths of the quasi-identifiers (see docs/csv-columns.md); empty
  // for the schema's quasi-identifiers outside lists.
  std::vector<std::string> columns;
};

struct KAnonymityReport {
  int k = 0;
  std::vector<std::string> columns;
  uint64_t profiles = 0;
  uint64_t groups = 0;
  uint64_t too_rare = 0;        // profiles in a group smaller than k
  uint64_t smallest_group = 0;  // 0 when there are no profiles
};

class KAnonymityChecker {
 public:
  // INVALID_ARGUMENT for k < 1 or a column that is not a quasi-identifier
  // outside lists of `type`.
  [[nodiscard]] static absl::StatusOr<KAnonymityChecker> Create(
      const google::protobuf::Descriptor* type, const KAnonymityOptions& options);

  // Counts a (generalised) profile; returns its index.
  uint64_t Add(const google::protobuf::Message& profile);

  // Whether the profile Add returned `index` for is in a group smaller than k.
  [[nodiscard]] bool TooRare(uint64_t index) const;

  [[nodiscard]] KAnonymityReport Report() const;

  KAnonymityChecker(KAnonymityChecker&&) noexcept;
  KAnonymityChecker& operator=(KAnonymityChecker&&) noexcept;
  ~KAnonymityChecker();

 private:
  struct Impl;
  explicit KAnonymityChecker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vum

#endif  // VUM_ANONYMITY_H_
