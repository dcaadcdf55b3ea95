// Any bytes as VUM JSON, through both parsers: the fast path must give
// exactly what protobuf's parser gives (the same message or the same error),
// also when it parses over a message that held earlier inputs, and the fast
// printer exactly what protobuf's printer prints.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

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
  if (!want.ok()) return;
  if (expected.SerializeAsString() != actual.SerializeAsString()) abort();
  if (expected.SerializeAsString() != reused->SerializeAsString()) abort();
  std::string fast;
  vum::PrintJsonFast(actual, &fast);
  if (fast != *vum::PrintJson(expected)) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vum::JsonParser* parser = new vum::JsonParser;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Compare<vum::v1::Werkzoekende>(*parser, text);
  Compare<vum::v1::Vacature>(*parser, text);
  return 0;
}
