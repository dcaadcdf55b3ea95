// Any bytes as VUM JSON, through both parsers: the fast path must give
// exactly what protobuf's parser gives (the same message or the same error),
// also when it parses over a message that held earlier inputs, and the fast
// printer exactly what protobuf's printer prints (with the codes the
// interface types as strings quoted, lib/json/json_reference.h), and both list
// the same empty values read as absent; and ParseToBinary the bytes protobuf
// serializes for that message, or the same error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lib/json/json_reference.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace {

template <typename Record>
void Compare(vum::JsonParser& parser, const std::string& text) {
  Record expected, actual;
  const absl::Status want = vum::ParseJson(text, &expected);
  const absl::Status got = parser.Parse(text, &actual);
  if (want.ToString() != got.ToString()) abort();
  // Whatever the earlier inputs left in it (a failed parse leaves it
  // unspecified), a reused message ends as a fresh one.
  static Record* const reused = new Record;
  if (parser.Parse(text, reused).ToString() != want.ToString()) abort();
  std::string bytes;
  if (parser.ParseToBinary(text, *Record::descriptor(), &bytes).ToString() !=
      want.ToString()) {
    abort();
  }
  if (!want.ok()) return;
  if (expected.SerializeAsString() != actual.SerializeAsString()) abort();
  if (expected.SerializeAsString() != reused->SerializeAsString()) abort();
  std::string fast;
  vum::PrintJsonFast(actual, &fast);
  if (fast != vum::json_internal::ReferenceJson(expected, false)) abort();
  if (*vum::PrintJson(expected, {.pretty = true}) !=
      vum::json_internal::ReferenceJson(expected, true)) {
    abort();
  }
  // The empty values both read as absent are the same.
  static auto* absent_slow = new std::vector<vum::FieldPath>;
  static auto* absent_fast = new std::vector<vum::FieldPath>;
  Record again;
  if (!vum::ParseJson(text, &again, absent_slow).ok()) abort();
  if (!parser.Parse(text, &again, absent_fast).ok()) abort();
  if (*absent_slow != *absent_fast) abort();
  // Straight into the binary form: the bytes protobuf serializes, the same
  // absent list.
  static auto* binary = new std::string;
  if (!parser.ParseToBinary(text, *Record::descriptor(), binary, absent_fast).ok())
    abort();
  if (*binary != expected.SerializeAsString()) abort();
  if (*absent_slow != *absent_fast) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vum::JsonParser* parser = new vum::JsonParser;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Compare<vum::v1::Werkzoekende>(*parser, text);
  Compare<vum::v1::Vacature>(*parser, text);
  return 0;
}
