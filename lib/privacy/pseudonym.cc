#include "vum/pseudonym.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/io/line_reader.h"

namespace vum {

struct Pseudonymizer::KeyedMac {
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* keyed = nullptr;  // initialised with the key, never updated
  // Copies of `keyed` not in use: re-initialised without a key, a context
  // keeps its key's state, and reusing one costs a fraction of a new copy.
  mutable std::mutex mu;
  mutable std::vector<EVP_MAC_CTX*> idle;  // at most kMaxIdle

  static constexpr size_t kMaxIdle = 64;

  ~KeyedMac() {
    for (EVP_MAC_CTX* ctx : idle) EVP_MAC_CTX_free(ctx);
    EVP_MAC_CTX_free(keyed);
    EVP_MAC_free(mac);
  }

  // An idle copy, or a new one (null only when allocation fails).
  EVP_MAC_CTX* Take() const {
    {
      std::lock_guard lock(mu);
      if (!idle.empty()) {
        EVP_MAC_CTX* ctx = idle.back();
        idle.pop_back();
        return ctx;
      }
    }
    return EVP_MAC_CTX_dup(keyed);
  }
  void Give(EVP_MAC_CTX* ctx) const {
    {
      std::lock_guard lock(mu);
      if (idle.size() < kMaxIdle) {
        idle.push_back(ctx);
        return;
      }
    }
    EVP_MAC_CTX_free(ctx);
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
  // A copy of the keyed state, started afresh with the same key (a null key
  // keeps it): the key is not hashed again for each pseudonym.
  EVP_MAC_CTX* ctx = mac_->Take();
  const auto update = [ctx](absl::string_view part) {
    return EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(part.data()),
                          part.size()) == 1;
  };
  const bool made = ctx != nullptr && EVP_MAC_init(ctx, nullptr, 0, nullptr) == 1 &&
                    update(domain) && update(absl::string_view("\0", 1)) &&
                    update(identifier) &&
                    EVP_MAC_final(ctx, digest, &size, sizeof(digest)) == 1;
  if (ctx != nullptr) mac_->Give(ctx);
  // Only a failed allocation stops it: end as operator new would.
  if (!made) std::abort();
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), size));
}

}  // namespace vum
