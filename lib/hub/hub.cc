#include "lib/hub/hub.h"

#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <random>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "lib/ask/asker.h"
#include "lib/ask/fan_out.h"
#include "lib/ask/mutual_tls.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/wire.h"
#include "lib/hub/question_register.h"
#include "lib/hub/source_answer.h"
#include "lib/json/json_string.h"
#include "lib/node/admission.h"
#include "lib/node/instance_lock.h"
#include "lib/node/koppelvlak_reply.h"
#include "lib/node/metrics.h"
#include "lib/node/party_register.h"
#include "lib/node/served_request.h"
#include "lib/node/server_options.h"
#include "lib/node/store.h"
#include "lib/validate/formats.h"
#include "vum/ids.h"
#include "vum/pc4.h"
#include "vum/pseudonym.h"
#include "vum/selection.h"

namespace vum::hub {
namespace {

using exchange::V3Error;
using node::Caller;
using node::ServedRequest;

// The domain of the facility's vumIDs under its key (see pseudonym.h).
constexpr char kHubVumIdDomain[] = "vum-uv-vumid-v1";
constexpr size_t kMaxVumIdLength = 500;

// One source's part in one question.
struct SourceReply {
  const char* outcome = "verlopen";  // as Metrics::SourceAnswer names it
  SourceAnswer answer;
};

}  // namespace

class Hub::Impl {
 public:
  Impl(node::NodeConfig config, HubOptions options)
      : config_(std::move(config)), options_(options) {}
  ~Impl() { Stop(); }

  absl::Status Build() {
    if (config_.sources_file.empty()) {
      return absl::InvalidArgumentError(
          "the exchange facility's configuration names no sources (bronnen)");
    }
    absl::StatusOr<std::vector<ask::NodeAddress>> sources =
        ask::ReadNodeList(config_.sources_file);
    if (!sources.ok()) return sources.status();
    sources_ = *std::move(sources);
    absl::StatusOr<node::PartyRegister> reg =
        node::PartyRegister::Create(config_.parties);
    if (!reg.ok()) return reg.status();
    register_ = *std::move(reg);
    absl::StatusOr<Pc4Register> pc4 =
        Pc4Register::Load(config_.codelists_dir + "/pc4.tsv");
    if (!pc4.ok()) return pc4.status();
    pc4_ = std::make_unique<Pc4Register>(*std::move(pc4));
    absl::StatusOr<std::unique_ptr<QuestionCompiler>> compiler =
        QuestionCompiler::Create(pc4_.get());
    if (!compiler.ok()) return compiler.status();
    compiler_ = *std::move(compiler);
    for (const auto& [path, key] : {std::pair{config_.vumid_key_file, &vumid_key_},
                                    std::pair{config_.log_key_file, &log_key_}}) {
      absl::StatusOr<Pseudonymizer> k = Pseudonymizer::FromKeyFile(path);
      if (!k.ok()) return k.status();
      key->emplace(*std::move(k));
    }
    absl::StatusOr<node::InstanceLock> lock =
        node::InstanceLock::Acquire(config_.database);
    if (!lock.ok()) return lock.status();
    instance_lock_.emplace(*std::move(lock));
    absl::StatusOr<std::unique_ptr<node::NodeStore>> store =
        node::NodeStore::Open(config_.database);
    if (!store.ok()) return store.status();
    store_ = *std::move(store);
    log_ = std::make_unique<node::ProcessingLog>(store_.get(), &*log_key_, &metrics_);
    quota_ = std::make_unique<node::QuestionQuota>(
        store_.get(), config_.limits.questions_per_requester_per_day);
    std::vector<std::string> source_oins;
    for (const ask::NodeAddress& s : sources_) source_oins.push_back(s.oin);
    questions_ = std::make_unique<QuestionRegister>(store_.get(), std::move(source_oins));
    return BuildServer();
  }

  absl::Status Start() {
    absl::StatusOr<int> port = server_->Start(config_.host, config_.port);
    if (!port.ok()) return port.status();
    port_ = *port;
    return absl::OkStatus();
  }
  void Stop() {
    if (server_) server_->Stop();
  }
  int port() const { return port_; }
  const std::vector<std::string>& endpoints() const { return endpoints_; }
  std::pair<size_t, size_t> remembered() const { return questions_->size(); }

