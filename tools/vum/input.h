// Shared by the subcommands: reading record files and finding code lists.

#ifndef VUM_TOOLS_VUM_INPUT_H_
#define VUM_TOOLS_VUM_INPUT_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "tools/vum/command_line.h"
#include "vum/code_list.h"
#include "vum/limits.h"
#include "vum/pc4.h"
#include "vum/validator.h"

namespace vum::cli {

// The whole file; NOT_FOUND (with the reason) when it cannot be read.
// RESOURCE_EXHAUSTED for a file larger than `max_bytes` (by default one
// document's limit, vum/limits.h), read no further than that.
// Whether `path` holds many records (NDJSON, a JSON array, a batch, CSV)
// rather than one (JSON, binary), by its content first (DetectDataFormat).
[[nodiscard]] bool HoldsManyRecords(const std::string& path);

[[nodiscard]] absl::StatusOr<std::string> ReadFile(
    const std::string& path, size_t max_bytes = InputLimits().max_document_bytes);

// Reads one record from `path` in VUM JSON or binary. `type` is a record type
// name (see vum/record.h) or "auto": a JSON document with an "idVacature"
// property is a Vacature, any other document a Werkzoekende. NOT_FOUND for an
// unreadable file, INVALID_ARGUMENT for a document that does not parse.
// `absent`, when given, receives the properties read as absent (ParseJson).
[[nodiscard]] absl::StatusOr<std::unique_ptr<google::protobuf::Message>> ReadRecord(
    const std::string& path, const std::string& type,
    std::vector<FieldPath>* absent = nullptr);

// Loads code lists from `dirs`; with none given, from $VUM_CODELISTS, beside
// the vum executable, the installed folder or, in a build tree, the
// repository's. NOT_FOUND when no folder is found or the lists vum ships are
// not among those loaded, unless `dirs` holds "none": a code-list rule is
// never passed silently for want of its list.
[[nodiscard]] absl::StatusOr<CodeListRegistry> LoadCodeLists(
    const std::vector<std::string>& dirs);

// The folder of the shipped code lists (with pc4.tsv): $VUM_CODELISTS, beside
// the vum executable, the installed folder or the repository's. NOT_FOUND
// when there is none.
[[nodiscard]] absl::StatusOr<std::string> ShippedCodeListFolder();

// The PC4 list at `path`, or, when empty, pc4.tsv in the first code-list
// folder (as LoadCodeLists looks) that has one. NOT_FOUND if none.
[[nodiscard]] absl::StatusOr<Pc4Register> LoadPc4(const std::string& path);

// Declares --pc4 FILE, the PC4 list LoadPc4 reads (default pc4.tsv beside
// the code lists).
CLI::Option* AddPc4Option(CLI::App& app, std::string& path);

// The options that set up a validator, shared by the commands that validate.
struct ValidationFlags {
  std::string lang = "nl";
  std::string min_severity = "info";
  std::string reference_date;
  std::vector<std::string> codelists;
  bool stop_at_first_error = false;
  bool pilot_transition = false;
  bool vum_strict = false;
};

// Declares the validation options on `app`, read into `flags`.
void AddValidationOptions(CLI::App& app, ValidationFlags& flags);  // described

// A validator and the code lists it checks against (which it points to).
struct ValidatorSetup {
  std::unique_ptr<CodeListRegistry> lists;
  std::unique_ptr<Validator> validator;
};

// INVALID_ARGUMENT for a bad option value; the code-list or validator error
// otherwise.
[[nodiscard]] absl::StatusOr<ValidatorSetup> MakeValidator(const ValidationFlags& flags);

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_INPUT_H_
