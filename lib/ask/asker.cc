#include "lib/ask/asker.h"

#include <httplib.h>
#include <signal.h>
#include <simdjson.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "lib/ask/fan_out.h"
#include "lib/ask/local_filter.h"
#include "lib/ask/mutual_tls.h"
#include "lib/exchange/wire.h"
#include "lib/json/json_string.h"
#include "lib/validate/formats.h"
#include "vum/json.h"

namespace vum::ask {
namespace {

using json_internal::JsonString;

absl::Status BadEntry(int i, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("node list: entry ", i, ": ", why));
}

}  // namespace

bool ParseNodeUrl(absl::string_view url, NodeAddress* out) {
  if (!absl::ConsumePrefix(&url, "https://")) return false;
  absl::ConsumeSuffix(&url, "/");
  out->port = 443;
  const size_t colon = url.rfind(':');
  const size_t bracket = url.rfind(']');
  if (colon != absl::string_view::npos &&
      (bracket == absl::string_view::npos || colon > bracket)) {
    if (!absl::SimpleAtoi(url.substr(colon + 1), &out->port) || out->port < 1 ||
        out->port > 65535) {
      return false;
    }
    url = url.substr(0, colon);
  }
  if (url.size() > 2 && url.front() == '[' && url.back() == ']')
    url = url.substr(1, url.size() - 2);
  out->host = std::string(url);
  return !out->host.empty();
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kAnswered:
      return "beantwoord";
    case Outcome::kRefused:
      return "geweigerd";
    case Outcome::kFailed:
      return "mislukt";
    case Outcome::kTimedOut:
      return "verlopen";
  }
  return "mislukt";
}

absl::StatusOr<std::vector<NodeAddress>> ReadNodeList(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the node list ", path));
  std::ostringstream text;
  text << in.rdbuf();
  const std::string json = text.str();
  if (json.size() > (1 << 20))
    return absl::InvalidArgumentError("node list: larger than 1 MiB");
  simdjson::dom::parser parser;
  simdjson::dom::array list;
  if (parser.parse(json).get_array().get(list) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("node list: not a JSON array");
  }
  std::vector<NodeAddress> nodes;
  int i = 0;
  for (simdjson::dom::element e : list) {
    NodeAddress n;
    std::string_view oin, name, url;
    if (e["oin"].get_string().get(oin) != simdjson::SUCCESS ||
        !validate_internal::IsOin(absl::string_view(oin.data(), oin.size()))) {
      return BadEntry(i, "\"oin\" is not 20 digits");
    }
    if (e["naam"].get_string().get(name) == simdjson::SUCCESS) n.name = std::string(name);
    if (e["url"].get_string().get(url) != simdjson::SUCCESS ||
        !ParseNodeUrl(absl::string_view(url.data(), url.size()), &n)) {
      return BadEntry(i, "\"url\" is not https://HOST[:PORT]");
    }
    n.oin = std::string(oin);
    nodes.push_back(std::move(n));
    ++i;
  }
  return nodes;
}

int MergedAnswer::results() const {
  int n = 0;
  for (const NodeAnswer& a : nodes) n += a.result.resultaat_size();
  return n;
}

