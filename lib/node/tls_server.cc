#include "lib/node/tls_server.h"

#include <openssl/ssl.h>
#include <signal.h>
#include <sys/socket.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace vum::node {
namespace {

bool SetUpTls(const NodeConfig& config, SSL_CTX& ctx) {
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(&ctx, config.certificate.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(&ctx, config.private_key.c_str(), SSL_FILETYPE_PEM) !=
          1 ||
      SSL_CTX_check_private_key(&ctx) != 1 ||
      SSL_CTX_load_verify_locations(&ctx, config.client_ca.c_str(), nullptr) != 1) {
    return false;
  }
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(config.client_ca.c_str());
  if (names == nullptr) return false;
  SSL_CTX_set_client_CA_list(&ctx, names);
  // Mutual TLS only: a client without a certificate the CA signed is refused
  // in the handshake.
  SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<httplib::SSLServer>> MutualTlsServer(
    const NodeConfig& config) {
  auto server = std::make_unique<httplib::SSLServer>(
      [&config](SSL_CTX& ctx) { return SetUpTls(config, ctx); });
  if (!server->is_valid()) {
    return absl::InvalidArgumentError(
        "the certificate, key or client CA bundle cannot be used (not PEM, or the key "
        "does not fit the certificate)");
  }
  const int workers = config.limits.workers;
  server->new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  server->set_tcp_nodelay(true);  // no Nagle delay between a response's writes
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a
  // second service binds the same port and takes half its connections.
  server->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server->set_payload_max_length(config.limits.max_upload_bytes);
  // A body without a length (and not chunked) would be read until the
  // client closes: refused at once with 411, before any of it is read, and
  // the connection closed. The service's error handler writes the body.
  server->set_pre_routing_handler([](const httplib::Request& req,
                                     httplib::Response& res) {
    const bool has_body_method =
        req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (!has_body_method || req.has_header("Content-Length") ||
        req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.status = 411;
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  });
  server->set_read_timeout(absl::ToInt64Seconds(config.limits.read_timeout));
  return server;
}

Listener::~Listener() {
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<int> Listener::Start(httplib::Server& server, const std::string& host,
                                    int port) {
  ::signal(SIGPIPE, SIG_IGN);
  const int bound = port == 0 ? server.bind_to_any_port(host)
                              : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0)
    return absl::UnavailableError(absl::StrCat("cannot listen on ", host, ":", port));
  thread_ = std::thread([&server] { server.listen_after_bind(); });
  for (int i = 0; i < 500 && !server.is_running(); ++i)
    absl::SleepFor(absl::Milliseconds(2));
  if (!server.is_running()) return absl::UnavailableError("the server did not start");
  return bound;
}

void Listener::Stop(httplib::Server& server) {
  server.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace vum::node
