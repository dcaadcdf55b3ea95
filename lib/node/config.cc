#include "lib/node/config.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/validate/formats.h"

namespace vum::node {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr size_t kMaxConfigBytes = 1 << 20;

absl::Status Bad(absl::string_view setting, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("node configuration: ", setting, ": ", why));
}

// Reads the members of one object, refusing any it does not know, so that a
// misspelt setting is never silently a default.
class Section {
 public:
  Section(object o, std::string prefix, const std::string& base_dir)
      : o_(o), prefix_(std::move(prefix)), base_dir_(base_dir) {}

  absl::Status Known(std::initializer_list<std::string_view> keys) const {
    for (auto field : o_) {
      if (std::find(keys.begin(), keys.end(), field.key) == keys.end()) {
        // Named when it could be a setting's name (letters and digits); a
        // key that is not one may hold a value, and is not repeated.
        const bool name = !field.key.empty() && field.key.size() <= 64 &&
                          std::all_of(field.key.begin(), field.key.end(),
                                      [](char c) { return absl::ascii_isalnum(c); });
        return Bad(prefix_.empty() ? "the file" : prefix_,
                   name ? absl::StrCat("has the setting \"", std::string(field.key),
                                       "\", which this version does not know")
                        : std::string("has a setting this version does not know"));
      }
    }
    return absl::OkStatus();
  }
  std::string Name(std::string_view key) const {
    return prefix_.empty()
               ? std::string(key)
               : absl::StrCat(prefix_, ".", absl::string_view(key.data(), key.size()));
  }
  // Optional: an absent member leaves `out` alone.
  absl::Status Text(std::string_view key, std::string* out, bool required = false) const {
    element e;
    if (o_[key].get(e) != simdjson::SUCCESS) {
      return required ? Bad(Name(key), "is missing") : absl::OkStatus();
    }
    std::string_view v;
    if (e.get_string().get(v) != simdjson::SUCCESS || v.empty()) {
      return Bad(Name(key), "is not a non-empty string");
    }
    *out = std::string(v);
    return absl::OkStatus();
  }
  absl::Status Path(std::string_view key, std::string* out, bool required = true) const {
    if (absl::Status s = Text(key, out, required); !s.ok() || out->empty()) return s;
    std::filesystem::path p(*out);
    if (p.is_relative()) *out = (std::filesystem::path(base_dir_) / p).lexically_normal();
    return absl::OkStatus();
  }
  absl::Status Int(std::string_view key, int64_t min, int64_t max, int64_t* out) const {
    element e;
    if (o_[key].get(e) != simdjson::SUCCESS) return absl::OkStatus();
    int64_t v;
    if (e.get_int64().get(v) != simdjson::SUCCESS || v < min || v > max) {
      return Bad(Name(key),
                 absl::StrCat("is not a whole number from ", min, " to ", max));
    }
    *out = v;
    return absl::OkStatus();
  }
  template <typename T>
  absl::Status Int(std::string_view key, int64_t min, int64_t max, T* out) const {
    int64_t v = static_cast<int64_t>(*out);
    if (absl::Status s = Int(key, min, max, &v); !s.ok()) return s;
    *out = static_cast<T>(v);
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<Section>> Sub(std::string_view key) const {
    element e;
    if (o_[key].get(e) != simdjson::SUCCESS) return std::optional<Section>();
    object sub;
    if (e.get_object().get(sub) != simdjson::SUCCESS)
      return Bad(Name(key), "is not an object");
    return std::optional<Section>(Section(sub, Name(key), base_dir_));
  }
  absl::StatusOr<std::vector<std::string>> Texts(std::string_view key) const {
    std::vector<std::string> out;
    element e;
    if (o_[key].get(e) != simdjson::SUCCESS) return out;
    simdjson::dom::array a;
    if (e.get_array().get(a) != simdjson::SUCCESS) return Bad(Name(key), "is not a list");
    for (element item : a) {
      std::string_view v;
      if (item.get_string().get(v) != simdjson::SUCCESS) {
        return Bad(Name(key), "holds something other than strings");
      }
      out.emplace_back(v);
    }
    return out;
  }
  object raw() const { return o_; }

 private:
  object o_;
  std::string prefix_;
  const std::string& base_dir_;
};

absl::Status ReadListen(const Section& top, NodeConfig* c) {
  std::string listen;
  if (absl::Status s = top.Text("luisteren", &listen); !s.ok() || listen.empty())
    return s;
  if (!ParseListenAddress(listen, &c->host, &c->port)) {
    return Bad("luisteren", "is not HOST:PORT");
  }
  return absl::OkStatus();
}

absl::Status ReadLimits(const Section& top, NodeLimits* l) {
  absl::StatusOr<std::optional<Section>> sub = top.Sub("limieten");
  if (!sub.ok() || !sub->has_value()) return sub.status();
  const Section& s = **sub;
  if (absl::Status st =
          s.Known({"resultatenPerVraag", "detailsPerVraag", "vraagGeldigUren", "k",
                   "vragenPerAanvragerPerDag", "vraagBytes", "uploadBytes", "werkers",
                   "handdrukSeconden", "kopSeconden", "leestijdSeconden", "verbindingen",
                   "verbindingenPerAdres", "antwoordtijdSeconden", "bronAntwoordBytes"});
      !st.ok())
    return st;
  int64_t hours = absl::ToInt64Hours(l->question_lifetime);
  int64_t read_seconds = absl::ToInt64Seconds(l->read_timeout);
  int64_t handshake_seconds = absl::ToInt64Seconds(l->handshake_timeout);
  int64_t header_seconds = absl::ToInt64Seconds(l->header_timeout);
  int64_t deadline_ms = absl::ToInt64Milliseconds(l->source_deadline);
  for (absl::Status st :
       {s.Int("resultatenPerVraag", 1, 10000, &l->results_per_question),
        s.Int("detailsPerVraag", 0, 1000, &l->details_per_question),
        s.Int("vraagGeldigUren", 1, 24 * 366, &hours), s.Int("k", 1, 1000, &l->k),
        s.Int("vragenPerAanvragerPerDag", 1, 10000000,
              &l->questions_per_requester_per_day),
        s.Int("vraagBytes", 1024, 1 << 24, &l->max_question_bytes),
        s.Int("uploadBytes", 1024, int64_t{1} << 40, &l->max_upload_bytes),
        s.Int("werkers", 1, 1024, &l->workers),
        s.Int("handdrukSeconden", 1, 600, &handshake_seconds),
        s.Int("kopSeconden", 1, 3600, &header_seconds),
        s.Int("leestijdSeconden", 1, 3600, &read_seconds),
        s.Int("verbindingen", 1, 1000000, &l->max_connections),
        s.Int("verbindingenPerAdres", 1, 1000000, &l->max_connections_per_address),
        s.Int("antwoordtijdSeconden", 1, 120, &deadline_ms),
        s.Int("bronAntwoordBytes", 1024, int64_t{1} << 30,
              &l->max_source_answer_bytes)}) {
    if (!st.ok()) return st;
  }
  l->question_lifetime = absl::Hours(hours);
  l->read_timeout = absl::Seconds(read_seconds);
  l->handshake_timeout = absl::Seconds(handshake_seconds);
  l->header_timeout = absl::Seconds(header_seconds);
  // antwoordtijdSeconden was read into deadline_ms when given.
  if (deadline_ms != absl::ToInt64Milliseconds(l->source_deadline))
    l->source_deadline = absl::Seconds(deadline_ms);
  return absl::OkStatus();
}

absl::Status ReadParties(const Section& top, std::vector<Party>* parties) {
  element e;
  if (top.raw()["partijen"].get(e) != simdjson::SUCCESS)
    return Bad("partijen", "is missing");
  simdjson::dom::array list;
  if (e.get_array().get(list) != simdjson::SUCCESS)
    return Bad("partijen", "is not a list");
  int i = 0;
  for (element item : list) {
    const std::string where = absl::StrCat("partijen[", i++, "]");
    object o;
    if (item.get_object().get(o) != simdjson::SUCCESS)
      return Bad(where, "is not an object");
    Section s(o, where, "");
    Party p;
    if (absl::Status st = s.Known({"oin", "naam", "rollen", "verwerkerVoor"}); !st.ok())
      return st;
    if (absl::Status st = s.Text("oin", &p.oin, true); !st.ok()) return st;
    if (absl::Status st = s.Text("naam", &p.name); !st.ok()) return st;
    absl::StatusOr<std::vector<std::string>> roles = s.Texts("rollen");
    if (!roles.ok()) return roles.status();
    for (const std::string& role : *roles) {
      if (role == "vragen") {
        p.may_ask = true;
      } else if (role == "suwi") {
        p.suwi = true;
      } else if (role == "laden") {
        p.may_load = true;
      } else if (role == "uitwisselingsvoorziening") {
        p.exchange_facility = true;
      } else {
        return Bad(
            s.Name("rollen"),
            "names a role other than vragen, suwi, laden, uitwisselingsvoorziening");
      }
    }
    absl::StatusOr<std::vector<std::string>> controllers = s.Texts("verwerkerVoor");
    if (!controllers.ok()) return controllers.status();
    p.processor_for = std::move(*controllers);
    parties->push_back(std::move(p));
  }
  // The register checks OINs, doubles and processors.
  absl::StatusOr<PartyRegister> reg = PartyRegister::Create(*parties);
  if (!reg.ok()) return Bad("partijen", reg.status().message());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<NodeConfig> ParseNodeConfig(absl::string_view json,
                                           const std::string& base_dir) {
  if (json.size() > kMaxConfigBytes) return Bad("the file", "is larger than 1 MiB");
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
    return Bad("the file", "is not JSON");
  }
  object o;
  if (root.get_object().get(o) != simdjson::SUCCESS)
    return Bad("the file", "is not an object");
  const Section top(o, "", base_dir);
  NodeConfig c;
  if (absl::Status s =
          top.Known({"oin", "naam", "luisteren", "tls", "database", "sleutels",
                     "codelijsten", "limieten", "partijen", "bronnen"});
      !s.ok())
    return s;
  if (absl::Status s = top.Text("oin", &c.oin, true); !s.ok()) return s;
  if (!validate_internal::IsOin(c.oin)) return Bad("oin", "is not 20 digits");
  if (absl::Status s = top.Text("naam", &c.name); !s.ok()) return s;
  if (absl::Status s = ReadListen(top, &c); !s.ok()) return s;
  absl::StatusOr<std::optional<Section>> tls = top.Sub("tls");
  if (!tls.ok()) return tls.status();
  if (!tls->has_value()) return Bad("tls", "is missing: a node speaks mutual TLS only");
  const Section& t = **tls;
  if (absl::Status s = t.Known({"certificaat", "sleutel", "clientCa"}); !s.ok()) return s;
  for (absl::Status s :
       {t.Path("certificaat", &c.certificate), t.Path("sleutel", &c.private_key),
        t.Path("clientCa", &c.client_ca), top.Path("database", &c.database),
        top.Path("codelijsten", &c.codelists_dir, false),
        top.Path("bronnen", &c.sources_file, false)}) {
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::optional<Section>> keys = top.Sub("sleutels");
  if (!keys.ok()) return keys.status();
  if (!keys->has_value()) return Bad("sleutels", "is missing");
  if (absl::Status s = (*keys)->Known({"vumId", "logboek"}); !s.ok()) return s;
  for (absl::Status s : {(*keys)->Path("vumId", &c.vumid_key_file),
                         (*keys)->Path("logboek", &c.log_key_file)}) {
    if (!s.ok()) return s;
  }
  if (absl::Status s = ReadLimits(top, &c.limits); !s.ok()) return s;
  if (absl::Status s = ReadParties(top, &c.parties); !s.ok()) return s;
  return c;
}

bool ParseListenAddress(absl::string_view text, std::string* host, int* port) {
  const size_t colon = text.rfind(':');
  int p;
  if (colon == absl::string_view::npos || !absl::SimpleAtoi(text.substr(colon + 1), &p) ||
      p < 0 || p > 65535) {
    return false;
  }
  absl::string_view h = text.substr(0, colon);
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  *host = std::string(h);
  *port = p;
  return true;
}

absl::StatusOr<NodeConfig> ReadNodeConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(absl::StrCat("cannot read the node configuration ", path));
  std::ostringstream text;
  text << in.rdbuf();
  const std::string dir = std::filesystem::absolute(path).parent_path().string();
  return ParseNodeConfig(text.str(), dir);
}

}  // namespace vum::node
