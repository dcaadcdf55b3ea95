// lib/node/config.h: an exchange node's configuration, read from one JSON
// file and checked whole before the node starts.
//
// Example file (paths are relative to the file's folder):
//
//   {
//     "oin": "00000001234567890000",
//     "naam": "Gemeente Voorbeeld",
//     "luisteren": "127.0.0.1:8443",
//     "tls": {"certificaat": "node.crt", "sleutel": "node.key",
//             "clientCa": "ca.crt"},
//     "database": "node.db",
//     "sleutels": {"vumId": "vumid.key", "logboek": "logboek.key"},
//     "codelijsten": "/usr/share/vum/codelists",
//     "limieten": {"resultatenPerVraag": 100, "detailsPerVraag": 10,
//                  "vraagGeldigUren": 168, "k": 10,
//                  "vragenPerAanvragerPerDag": 1000},
//     "partijen": [{"oin": "...", "naam": "UWV", "rollen": ["vragen", "suwi"]},
//                  {"oin": "...", "naam": "Leverancier",
//                   "verwerkerVoor": ["00000001234567890000"]}]
//   }
//
// The exchange facility (vum-hub) reads the same file, with "bronnen" (the
// node list of its sources) and the limits antwoordtijdSeconden and
// bronAntwoordBytes.
//
// Roles: "vragen" (may ask), "suwi" (a legal basis for detail profiles),
// "laden" (may upload its own caseload), "uitwisselingsvoorziening" (the
// exchange facility, which asks on the Bron interface for the parties that
// may ask).
//
// Thread safety: plain data.

#ifndef VUM_LIB_NODE_CONFIG_H_
#define VUM_LIB_NODE_CONFIG_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/node/party_register.h"

namespace vum::node {

struct NodeLimits {
  int results_per_question = 100;
  int details_per_question = 10;
  absl::Duration question_lifetime = absl::Hours(7 * 24);
  int k = 10;
  int questions_per_requester_per_day = 1000;
  size_t max_question_bytes = 64 * 1024;
  size_t max_upload_bytes = size_t{1} << 30;
  // Threads running requests; a connection holds none while it waits.
  int workers = 8;
  // Deadlines: the TLS handshake; a request's header (from the end of the
  // previous answer); a body (plus one second per MiB) and writing an answer.
  absl::Duration handshake_timeout = absl::Seconds(10);
  absl::Duration header_timeout = absl::Seconds(10);
  absl::Duration read_timeout = absl::Seconds(30);
  // Open connections, in total and from one remote address; over a cap a
  // connection is closed at once.
  int max_connections = 1024;
  int max_connections_per_address = 64;
  // The exchange facility only: how long it waits for the sources' answers
  // (antwoordtijdSeconden), and the largest answer it reads from one.
  absl::Duration source_deadline = absl::Seconds(10);
  size_t max_source_answer_bytes = size_t{16} << 20;
};

struct NodeConfig {
  std::string oin;
  std::string name;
  std::string host = "127.0.0.1";
  int port = 8443;  // 0: any free port (tests)
  std::string certificate;
  std::string private_key;
  std::string client_ca;
  std::string database;
  std::string vumid_key_file;
  std::string log_key_file;
  // Empty: the code lists installed beside the executable are looked up by
  // the caller.
  std::string codelists_dir;
  NodeLimits limits;
  std::vector<Party> parties;
  // The exchange facility only: the node list of the sources it asks
  // ("bronnen", a file as vum ask reads it). Empty for a node.
  std::string sources_file;
};

// "HOST:PORT" (an IPv6 host in brackets: "[::1]:8443"; port 0 to 65535)
// into `host` and `port`; false, both untouched, when it is not one.
[[nodiscard]] bool ParseListenAddress(absl::string_view text, std::string* host,
                                      int* port);

// Reads and checks a configuration file. INVALID_ARGUMENT naming the setting
// (e.g. "limieten.k") and why; NOT_FOUND if the file cannot be read.
[[nodiscard]] absl::StatusOr<NodeConfig> ReadNodeConfig(const std::string& path);

// The same for text already read; relative paths are taken from `base_dir`.
[[nodiscard]] absl::StatusOr<NodeConfig> ParseNodeConfig(absl::string_view json,
                                                         const std::string& base_dir);

}  // namespace vum::node

#endif  // VUM_LIB_NODE_CONFIG_H_
