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

// The code lists a service uses when its configuration names none: beside
// the executable (installed), else at `installed` (the configured install
// prefix), else at `source` (the source tree, when run from a build folder).
inline std::string DefaultCodeListsDir(const std::string& installed,
                                       const std::string& source) {
  const std::optional<std::string> beside = InstalledDataDir("codelists");
  if (beside && std::filesystem::exists(*beside + "/pc4.tsv")) return *beside;
  if (std::filesystem::exists(installed + "/pc4.tsv")) return installed;
  return source;
}

}  // namespace vum::io_internal

#endif  // VUM_LIB_IO_INSTALL_DIR_H_