 private:
  absl::Status BuildServer() {
    server::HttpsServer::Options options = node::ServerOptionsFor(config_);
    options.complete_error = [this](const httplib::Request& req, httplib::Response& res) {
      node::CompleteServerErrorV3(req, res, config_.oin);
    };
    server::Router router;
    Route(router);
    absl::StatusOr<std::unique_ptr<server::HttpsServer>> server =
        server::HttpsServer::Create(std::move(options), std::move(router));
    if (!server.ok()) return server.status();
    server_ = *std::move(server);
    return absl::OkStatus();
  }

  void Route(server::Router& router) {
    for (v1::SoortSelectie kind :
         {v1::SOORT_SELECTIE_WERKZOEKENDEN, v1::SOORT_SELECTIE_VACATURES}) {
      const std::string base = exchange::V3CollectionPath(kind);
      router.Post(base + exchange::kV3MatchesSuffix,
                  [this, kind](const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader) {
                    std::string question;
                    HandleMatches(kind, req, res, reader, &question);
                    Observe(kind, false, req, res, std::move(question));
                  });
      router.Get(base + "/([^/]+)",
                 [this, kind](const httplib::Request& req, httplib::Response& res) {
                   HandleDetail(kind, req, res);
                   Observe(kind, true, req, res, "");
                 });
      endpoints_.push_back(absl::StrCat("POST ", base, exchange::kV3MatchesSuffix));
      endpoints_.push_back(absl::StrCat("GET ", base, "/{vumID}"));
    }
    // For the operator (any certificate the CA signed): whether it runs, and
    // the counters, each source's outcomes among them.
    router.Get(exchange::kHealthPath, [this](const httplib::Request& req,
                                             httplib::Response& res) {
      ServedRequest x = responder_.Begin(req, res, "health");
      const auto [questions, vum_ids] = questions_->size();
      responder_.Reply(
          x, 200,
          absl::StrCat("{\"status\":\"ok\",\"bronnen\":", sources_.size(),
                       ",\"vragen\":", questions, ",\"vumIDs\":", vum_ids, "}"),
          exchange::kJsonType);
    });
    router.Get(exchange::kMetricsPath,
               [this](const httplib::Request& req, httplib::Response& res) {
                 ServedRequest x = responder_.Begin(req, res, "metrics");
                 responder_.Reply(
                     x, 200, metrics_.Text() + server::CountersText(server_->counters()),
                     "text/plain; version=0.0.4");
               });
    endpoints_.push_back("GET /health");
    endpoints_.push_back("GET /metrics");
  }

  absl::Time Now() const { return options_.now ? options_.now() : absl::Now(); }

  // Tells the observer, if any, what was asked and how it was answered.
  void Observe(v1::SoortSelectie kind, bool detail, const httplib::Request& req,
               const httplib::Response& res, std::string question) const {
    if (!options_.observe) return;
    ObservedRequest o;
    o.detail = detail;
    o.collection =
        std::string(exchange::V3CollectionOf(kind)).substr(1);  // without its "/"
    o.method = req.method;
    o.certificate_oin = node::CertificateOin(req);
    for (const auto& [name, value] : req.headers) {
      if (absl::StartsWithIgnoreCase(name, "X-VUM-") ||
          absl::EqualsIgnoreCase(name, exchange::kApiVersionHeader)) {
        o.headers.emplace_back(name, value);
      }
    }
    o.question = std::move(question);
    o.status = res.status;
    if (res.status != 200) {
      absl::StatusOr<exchange::V3ErrorBody> error = exchange::ParseV3Error(res.body);
      if (error.ok()) o.error_code = error->code;
    }
    options_.observe(o);
  }

  void Fail(ServedRequest& x, V3Error error, absl::string_view details = "") {
    node::RefuseV3(responder_, x, config_.oin, error, details);
  }

  // The versions and the asker (the certificate's holder, or a processor
  // registered for it); replies when refused.
  bool Admit(ServedRequest& x, Caller* caller) {
    V3Error error;
    std::string details;
    if (!node::VersionsSpoken(x.req, &error, &details)) {
      Fail(x, error, details);
      return false;
    }
    if (!x.req.has_header(exchange::kViaPartyHeader)) {
      Fail(x, V3Error::kMalformedRequest, "X-VUM-viaParty is missing");
      return false;
    }
    absl::StatusOr<Caller> c =
        register_.Authorize(config_.oin, node::CertificateOin(x.req),
                            {node::HeaderOf(x.req, exchange::kFromPartyHeader),
                             node::HeaderOf(x.req, exchange::kToPartyHeader),
                             node::HeaderOf(x.req, exchange::kViaPartyHeader),
                             node::HeaderOf(x.req, exchange::kSuwiPartyHeaderV3)},
                            node::Access::kAsk);
    if (!c.ok()) {
      Fail(x,
           absl::IsInvalidArgument(c.status()) ? V3Error::kMalformedRequest
                                               : V3Error::kNotAuthorized,
           absl::IsInvalidArgument(c.status()) ? c.status().message() : "");
      return false;
    }
    *caller = *std::move(c);
    // The register, not the claim, says whether the asker takes part in SUWI.
    caller->legal_basis = register_.Find(caller->controller_oin)->suwi;
    x.requester = caller->controller_oin;
    return true;
  }

