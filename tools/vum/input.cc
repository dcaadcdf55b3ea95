#include "tools/vum/input.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "vum/record.h"

namespace vum::cli {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  if (std::filesystem::is_directory(path)) {
    return absl::NotFoundError(absl::StrCat(path, ": is a folder, not a file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return absl::NotFoundError(absl::StrCat(path, ": read error"));
  return buffer.str();
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> ReadRecord(
    const std::string& path, const std::string& type) {
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  std::string chosen = type;
  if (type == "auto") {
    chosen = DetectEncoding(*bytes) == Encoding::kJson &&
                     absl::StrContains(*bytes, "\"idVacature\"")
                 ? "vacature"
                 : "werkzoekende";
  }
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record = NewRecord(chosen);
  if (!record.ok()) return record.status();
  if (absl::Status status = ParseRecord(*bytes, record->get()); !status.ok()) {
    return absl::InvalidArgumentError(status.message());
  }
  return record;
}

absl::StatusOr<CodeListRegistry> LoadCodeLists(const std::vector<std::string>& dirs) {
  CodeListRegistry registry;
  std::vector<std::string> chosen = dirs;
  if (chosen.empty()) {
    if (const char* env = std::getenv("VUM_CODELISTS"); env != nullptr && *env != '\0') {
      chosen.push_back(env);
    } else {
      for (const char* dir : {VUM_INSTALLED_CODELISTS, VUM_SOURCE_CODELISTS}) {
        if (std::filesystem::is_directory(dir)) {
          chosen.push_back(dir);
          break;
        }
      }
    }
  }
  for (const std::string& dir : chosen) {
    if (dir == "none") continue;
    if (absl::Status status = registry.LoadDirectory(dir); !status.ok()) return status;
  }
  return registry;
}

bool TakeOption(const std::vector<std::string>& args, size_t& i, const std::string& name,
                std::string& value) {
  if (args[i] == name && i + 1 < args.size()) {
    value = args[++i];
    return true;
  }
  if (absl::StartsWith(args[i], name + "=")) {
    value = args[i].substr(name.size() + 1);
    return true;
  }
  return false;
}

}  // namespace vum::cli
