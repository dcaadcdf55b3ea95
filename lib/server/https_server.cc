#include "lib/server/https_server.h"

#include <openssl/x509.h>

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/io/unnamed_file.h"
#include "lib/server/fair_pool.h"

namespace vum::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Parser = http::request_parser<http::buffer_body>;

std::chrono::nanoseconds Chrono(absl::Duration d) { return absl::ToChronoNanoseconds(d); }

bool SetUpTls(const TlsFiles& tls, SSL_CTX* ctx) {
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(ctx, tls.certificate.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, tls.private_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx) != 1 ||
      SSL_CTX_load_verify_locations(ctx, tls.client_ca.c_str(), nullptr) != 1) {
    return false;
  }
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(tls.client_ca.c_str());
  if (names == nullptr) return false;
  SSL_CTX_set_client_CA_list(ctx, names);
  // Mutual TLS only: a client without a certificate the CA signed is refused
  // in the handshake.
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  return true;
}

class Connection;

}  // namespace

std::string PeerCertificateOin(const SSL* ssl) {
  if (ssl == nullptr) return "";
  X509* cert = SSL_get1_peer_certificate(const_cast<SSL*>(ssl));
  if (cert == nullptr) return "";
  std::string oin;
  X509_NAME* name = X509_get_subject_name(cert);
  const int at = X509_NAME_get_index_by_NID(name, NID_serialNumber, -1);
  if (at >= 0) {
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
    oin.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
               ASN1_STRING_length(data));
  }
  X509_free(cert);
  return oin;
}

std::string CountersText(const ConnectionCounters& c) {
  return absl::StrCat(
      "# TYPE vum_connections_open gauge\nvum_connections_open ", c.open,
      "\n# TYPE vum_connections_accepted_total counter\nvum_connections_accepted_total ",
      c.accepted,
      "\n# TYPE vum_connections_refused_total counter\n"
      "vum_connections_refused_total{reden=\"totaal\"} ",
      c.refused_total_cap, "\nvum_connections_refused_total{reden=\"per-adres\"} ",
      c.refused_address_cap,
      "\n# TYPE vum_connections_closed_total counter\n"
      "vum_connections_closed_total{reden=\"handdruk-verlopen\"} ",
      c.handshake_timed_out,
      "\nvum_connections_closed_total{reden=\"handdruk-mislukt\"} ", c.handshake_failed,
      "\nvum_connections_closed_total{reden=\"kop-verlopen\"} ", c.header_timed_out,
      "\nvum_connections_closed_total{reden=\"lichaam-verlopen\"} ", c.body_timed_out,
      "\n");
}

// What every connection shares: the options, the routes, the TLS context,
// the workers, the caps and the counters.
class HttpsServer::Impl {
 public:
  Impl(Options options, Router router)
      : options_(std::move(options)),
        router_(std::move(router)),
        tls_(ssl::context::tls_server),
        pool_(options_.limits.workers) {}

  bool SetUp() { return SetUpTls(options_.tls, tls_.native_handle()); }
  absl::StatusOr<int> Start(const std::string& host, int port);
  void Stop();
  ConnectionCounters counters() const;

  // Admits a connection from `address` under the caps: its id in the
  // register of open connections, or 0 when a cap refuses it.
  uint64_t Admit(const std::string& address);
  // Puts `c` (admitted as `id`) in the register, where Stop can close it.
  void Attach(uint64_t id, std::weak_ptr<Connection> c);
  void Release(const std::string& address, uint64_t id);
  // Around each request a worker begins: Stop waits for the answers.
  void RequestBegun() { ++in_flight_; }
  void RequestEnded();

  const Options& options() const { return options_; }
  const Router& router() const { return router_; }
  ssl::context& tls() { return tls_; }
  FairPool& pool() { return pool_; }
  struct Counts {
    std::atomic<uint64_t> accepted{0}, refused_total_cap{0}, refused_address_cap{0},
        handshake_timed_out{0}, handshake_failed{0}, header_timed_out{0},
        body_timed_out{0}, requests{0};
  };
  Counts& counts() { return counts_; }

