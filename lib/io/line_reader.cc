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

namespace {

// Room in `bytes` (holding `size` bytes, `*capacity` in all) for `n` bytes.
void Reserve(std::unique_ptr<char[]>* bytes, size_t size, size_t* capacity, size_t n) {
  if (*capacity >= n) return;
  const size_t grown = std::max(n, *capacity * 2);
  std::unique_ptr<char[]> more(new char[grown]);
  if (size > 0) std::memcpy(more.get(), bytes->get(), size);
  *bytes = std::move(more);
  *capacity = grown;
}

}  // namespace

bool LineReader::ReadInto(size_t want, LineBlock* block) {
  Reserve(&block->bytes_, block->size_, &block->capacity_,
          block->size_ + want + kPaddingBytes);
  const std::streamsize n = in_->rdbuf()->sgetn(block->bytes_.get() + block->size_,
                                                static_cast<std::streamsize>(want));
  if (n <= 0) return false;
  block->size_ += static_cast<size_t>(n);
  return true;
}

void LineReader::AddLine(LineBlock* block, size_t begin, size_t end, bool too_long) {
  ++line_number_;
  const char* data = block->bytes_.get();
  if (!too_long && end > begin && data[end - 1] == '\r') --end;
  if (!too_long && std::string_view(data + begin, end - begin).find_first_not_of(" \t") ==
                       std::string_view::npos) {
    return;  // blank
  }
  block->lines_.push_back({begin, end - begin, line_number_, too_long});
}

// What is read past a block's last line is copied into the next block: near
// the block's end, about what its remaining lines need is read, at the
// average length of the lines so far, and one line more.
size_t LineReader::ReadSize(size_t lines_wanted, size_t bytes_wanted,
                            size_t average) const {
  if (average == 0) return chunk_bytes_;
  const size_t for_lines =
      lines_wanted > chunk_bytes_ / average ? chunk_bytes_ : lines_wanted * average;
  return std::clamp<size_t>(std::min(for_lines, bytes_wanted) + average, 1, chunk_bytes_);
}

bool LineReader::NextBlock(size_t max_lines, size_t target_bytes, LineBlock* block) {
  block->lines_.clear();
  // What Next read ahead comes first.
  const size_t ahead = chunk_.size() - next_;
  Reserve(&block->bytes_, 0, &block->capacity_, ahead + kPaddingBytes);
  if (ahead > 0) std::memcpy(block->bytes_.get(), chunk_.data() + next_, ahead);
  block->size_ = ahead;
  chunk_.clear();
  next_ = 0;
  size_t start = 0;       // where the line being read begins
  size_t scan = 0;        // searched for its newline up to here
  bool too_long = false;  // past the limit: its first max_ bytes are kept
  size_t taken = 0;       // bytes of the lines given, newlines included
  size_t ended = 0;       // lines ended, blank ones included
  for (;;) {
    const char* data = block->bytes_.get();
    const auto* newline =
        static_cast<const char*>(std::memchr(data + scan, '\n', block->size_ - scan));
    if (newline != nullptr) {
      const auto end = static_cast<size_t>(newline - data);
      too_long = too_long || end - start > max_;
      AddLine(block, start, too_long ? start + max_ : end, too_long);
      taken += end + 1 - start;
      ++ended;
      start = scan = end + 1;
      too_long = false;
      if (!block->lines_.empty() &&
          (block->lines_.size() >= max_lines || taken >= target_bytes)) {
        break;
      }
      continue;
    }
    // No newline yet: of a line past the limit, what follows its first bytes
    // is dropped as it is read.
    if (too_long || block->size_ - start > max_) {
      too_long = true;
      block->size_ = start + max_;
    }
    scan = block->size_;
    const size_t want = ReadSize(max_lines - block->lines_.size(),
                                 taken < target_bytes ? target_bytes - taken : 0,
                                 ended == 0 ? 0 : taken / ended);
    if (!ReadInto(want, block)) {  // the stream ended
      if (block->size_ > start) AddLine(block, start, block->size_, too_long);
      start = block->size_;
      break;
    }
  }
  // The start of a line not read to its end yet waits for the next call.
  chunk_.assign(block->bytes_.get() + start, block->size_ - start);
  block->size_ = start;
  if (block->lines_.empty()) in_->setstate(std::ios::eofbit);
  return !block->lines_.empty();
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
