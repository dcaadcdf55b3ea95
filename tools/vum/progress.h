// A progress line on standard error while a long command runs, only when
// standard error is a terminal (so logs and CI output stay clean).

#ifndef VUM_TOOLS_VUM_PROGRESS_H_
#define VUM_TOOLS_VUM_PROGRESS_H_

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace vum::cli {

class Progress {
 public:
  // `total` 0: unknown, show a count; otherwise a bar.
  Progress(std::string what, uint64_t total = 0)
      : what_(std::move(what)),
        total_(total),
        enabled_(isatty(STDERR_FILENO) == 1),
        start_(std::chrono::steady_clock::now()) {}
  ~Progress() { Done(); }

  void Update(uint64_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done != total_) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? done / seconds : 0;
    if (total_ > 0) {
      const int width = 30;
      const int filled =
          static_cast<int>(width * std::min<double>(1.0, double(done) / total_));
      std::fprintf(stderr, "\r%s [%s%s] %llu/%llu  %.0f/s ", what_.c_str(),
                   std::string(filled, '#').c_str(),
                   std::string(width - filled, ' ').c_str(),
                   static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total_), rate);
    } else {
      std::fprintf(stderr, "\r%s %llu records  %.0f/s ", what_.c_str(),
                   static_cast<unsigned long long>(done), rate);
    }
    shown_ = true;
  }

  void Done() {
    if (shown_) std::fprintf(stderr, "\n");
    shown_ = false;
  }

 private:
  std::string what_;
  uint64_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_PROGRESS_H_
