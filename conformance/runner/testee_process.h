// The conformance runner's testee: one process started from a command line
// (through /bin/sh, in a process group of its own), spoken to over its
// standard input and output (4-byte little-endian length, then the message),
// with a deadline per call, and stopped with everything it started.
//
// Thread safety: one thread per testee.
#ifndef VUM_CONFORMANCE_RUNNER_TESTEE_PROCESS_H_
#define VUM_CONFORMANCE_RUNNER_TESTEE_PROCESS_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>

namespace vum::conformance {

// A larger length prefix is no answer: text written to standard output, most
// likely.
inline constexpr uint32_t kMaxAnswerBytes = 64u << 20;

// Ends every process the runner started that is still there: the testee's
// descendants that left its process group come to the runner, their
// subreaper, when their parents end.
void EndOrphans();

class Testee {
  using Clock = std::chrono::steady_clock;

 public:
  explicit Testee(std::string command) : command_(std::move(command)) {}
  ~Testee() { Stop(); }

  bool Start() {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return false;
    pid_ = fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      // Its own process group, so that Stop() reaches whatever the command
      // starts, not just the shell.
      setpgid(0, 0);
      dup2(in[0], STDIN_FILENO);
      dup2(out[1], STDOUT_FILENO);
      close(in[0]);
      close(in[1]);
      close(out[0]);
      close(out[1]);
      const std::string exec = "exec " + command_;
      execl("/bin/sh", "sh", "-c", exec.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    setpgid(pid_, pid_);  // also here, against a race with the child
    close(in[0]);
    close(out[1]);
    to_ = in[1];
    from_ = out[0];
    fcntl(to_, F_SETFL, O_NONBLOCK);
    fcntl(from_, F_SETFL, O_NONBLOCK);
    return true;
  }

  // Kills the testee's process group and reaps it. Returns how the testee
  // ended, a waitpid() status; for a testee that had already exited (a crash,
  // a command that does not exist) that is its own exit.
  int Stop() {
    int status = 0;
    if (pid_ > 0) {
      kill(-pid_, SIGKILL);  // the whole group
      waitpid(pid_, &status, 0);
      EndOrphans();  // and whatever left the group
      pid_ = -1;
    }
    if (to_ >= 0) close(to_);
    if (from_ >= 0) close(from_);
    to_ = from_ = -1;
    return status;
  }

  enum class Result { kOk, kCrashed, kTimedOut, kGarbled };

  Result Call(const std::string& request, std::string* response,
              std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    const uint32_t n = static_cast<uint32_t>(request.size());
    std::string frame = {static_cast<char>(n), static_cast<char>(n >> 8),
                         static_cast<char>(n >> 16), static_cast<char>(n >> 24)};
    frame += request;
    if (Result r = Transfer(frame.data(), frame.size(), true, deadline); r != Result::kOk)
      return r;
    char size[4];
    if (Result r = Transfer(size, 4, false, deadline); r != Result::kOk) return r;
    const uint32_t m = static_cast<unsigned char>(size[0]) |
                       (static_cast<unsigned char>(size[1]) << 8) |
                       (static_cast<unsigned char>(size[2]) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(size[3])) << 24);
    if (m > kMaxAnswerBytes) return Result::kGarbled;
    response->resize(m);
    return Transfer(response->data(), m, false, deadline);
  }

 private:
  // Writes (or reads) exactly `n` bytes before the deadline.
  Result Transfer(char* data, size_t n, bool write_side, Clock::time_point deadline) {
    const int fd = write_side ? to_ : from_;
    while (n > 0) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Result::kTimedOut;
      pollfd p{fd, static_cast<short>(write_side ? POLLOUT : POLLIN), 0};
      const int ready = poll(&p, 1, static_cast<int>(left.count()));
      if (ready == 0) return Result::kTimedOut;
      if (ready < 0) {
        if (errno == EINTR) continue;
        return Result::kCrashed;
      }
      const ssize_t done = write_side ? write(fd, data, n) : read(fd, data, n);
      if (done < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (done <= 0) return Result::kCrashed;  // closed: the testee is gone
      data += done;
      n -= static_cast<size_t>(done);
    }
    return Result::kOk;
  }

  std::string command_;
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
};

}  // namespace vum::conformance

#endif  // VUM_CONFORMANCE_RUNNER_TESTEE_PROCESS_H_
