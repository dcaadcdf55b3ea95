#include "vum/migrate.h"

#include <simdjson.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/json/json_string.h"

namespace vum {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

bool IsEmpty(element v) {
  switch (v.type()) {
    case element_type::NULL_VALUE:
      return true;
    case element_type::STRING:
      return v.get_string().value_unsafe().empty();
    case element_type::ARRAY:
      return v.get_array().value_unsafe().size() == 0;
    default:
      return false;
  }
}

bool OneOf(absl::string_view s, std::initializer_list<absl::string_view> set) {
  for (absl::string_view x : set) {
    if (s == x) return true;
  }
  return false;
}

// The elements 3.0 removed, by their path without list indices.
bool RemovedIn30(RecordType type, absl::string_view shape) {
  if (type == RecordType::kWerkzoekende) {
    return OneOf(shape, {"voorkeursland", "flexibiliteit.codeRegiostraal",
                         "arbeidsmarktkwalificatie.vakvaardigheid",
                         "arbeidsmarktkwalificatie.gedragscompetentie"});
  }
  return OneOf(shape, {"indicatieLdrRegistratie", "gedragscompetentie", "vakvaardigheid",
                       "flexibiliteit.codeRegiostraal",
                       "flexibiliteit.datumAanvangBeschikbaarVoorWerk"});
}

// Where an occupation (Beroepsnaam, Beroep) stands, as a list or alone.
bool IsOccupation(RecordType type, absl::string_view shape) {
  if (type == RecordType::kWerkzoekende) {
    return shape == "bemiddelingsberoep" ||
           shape == "arbeidsmarktkwalificatie.werkervaring.beroep";
  }
  return shape == "beroep";
}

class Migrator {
 public:
  Migrator(RecordType type, const MigrationOptions& options,
           std::vector<MigrationLoss>* losses)
      : type_(type), options_(options), losses_(losses) {}

  void Record(object root, std::string* out) {
    *out += '{';
    bool first = true;
    if (type_ == RecordType::kVacature) WorkAddress(root, out, first);
    Members(root, "", "", out, first);
    *out += '}';
  }

 private:
  void Lose(const std::string& path, MigrationLossReason reason) {
    losses_->push_back({path, reason});
  }

  // Every non-empty leaf under `v` except those whose path (relative to
  // `v`, without indices) is in `kept`, as lost for `reason`.
  void LoseAll(element v, const std::string& path, const std::string& shape,
               MigrationLossReason reason,
               std::initializer_list<absl::string_view> kept) {
    if (IsEmpty(v)) return;
    if (v.type() == element_type::OBJECT) {
      const object members = v.get_object().value_unsafe();
      for (auto [key, child] : members) {
        const std::string k(key);
        LoseAll(child, Join(path, k), shape.empty() ? k : absl::StrCat(shape, ".", k),
                reason, kept);
      }
    } else if (v.type() == element_type::ARRAY) {
      size_t i = 0;
      const array items = v.get_array().value_unsafe();
      for (element item : items) {
        LoseAll(item, absl::StrCat(path, "[", i++, "]"), shape, reason, kept);
      }
    } else if (!OneOf(shape, kept)) {
      Lose(path, reason);
    }
  }

  static std::string Join(const std::string& path, absl::string_view key) {
    return path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
  }

  static void Key(absl::string_view key, std::string* out, bool& first) {
    if (!first) *out += ',';
    first = false;
    absl::StrAppend(out, json_internal::JsonString(key), ":");
  }

  void Members(object o, const std::string& path, const std::string& shape,
               std::string* out, bool& first) {
    for (auto [key_view, value] : o) {
      const std::string key(key_view);
      const std::string child_path = Join(path, key);
      const std::string child_shape = shape.empty() ? key : absl::StrCat(shape, ".", key);
      if (IsEmpty(value)) continue;
      if (RemovedIn30(type_, child_shape)) {
        LoseAll(value, child_path, "", MigrationLossReason::kRemovedIn30, {});
      } else if (type_ == RecordType::kVacature &&
                 child_shape == "werkgever.adresHouding") {
        continue;  // carried to the vacancy's adres by WorkAddress
      } else if (type_ == RecordType::kVacature &&
                 child_shape == "sluitingsDatumVacature") {
        Key("sluitingsdatumVacature", out, first);
        *out += simdjson::minify(value);
      } else if (IsOccupation(type_, child_shape)) {
        Occupations(key, value, child_path, out, first);
      } else if (key == "opleidingsnaam" && absl::EndsWith(shape, "opleiding")) {
        EducationName(value, child_path, o, out, first);
      } else {
        Key(key, out, first);
        Value(value, child_path, child_shape, out);
      }
    }
  }

