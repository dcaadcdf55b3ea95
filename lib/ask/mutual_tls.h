// Internal: the one way the asking side opens a connection to a node: HTTPS
// with the sender's client certificate, the node's certificate verified
// against the CA bundle, no Nagle delay, and `timeout` for connecting,
// reading and writing. Used by the asker (questions, details) and the
// uploader.
#ifndef VUM_LIB_ASK_MUTUAL_TLS_H_
#define VUM_LIB_ASK_MUTUAL_TLS_H_

#include <httplib.h>

#include <memory>

#include "absl/time/time.h"
#include "lib/ask/asker.h"

namespace vum::ask {

[[nodiscard]] std::unique_ptr<httplib::SSLClient> MutualTlsClient(const NodeAddress& node,
                                                                  const Identity& id,
                                                                  absl::Duration timeout);

}  // namespace vum::ask

#endif  // VUM_LIB_ASK_MUTUAL_TLS_H_
