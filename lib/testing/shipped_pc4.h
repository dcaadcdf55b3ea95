// Test and benchmark support: the PC4 list the repository ships
// (codelists/pc4.tsv), read once.
//
// Example:
//   const vum::Pc4Register& pc4 = vum::testing::ShippedPc4();

#ifndef VUM_LIB_TESTING_SHIPPED_PC4_H_
#define VUM_LIB_TESTING_SHIPPED_PC4_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "vum/pc4.h"

namespace vum::testing {

// The shipped list, loaded at the first call and kept for the process. A list
// that cannot be loaded aborts, naming why: a test on an empty register would
// locate nothing and could pass on nothing. Thread-safe.
inline const Pc4Register& ShippedPc4() {
  static const Pc4Register* const register_ = [] {
    absl::StatusOr<Pc4Register> loaded =
        Pc4Register::Load(std::string(VUM_SOURCE_DIR) + "/codelists/pc4.tsv");
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load the shipped PC4 list: %s\n",
                   std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return new Pc4Register(std::move(*loaded));
  }();
  return *register_;
}

}  // namespace vum::testing

#endif  // VUM_LIB_TESTING_SHIPPED_PC4_H_