  // The headers of a request to `source` for `caller`.
  httplib::Headers SourceHeaders(const ask::NodeAddress& source, const Caller& caller,
                                 const exchange::TraceContext& trace) const {
    return {{exchange::kBerichtVersieHeader, exchange::kKoppelvlakVersion},
            {exchange::kApiVersionHeader, exchange::kKoppelvlakVersion},
            {exchange::kFromPartyHeader, caller.controller_oin},
            {exchange::kToPartyHeader, source.oin},
            {exchange::kViaPartyHeader, source.oin},
            {exchange::kSuwiPartyHeaderV3, caller.legal_basis ? "true" : "false"},
            {exchange::kTraceparentHeader, exchange::ChildSpan(trace).Header()}};
  }

  std::unique_ptr<httplib::SSLClient> ClientFor(const ask::NodeAddress& source) const {
    return ask::MutualTlsClient(source,
                                {config_.certificate, config_.private_key,
                                 config_.client_ca, config_.oin, "", false},
                                config_.limits.source_deadline);
  }

  // Sends `req` to `client`, reading at most the answer limit into `body`;
  // `*too_large` when the answer was larger.
  httplib::Result Send(httplib::SSLClient& client, httplib::Request& req,
                       std::string* body, bool* too_large) const {
    *too_large = false;
    const size_t limit = config_.limits.max_source_answer_bytes;
    req.content_receiver = [body, too_large, limit](const char* data, size_t n, uint64_t,
                                                    uint64_t) {
      *too_large = body->size() + n > limit;
      if (!*too_large) body->append(data, n);
      return !*too_large;
    };
    return client.send(req);
  }

  // One source's answer to the question `body`.
  SourceReply AskSource(httplib::SSLClient& client, const ask::NodeAddress& source,
                        v1::SoortSelectie kind, const Caller& caller,
                        const std::string& question,
                        const exchange::TraceContext& trace) {
    httplib::Request req;
    req.method = "POST";
    req.path = absl::StrCat(exchange::V3CollectionPath(kind), exchange::kV3MatchesSuffix);
    req.headers = SourceHeaders(source, caller, trace);
    req.set_header("Content-Type", exchange::kJsonType);
    req.body = question;
    std::string body;
    bool too_large;
    httplib::Result res = Send(client, req, &body, &too_large);
    SourceReply reply;
    if (too_large) {
      reply.outcome = "ongeldig";
    } else if (!res) {
      reply.outcome = "mislukt";
    } else if (res->status != 200) {
      reply.outcome = "geweigerd";
    } else {
      absl::StatusOr<SourceAnswer> a = ReadSourceAnswer(
          body, kind, static_cast<size_t>(config_.limits.results_per_question));
      reply.outcome = a.ok() ? "beantwoord" : "ongeldig";
      if (a.ok()) reply.answer = *std::move(a);
    }
    return reply;
  }

  std::vector<SourceReply> AskSources(v1::SoortSelectie kind, const Caller& caller,
                                      const std::string& question,
                                      const exchange::TraceContext& trace) {
    std::vector<std::unique_ptr<httplib::SSLClient>> clients;
    for (const ask::NodeAddress& s : sources_) clients.push_back(ClientFor(s));
    std::vector<SourceReply> replies(sources_.size());
    const std::vector<bool> in_time = ask::FanOut(
        sources_.size(), config_.limits.source_deadline,
        [&](size_t i) {
          replies[i] = AskSource(*clients[i], sources_[i], kind, caller, question, trace);
        },
        [&](size_t i) { clients[i]->stop(); });
    for (size_t i = 0; i < replies.size(); ++i) {
      if (!in_time[i]) replies[i] = SourceReply{};
      metrics_.SourceAnswer(sources_[i].oin, replies[i].outcome);
    }
    return replies;
  }

