#include "tools/vum/input.h"

#include <algorithm>
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
#include "lib/io/install_dir.h"
#include "lib/io/line_reader.h"
#include "vum/record.h"
#include "vum/record_reader.h"

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
  if (std::optional<std::string> beside = io_internal::InstalledDataDir("codelists")) {
    folders.push_back(*beside);
  }
  folders.push_back(VUM_INSTALLED_CODELISTS);
  folders.push_back(VUM_SOURCE_CODELISTS);
  return folders;
}

// The lists this project ships: a folder without them is not the shipped one.
constexpr const char* kShippedLists[] = {"iso-3166-1-alpha-2", "iso-639-3",
                                         "rijbewijscategorie"};

}  // namespace

absl::StatusOr<std::string> ShippedCodeListFolder() {
  for (const std::string& dir : CodeListFolders()) {
    if (std::filesystem::is_directory(dir)) return dir;
  }
  return absl::NotFoundError(
      "no code lists found (looked in $VUM_CODELISTS, beside the vum executable and in "
      "the installed and source folders)");
}

absl::StatusOr<CodeListRegistry> LoadCodeLists(const std::vector<std::string>& dirs) {
  CodeListRegistry registry;
  const bool none = std::find(dirs.begin(), dirs.end(), "none") != dirs.end();
  // The shipped lists first, always (unless "none"): a folder given with
  // --codelists adds to them, so an imported list works on its own.
  std::string shipped;
  if (!none) shipped = ShippedCodeListFolder().value_or("");
  std::vector<std::string> chosen;
  if (!shipped.empty()) chosen.push_back(shipped);
  std::error_code ec;
  for (const std::string& dir : dirs) {
    if (dir == "none") continue;
    if (!shipped.empty() && std::filesystem::equivalent(dir, shipped, ec)) continue;
    chosen.push_back(dir);
  }
  if (chosen.empty() && !none) {
    return absl::NotFoundError(
        "no code lists found (looked in $VUM_CODELISTS, beside the vum executable and in "
        "the installed folder); give --codelists DIR, or --codelists none to check "
        "without them");
  }
  for (const std::string& dir : chosen) {
    if (absl::Status status = registry.LoadDirectory(dir); !status.ok()) return status;
  }
  for (const char* id : kShippedLists) {
    if (!none && !registry.Has(id)) {
      return absl::NotFoundError(absl::StrCat(
          "the code list ", id, " that vum ships is not in ", absl::StrJoin(chosen, ", "),
          "; set VUM_CODELISTS to the shipped folder, or --codelists none to check "
          "without code lists"));
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

CLI::Option* AddPc4Option(CLI::App& app, std::string& path) {
  return app
      .add_option("--pc4", path, "the PC4 list (default pc4.tsv beside the code lists)")
      ->option_text("FILE");
}

void AddValidationOptions(CLI::App& app, ValidationFlags& flags) {
  app.add_option("--lang", flags.lang, "the language of the messages (default nl)")
      ->check(CLI::IsMember({"nl", "en"}))
      ->option_text("nl|en");
  app.add_option("--min-severity", flags.min_severity,
                 "the least serious violation to report (default info)")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->option_text("error|warning|info");
  app.add_option("--reference-date", flags.reference_date,
                 "the day whose code-list versions apply (default today)")
      ->check(IsDay())
      ->option_text("YYYY-MM-DD");
  app.add_option("--codelists", flags.codelists,
                 "a folder of .codelist files (repeatable; 'none' for none)")
      ->allow_extra_args(false)
      ->option_text("DIR");
  app.add_flag("--stop-at-first-error", flags.stop_at_first_error,
               "stop checking a record at its first error");
  app.add_flag("--pilot-transition", flags.pilot_transition,
               "rules the pilot contracts lacked warn, not refuse (docs/migration.md)");
  app.add_flag("--vum-strict", flags.vum_strict,
               "vum's own stricter rules (level vum, docs/rules.md) are errors, not "
               "warnings");
}

absl::StatusOr<ValidatorSetup> MakeValidator(const ValidationFlags& flags) {
  ValidatorOptions options;
  options.stop_at_first_error = flags.stop_at_first_error;
  options.pilot_transition = flags.pilot_transition;
  options.vum_strict = flags.vum_strict;
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

bool HoldsManyRecords(const std::string& path) {
  absl::StatusOr<DataFormat> format = DetectDataFormat(path);
  return format.ok() && !HoldsOneRecord(*format);
}

}  // namespace vum::cli
