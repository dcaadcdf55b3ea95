// Internal: VUM JSON read straight into protobuf's binary form, and the
// writers generated from the schema that do it (vum_codegen).
//
// A bulk reader that only keeps a record's bytes (a selection index loading
// a caseload, JsonParser::ParseToBinary) need not build a message and then
// serialize it: a generated writer walks simdjson's DOM of the document once
// and appends each field's tag and value to the bytes. It takes what the
// generated parsers of json_values.h take, with the same Read functions, and
// declines what they decline; and it writes the bytes protobuf's serializer
// writes for the message those parsers build: fields in field-number order
// (members in another order are put in order when the object ends), every
// singular field that is present (the schema gives each explicit presence),
// numeric lists packed. fast_json_test.cc holds the writers to that, byte
// for byte, and json_binary_test.cc the BinaryWriter under them.

#ifndef VUM_LIB_JSON_JSON_BINARY_H_
#define VUM_LIB_JSON_JSON_BINARY_H_

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "google/protobuf/descriptor.h"
#include "lib/json/json_values.h"

namespace vum::json_internal {

// Writes protobuf's binary form into a buffer it keeps between documents
// (Clear empties it), checking room once per value instead of once per byte.
// Not thread-safe.
class BinaryWriter {
 public:
  BinaryWriter() = default;
  BinaryWriter(const BinaryWriter&) = delete;
  BinaryWriter& operator=(const BinaryWriter&) = delete;

  void Clear() { size_ = 0; }
  [[nodiscard]] size_t size() const { return size_; }
  // What was written; valid until the next write.
  [[nodiscard]] std::string_view view() const { return {data_.get(), size_}; }

  void Varint(uint64_t v) {
    Reserve(10);
    PutVarint(v);
  }
  // An int32 or enum: sign-extended to 64 bits, as protobuf writes it.
  void Int32(int32_t v) { Varint(static_cast<uint64_t>(static_cast<int64_t>(v))); }
  void ZigZag32(int32_t v) {
    Varint((static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31));
  }
  void ZigZag64(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Fixed32(uint32_t v) { Little(v); }
  void Fixed64(uint64_t v) { Little(v); }
  void Double(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    Little(bits);
  }
  // `tag` then the length of `text` and its bytes.
  void Text(uint32_t tag, std::string_view text) {
    Reserve(20 + text.size());
    PutVarint(tag);
    PutVarint(text.size());
    std::memcpy(data_.get() + size_, text.data(), text.size());
    size_ += text.size();
  }
  // `bytes` as they are.
  void Raw(std::string_view bytes) {
    Reserve(bytes.size());
    std::memcpy(data_.get() + size_, bytes.data(), bytes.size());
    size_ += bytes.size();
  }

  // Writes `tag` and room for a length; EndLength, given what this returned,
  // writes the length of what was written in between (a nested record, a
  // packed list), moving it when the length needs more than one byte.
  [[nodiscard]] size_t BeginLength(uint32_t tag) {
    Reserve(11);
    PutVarint(tag);
    data_[size_++] = '\0';
    return size_;
  }
  void EndLength(size_t begin) {
    const uint64_t length = size_ - begin;
    if (length < 0x80) {
      data_[begin - 1] = static_cast<char>(length);
      return;
    }
    size_t n = 1;
    for (uint64_t v = length; v >= 0x80; v >>= 7) ++n;
    Reserve(n - 1);
    std::memmove(data_.get() + begin + n - 1, data_.get() + begin, length);
    const size_t end = size_ + n - 1;
    size_ = begin - 1;
    PutVarint(length);
    size_ = end;
  }

  // Puts the members of an object, written from `first` on as `count`
  // ranges in document order (`begins[i]` where member i starts, `numbers[i]`
  // its field number, each number once), in field-number order.
  void Reorder(size_t first, int count, const size_t* begins, const uint32_t* numbers);

 private:
  void Reserve(size_t n) {
    if (capacity_ - size_ < n) Grow(n);
  }
  void Grow(size_t n);
  // Room for 10 bytes is reserved.
  void PutVarint(uint64_t v) {
    char* p = data_.get() + size_;
    while (v >= 0x80) {
      *p++ = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    *p++ = static_cast<char>(v);
    size_ = static_cast<size_t>(p - data_.get());
  }
  template <typename T>
  void Little(T v) {
    Reserve(sizeof(T));
    for (size_t i = 0; i < sizeof(T); ++i)
      data_[size_++] = static_cast<char>(v >> (8 * i));
  }

  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Where the members of one object start in the writer's output, so that
// members given out of field-number order can be put in order when the
// object ends. Lives on the stack of a generated writer: at most 64 members
// (vum_codegen refuses a type with more fields).
class MemberOrder {
 public:
  explicit MemberOrder(const BinaryWriter& w) : first_(w.size()) {}
  // Member `number` starts now.
  void Begin(const BinaryWriter& w, uint32_t number) {
    if (count_ > 0 && number < numbers_[count_ - 1]) sorted_ = false;
    numbers_[count_] = number;
    begins_[count_++] = w.size();
  }
  // The object ended.
  void End(BinaryWriter& w) const {
    if (!sorted_) w.Reorder(first_, count_, begins_, numbers_);
  }

 private:
  size_t first_;
  int count_ = 0;
  bool sorted_ = true;
  uint32_t numbers_[64];
  size_t begins_[64];
};

// A writer generated from the schema for one message type: appends to `w`
// the binary form of the message the generated parser (GeneratedParse) would
// read from `object`, and lists what it reads as absent as that parser does
// (`at`). Returns false wherever that parser would (what was appended and
// listed is then unspecified).
using GeneratedBinary = bool (*)(simdjson::dom::object object, BinaryWriter& w,
                                 const AbsentAt* at);

struct GeneratedJsonBinary {
  const google::protobuf::Descriptor* (*descriptor)();
  GeneratedBinary write;
};

// Defined in the generated source.
extern const GeneratedJsonBinary kGeneratedJsonBinaries[];
extern const int kGeneratedJsonBinaryCount;

}  // namespace vum::json_internal

#endif  // VUM_LIB_JSON_JSON_BINARY_H_
