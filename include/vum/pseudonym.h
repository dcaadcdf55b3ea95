// vum/pseudonym.h: keyed pseudonyms of persons.
//
// UWV and municipalities must link records of one person without spreading
// the BSN. A pseudonym is HMAC-SHA-256 over the identifier under a secret key
// the party holds (and, where parties agree, shares with its partners): the
// same identifier gives the same pseudonym under the same key, another under
// another key, and without the key it cannot be reversed or recomputed. A
// domain separates pseudonyms made for different purposes under one key.
//
// The key is at least 32 bytes of secret randomness, kept out of the code and
// out of the repository. The keys in this project's tests are test keys,
// marked as such.
//
// Example:
//
//   absl::StatusOr<vum::Pseudonymizer> p =
//       vum::Pseudonymizer::FromKeyFile("/etc/vum/key");
//   if (!p.ok()) return p.status();
//   std::string id = p->Pseudonym(bsn);  // 64 lower-case hex digits
//
// Thread safety: Pseudonym may be called concurrently.

#ifndef VUM_PSEUDONYM_H_
#define VUM_PSEUDONYM_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vum {

inline constexpr size_t kMinimumKeyBytes = 32;
inline constexpr char kPersonDomain[] = "vum-persoon-v1";

class Pseudonymizer {
 public:
  // INVALID_ARGUMENT for a key shorter than kMinimumKeyBytes; INTERNAL if the
  // crypto library offers no HMAC-SHA-256.
  [[nodiscard]] static absl::StatusOr<Pseudonymizer> Create(std::string key);

  // Reads a key file: the key as hexadecimal text (64 or more hex digits,
  // white space ignored). NOT_FOUND if unreadable; INVALID_ARGUMENT if it is
  // not such a key. Never repeats the file's content in an error.
  [[nodiscard]] static absl::StatusOr<Pseudonymizer> FromKeyFile(const std::string& path);

  // HMAC-SHA-256(key, domain || 0x00 || identifier) as 64 lower-case hex
  // digits. The identifier is taken as given: normalise it first (a BSN as
  // nine digits with leading zeros).
  [[nodiscard]] std::string Pseudonym(absl::string_view identifier,
                                      absl::string_view domain = kPersonDomain) const;

 private:
  struct KeyedMac;  // HMAC-SHA-256 keyed once; copies of it reused per pseudonym
  explicit Pseudonymizer(std::shared_ptr<const KeyedMac> mac) : mac_(std::move(mac)) {}
  std::shared_ptr<const KeyedMac> mac_;  // shared by copies; never null
};

}  // namespace vum

#endif  // VUM_PSEUDONYM_H_