  void Value(element v, const std::string& path, const std::string& shape,
             std::string* out) {
    if (v.type() == element_type::OBJECT) {
      *out += '{';
      bool first = true;
      const object members = v.get_object().value_unsafe();
      Members(members, path, shape, out, first);
      *out += '}';
    } else if (v.type() == element_type::ARRAY) {
      *out += '[';
      size_t i = 0;
      const array items = v.get_array().value_unsafe();
      for (element item : items) {
        if (i > 0) *out += ',';
        Value(item, absl::StrCat(path, "[", i++, "]"), shape, out);
      }
      *out += ']';
    } else {
      *out += simdjson::minify(v);
    }
  }

  // An occupation list or a single occupation, each item in the 3.0 form or
  // left out.
  void Occupations(const std::string& key, element v, const std::string& path,
                   std::string* out, bool& first) {
    if (v.type() != element_type::ARRAY) {
      std::string one;
      if (Occupation(v, path, &one)) {
        Key(key, out, first);
        *out += one;
      }
      return;
    }
    std::string items;
    size_t i = 0;
    const array list = v.get_array().value_unsafe();
    for (element item : list) {
      std::string one;
      if (Occupation(item, absl::StrCat(path, "[", i++, "]"), &one)) {
        absl::StrAppend(&items, items.empty() ? "" : ",", one);
      }
    }
    if (items.empty()) return;
    Key(key, out, first);
    absl::StrAppend(out, "[", items, "]");
  }

  // One occupation in any form (pilot: flat; 2.0: beroepsnaamGecodeerd or
  // beroepsnaamOngecodeerd; 3.0: a URI) as a 3.0 Beroep; false when nothing
  // of it can be carried.
  bool Occupation(element v, const std::string& path, std::string* out) {
    if (v.type() != element_type::OBJECT) {  // not a form we know: the reader says so
      *out += simdjson::minify(v);
      return true;
    }
    std::vector<std::string> members;
    OccupationMembers(v.get_object().value_unsafe(), path, &members);
    if (members.empty()) return false;
    absl::StrAppend(out, "{", absl::StrJoin(members, ","), "}");
    return true;
  }

  // The 3.0 members of an occupation's properties, each carried or reported
  // as lost: a code as its CompetentNL URI, a property no form knows as it is
  // (for the reader to name).
  void OccupationMembers(object properties, const std::string& path,
                         std::vector<std::string>* members) {
    for (auto [key_view, value] : properties) {
      const std::string key(key_view);
      const std::string at = Join(path, key);
      if (IsEmpty(value)) continue;
      const bool named = key == "beroepsnaamGecodeerd" || key == "beroepsnaamOngecodeerd";
      if (named && value.type() == element_type::OBJECT) {
        OccupationMembers(value.get_object().value_unsafe(), at, members);
      } else if (key == "codeBeroepsnaam" && value.type() == element_type::STRING) {
        const std::string uri = Uri(std::string(value.get_string().value_unsafe()));
        if (uri.empty()) {
          Lose(at, MigrationLossReason::kNoCompetentNlCode);
        } else {
          members->push_back(
              absl::StrCat("\"codeBeroepsnaam\":", json_internal::JsonString(uri)));
        }
      } else if (key == "omschrijvingBeroepsnaam") {
        Lose(at, MigrationLossReason::kCodeLabel);
      } else if (key == "naamBeroepOngecodeerd") {
        Lose(at, MigrationLossReason::kUncodedName);
      } else {  // unknown to every form: pass it on for the reader to name
        members->push_back(
            absl::StrCat(json_internal::JsonString(key), ":", simdjson::minify(value)));
      }
    }
  }

