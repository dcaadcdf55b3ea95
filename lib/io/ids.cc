#include "vum/ids.h"

#include <openssl/rand.h>

#include <cstdint>
#include <random>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace vum {

std::string NewUuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    std::random_device random;  // the generator failed to seed: the OS's own source
    for (unsigned char& c : b) c = static_cast<unsigned char>(random());
  }
  uint64_t hi = 0, lo = 0;
  for (int i = 0; i < 8; ++i) {
    hi = hi << 8 | b[i];
    lo = lo << 8 | b[8 + i];
  }
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32, (hi >> 16) & 0xFFFF,
                         hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFull);
}

std::string Rfc3339(absl::Time moment) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", moment, absl::UTCTimeZone());
}

std::string NowRfc3339() { return Rfc3339(absl::Now()); }

}  // namespace vum
