// Internal: where an installed vum program finds its data. A program in
// PREFIX/bin finds what the package installed under PREFIX/share/vum,
// wherever PREFIX is (the package is relocatable). Header-only, so that the
// conformance runner, which links no part of the implementation, uses it too.
#ifndef VUM_LIB_IO_INSTALL_DIR_H_
#define VUM_LIB_IO_INSTALL_DIR_H_

#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

namespace vum::io_internal {

// PREFIX/share/vum/`sub` for the running executable, when it can be found
// (Linux: /proc/self/exe); whether it exists is the caller's question.
inline std::optional<std::string> InstalledDataDir(const std::string& sub) {
  std::error_code error;
  const std::filesystem::path exe =
      std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return std::nullopt;
  return (exe.parent_path().parent_path() / "share/vum" / sub).string();
}

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_INSTALL_DIR_H_
