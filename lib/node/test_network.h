// lib/node/test_network.h: a small exchange on loopback for tests and
// benchmarks: certificates made on the spot, node configurations with one
// party register, and generated caseloads as batches.
//
// The parties: two municipalities (gemeente-a, gemeente-b) and UWV, each
// running a node and loading its own caseload; a werkgeversservicepunt (wsp,
// a SUWI mediator); an employer (werkgever, may ask, no legal basis); a
// vendor (leverancier, a processor for gemeente-a); the exchange facility
// (uv), which every node registers as such; and an outsider whose
// certificate the CA signed but whom no register lists.
//
// Thread safety: plain data and functions.

#ifndef VUM_LIB_NODE_TEST_NETWORK_H_
#define VUM_LIB_NODE_TEST_NETWORK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/ask/asker.h"
#include "lib/exchange/test_pki.h"
#include "lib/node/config.h"
#include "vum/v1/batch.pb.h"

namespace vum::node::testing {

inline constexpr char kGemeenteA[] = "00000001000000000001";
inline constexpr char kGemeenteB[] = "00000001000000000002";
inline constexpr char kLeverancier[] = "00000001000000000003";
inline constexpr char kWsp[] = "00000001000000000005";
inline constexpr char kWerkgever[] = "00000001000000000007";
inline constexpr char kUwv[] = "00000001000000000009";
inline constexpr char kBuitenstaander[] = "00000001000000000066";
// The exchange facility (the koppelvlak 3.0's uitwisselingsvoorziening).
inline constexpr char kUv[] = "00000001000000000011";

class TestNetwork {
 public:
  // Makes `dir` with the certificates and keys. `codelists` is the folder of
  // the shipped code lists (with pc4.tsv).
  [[nodiscard]] static absl::StatusOr<TestNetwork> Create(const std::string& dir,
                                                          const std::string& codelists);

  // The configuration of the node of `party` (a name above), listening on
  // `port` (0: any free one), its store in the folder.
  [[nodiscard]] NodeConfig ConfigFor(const std::string& party, int port = 0) const;
  // Writes it as a file (the vum-node executable reads it) and gives the path.
  [[nodiscard]] absl::StatusOr<std::string> WriteConfig(const std::string& party,
                                                        int port) const;
  // Who `party` is when it asks or uploads, with its own certificate.
  [[nodiscard]] ask::Identity IdentityOf(const std::string& party,
                                         bool suwi = false) const;
  [[nodiscard]] std::string OinOf(const std::string& party) const;
  [[nodiscard]] const std::string& dir() const { return dir_; }
  [[nodiscard]] const exchange::TestPki& pki() const { return pki_; }

 private:
  std::string dir_;
  std::string codelists_;
  exchange::TestPki pki_;
};

// A server on loopback that accepts connections and never answers: a node
// or source that hangs.
class HangingServer {
 public:
  HangingServer();
  ~HangingServer();
  HangingServer(const HangingServer&) = delete;
  HangingServer& operator=(const HangingServer&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Sends `bytes` over a TLS connection to 127.0.0.1:`port` with the client
// certificate of `party` in `net`, and returns what comes back until the
// server closes the connection or `wait` passes: for requests an HTTP client
// library will not send (no Content-Length, pipelined). `first_byte`, when
// given, receives how long the first byte of the answer took.
[[nodiscard]] std::string RawTlsExchange(const TestNetwork& net, const std::string& party,
                                         int port, const std::string& bytes,
                                         absl::Duration wait,
                                         absl::Duration* first_byte = nullptr);

// Makes every write to the processing log of the node store `database` fail
// (a trigger that aborts inserts), or mends it; for tests of what a node does
// when it cannot log.
[[nodiscard]] absl::Status SetProcessingLogBroken(const std::string& database,
                                                  bool broken);

// Writes `n` generated profiles (seed `seed`, postcodes from the PC4 list)
// as a batch from `owner` to `node` at `path`, and their process data
// (consents) as NDJSON at `consents_path` when not empty. `kind` full or
// delta; for a delta, `base` and `number` place it in the sequence, and
// `ids_from` offsets the records' numbers so that a delta can add new ones.
struct BatchSpec {
  std::string path;
  std::string consents_path;
  std::string owner;
  std::string node;
  int n = 100;
  uint64_t seed = 1;
  v1::SoortBatch kind = v1::SOORT_BATCH_VOLLEDIG;
  std::string base;
  uint64_t number = 0;
  std::string codelists;
};
// The batch's id.
[[nodiscard]] absl::StatusOr<std::string> WriteProfileBatch(const BatchSpec& spec);

}  // namespace vum::node::testing

#endif  // VUM_LIB_NODE_TEST_NETWORK_H_
