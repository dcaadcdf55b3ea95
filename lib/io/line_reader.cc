#include "lib/io/line_reader.h"

namespace vum::io_internal {

bool LineReader::Next(std::string* line, bool* too_long) {
  while (true) {
    line->clear();
    *too_long = false;
    std::streambuf* buf = in_->rdbuf();
    bool any = false;
    for (int c = buf->sbumpc(); c != std::char_traits<char>::eof(); c = buf->sbumpc()) {
      any = true;
      if (c == '\n') break;
      if (line->size() < max_) {
        line->push_back(static_cast<char>(c));
      } else {
        *too_long = true;  // the rest of the line is read and dropped
      }
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
