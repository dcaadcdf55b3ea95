#include "lib/io/line_reader.h"

#include <algorithm>
#include <cstring>

namespace vum::io_internal {

bool LineReader::Fill() {
  chunk_.resize(chunk_bytes_);
  const std::streamsize n =
      in_->rdbuf()->sgetn(chunk_.data(), static_cast<std::streamsize>(chunk_bytes_));
  chunk_.resize(n > 0 ? static_cast<size_t>(n) : 0);
  next_ = 0;
  return !chunk_.empty();
}

bool LineReader::Next(std::string* line, bool* too_long) {
  while (true) {
    line->clear();
    *too_long = false;
    bool any = false;
    for (bool end_of_line = false; !end_of_line;) {
      if (next_ == chunk_.size() && !Fill()) break;
      any = true;
      const char* start = chunk_.data() + next_;
      const size_t left = chunk_.size() - next_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', left));
      end_of_line = newline != nullptr;
      const size_t length = end_of_line ? static_cast<size_t>(newline - start) : left;
      const size_t room = max_ - std::min(max_, line->size());
      if (length > room) *too_long = true;  // the rest of the line is read and dropped
      line->append(start, std::min(length, room));
      next_ += length + (end_of_line ? 1 : 0);
    }
    if (!any) {
      in_->setstate(std::ios::eofbit);
      return false;
    }
    ++line_number_;
    if (!*too_long && !line->empty() && line->back() == '\r') line->pop_back();
    if (*too_long || line->find_first_not_of(" \t") != std::string::npos) return true;
  }
}

bool ReadAtMost(std::istream& in, size_t limit, std::string* out) {
  out->clear();
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    const size_t n = static_cast<size_t>(in.gcount());
    if (out->size() + n > limit) return false;
    out->append(buffer, n);
  }
  return true;
}

}  // namespace vum::io_internal