  bool ReadQuestion(ServedRequest& x, v1::SoortSelectie kind,
                    const httplib::ContentReader& reader, std::string* body) {
    const size_t limit = config_.limits.max_question_bytes;
    if (!node::ReadBodyUpTo(reader, limit, body)) {
      Fail(x, V3Error::kTooLarge, absl::StrCat("the limit is ", limit, " bytes"));
      return false;
    }
    absl::StatusOr<v1::Selectievraag> q =
        ReadSelectionQuestion(*body, {.default_kind = kind, .max_bytes = limit});
    if (!q.ok()) {
      Fail(x, V3Error::kQuestionUnreadable, q.status().message());
      return false;
    }
    absl::StatusOr<QuestionCheck> check =
        compiler_->Compile(*q, {.vum_extensions = false});
    if (q->soort() != kind || !check.ok() || !check->answerable()) {
      std::string why;
      if (check.ok()) {
        for (const Violation& v : check->violations) {
          if (v.severity == Severity::kError)
            absl::StrAppend(&why, why.empty() ? "" : "; ", v.rule_id, " ",
                            v.path.ToString());
        }
      }
      Fail(x, V3Error::kQuestionInvalid, why);
      return false;
    }
    return true;
  }

  // The merged answer: each match under its vumID, in random order.
  std::string Merge(const std::vector<SourceReply>& replies, PassedQuestion* passed) {
    std::vector<std::string> matches;
    bool capped = false;
    for (size_t s = 0; s < replies.size(); ++s) {
      capped |= replies[s].answer.capped;
      for (const SourceMatch& m : replies[s].answer.matches) {
        const std::string vum_id = vumid_key_->Pseudonym(
            absl::StrCat(passed->vraag_id, "/", sources_[s].oin, "/", m.source_id),
            kHubVumIdDomain);
        passed->matches.push_back({vum_id, s, m.source_id});
        const absl::string_view rest = absl::string_view(m.json_without_id).substr(1);
        matches.push_back(
            absl::StrCat("{\"vumID\":\"", vum_id, "\"", rest == "}" ? "" : ",", rest));
      }
    }
    std::shuffle(matches.begin(), matches.end(), std::mt19937_64(std::random_device()()));
    return absl::StrCat("{\"maximumAantalResultatenBereikt\":", capped ? "true" : "false",
                        ",\"vraagID\":\"", passed->vraag_id, "\",\"matches\":[",
                        absl::StrJoin(matches, ","), "]}");
  }

  // `question` receives the body as read (for the observer).
  void HandleMatches(v1::SoortSelectie kind, const httplib::Request& req,
                     httplib::Response& res, const httplib::ContentReader& reader,
                     std::string* question_out) {
    ServedRequest x =
        responder_.Begin(req, res, absl::StrCat("uv-matches-", exchange::KindName(kind)));
    Caller caller;
    std::string& question = *question_out;
    if (!Admit(x, &caller)) return node::DiscardBody(reader);
    if (!ReadQuestion(x, kind, reader, &question)) return;
    const absl::Time now = Now();
    if (!quota_->Take(caller.controller_oin, now)) {
      return Fail(x, V3Error::kTooManyQuestions,
                  "the asker's questions for today are used");
    }
    const std::vector<SourceReply> replies = AskSources(kind, caller, question, x.trace);
    if (!sources_.empty() &&
        std::none_of(replies.begin(), replies.end(), [](const SourceReply& r) {
          return std::string(r.outcome) == "beantwoord";
        })) {
      quota_->GiveBack(caller.controller_oin, now);
      return Fail(x, V3Error::kSourceUnavailable, "no source answered in time");
    }
    PassedQuestion passed{NewUuid(),
                          caller.controller_oin,
                          now + config_.limits.question_lifetime,
                          config_.limits.details_per_question,
                          {}};
    std::string body = Merge(replies, &passed);
    std::vector<std::string> subjects;
    for (const IssuedMatch& m : passed.matches)
      subjects.push_back(absl::StrCat(sources_[m.source].oin, "/", m.source_id));
    if (!log_->Write(x.trace, "uv-selectievraag-doorgeven", caller, subjects,
                     passed.vraag_id, now)
             .ok()) {
      quota_->GiveBack(caller.controller_oin, now);
      return Fail(x, V3Error::kLogUnavailable);
    }
    if (!questions_->Remember(passed, now).ok()) {
      quota_->GiveBack(caller.controller_oin, now);
      return Fail(x, V3Error::kInternal);
    }
    node::AnswerV3(responder_, x, config_.oin, std::move(body));
  }