  // A CompetentNL URI for an occupation code: the code itself when it is a
  // URI already, else its mapping, else "".
  std::string Uri(const std::string& code) const {
    if (absl::StrContains(code, "://")) return code;
    if (options_.occupations == nullptr) return "";
    auto it = options_.occupations->find(code);
    return it == options_.occupations->end() ? "" : it->second;
  }

  // An Opleiding's opleidingsnaam (pilot: flat, the code a number; 2.0:
  // opleidingsnaamGecodeerd or -Ongecodeerd) as 3.0's codeOpleidingsnaam and
  // toelichtingOpleiding on the Opleiding itself.
  void EducationName(element v, const std::string& path, object opleiding,
                     std::string* out, bool& first) {
    if (v.type() != element_type::OBJECT) {
      Key("opleidingsnaam", out, first);
      *out += simdjson::minify(v);
      return;
    }
    element explanation;
    const bool has_explanation =
        opleiding["toelichtingOpleiding"].get(explanation) == simdjson::SUCCESS;
    const object members = v.get_object().value_unsafe();
    for (auto [key_view, value] : members) {
      const std::string key(key_view);
      const std::string at = Join(path, key);
      if (IsEmpty(value)) continue;
      if (key == "opleidingsnaamGecodeerd" || key == "opleidingsnaamOngecodeerd") {
        EducationName(value, at, opleiding, out, first);
      } else if (key == "codeOpleidingsnaam") {
        std::string digits;
        if (!CodeDigits(value, &digits)) {
          Lose(at, MigrationLossReason::kNotACode);
          continue;
        }
        Key("codeOpleidingsnaam", out, first);
        *out += json_internal::JsonString(digits);
      } else if (key == "omschrijvingOpleiding" && !has_explanation) {
        Key("toelichtingOpleiding", out, first);
        *out += simdjson::minify(value);
      } else if (key == "omschrijvingOpleidingsnaam") {
        Lose(at, MigrationLossReason::kCodeLabel);
      } else if (key == "naamOpleidingOngecodeerd") {
        Lose(at, MigrationLossReason::kUncodedName);
      } else {
        LoseAll(value, at, "", MigrationLossReason::kRemovedIn30, {});
      }
    }
  }

  // A code written as a whole number (pilot) or a digit string (2.0).
  static bool CodeDigits(element v, std::string* digits) {
    if (v.type() == element_type::STRING) {
      *digits = std::string(v.get_string().value_unsafe());
      return !digits->empty() && absl::c_all_of(*digits, [](char c) {
        return absl::ascii_isdigit(static_cast<unsigned char>(c));
      });
    }
    if (v.type() == element_type::INT64 || v.type() == element_type::UINT64) {
      const std::string text = simdjson::minify(v);
      if (absl::StartsWith(text, "-")) return false;
      *digits = text;
      return true;
    }
    if (v.type() == element_type::DOUBLE) {
      const double d = v.get_double().value_unsafe();
      if (d < 0 || d > 9999999999.0 || std::floor(d) != d) return false;
      *digits = absl::StrCat(static_cast<int64_t>(d));
      return true;
    }
    return false;
  }