std::string MergedJson(const MergedAnswer& m) {
  std::string out =
      absl::StrCat("{\"traceId\":", JsonString(m.trace_id), ",\"bronnen\":[");
  auto ints = [](const std::vector<int>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) absl::StrAppend(&s, i ? "," : "", v[i]);
    return s + "]";
  };
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const NodeAnswer& a = m.nodes[i];
    absl::StrAppend(&out, i ? "," : "", "{\"oin\":", JsonString(a.node.oin),
                    ",\"naam\":", JsonString(a.node.name),
                    ",\"status\":", JsonString(OutcomeName(a.outcome)),
                    ",\"httpStatus\":", a.http_status,
                    ",\"resultaten\":", a.result.resultaat_size(),
                    ",\"maximumAantalResultatenBereikt\":",
                    a.result.maximum_aantal_resultaten_bereikt() ? "true" : "false",
                    ",\"minderDanK\":", a.result.minder_dan_k() ? "true" : "false",
                    ",\"lokaalToegepast\":", ints(a.applied_locally),
                    ",\"nietToegepast\":", ints(a.not_applied),
                    ",\"lokaalVerwijderd\":", a.removed_locally,
                    ",\"ms\":", absl::ToInt64Milliseconds(a.took));
    if (!a.problem_code.empty())
      absl::StrAppend(&out, ",\"code\":", JsonString(a.problem_code));
    if (!a.detail.empty()) absl::StrAppend(&out, ",\"reden\":", JsonString(a.detail));
    if (!a.rule_ids.empty()) {
      out += ",\"regels\":[";
      for (size_t j = 0; j < a.rule_ids.size(); ++j) {
        absl::StrAppend(&out, j ? "," : "", JsonString(a.rule_ids[j]));
      }
      out += "]";
    }
    out += "}";
  }
  out += "],\"resultaten\":[";
  bool first = true;
  for (const NodeAnswer& a : m.nodes) {
    for (const v1::Selectieresultaatregel& r : a.result.resultaat()) {
      std::string row;
      PrintJsonFast(r, &row);
      absl::StrAppend(&out, first ? "" : ",", "{\"bron\":", JsonString(a.node.oin), ",",
                      absl::string_view(row).substr(1));
      first = false;
    }
  }
  return out + "]}";
}

class Asker::Impl {
 public:
  Impl(Identity id, AskOptions options) : id_(std::move(id)), options_(options) {}

  MergedAnswer Ask(const v1::Selectievraag& q,
                   const std::vector<NodeAddress>& nodes) const {
    const exchange::TraceContext trace = exchange::NewTrace();
    const std::string body = WriteSelectionQuestion(q);
    MergedAnswer merged{trace.trace_id, {}};
    merged.nodes.resize(nodes.size());
    std::vector<std::unique_ptr<httplib::SSLClient>> clients;
    const absl::Time start = absl::Now();
    for (size_t i = 0; i < nodes.size(); ++i) clients.push_back(Client(nodes[i]));
    const std::vector<bool> in_time = FanOut(
        nodes.size(), options_.deadline,
        [&](size_t i) {
          merged.nodes[i] =
              AskOne(*clients[i], nodes[i], q, body, exchange::ChildSpan(trace));
          merged.nodes[i].took = absl::Now() - start;
        },
        [&](size_t i) { clients[i]->stop(); });
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (in_time[i]) continue;
      merged.nodes[i] = {nodes[i], Outcome::kTimedOut};
      merged.nodes[i].detail = "no answer within the deadline";
      merged.nodes[i].took = options_.deadline;
    }
    for (NodeAnswer& a : merged.nodes) {
      if (a.outcome != Outcome::kAnswered) continue;
      LocalFilter f = ApplyIgnoredCriteria(q, id_.suwi, absl::Now(), *options_.compiler,
                                           *options_.pc4, &a.result);
      a.applied_locally = std::move(f.applied);
      a.not_applied = std::move(f.not_applied);
      a.removed_locally = f.removed;
    }
    return merged;
  }

  absl::StatusOr<v1::Detailantwoord> Detail(const NodeAddress& node,
                                            v1::SoortSelectie kind,
                                            const std::string& vum_id) const {
    std::unique_ptr<httplib::SSLClient> client = Client(node);
    const std::string path = absl::StrCat(exchange::CollectionPath(kind), "/", vum_id);
    httplib::Result res = client->Get(path.c_str(), Headers(node, exchange::NewTrace()));
    if (!res) {
      return res.error() == httplib::Error::Read ||
                     res.error() == httplib::Error::Connection
                 ? absl::DeadlineExceededError(absl::StrCat(
                       "the node did not answer (", httplib::to_string(res.error()), ")"))
                 : absl::UnavailableError(absl::StrCat("the node could not be reached (",
                                                       httplib::to_string(res.error()),
                                                       ")"));
    }
    if (res->status != 200) return StatusOfProblem(*res);
    v1::Detailantwoord detail;
    if (absl::Status s = ParseJson(res->body, &detail); !s.ok()) {
      return absl::DataLossError("the node's detail is not a Detailantwoord");
    }
    return detail;
  }

 private:
  std::unique_ptr<httplib::SSLClient> Client(const NodeAddress& node) const {
    return MutualTlsClient(node, id_, options_.deadline);
  }

  httplib::Headers Headers(const NodeAddress& node,
                           const exchange::TraceContext& trace) const {
    httplib::Headers h{{exchange::kFromPartyHeader, id_.from_oin},
                       {exchange::kToPartyHeader, node.oin},
                       {exchange::kSuwiPartyHeader, id_.suwi ? "true" : "false"},
                       {exchange::kTraceparentHeader, trace.Header()}};
    if (!id_.via_oin.empty()) h.emplace(exchange::kViaPartyHeader, id_.via_oin);
    return h;
  }

  static absl::Status StatusOfProblem(const httplib::Response& res) {
    absl::StatusOr<exchange::Problem> p = exchange::ParseProblem(res.body);
    const std::string why = p.ok() ? absl::StrCat(p->code, ": ", p->detail)
                                   : absl::StrCat("HTTP ", res.status);
    return absl::Status(exchange::StatusCodeOfHttp(res.status), why);
  }

  NodeAnswer AskOne(httplib::SSLClient& client, const NodeAddress& node,
                    const v1::Selectievraag& q, const std::string& body,
                    const exchange::TraceContext& trace) const {
    NodeAnswer a{node};
    const std::string path =
        exchange::CollectionPath(q.soort()) + exchange::kSelectionSuffix;
    httplib::Result res =
        client.Post(path.c_str(), Headers(node, trace), body, exchange::kJsonType);
    if (!res) {
      a.outcome = Outcome::kFailed;
      a.detail = absl::StrCat("no answer: ", httplib::to_string(res.error()));
      return a;
    }
    a.http_status = res->status;
    if (res->status != 200) {
      a.outcome = Outcome::kRefused;
      absl::StatusOr<exchange::Problem> p = exchange::ParseProblem(res->body);
      if (p.ok()) {
        a.problem_code = p->code;
        a.detail = p->detail;
        for (const Violation& v : p->violations) a.rule_ids.push_back(v.rule_id);
      }
      return a;
    }
    if (absl::Status s = ParseJson(res->body, &a.result); !s.ok()) {
      a.outcome = Outcome::kFailed;
      a.detail = "the answer is not a Selectieresultaat";
      return a;
    }
    a.outcome = Outcome::kAnswered;
    return a;
  }

  const Identity id_;
  const AskOptions options_;
};

