// The writer under the generated JSON-to-binary writers: lengths as protobuf
// writes them (also when the buffer grows meanwhile), and members put in
// field-number order. The writers themselves
// are held to Parse + SerializeToString in fast_json_test.cc.

#include "lib/json/json_binary.h"

#include <string>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "gtest/gtest.h"

namespace vum::json_internal {
namespace {

// What protobuf writes for field 2 holding `content` (length-delimited).
std::string ProtobufLengthDelimited(const std::string& content) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.WriteTag(2 << 3 | 2);
    coded.WriteVarint32(static_cast<uint32_t>(content.size()));
    coded.WriteString(content);
  }
  return out;
}

TEST(BinaryWriterTest, WritesLengthsOfOneTwoAndThreeBytesAsProtobufDoes) {
  for (size_t size : {0, 1, 127, 128, 300, 16383, 16384, 70000}) {
    BinaryWriter w;
    w.Raw("before");
    const size_t begin = w.BeginLength(2 << 3 | 2);
    std::string content;
    for (size_t i = 0; i < size; ++i) content += static_cast<char>('a' + i % 26);
    w.Raw(content);
    w.EndLength(begin);
    EXPECT_EQ(w.view(), "before" + ProtobufLengthDelimited(content)) << size;
  }
}

TEST(BinaryWriterTest, WritesNegativeCodesAndZigZagAsProtobufDoes) {
  std::string want;
  BinaryWriter w;
  w.Int32(-5);
  w.ZigZag32(-5);
  w.ZigZag64(-5);
  {
    google::protobuf::io::StringOutputStream stream(&want);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.WriteVarint64(static_cast<uint64_t>(int64_t{-5}));
    coded.WriteVarint32(google::protobuf::internal::WireFormatLite::ZigZagEncode32(-5));
    coded.WriteVarint64(google::protobuf::internal::WireFormatLite::ZigZagEncode64(-5));
  }
  EXPECT_EQ(w.view(), want);
}

TEST(BinaryWriterTest, PutsMembersInFieldOrderAfterWhatCameBefore) {
  BinaryWriter w;
  w.Raw("head");
  MemberOrder order(w);
  order.Begin(w, 9);
  w.Raw("nine");
  order.Begin(w, 2);
  w.Raw("2");
  order.Begin(w, 5);
  w.Raw("five!");
  order.End(w);
  EXPECT_EQ(w.view(), "head2five!nine");

  BinaryWriter s;
  s.Raw("h");
  MemberOrder in_order(s);
  in_order.Begin(s, 1);
  s.Raw("a");
  in_order.Begin(s, 3);
  s.Raw("bc");
  in_order.End(s);
  EXPECT_EQ(s.view(), "habc");
}

}  // namespace
}  // namespace vum::json_internal