  // The vacancy's work location: its adres when it has one (3.0), else the
  // Dutch address of werkgever.adresHouding with function E (work location),
  // else V (establishment). Every other part of adresHouding is lost.
  void WorkAddress(object root, std::string* out, bool& first) {
    object employer;
    array held;
    if (root["werkgever"].get(employer) != simdjson::SUCCESS ||
        employer["adresHouding"].get(held) != simdjson::SUCCESS) {
      return;
    }
    const std::string path = "werkgever.adresHouding";
    int chosen = -1;
    for (const char* function : {"E", "V"}) {
      int i = 0;
      for (element a : held) {
        if (chosen < 0 && FunctionOf(a) == function && DutchAddress(a, nullptr))
          chosen = i;
        ++i;
      }
    }
    element own;
    const bool has_adres = root["adres"].get(own) == simdjson::SUCCESS;
    int i = 0;
    for (element a : held) {
      const std::string at = absl::StrCat(path, "[", i, "]");
      if (i++ != chosen || has_adres) {
        LoseAll(a, at, "", MigrationLossReason::kAddressPart, {});
        continue;
      }
      LoseAll(a, at, "", MigrationLossReason::kAddressPart,
              {"adres.adresNederland.postcode",
               "adres.adresNederland.adresDetails.straatadres.straatnaam",
               "adres.adresNederland.adresDetails.straatadres.huisnummer",
               "adres.adresNederland.adresDetails.straatadres.huisnummertoevoeging"});
      object nl;
      DutchAddress(a, &nl);
      Key("adres", out, first);
      *out += '{';
      bool inner_first = true;
      auto copy = [&](object from, const char* key) {
        element v;
        if (from[key].get(v) == simdjson::SUCCESS && !IsEmpty(v)) {
          Key(key, out, inner_first);
          *out += simdjson::minify(v);
        }
      };
      copy(nl, "postcode");
      object details, street;
      if (nl["adresDetails"].get(details) == simdjson::SUCCESS &&
          details["straatadres"].get(street) == simdjson::SUCCESS) {
        for (const char* key : {"straatnaam", "huisnummer", "huisnummertoevoeging"}) {
          copy(street, key);
        }
      }
      *out += '}';
    }
  }

  static std::string_view FunctionOf(element holding) {
    std::string_view f;
    return holding["codeFunctieAdres"].get(f) == simdjson::SUCCESS ? f : "";
  }

  // Whether `holding` holds an address in the Netherlands; sets `*nl` to it.
  static bool DutchAddress(element holding, object* nl) {
    object address, dutch;
    if (holding["adres"].get(address) != simdjson::SUCCESS ||
        address["adresNederland"].get(dutch) != simdjson::SUCCESS) {
      return false;
    }
    if (nl != nullptr) *nl = dutch;
    return true;
  }

  const RecordType type_;
  const MigrationOptions& options_;
  std::vector<MigrationLoss>* losses_;
};

}  // namespace

absl::string_view MigrationLossReasonName(MigrationLossReason reason) {
  switch (reason) {
    case MigrationLossReason::kRemovedIn30:
      return "removed-in-3.0";
    case MigrationLossReason::kNoCompetentNlCode:
      return "no-competentnl-code";
    case MigrationLossReason::kCodeLabel:
      return "code-label";
    case MigrationLossReason::kUncodedName:
      return "uncoded-name";
    case MigrationLossReason::kAddressPart:
      return "address-part";
    case MigrationLossReason::kNotACode:
      return "not-a-code";
  }
  return "removed-in-3.0";
}

absl::Status MigrateRecord(RecordType type, absl::string_view json,
                           const MigrationOptions& options, std::string* out,
                           std::vector<MigrationLoss>* losses) {
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(json.data(), json.size()).get(root); error) {
    return absl::InvalidArgumentError(
        absl::StrCat("not JSON: ", simdjson::error_message(error)));
  }
  if (root.type() != element_type::OBJECT) {
    return absl::InvalidArgumentError("a record must be a JSON object");
  }
  std::string text;
  std::vector<MigrationLoss> lost;
  Migrator(type, options, &lost).Record(root.get_object().value_unsafe(), &text);
  *out = std::move(text);
  losses->insert(losses->end(), lost.begin(), lost.end());
  return absl::OkStatus();
}

absl::Status ParseOccupationMap(absl::string_view text,
                                absl::flat_hash_map<std::string, std::string>* map) {
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::vector<absl::string_view> parts = absl::StrSplit(line, '\t');
    if (parts.size() != 2 || parts[0].empty() || !absl::StrContains(parts[1], "://")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", number, ": expected an old occupation code, a tab and a URI"));
    }
    (*map)[std::string(absl::StripAsciiWhitespace(parts[0]))] =
        std::string(absl::StripAsciiWhitespace(parts[1]));
  }
  return absl::OkStatus();
}

}  // namespace vum
