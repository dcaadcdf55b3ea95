#include "vum/pc4.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace vum {

int Pc4Of(absl::string_view postcode) {
  if (postcode.size() < 4 || postcode[0] < '1' || postcode[0] > '9') return 0;
  int code = 0;
  for (int i = 0; i < 4; ++i) {
    if (!absl::ascii_isdigit(postcode[i])) return 0;
    code = code * 10 + (postcode[i] - '0');
  }
  return code;
}

double DistanceKm(const Pc4Area& a, const Pc4Area& b) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRadians = M_PI / 180.0;
  const double dlat = (b.latitude - a.latitude) * kRadians;
  const double dlon = (b.longitude - a.longitude) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.latitude * kRadians) * std::cos(b.latitude * kRadians) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

absl::StatusOr<Pc4Register> Pc4Register::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the PC4 list ", path));
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

absl::StatusOr<Pc4Register> Pc4Register::Parse(absl::string_view text,
                                               absl::string_view origin) {
  Pc4Register r;
  r.index_.assign(10000, -1);
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto error = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ":", line_number, ": ", why));
    };
    if (line[0] == '@') {
      if (absl::ConsumePrefix(&line, "@version ")) r.version_ = std::string(line);
      if (absl::ConsumePrefix(&line, "@divisions ")) r.divisions_ = std::string(line);
      continue;
    }
    std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    Pc4Area area;
    if (f.size() != 5 && f.size() != 6)
      return error("expected 5 or 6 tab-separated columns");
    if (f[0].size() != 4 || Pc4Of(f[0]) == 0) return error("not a four-digit postcode");
    area.code = Pc4Of(f[0]);
    if (!absl::SimpleAtod(f[1], &area.latitude) ||
        !absl::SimpleAtod(f[2], &area.longitude) || std::abs(area.latitude) > 90 ||
        std::abs(area.longitude) > 180) {
      return error("latitude or longitude is not a number in range");
    }
    if (f[4].empty()) return error("no province");
    if (r.index_[area.code] >= 0) return error("postcode listed twice");
    if (!r.areas_.empty() && r.areas_.back().code > area.code) {
      return error("postcodes not in ascending order");
    }
    area.municipality = std::string(f[3]);
    area.province = std::string(f[4]);
    if (f.size() == 6) area.labour_market_region = std::string(f[5]);
    r.index_[area.code] = static_cast<int>(r.areas_.size());
    r.areas_.push_back(std::move(area));
  }
  if (r.areas_.empty())
    return absl::InvalidArgumentError(absl::StrCat(origin, ": no postcodes"));
  return r;
}

const Pc4Area* Pc4Register::Find(int code) const {
  const int i = IndexOf(code);
  return i < 0 ? nullptr : &areas_[i];
}

int Pc4Register::IndexOf(int code) const {
  if (code < 0 || code >= static_cast<int>(index_.size())) return -1;
  return index_[code];
}

}  // namespace vum