 private:
  void Accept();
  // Closes every connection still open and waits (up to a second) for them.
  void CloseAll();

  const Options options_;
  const Router router_;
  ssl::context tls_;
  Counts counts_;
  mutable std::mutex mu_;  // guards per_address_, next_id_, connections_
  absl::flat_hash_map<std::string, int> per_address_;
  uint64_t next_id_ = 0;
  // Every open connection, by id: its size is the count of open ones.
  absl::flat_hash_map<uint64_t, std::weak_ptr<Connection>> connections_;
  std::mutex in_flight_mu_;
  std::condition_variable in_flight_done_;
  std::atomic<int> in_flight_{0};
  FairPool pool_;
  // Destroyed before the state above: pending handlers hold connections,
  // which refer to it.
  asio::io_context io_{options_.limits.io_threads};
  std::optional<tcp::acceptor> acceptor_;
  // Keeps the I/O threads running while no operation is pending (between a
  // closed acceptor and a handler's answer).
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  asio::steady_timer retry_{io_};
  std::vector<std::thread> io_threads_;
  bool started_ = false;
};

namespace {

// One connection, from the handshake to its close. Lives as long as an
// operation or a worker holds it.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `id` is what the server's Admit gave.
  Connection(tcp::socket socket, HttpsServer::Impl* server, uint64_t id,
             std::string address)
      : server_(server),
        id_(id),
        limits_(server->options().limits),
        address_(std::move(address)),
        stream_(std::move(socket), server->tls()) {}
  ~Connection() { server_->Release(address_, id_); }

