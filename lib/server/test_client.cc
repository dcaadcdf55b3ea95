#include "lib/server/test_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/time/clock.h"

namespace vum::server::testing {
namespace {

int ConnectLoopback(int port) {
  ::signal(SIGPIPE, SIG_IGN);  // a write to a closed connection fails, no more
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  // Reads never block long: the loops below keep their own deadlines.
  timeval tv{0, 50 * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  // A write the server never reads fails after five seconds, not never.
  timeval send_wait{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_wait, sizeof send_wait);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

std::unique_ptr<RawConnection> RawConnection::Tcp(int port) {
  const int fd = ConnectLoopback(port);
  if (fd < 0) return nullptr;
  return std::unique_ptr<RawConnection>(new RawConnection(fd, nullptr, nullptr));
}

std::unique_ptr<RawConnection> RawConnection::Tls(int port, const std::string& cert,
                                                  const std::string& key) {
  const int fd = ConnectLoopback(port);
  if (fd < 0) return nullptr;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  // A record without application data (a session ticket) ends SSL_read.
  SSL_CTX_clear_mode(ctx, SSL_MODE_AUTO_RETRY);
  if (!cert.empty()) {
    SSL_CTX_use_certificate_chain_file(ctx, cert.c_str());
    SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM);
  }
  SSL* ssl = SSL_new(ctx);
  auto c = std::unique_ptr<RawConnection>(new RawConnection(fd, ctx, ssl));
  // TLS 1.3 reports a refused client certificate only at the first read: a
  // handshake that "succeeds" is checked by the caller's request.
  if (SSL_set_fd(ssl, fd) != 1) return nullptr;
  const absl::Time end = absl::Now() + absl::Seconds(5);
  for (int rc; (rc = SSL_connect(ssl)) != 1;) {
    if (SSL_get_error(ssl, rc) != SSL_ERROR_WANT_READ || absl::Now() > end)
      return nullptr;
  }
  return c;
}

RawConnection::~RawConnection() {
  if (ssl_ != nullptr) SSL_free(ssl_);
  if (ctx_ != nullptr) SSL_CTX_free(ctx_);
  ::close(fd_);
}

bool RawConnection::Send(const std::string& bytes) {
  if (ssl_ != nullptr) {
    return SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size())) > 0;
  }
  return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
         static_cast<ssize_t>(bytes.size());
}

int RawConnection::ReadSome(char* buffer, int size, absl::Duration wait) {
  if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
    pollfd p{fd_, POLLIN, 0};
    const int ms = static_cast<int>(absl::ToInt64Milliseconds(wait));
    if (::poll(&p, 1, ms < 0 ? 0 : ms) <= 0) return -1;
  }
  if (ssl_ == nullptr) {
    const ssize_t n = ::recv(fd_, buffer, static_cast<size_t>(size), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return -1;
    return n < 0 ? 0 : static_cast<int>(n);
  }
  const int n = SSL_read(ssl_, buffer, size);
  if (n > 0) return n;
  // A TLS record that carried no application data (a session ticket), or
  // a record not yet whole.
  return SSL_get_error(ssl_, n) == SSL_ERROR_WANT_READ ? -1 : 0;
}

std::string RawConnection::ReadUntilClosed(absl::Duration wait,
                                           absl::Duration* first_byte) {
  std::string out;
  const absl::Time start = absl::Now(), end = start + wait;
  char buffer[16384];
  for (absl::Time now = start; now < end; now = absl::Now()) {
    const int n = ReadSome(buffer, sizeof buffer, end - now);
    if (n == 0) break;
    if (n < 0) continue;
    if (out.empty() && first_byte != nullptr) *first_byte = absl::Now() - start;
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

bool RawConnection::ReadUntil(const std::string& text, absl::Duration wait,
                              std::string* out) {
  const absl::Time end = absl::Now() + wait;
  char buffer[16384];
  for (absl::Time now = absl::Now(); now < end; now = absl::Now()) {
    if (out->find(text) != std::string::npos) return true;
    const int n = ReadSome(buffer, sizeof buffer, end - now);
    if (n == 0) break;
    if (n > 0) out->append(buffer, static_cast<size_t>(n));
  }
  return out->find(text) != std::string::npos;
}

bool RawConnection::ReadBytes(size_t size, absl::Duration wait, std::string* out) {
  const absl::Time end = absl::Now() + wait;
  char buffer[16384];
  for (absl::Time now = absl::Now(); out->size() < size && now < end; now = absl::Now()) {
    const int n = ReadSome(buffer, sizeof buffer, end - now);
    if (n == 0) break;
    if (n > 0) out->append(buffer, static_cast<size_t>(n));
  }
  return out->size() >= size;
}

bool RawConnection::ClosedWithin(absl::Duration wait) {
  const absl::Time end = absl::Now() + wait;
  char buffer[4096];
  for (absl::Time now = absl::Now(); now < end; now = absl::Now()) {
    if (ReadSome(buffer, sizeof buffer, end - now) == 0) return true;
  }
  return false;
}

}  // namespace vum::server::testing
