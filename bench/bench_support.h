// Benchmark support: the one validator every suite measures with, and the
// settings a run takes from its environment.
//
// Example:
//   const vum::Validator& validator = vum::bench::SharedValidator();
//   const long records = vum::bench::EnvLong("VUM_BENCH_RECORDS", 100000);

#ifndef VUM_BENCH_BENCH_SUPPORT_H_
#define VUM_BENCH_BENCH_SUPPORT_H_

#include <cstdlib>
#include <string>

#include "absl/time/civil_time.h"
#include "vum/code_list.h"
#include "vum/validator.h"

namespace vum::bench {

// A validator over the shipped code lists on 2026-06-01, made on first use
// and kept for the process: suites compare like with like. Aborts when the
// code lists do not load, since every figure would then be wrong.
inline const Validator& SharedValidator() {
  static const CodeListRegistry* const lists = [] {
    auto* registry = new CodeListRegistry;
    if (!registry->LoadDirectory(std::string(VUM_SOURCE_DIR) + "/codelists").ok())
      std::abort();
    return registry;
  }();
  static const Validator* const validator =
      Validator::Create(
          {.reference_date = absl::CivilDay(2026, 6, 1), .code_lists = lists})
          ->release();
  return *validator;
}

// The number in environment variable `name` (as strtol or strtod reads it),
// or `fallback` when the variable is not set.
inline long EnvLong(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::strtol(value, nullptr, 10) : fallback;
}
inline double EnvDouble(const char* name, double fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::strtod(value, nullptr) : fallback;
}

}  // namespace vum::bench

#endif  // VUM_BENCH_BENCH_SUPPORT_H_
