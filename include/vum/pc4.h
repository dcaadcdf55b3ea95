// vum/pc4.h: the Dutch four-digit postcode areas (PC4) with the centre of
// each, its municipality, its province and its labour-market region
// (arbeidsmarktregio).
//
// Selection questions ask for candidates within a distance of a postcode;
// the distance is the great-circle distance between the centres of the two
// four-digit areas. The list is versioned data that this project ships
// (codelists/pc4.tsv, with its source and licence), read once at start. The
// completeness report counts per municipality, province and region of the
// divisions the list states (divisions()).
//
// Example:
//
//   absl::StatusOr<vum::Pc4Register> pc4 = vum::Pc4Register::Load("codelists/pc4.tsv");
//   const vum::Pc4Area* a = pc4->Find(vum::Pc4Of("5611AB"));
//   const vum::Pc4Area* b = pc4->Find(5612);
//   if (a != nullptr && b != nullptr) double km = vum::DistanceKm(*a, *b);
//
// Thread safety: a loaded register is immutable; its const methods may be
// called concurrently.

#ifndef VUM_PC4_H_
#define VUM_PC4_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vum {

struct Pc4Area {
  int code = 0;              // 1000..9999
  double latitude = 0;       // WGS 84, degrees
  double longitude = 0;      // WGS 84, degrees
  std::string municipality;  // may be empty where the source names none
  std::string province;
  std::string labour_market_region;  // arbeidsmarktregio; empty in a list without it
};

// The four-digit area of a postcode ("5611AB", "5611 ab" or "5611"), or 0 when
// `postcode` does not start with four digits, the first not 0.
[[nodiscard]] int Pc4Of(absl::string_view postcode);

// Great-circle distance in kilometres between the centres (haversine, mean
// earth radius 6371.0088 km).
[[nodiscard]] double DistanceKm(const Pc4Area& a, const Pc4Area& b);

class Pc4Register {
 public:
  // Reads a PC4 file (codelists/pc4.tsv; its format is described in
  // docs/code-lists.md): five tab-separated columns, or six with the
  // labour-market region. NOT_FOUND if unreadable; INVALID_ARGUMENT naming the
  // line for a malformed or repeated entry or an empty list.
  [[nodiscard]] static absl::StatusOr<Pc4Register> Load(const std::string& path);
  [[nodiscard]] static absl::StatusOr<Pc4Register> Parse(absl::string_view text,
                                                         absl::string_view origin);

  // The area, or null when `code` is not in the list.
  [[nodiscard]] const Pc4Area* Find(int code) const;
  // Every area, in ascending order of code.
  [[nodiscard]] const std::vector<Pc4Area>& areas() const { return areas_; }
  // The position of `code` in areas(), or -1.
  [[nodiscard]] int IndexOf(int code) const;
  [[nodiscard]] const std::string& version() const { return version_; }
  // The date of the municipal and regional divisions the areas are assigned
  // to ("2026-01-01", from `@divisions`), or empty when the list does not say.
  [[nodiscard]] const std::string& divisions() const { return divisions_; }

 private:
  std::vector<Pc4Area> areas_;
  std::vector<int> index_;  // code -> position in areas_, -1 if absent; 10000 entries
  std::string version_;
  std::string divisions_;
};

}  // namespace vum

#endif  // VUM_PC4_H_