  void Start() {
    server_->Attach(id_, weak_from_this());
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->Handshake(); });
  }

  // Closes the socket, ending whatever the connection waits for.
  void Abort() {
    asio::post(stream_.get_executor(),
               [self = shared_from_this()] { self->Tcp().close(); });
  }

 private:
  using Stream = beast::ssl_stream<beast::tcp_stream>;
  beast::tcp_stream& Tcp() { return beast::get_lowest_layer(stream_); }

  void Handshake() {
    Tcp().expires_after(Chrono(limits_.handshake_deadline));
    stream_.async_handshake(
        ssl::stream_base::server,
        [self = shared_from_this()](beast::error_code ec) { self->OnHandshake(ec); });
  }

  void OnHandshake(beast::error_code ec) {
    if (ec) {
      ++(ec == beast::error::timeout ? server_->counts().handshake_timed_out
                                     : server_->counts().handshake_failed);
      return;  // closed as the last holder lets go
    }
    requester_ = PeerCertificateOin(stream_.native_handle());
    if (requester_.empty()) requester_ = address_;
    ReadHeader();
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(limits_.max_header_bytes));
    // No limit while the header is read: a declared length over it is
    // refused by Check, with the request described (its path decides the
    // form of the refusal). A chunked body gets the limit in ReadOrDispatch.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    Tcp().expires_after(Chrono(limits_.header_deadline));
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              self->OnHeader(ec);
                            });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == beast::error::timeout) {
      // Idle between requests is no fault; a header begun and not ended is.
      if (buffer_.size() > 0) ++server_->counts().header_timed_out;
      return;
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == ssl::error::stream_truncated) {
      return;
    }
    request_ = std::make_unique<httplib::Request>();
    if (ec) return Refuse(ec == http::error::header_limit ? 431 : 400);
    ++server_->counts().requests;
    Describe(parser_->get());
    keep_alive_ = parser_->get().keep_alive();
    if (std::optional<int> refusal = Check()) return Refuse(*refusal);
    if (absl::EqualsIgnoreCase(request_->get_header_value("Expect"), "100-continue")) {
      return Continue();
    }
    ReadOrDispatch();
  }

  // The request as the handlers see it.
  void Describe(const http::request<http::buffer_body>& h) {
    httplib::Request& r = *request_;
    r.method = std::string(h.method_string());
    r.target = std::string(h.target());
    r.version = h.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
    const size_t q = r.target.find('?');
    r.path = httplib::detail::decode_url(r.target.substr(0, q), false);
    if (q != std::string::npos)
      httplib::detail::parse_query_text(r.target.substr(q + 1), r.params);
    for (const auto& field : h) {
      r.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    }
    r.remote_addr = address_;
    r.ssl = stream_.native_handle();
  }

  // The refusal due before any handler runs, if one is.
  std::optional<int> Check() {
    const httplib::Request& r = *request_;
    const bool has_length = parser_->content_length().has_value();
    if ((r.method == "POST" || r.method == "PUT" || r.method == "PATCH") && !has_length &&
        !parser_->chunked()) {
      return 411;
    }
    if (has_length && *parser_->content_length() > limits_.max_body_bytes) return 413;
    found_ = server_->router().Find(request_.get());
    if (found_.kind == Router::Found::Kind::kNoPath) return 404;
    if (found_.kind == Router::Found::Kind::kWrongMethod) return 405;
    return std::nullopt;
  }

  void Continue() {
    auto interim =
        std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
    Tcp().expires_after(Chrono(limits_.body_deadline));
    http::async_write(stream_, *interim,
                      [self = shared_from_this(), interim](beast::error_code ec, size_t) {
                        if (!ec) self->ReadOrDispatch();
                      });
  }

  void ReadOrDispatch() {
    parser_->body_limit(limits_.max_body_bytes);
    const boost::optional<uint64_t> length = parser_->content_length();
    body_deadline_ = std::chrono::steady_clock::now() + Chrono(limits_.body_deadline) +
                     std::chrono::seconds(length.value_or(0) >> 20);
    if (parser_->is_done() || found_.body_handler == nullptr) return Dispatch();
    if (!length || *length > limits_.body_in_memory_bytes) return Spool();
    body_.reserve(*length);
    ReadWhole();
  }

  // Reads a large (or chunked) body into an unnamed file before a worker is
  // taken: a peer that trickles it holds a connection, never a worker.
  void Spool() {
    absl::StatusOr<io_internal::UnnamedFile> file =
        io_internal::UnnamedFile::Create(server_->options().spool_folder);
    if (!file.ok()) return Refuse(503);
    spool_.emplace(*std::move(file));
    SpoolRest();
  }

  void SpoolRest() {
    ReadChunk([self = shared_from_this()](beast::error_code ec, size_t n) {
      if (ec) return self->BodyFailed(ec);
      if (!self->spool_->Append(absl::string_view(self->chunk_.get(), n)).ok()) {
        return self->Refuse(503);  // the disk is full: the body is not read on
      }
      if (!self->parser_->is_done()) return self->SpoolRest();
      if (!self->spool_->Rewind().ok()) return self->Refuse(503);
      self->Dispatch();
    });
  }

  // Reads a small body whole before a worker is taken.
  void ReadWhole() {
    ReadChunk([self = shared_from_this()](beast::error_code ec, size_t n) {
      if (ec) return self->BodyFailed(ec);
      self->body_.append(self->chunk_.get(), n);
      if (self->parser_->is_done()) return self->Dispatch();
      self->ReadWhole();
    });
  }

  void BodyFailed(beast::error_code ec) {
    CountBodyError(ec);
    if (ec == http::error::body_limit) return Refuse(413);
    Close();
  }

  void CountBodyError(beast::error_code ec) {
    if (ec == beast::error::timeout) ++server_->counts().body_timed_out;
  }

  // Reads the next piece of the body into chunk_ on the connection's strand.
  template <typename Done>
  void ReadChunk(Done done) {
    http::buffer_body::value_type& body = parser_->get().body();
    // Allocated for the first body: a connection that only waits holds none.
    if (chunk_ == nullptr) chunk_ = std::make_unique<char[]>(kChunkBytes);
    body.data = chunk_.get();
    body.size = kChunkBytes;
    if (parser_->content_length().has_value()) {
      Tcp().expires_at(body_deadline_);
    } else {
      Tcp().expires_after(Chrono(limits_.body_deadline));
    }
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this(), done = std::move(done)](
                         beast::error_code ec, size_t) mutable {
                       if (ec == http::error::need_buffer) ec = {};
                       done(ec, kChunkBytes - self->parser_->get().body().size);
                     });
  }

  // Runs on a worker: the body, read whole before dispatch, in pieces; false
  // if it could not be read back or `receiver` stopped it.
  bool ReadBodyOnWorker(const httplib::ContentReceiver& receiver) {
    if (!spool_) {
      std::string whole = std::move(body_);
      body_.clear();
      return whole.empty() || receiver(whole.data(), whole.size());
    }
    // chunk_ is free: the I/O threads read nothing more until the answer.
    for (;;) {
      absl::StatusOr<size_t> n = spool_->Read(chunk_.get(), kChunkBytes);
      if (!n.ok()) return false;
      if (*n == 0) return true;
      if (!receiver(chunk_.get(), *n)) return false;
    }
  }

  void Dispatch() {
    server_->RequestBegun();
    if (!server_->pool().Submit(requester_,
                                [self = shared_from_this()] { self->Serve(); })) {
      server_->RequestEnded();
    }
  }

  // Runs on a worker.
  void Serve() {
    auto response = std::make_unique<httplib::Response>();
    httplib::ContentReader reader(
        [this](httplib::ContentReceiver receiver) { return ReadBodyOnWorker(receiver); },
        [](httplib::MultipartContentHeader, httplib::ContentReceiver) { return false; });
    try {
      if (found_.body_handler != nullptr) {
        (*found_.body_handler)(*request_, *response, reader);
      } else {
        (*found_.handler)(*request_, *response);
      }
    } catch (...) {
      *response = httplib::Response();
      response->status = 500;
    }
    if (response->status < 0) response->status = 200;
    spool_.reset();  // frees the file
    // A body not read whole ends the connection with the answer.
    if (!parser_->is_done()) keep_alive_ = false;
    asio::post(stream_.get_executor(),
               [self = shared_from_this(), r = std::shared_ptr(std::move(response))] {
                 self->answering_ = true;
                 self->Write(*r);
               });
  }

  // Answers with `status` without a handler, and closes the connection when
  // the request's body is not read.
  void Refuse(int status) {
    if (!request_) request_ = std::make_unique<httplib::Request>();
    httplib::Response response;
    response.status = status;
    if (status == 405) response.set_header("Allow", found_.allow);
    // A request not read whole (a header cut short, a body left unread) or
    // one that said it has a body without its length ends the connection.
    if (!parser_->is_done() || status == 411) keep_alive_ = false;
    linger_ = !parser_->is_done();
    Write(response);
  }

  void Write(httplib::Response& r) {
    if (r.status >= 400 && r.body.empty() && server_->options().complete_error) {
      server_->options().complete_error(*request_, r);
    }
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(11);
    out->result(static_cast<unsigned>(r.status));
    for (const auto& [name, value] : server_->options().default_headers) {
      if (!r.has_header(name)) out->insert(name, value);
    }
    for (const auto& [name, value] : r.headers) out->insert(name, value);
    const bool head = request_->method == "HEAD";
    out->body() = head ? std::string() : std::move(r.body);
    out->keep_alive(keep_alive_);
    out->content_length(head ? r.body.size() : out->body().size());
    Tcp().expires_after(Chrono(limits_.body_deadline));
    http::async_write(stream_, *out,
                      [self = shared_from_this(), out](beast::error_code ec, size_t) {
                        if (self->answering_) self->server_->RequestEnded();
                        self->answering_ = false;
                        if (ec) return;
                        if (!self->keep_alive_) return self->Close();
                        self->ReadHeader();  // pipelined requests are in buffer_
                      });
  }

  void Close() {
    Tcp().expires_after(std::chrono::seconds(1));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {
      if (self->linger_) return self->Linger();
      beast::error_code ignored;
      self->Tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    });
  }

  // The refusal is written and the peer may still be sending the body it
  // answers: reads and discards until the peer closes or the linger deadline
  // passes, so that closing does not reset the connection under the answer.
  void Linger() {
    beast::error_code ignored;
    Tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
    Tcp().expires_after(Chrono(limits_.linger_deadline));
    Discard();
  }

  void Discard() {
    if (chunk_ == nullptr) chunk_ = std::make_unique<char[]>(kChunkBytes);
    Tcp().async_read_some(asio::buffer(chunk_.get(), kChunkBytes),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            if (!ec) return self->Discard();
                            self->Tcp().close();
                          });
  }

  HttpsServer::Impl* const server_;
  const uint64_t id_;
  const ServerLimits& limits_;
  const std::string address_;
  Stream stream_;
  std::string requester_;
  beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  std::unique_ptr<httplib::Request> request_;
  Router::Found found_;
  bool keep_alive_ = true;
  bool linger_ = false;     // a refusal left bytes of the request unread
  bool answering_ = false;  // writing a handler's answer (Stop waits for it)
  std::chrono::steady_clock::time_point body_deadline_;
  std::string body_;                               // a small body, read before dispatch
  std::optional<io_internal::UnnamedFile> spool_;  // a large one, read before dispatch
  static constexpr size_t kChunkBytes = 64 * 1024;
  std::unique_ptr<char[]> chunk_;  // a piece of a body
};

}  // namespace

