// The reference testee: answers the conformance runner's requests with the
// vum library. A vendor's testee does the same with its own implementation.
//
// Usage: vum_conformance_testee --codelists DIR [--codelists DIR]...

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "testee/handler.h"

constexpr char kUsage[] =
    "usage: vum_conformance_testee --codelists DIR [--codelists DIR]...\n"
    "The reference testee of the VUM conformance suite: answers the runner's\n"
    "requests on standard input and output with the vum library (docs/conformance.md).\n"
    "Run it through vum_conformance_runner --testee \"vum_conformance_testee "
    "--codelists DIR\".\n";

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  std::vector<std::string> dirs;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--codelists") == 0) dirs.push_back(argv[i + 1]);
  }
  auto handler = vum::conformance::Handler::Create(dirs);
  if (!handler.ok()) {
    std::fprintf(stderr, "vum_conformance_testee: %s\n",
                 std::string(handler.status().message()).c_str());
    return 2;
  }
  std::string bytes;
  vum::conformance::ConformanceRequest request;
  while (vum::conformance::ReadMessage(stdin, &bytes)) {
    if (!request.ParseFromString(bytes)) return 2;
    if (!vum::conformance::WriteMessage(
            stdout, (*handler)->Handle(request).SerializeAsString())) {
      return 2;
    }
  }
  return 0;
}
