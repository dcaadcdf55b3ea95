#include "tools/vum/input.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "lib/io/line_reader.h"
#include "vum/record.h"

namespace vum::cli {

absl::StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  if (std::filesystem::is_directory(path)) {
    return absl::NotFoundError(absl::StrCat(path, ": is a folder, not a file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
  std::string out;
  if (!io_internal::ReadAtMost(in, max_bytes, &out)) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, ": larger than the limit of ", max_bytes, " bytes"));
  }
  if (in.bad()) return absl::NotFoundError(absl::StrCat(path, ": read error"));
  return out;
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> ReadRecord(
    const std::string& path, const std::string& type, std::vector<FieldPath>* absent) {
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
  if (absl::Status status = ParseRecord(*bytes, record->get(), absent); !status.ok()) {
    return absl::InvalidArgumentError(status.message());
  }
  return record;
}

namespace {

// Where the shipped code lists are, best first: $VUM_CODELISTS, beside the
// running executable (PREFIX/bin/vum -> PREFIX/share/vum/codelists, wherever
// the package was installed), the prefix the build was configured for, and
// the repository when run from a build folder.
std::vector<std::string> CodeListFolders() {
  std::vector<std::string> folders;
  if (const char* env = std::getenv("VUM_CODELISTS"); env != nullptr && *env != '\0') {
    folders.push_back(env);
  }
  std::error_code no_exe;
  const std::filesystem::path exe =
      std::filesystem::read_symlink("/proc/self/exe", no_exe);
  if (!no_exe) {
    folders.push_back((exe.parent_path().parent_path() / "share/vum/codelists").string());
  }
  folders.push_back(VUM_INSTALLED_CODELISTS);
  folders.push_back(VUM_SOURCE_CODELISTS);
  return folders;
}

// The lists this project ships: a folder without them is not the shipped one.
constexpr const char* kShippedLists[] = {"iso-3166-1-alpha-2", "iso-639-3",
                                         "rijbewijscategorie"};

}  // namespace

absl::StatusOr<CodeListRegistry> LoadCodeLists(const std::vector<std::string>& dirs) {
  CodeListRegistry registry;
  std::vector<std::string> chosen = dirs;
  if (chosen.empty()) {
    for (const std::string& dir : CodeListFolders()) {
      if (std::filesystem::is_directory(dir)) {
        chosen.push_back(dir);
        break;
      }
    }
  }
  if (chosen.empty()) {
    return absl::NotFoundError(
        "no code lists found (looked in $VUM_CODELISTS, beside the vum executable and in "
        "the "
        "installed folder); give --codelists DIR, or --codelists none to check without "
        "them");
  }
  bool none = false;
  for (const std::string& dir : chosen) {
    if (dir == "none") {
      none = true;
      continue;
    }
    if (absl::Status status = registry.LoadDirectory(dir); !status.ok()) return status;
  }
  for (const char* id : kShippedLists) {
    if (!none && !registry.Has(id)) {
      return absl::NotFoundError(absl::StrCat(
          "the code list ", id, " that vum ships is not in ", absl::StrJoin(chosen, ", "),
          "; give the folder with it, or --codelists none to check without code lists"));
    }
  }
  return registry;
}

absl::StatusOr<Pc4Register> LoadPc4(const std::string& path) {
  if (!path.empty()) return Pc4Register::Load(path);
  std::vector<std::string> candidates;
  for (const std::string& dir : CodeListFolders()) candidates.push_back(dir + "/pc4.tsv");
  for (const std::string& candidate : candidates) {
    if (std::filesystem::is_regular_file(candidate)) return Pc4Register::Load(candidate);
  }
  return absl::NotFoundError(
      "no PC4 list found (pc4.tsv beside the code lists); name one with --pc4");
}

bool TakeValidationFlag(const std::vector<std::string>& args, size_t& i,
                        ValidationFlags& flags) {
  std::string dir;
  if (TakeOption(args, i, "--codelists", dir)) {
    flags.codelists.push_back(dir);
    return true;
  }
  if (args[i] == "--stop-at-first-error") {
    flags.stop_at_first_error = true;
    return true;
  }
  if (args[i] == "--pilot-transition") {
    flags.pilot_transition = true;
    return true;
  }
  return TakeOption(args, i, "--lang", flags.lang) ||
         TakeOption(args, i, "--min-severity", flags.min_severity) ||
         TakeOption(args, i, "--reference-date", flags.reference_date);
}

absl::StatusOr<ValidatorSetup> MakeValidator(const ValidationFlags& flags) {
  ValidatorOptions options;
  options.stop_at_first_error = flags.stop_at_first_error;
  options.pilot_transition = flags.pilot_transition;
  if (flags.lang != "nl" && flags.lang != "en") {
    return absl::InvalidArgumentError("--lang is nl or en");
  }
  options.language = flags.lang == "en" ? Language::kEnglish : Language::kDutch;
  if (flags.min_severity == "error") {
    options.min_severity = Severity::kError;
  } else if (flags.min_severity == "warning") {
    options.min_severity = Severity::kWarning;
  } else if (flags.min_severity != "info") {
    return absl::InvalidArgumentError("--min-severity is error, warning or info");
  }
  if (!flags.reference_date.empty()) {
    absl::CivilDay day;
    if (flags.reference_date.size() != 10 ||
        !absl::ParseCivilTime(flags.reference_date, &day)) {
      return absl::InvalidArgumentError("--reference-date is a date YYYY-MM-DD");
    }
    options.reference_date = day;
  }
  absl::StatusOr<CodeListRegistry> lists = LoadCodeLists(flags.codelists);
  if (!lists.ok()) return lists.status();
  ValidatorSetup setup;
  setup.lists = std::make_unique<CodeListRegistry>(*std::move(lists));
  options.code_lists = setup.lists.get();
  absl::StatusOr<std::unique_ptr<Validator>> validator = Validator::Create(options);
  if (!validator.ok()) return validator.status();
  setup.validator = *std::move(validator);
  return setup;
}

bool AnswerHelp(const std::vector<std::string>& args, absl::string_view usage,
                std::ostream& out) {
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") {
      out << usage;
      return true;
    }
  }
  return false;
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

namespace vum::cli {

bool TakeOperand(const std::string& arg, const char* command,
                 std::vector<std::string>& operands, std::ostream& err) {
  if (!arg.empty() && arg[0] == '-') {
    err << command << ": unknown option \"" << arg << "\"\n";
    return false;
  }
  operands.push_back(arg);
  return true;
}

}  // namespace vum::cli
