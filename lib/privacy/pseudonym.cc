#include "vum/pseudonym.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/io/line_reader.h"

namespace vum {

struct Pseudonymizer::KeyedMac {
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* keyed = nullptr;  // initialised with the key, never updated
  ~KeyedMac() {
    EVP_MAC_CTX_free(keyed);
    EVP_MAC_free(mac);
  }
};

absl::StatusOr<Pseudonymizer> Pseudonymizer::Create(std::string key) {
  if (key.size() < kMinimumKeyBytes) {
    return absl::InvalidArgumentError(absl::StrCat("a pseudonym key has at least ",
                                                   kMinimumKeyBytes,
                                                   " bytes; this one has ", key.size()));
  }
  auto mac = std::make_shared<KeyedMac>();
  mac->mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  mac->keyed = mac->mac != nullptr ? EVP_MAC_CTX_new(mac->mac) : nullptr;
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end()};
  if (mac->keyed == nullptr ||
      EVP_MAC_init(mac->keyed, reinterpret_cast<const unsigned char*>(key.data()),
                   key.size(), params) != 1) {
    return absl::InternalError("the crypto library offers no HMAC-SHA-256");
  }
  return Pseudonymizer(std::move(mac));
}

absl::StatusOr<Pseudonymizer> Pseudonymizer::FromKeyFile(const std::string& path) {
  // A key is a few dozen hex digits: a larger file is not a key file.
  constexpr size_t kMaxKeyFileBytes = 4096;
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the key file ", path));
  std::string text;
  if (!io_internal::ReadAtMost(in, kMaxKeyFileBytes, &text)) {
    return absl::InvalidArgumentError(absl::StrCat("the key file ", path,
                                                   " is larger than ", kMaxKeyFileBytes,
                                                   " bytes: not a key"));
  }
  if (in.bad())
    return absl::NotFoundError(absl::StrCat("cannot read the key file ", path));
  std::string hex;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) continue;
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError(
          absl::StrCat("the key file ", path, " does not hold a key in hexadecimal"));
    }
    hex += c;
  }
  if (hex.size() % 2 != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the key file ", path, " has an odd number of hex digits"));
  }
  return Create(absl::HexStringToBytes(hex));
}

std::string Pseudonymizer::Pseudonym(absl::string_view identifier,
                                     absl::string_view domain) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  size_t size = 0;
  // A copy of the keyed state: the key is not hashed again for each pseudonym.
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(mac_->keyed);
  const auto update = [ctx](absl::string_view part) {
    return EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(part.data()),
                          part.size()) == 1;
  };
  const bool made = ctx != nullptr && update(domain) &&
                    update(absl::string_view("\0", 1)) && update(identifier) &&
                    EVP_MAC_final(ctx, digest, &size, sizeof(digest)) == 1;
  EVP_MAC_CTX_free(ctx);
  // Only a failed allocation stops it: end as operator new would.
  if (!made) std::abort();
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), size));
}

}  // namespace vum
