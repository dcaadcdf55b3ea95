// Test and benchmark support: reading the repository's fixtures.
//
// Example:
//   const std::string json = vum::testing::ReadFileOrDie(
//       std::string(VUM_SOURCE_DIR) + "/examples/werkzoekenden/minimaal.json");

#ifndef VUM_LIB_TESTING_FILES_H_
#define VUM_LIB_TESTING_FILES_H_

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace vum::testing {

// The whole of the file at `path`. A fixture that cannot be read aborts,
// naming the path: read as empty, it would let a test or a generated vector
// pass on nothing.
inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    std::fprintf(stderr, "cannot read the fixture %s\n", path.c_str());
    std::abort();
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace vum::testing

#endif  // VUM_LIB_TESTING_FILES_H_
