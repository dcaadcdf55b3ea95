// vum/migrate.h: records in an older form of VUM into the koppelvlak 3.0.
//
// vum reads and writes the koppelvlak 3.0 form (Gegevensstandaard 1.5). Data
// kept in an older form — the pilot contracts (0.8.x, the form vum itself
// spoke until December 2026) or the koppelvlak 2.0 — is turned into it here,
// one JSON record at a time, on the JSON text: what 3.0 has is carried over
// (renamed or reshaped where it moved), what it has no place for is left out
// and reported, element by element, with a typed reason. Nothing is dropped
// silently, and no value of the record ever appears in a report: a loss names
// the element's path only.
//
// What is carried and what is lost (docs/migration.md):
// - an occupation (Beroepsnaam in any of its forms) keeps its code when the
//   code is already a URI, or when `occupations` maps the old BO&C code to
//   one; otherwise it is lost (kNoCompetentNlCode), with its description
//   (kCodeLabel) and an uncoded name (kUncodedName);
// - an education name becomes `codeOpleidingsnaam` (a digit string) and its
//   own description `toelichtingOpleiding`;
// - a vacancy's work location (werkgever.adresHouding, "E", else "V", in the
//   Netherlands) becomes `adres`; the rest of that tree is lost
//   (kAddressPart);
// - elements 3.0 removed (voorkeursland, vakvaardigheid, gedragscompetentie,
//   codeRegiostraal, a vacancy's indicatieLdrRegistratie and
//   datumAanvangBeschikbaarVoorWerk) are lost (kRemovedIn30);
// - sluitingsDatumVacature is renamed; everything else is copied as it is,
//   so that an element no form has still reaches the 3.0 reader, which
//   refuses it by name.
// Empty values (null, "", []) count as absent, as the interface says, and are
// left out without a report.
//
// Example:
//
//   std::string out;
//   std::vector<vum::MigrationLoss> losses;
//   absl::Status s = vum::MigrateRecord(vum::RecordType::kWerkzoekende,
//                                       R"({"voorkeursland":[{"landencodeIso":"BE"}]})",
//                                       {}, &out, &losses);
//   // s.ok(); out == "{}"; losses[0].path == "voorkeursland[0]"
//
// Thread safety: the functions are safe to call concurrently.

#ifndef VUM_MIGRATE_H_
#define VUM_MIGRATE_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "vum/record_reader.h"

namespace vum {

// Why an element of an older form is not in the 3.0 record.
enum class MigrationLossReason {
  // The koppelvlak 3.0 has no such element.
  kRemovedIn30,
  // An occupation code of the BO&C register with no CompetentNL URI for it
  // (MigrationOptions::occupations).
  kNoCompetentNlCode,
  // The description that came with a code; 3.0 carries the code only.
  kCodeLabel,
  // An uncoded occupation or education name; 3.0 carries codes only.
  kUncodedName,
  // An address element 3.0's Adres has no place for, or an address other
  // than the work location.
  kAddressPart,
  // A value that cannot be the 3.0 element it maps to (a code that is not a
  // whole number).
  kNotACode,
};

// "removed-in-3.0", "no-competentnl-code", "code-label", "uncoded-name",
// "address-part", "not-a-code".
[[nodiscard]] absl::string_view MigrationLossReasonName(MigrationLossReason reason);

// One element left out: its path in the input record, e.g.
// "arbeidsmarktkwalificatie.opleiding[1].opleidingsnaam.naamOpleidingOngecodeerd".
struct MigrationLoss {
  std::string path;
  MigrationLossReason reason;
};

struct MigrationOptions {
  // Old occupation codes (BO&C, digits) to CompetentNL URIs. Not owned; may
  // be null: then every old code is lost.
  const absl::flat_hash_map<std::string, std::string>* occupations = nullptr;
};

// Writes `json`, one record of `type` in the pilot, 2.0 or 3.0 form, to `out`
// in the 3.0 form (compact JSON) and appends to `losses` every element left
// out. INVALID_ARGUMENT when `json` is not a JSON object (its message gives
// the place, never the text); then `out` and `losses` are unchanged.
[[nodiscard]] absl::Status MigrateRecord(RecordType type, absl::string_view json,
                                         const MigrationOptions& options,
                                         std::string* out,
                                         std::vector<MigrationLoss>* losses);

// Reads a mapping file of old occupation codes: one "CODE<TAB>URI" per line,
// '#' starts a comment. INVALID_ARGUMENT naming the line of a malformed one.
[[nodiscard]] absl::Status ParseOccupationMap(
    absl::string_view text, absl::flat_hash_map<std::string, std::string>* map);

}  // namespace vum

#endif  // VUM_MIGRATE_H_