uint64_t HttpsServer::Impl::Admit(const std::string& address) {
  std::lock_guard lock(mu_);
  if (connections_.size() >= static_cast<size_t>(options_.limits.max_connections)) {
    ++counts_.refused_total_cap;
    return 0;
  }
  int& from_address = per_address_[address];
  if (from_address >= options_.limits.max_connections_per_address) {
    ++counts_.refused_address_cap;
    return 0;
  }
  ++from_address;
  ++counts_.accepted;
  connections_[++next_id_];  // attached once the connection exists
  return next_id_;
}

void HttpsServer::Impl::Attach(uint64_t id, std::weak_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  connections_[id] = std::move(c);
}

void HttpsServer::Impl::Release(const std::string& address, uint64_t id) {
  std::lock_guard lock(mu_);
  connections_.erase(id);
  auto it = per_address_.find(address);
  if (--it->second == 0) per_address_.erase(it);
}

void HttpsServer::Impl::RequestEnded() {
  std::lock_guard lock(in_flight_mu_);
  if (--in_flight_ == 0) in_flight_done_.notify_all();
}

absl::StatusOr<int> HttpsServer::Impl::Start(const std::string& host, int port) {
  if (started_) return absl::FailedPreconditionError("the server was started before");
  const std::string where = absl::StrCat("cannot listen on ", host, ":", port);
  beast::error_code ec;
  tcp::resolver resolver(io_);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec || endpoints.empty()) return absl::UnavailableError(where);
  const tcp::endpoint endpoint = *endpoints.begin();
  acceptor_.emplace(io_);
  acceptor_->open(endpoint.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(endpoint, ec);
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.reset();
    return absl::UnavailableError(absl::StrCat(where, ": ", ec.message()));
  }
  started_ = true;
  work_.emplace(io_.get_executor());
  Accept();
  for (int i = 0; i < options_.limits.io_threads; ++i) {
    io_threads_.emplace_back([this] { io_.run(); });
  }
  return acceptor_->local_endpoint().port();
}

