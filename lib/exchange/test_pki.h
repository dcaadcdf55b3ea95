// lib/exchange/test_pki.h: a certificate authority and party certificates
// made on the spot, for tests and the demo, never for production (there,
// PKIoverheid issues them).
//
// Each party's certificate carries its OIN as the subject serialNumber, as a
// PKIoverheid certificate does, and is valid for localhost, 127.0.0.1 and ::1
// as server and as client. Keys are EC P-256, written with mode 0600.
//
// Example:
//
//   absl::StatusOr<vum::exchange::TestPki> pki = vum::exchange::MakeTestPki(
//       "/tmp/pki", {{"gemeente-a", "00000001000000000001"}});
//   // pki->ca_certificate, pki->parties[0].certificate, .private_key
//
// Thread safety: functions only.

#ifndef VUM_LIB_EXCHANGE_TEST_PKI_H_
#define VUM_LIB_EXCHANGE_TEST_PKI_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace vum::exchange {

struct TestParty {
  std::string name;  // file names: <name>.crt, <name>.key
  std::string oin;   // subject serialNumber; may be empty for a certificate without one
};

struct TestPki {
  std::string ca_certificate;
  struct Files {
    std::string name;
    std::string oin;
    std::string certificate;
    std::string private_key;
  };
  std::vector<Files> parties;
};

// Makes `dir` (if needed), a CA and one certificate per party in it.
// INTERNAL if OpenSSL fails; UNAVAILABLE if a file cannot be written.
// `ca_name` distinguishes two authorities in one test.
[[nodiscard]] absl::StatusOr<TestPki> MakeTestPki(const std::string& dir,
                                                  const std::vector<TestParty>& parties,
                                                  const std::string& ca_name = "ca");

// Writes a random 32-byte key as 64 hex digits with mode 0600: a service's
// vumID or log key (sleutels.vumId, sleutels.logboek), for tests and
// demonstrations. UNAVAILABLE if it cannot be written.
[[nodiscard]] absl::Status WriteTestKey(const std::string& path);

}  // namespace vum::exchange

#endif  // VUM_LIB_EXCHANGE_TEST_PKI_H_
