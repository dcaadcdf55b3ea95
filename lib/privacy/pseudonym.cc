#include "vum/pseudonym.h"

#include <openssl/hmac.h>

#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/io/line_reader.h"

namespace vum {

absl::StatusOr<Pseudonymizer> Pseudonymizer::Create(std::string key) {
  if (key.size() < kMinimumKeyBytes) {
    return absl::InvalidArgumentError(absl::StrCat("a pseudonym key has at least ",
                                                   kMinimumKeyBytes,
                                                   " bytes; this one has ", key.size()));
  }
  return Pseudonymizer(std::move(key));
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
  const std::string message = absl::StrCat(domain, std::string(1, '\0'), identifier);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
       &size);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(digest), size));
}

}  // namespace vum