  void HandleDetail(v1::SoortSelectie kind, const httplib::Request& req,
                    httplib::Response& res) {
    ServedRequest x =
        responder_.Begin(req, res, absl::StrCat("uv-detail-", exchange::KindName(kind)));
    Caller caller;
    if (!Admit(x, &caller)) return;
    const std::string vum_id = req.matches[1];
    const absl::Time now = Now();
    absl::StatusOr<Resolved> r =
        vum_id.size() <= kMaxVumIdLength && validate_internal::IsSafeId(vum_id)
            ? questions_->Find(vum_id, now)
            : absl::NotFoundError("not a vumID");
    if (absl::IsNotFound(r.status()))
      return Fail(x, V3Error::kUnknownId, "no question held by the facility has it");
    if (!r.ok()) return Fail(x, V3Error::kInternal);
    if (r->asker_oin != caller.controller_oin) return Fail(x, V3Error::kNotAuthorized);
    if (r->details_left <= 0) return Fail(x, V3Error::kDetailQuotaUsed);
    const ask::NodeAddress& source = sources_[r->source];
    std::unique_ptr<httplib::SSLClient> client = ClientFor(source);
    httplib::Request get;
    get.method = "GET";
    get.path = absl::StrCat(exchange::V3CollectionPath(kind), "/", r->source_id);
    get.headers = SourceHeaders(source, caller, x.trace);
    std::string body;
    bool too_large;
    httplib::Result answer = Send(*client, get, &body, &too_large);
    const bool whole = !too_large;
    if (whole && answer && answer->status == 400) return Fail(x, V3Error::kUnknownId);
    if (whole && answer && answer->status == 401) return Fail(x, V3Error::kNoDetailBasis);
    absl::StatusOr<std::string> detail =
        whole && answer && answer->status == 200
            ? ReadSourceDetail(body, kind, r->source_id)
            : absl::UnavailableError("no detail from the source");
    metrics_.SourceAnswer(source.oin, detail.ok() ? "beantwoord" : "mislukt");
    if (!detail.ok())
      return Fail(x, V3Error::kSourceUnavailable, "the source gave no detail");
    if (!questions_->TakeDetail(r->vraag_id)) return Fail(x, V3Error::kDetailQuotaUsed);
    if (!log_->Write(x.trace, "uv-detail-doorgeven", caller,
                     {absl::StrCat(source.oin, "/", r->source_id)}, r->vraag_id, now)
             .ok()) {
      return Fail(x, V3Error::kLogUnavailable);
    }
    node::AnswerV3(
        responder_, x, config_.oin,
        absl::StrCat("{\"bronID\":", json_internal::JsonString(source.oin), ",\"",
                     kind == v1::SOORT_SELECTIE_VACATURES ? "vacature" : "werkzoekende",
                     "\":", *detail, "}"));
  }

  const node::NodeConfig config_;
  const HubOptions options_;
  std::optional<node::InstanceLock> instance_lock_;  // held while the facility lives
  std::vector<ask::NodeAddress> sources_;
  node::PartyRegister register_;
  std::unique_ptr<Pc4Register> pc4_;
  std::unique_ptr<QuestionCompiler> compiler_;
  std::optional<Pseudonymizer> vumid_key_, log_key_;
  std::unique_ptr<node::NodeStore> store_;
  node::Metrics metrics_;
  node::Responder responder_{&metrics_, options_.access_log};
  std::unique_ptr<node::ProcessingLog> log_;
  std::unique_ptr<node::QuestionQuota> quota_;
  std::unique_ptr<QuestionRegister> questions_;  // in store_
  std::unique_ptr<server::HttpsServer> server_;
  int port_ = -1;
  std::vector<std::string> endpoints_;
};

absl::StatusOr<std::unique_ptr<Hub>> Hub::Create(const node::NodeConfig& config,
                                                 HubOptions options) {
  auto impl = std::make_unique<Impl>(config, options);
  if (absl::Status s = impl->Build(); !s.ok()) return s;
  return std::unique_ptr<Hub>(new Hub(std::move(impl)));
}

Hub::Hub(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Hub::~Hub() = default;
absl::Status Hub::Start() { return impl_->Start(); }
void Hub::Stop() { impl_->Stop(); }
int Hub::port() const { return impl_->port(); }
const std::vector<std::string>& Hub::endpoints() const { return impl_->endpoints(); }
std::pair<size_t, size_t> Hub::remembered() const { return impl_->remembered(); }

}  // namespace vum::hub