void HttpsServer::Impl::Accept() {
  if (!acceptor_->is_open()) return;  // stopping
  acceptor_->async_accept(
      asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted) return;
        if (ec) {  // e.g. out of file descriptors: try again shortly
          retry_.expires_after(std::chrono::milliseconds(50));
          return retry_.async_wait([this](beast::error_code) { Accept(); });
        }
        beast::error_code peer_ec;
        // No Nagle delay between an answer's writes (a delayed ACK costs 40 ms).
        socket.set_option(tcp::no_delay(true), peer_ec);
        const tcp::endpoint peer = socket.remote_endpoint(peer_ec);
        const std::string address = peer_ec ? "" : peer.address().to_string();
        if (const uint64_t id = Admit(address); id != 0) {
          std::make_shared<Connection>(std::move(socket), this, id, address)->Start();
        }  // else the socket is closed here, before any byte is read
        Accept();
      });
}

void HttpsServer::Impl::Stop() {
  if (!started_) return;
  asio::post(io_, [this] {
    beast::error_code ignored;
    acceptor_->close(ignored);
  });
  pool_.Stop();  // the running handlers finish; the queued are dropped
  {
    std::unique_lock lock(in_flight_mu_);
    in_flight_done_.wait_for(lock, Chrono(options_.limits.body_deadline),
                             [this] { return in_flight_ == 0; });
  }
  CloseAll();
  work_.reset();
  io_.stop();
  for (std::thread& t : io_threads_) t.join();
  io_threads_.clear();
  started_ = false;
}

