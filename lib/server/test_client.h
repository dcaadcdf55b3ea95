// lib/server/test_client.h: a raw client for tests of the HTTPS server: it
// sends exactly the bytes it is given, at the pace it is given (requests an
// HTTP client library will not send: pipelined, without a length, trickled),
// and reads what comes back. Loopback only (127.0.0.1).
//
// Example:
//
//   std::unique_ptr<vum::server::testing::RawConnection> c =
//       vum::server::testing::RawConnection::Tls(port, "alice.crt", "alice.key");
//   c->Send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
//   std::string answer = c->ReadUntilClosed(absl::Seconds(2));
//
// Thread safety: one connection per thread.

#ifndef VUM_LIB_SERVER_TEST_CLIENT_H_
#define VUM_LIB_SERVER_TEST_CLIENT_H_

#include <openssl/ssl.h>

#include <memory>
#include <string>

#include "absl/time/time.h"

namespace vum::server::testing {

class RawConnection {
 public:
  // A TCP connection without TLS (to send a handshake's bytes by hand);
  // null if it cannot connect.
  [[nodiscard]] static std::unique_ptr<RawConnection> Tcp(int port);
  // A TLS connection with the client certificate and key (both empty: none);
  // null if it cannot connect or the handshake fails.
  [[nodiscard]] static std::unique_ptr<RawConnection> Tls(int port,
                                                          const std::string& cert,
                                                          const std::string& key);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Writes `bytes`; false if the connection is closed or the server read
  // nothing for five seconds. (Connecting ignores SIGPIPE for the process.)
  bool Send(const std::string& bytes);
  // Reads until the server closes the connection or `wait` passes;
  // `first_byte`, when given, receives how long the first byte took.
  [[nodiscard]] std::string ReadUntilClosed(absl::Duration wait,
                                            absl::Duration* first_byte = nullptr);
  // Reads until `text` has arrived (true), the server closes or `wait`
  // passes; what was read is in `*out`.
  bool ReadUntil(const std::string& text, absl::Duration wait, std::string* out);
  // Reads until `*out` holds `size` bytes (true), the server closes or
  // `wait` passes.
  bool ReadBytes(size_t size, absl::Duration wait, std::string* out);
  // True when the server has closed the connection (a read gives end of
  // file or a reset within `wait`).
  [[nodiscard]] bool ClosedWithin(absl::Duration wait);

 private:
  RawConnection(int fd, SSL_CTX* ctx, SSL* ssl) : fd_(fd), ctx_(ctx), ssl_(ssl) {}
  // Reads some bytes within `wait`: >0 bytes, 0 closed, -1 nothing yet.
  int ReadSome(char* buffer, int size, absl::Duration wait);

  int fd_;
  SSL_CTX* ctx_;  // owned; null for TCP
  SSL* ssl_;      // owned; null for TCP
};

}  // namespace vum::server::testing

#endif  // VUM_LIB_SERVER_TEST_CLIENT_H_