absl::StatusOr<std::unique_ptr<Asker>> Asker::Create(Identity identity,
                                                     AskOptions options) {
  ::signal(SIGPIPE, SIG_IGN);  // a node that goes away must not end the asker
  if (options.compiler == nullptr || options.pc4 == nullptr) {
    return absl::InvalidArgumentError(
        "an asker needs a question compiler and the PC4 list");
  }
  if (!validate_internal::IsOin(identity.from_oin) ||
      (!identity.via_oin.empty() && !validate_internal::IsOin(identity.via_oin))) {
    return absl::InvalidArgumentError("the asker's OIN is not 20 digits");
  }
  for (const std::string* f :
       {&identity.certificate, &identity.private_key, &identity.ca}) {
    if (!std::ifstream(*f)) return absl::NotFoundError(absl::StrCat("cannot read ", *f));
  }
  if (options.deadline <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("the deadline must be positive");
  }
  return std::unique_ptr<Asker>(
      new Asker(std::make_unique<Impl>(std::move(identity), options)));
}

Asker::Asker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Asker::~Asker() = default;

MergedAnswer Asker::Ask(const v1::Selectievraag& q,
                        const std::vector<NodeAddress>& nodes) const {
  return impl_->Ask(q, nodes);
}

absl::StatusOr<v1::Detailantwoord> Asker::Detail(const NodeAddress& node,
                                                 v1::SoortSelectie kind,
                                                 const std::string& vum_id) const {
  return impl_->Detail(node, kind, vum_id);
}

}  // namespace vum::ask