void HttpsServer::Impl::CloseAll() {
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, weak] : connections_) {
      if (std::shared_ptr<Connection> c = weak.lock()) open.push_back(std::move(c));
    }
  }
  for (const std::shared_ptr<Connection>& c : open) c->Abort();
  open.clear();
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(mu_);
      if (connections_.empty()) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ConnectionCounters HttpsServer::Impl::counters() const {
  ConnectionCounters c;
  {
    std::lock_guard lock(mu_);
    c.open = connections_.size();
  }
  c.accepted = counts_.accepted;
  c.refused_total_cap = counts_.refused_total_cap;
  c.refused_address_cap = counts_.refused_address_cap;
  c.handshake_timed_out = counts_.handshake_timed_out;
  c.handshake_failed = counts_.handshake_failed;
  c.header_timed_out = counts_.header_timed_out;
  c.body_timed_out = counts_.body_timed_out;
  c.requests = counts_.requests;
  return c;
}

absl::StatusOr<std::unique_ptr<HttpsServer>> HttpsServer::Create(Options options,
                                                                 Router router) {
  const ServerLimits& l = options.limits;
  if (l.workers < 1 || l.io_threads < 1 || l.max_connections < 1 ||
      l.max_connections_per_address < 1) {
    return absl::InvalidArgumentError(
        "workers, I/O threads and connection caps must be at least 1");
  }
  std::error_code error;
  if (options.spool_folder.empty()) {
    options.spool_folder = std::filesystem::temp_directory_path(error).string();
  }
  if (!std::filesystem::is_directory(options.spool_folder, error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the spool folder ", options.spool_folder, " is not a folder"));
  }
  auto impl = std::make_unique<Impl>(std::move(options), std::move(router));
  if (!impl->SetUp()) {
    return absl::InvalidArgumentError(
        "the certificate, key or client CA bundle cannot be used (not PEM, or the key "
        "does not fit the certificate)");
  }
  return std::unique_ptr<HttpsServer>(new HttpsServer(std::move(impl)));
}

HttpsServer::HttpsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpsServer::~HttpsServer() { Stop(); }
absl::StatusOr<int> HttpsServer::Start(const std::string& host, int port) {
  return impl_->Start(host, port);
}
void HttpsServer::Stop() { impl_->Stop(); }
ConnectionCounters HttpsServer::counters() const { return impl_->counters(); }

}  // namespace vum::server
