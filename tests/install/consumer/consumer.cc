// Checks a profile in VUM JSON against every rule of the standard, with the
// installed library and its code lists. This is the example in README.md.
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/validator.h"
#include "vum/version.h"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();

  vum::CodeListRegistry lists;  // VUM_CODELISTS_DIR comes from find_package(vum)
  if (absl::Status loaded = lists.LoadDirectory(VUM_CODELISTS_DIR); !loaded.ok()) {
    std::cerr << loaded << "\n";
    return 2;
  }
  auto validator = vum::Validator::Create({.code_lists = &lists});  // once; thread-safe
  if (!validator.ok()) return 2;

  vum::v1::Werkzoekende profile;
  std::vector<vum::FieldPath> empty;  // properties sent empty: they count as absent
  if (absl::Status status = vum::ParseJson(text.str(), &profile, &empty); !status.ok()) {
    std::cerr << status << "\n";  // names the property, never a value
    return 1;
  }
  absl::StatusOr<vum::ValidationResult> result = (*validator)->Validate(profile, empty);
  if (!result.ok()) return 2;
  for (const vum::Violation& v : result->violations()) {
    // "OPL-07 arbeidsmarktkwalificatie.opleiding[2].datumDiploma: ..."
    std::cout << v.rule_id << " " << v.path.ToString() << ": " << v.message << "\n";
  }
  std::cout << "vum " << vum::kLibraryVersion << ": "
            << (result->conforms() ? "conforms" : "does not conform") << "\n";
  return result->conforms() ? 0 : 1;
}
