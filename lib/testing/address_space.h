// Test support: the address space this process has mapped, for tests that
// limit it (setrlimit(RLIMIT_AS)) to make allocations fail on purpose.
//
// Example:
//   rlimit limit{};
//   getrlimit(RLIMIT_AS, &limit);
//   limit.rlim_cur = vum::testing::AddressSpaceInUse() + (size_t{1} << 20);
//   setrlimit(RLIMIT_AS, &limit);  // in a death test's child

#ifndef VUM_LIB_TESTING_ADDRESS_SPACE_H_
#define VUM_LIB_TESTING_ADDRESS_SPACE_H_

#include <unistd.h>

#include <cstddef>
#include <fstream>

namespace vum::testing {

// The bytes of address space this process has mapped (/proc/self/statm).
inline size_t AddressSpaceInUse() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  statm >> pages;
  return pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace vum::testing

#endif  // VUM_LIB_TESTING_ADDRESS_SPACE_H_
