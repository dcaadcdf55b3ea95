#include "lib/convert/lines_parsed_ahead.h"

#include <algorithm>
#include <new>
#include <utility>

namespace vum::convert_internal {

LinesParsedAhead::LinesParsedAhead(io_internal::LineReader* lines, int threads,
                                   const std::function<Parse()>& make_parse)
    : lines_(lines),
      max_ahead_(kChunksAheadPerThread * static_cast<uint64_t>(std::max(threads, 1))) {
  for (int i = 0; i < std::max(threads, 1); ++i)
    threads_.emplace_back([this, make_parse] { Run(make_parse); });
}

LinesParsedAhead::~LinesParsedAhead() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  taken_.notify_all();
  for (std::thread& t : threads_) t.join();
}

bool LinesParsedAhead::Next(std::string* out, RecordPlace* place) {
  while (current_ == nullptr || at_ == current_->count) {
    if (current_ != nullptr && current_->last) return false;
    std::unique_lock lock(mu_);
    if (current_ != nullptr) {
      free_.push_back(std::move(current_));
      ++taking_;
      taken_.notify_all();
    }
    parsed_.wait(lock, [&] { return done_.count(taking_) > 0 || !failure_.ok(); });
    if (!failure_.ok()) return false;
    auto it = done_.find(taking_);
    current_ = std::move(it->second);
    done_.erase(it);
    at_ = 0;
  }
  Parsed& parsed = current_->lines[at_++];
  out->swap(parsed.out);
  *place = std::move(parsed.place);
  return true;
}

absl::Status LinesParsedAhead::status() const {
  std::lock_guard lock(mu_);
  return failure_;
}

// An exception must not leave a thread (it would end the process): it stops
// this one and, through failure_, the caller and the others.
void LinesParsedAhead::Run(const std::function<Parse()>& make_parse) {
  try {
    Parsing(make_parse);
  } catch (const std::bad_alloc&) {
    Fail(absl::ResourceExhaustedError(
        "out of memory while reading and parsing lines ahead"));
  } catch (...) {
    Fail(absl::InternalError("an exception while reading and parsing lines ahead"));
  }
}

void LinesParsedAhead::Parsing(const std::function<Parse()>& make_parse) {
  const Parse parse = make_parse();
  for (;;) {
    std::unique_ptr<Chunk> chunk = ChunkToFill();
    if (chunk == nullptr || !Fill(chunk.get())) return;
    for (size_t i = 0; i < chunk->count; ++i) {
      const io_internal::LineBlock::Line& line = chunk->text.lines()[i];
      Parsed& p = chunk->lines[i];
      p.place = RecordPlace{};
      const std::string_view text = chunk->text.text(line);
      parse({.text = absl::string_view(text.data(), text.size()),
             .number = line.number,
             .too_long = line.too_long,
             .padded = true},
            &p.out, &p.place);
    }
    {
      std::lock_guard lock(mu_);
      const uint64_t seq = chunk->seq;
      done_.emplace(seq, std::move(chunk));
    }
    parsed_.notify_all();
  }
}

void LinesParsedAhead::Fail(absl::Status status) {
  {
    std::lock_guard lock(mu_);
    if (failure_.ok()) failure_ = std::move(status);
  }
  parsed_.notify_all();
  taken_.notify_all();
}

std::unique_ptr<LinesParsedAhead::Chunk> LinesParsedAhead::ChunkToFill() {
  std::unique_lock lock(mu_);
  taken_.wait(lock, [&] {
    return stopping_ || !failure_.ok() || handed_ - taking_ < max_ahead_;
  });
  if (stopping_ || !failure_.ok()) return nullptr;
  ++handed_;
  if (free_.empty()) return std::make_unique<Chunk>();
  std::unique_ptr<Chunk> chunk = std::move(free_.back());
  free_.pop_back();
  return chunk;
}

bool LinesParsedAhead::Fill(Chunk* chunk) {
  std::lock_guard lock(read_mu_);
  if (ended_) return false;
  chunk->seq = next_seq_++;
  chunk->last = false;
  if (chunk->text.capacity() > kKeptTextBytes) chunk->text = io_internal::LineBlock();
  if (!lines_->NextBlock(kLinesPerChunk, kChunkBytes, &chunk->text)) {
    ended_ = true;
    chunk->last = true;
  }
  chunk->count = chunk->text.lines().size();
  if (chunk->lines.size() < chunk->count) chunk->lines.resize(chunk->count);
  for (size_t i = 0; i < chunk->count; ++i) GiveBackIfLong(&chunk->lines[i].out);
  return true;
}

void LinesParsedAhead::GiveBackIfLong(std::string* bytes) {
  if (bytes->capacity() > kKeptBytes) std::string().swap(*bytes);
}

}  // namespace vum::convert_internal
