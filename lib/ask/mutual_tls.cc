#include "lib/ask/mutual_tls.h"

namespace vum::ask {

std::unique_ptr<httplib::SSLClient> MutualTlsClient(const NodeAddress& node,
                                                    const Identity& id,
                                                    absl::Duration timeout) {
  auto c = std::make_unique<httplib::SSLClient>(node.host, node.port, id.certificate,
                                                id.private_key);
  c->set_ca_cert_path(id.ca.c_str());
  c->enable_server_certificate_verification(true);
  c->set_tcp_nodelay(true);
  const auto seconds = absl::ToInt64Seconds(timeout);
  const auto micros = absl::ToInt64Microseconds(timeout) % 1000000;
  c->set_connection_timeout(seconds, micros);
  c->set_read_timeout(seconds, micros);
  c->set_write_timeout(seconds, micros);
  return c;
}

}  // namespace vum::ask
