#include "lib/node/node.h"

#include <httplib.h>

#include <fstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/exchange/wire.h"
#include "lib/node/admission.h"
#include "lib/node/bron_interface.h"
#include "lib/node/instance_lock.h"
#include "lib/node/metrics.h"
#include "lib/node/served_request.h"
#include "lib/node/server_options.h"
#include "lib/node/store.h"
#include "lib/node/upload.h"
#include "lib/node/vum_interface.h"
#include "vum/batch.h"
#include "vum/bron_service.h"
#include "vum/caseload_index.h"
#include "vum/code_list.h"
#include "vum/ids.h"
#include "vum/index_loader.h"
#include "vum/json.h"
#include "vum/pc4.h"
#include "vum/pseudonym.h"
#include "vum/selection.h"
#include "vum/selection_service.h"
#include "vum/validator.h"

namespace vum::node {
namespace {

using exchange::Problem;

absl::Status Readable(const std::string& path, absl::string_view what) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the ", what, " ", path));
  return absl::OkStatus();
}

}  // namespace

class Node::Impl {
 public:
  Impl(NodeConfig config, NodeOptions options)
      : config_(std::move(config)), options_(options) {}

  ~Impl() { Stop(); }

  absl::Status Build() {
    for (const auto& [path, what] : {std::pair{config_.certificate, "certificate"},
                                     std::pair{config_.private_key, "key"},
                                     std::pair{config_.client_ca, "client CA bundle"},
                                     std::pair{config_.vumid_key_file, "vumID key"},
                                     std::pair{config_.log_key_file, "log key"}}) {
      if (absl::Status s = Readable(path, what); !s.ok()) return s;
    }
    if (absl::Status s = LoadRules(); !s.ok()) return s;
    absl::StatusOr<PartyRegister> reg = PartyRegister::Create(config_.parties);
    if (!reg.ok()) return reg.status();
    register_ = *std::move(reg);
    // One node per store; then what a killed predecessor left in the spool goes.
    absl::StatusOr<InstanceLock> lock = InstanceLock::Acquire(config_.database);
    if (!lock.ok()) return lock.status();
    instance_lock_.emplace(*std::move(lock));
    startup_.leftover_uploads_removed = RemoveLeftoverUploads(config_.database);
    absl::StatusOr<std::unique_ptr<NodeStore>> store = NodeStore::Open(config_.database);
    if (!store.ok()) return store.status();
    store_ = *std::move(store);
    if (absl::Status s = BuildServices(); !s.ok()) return s;
    if (absl::Status s = LoadCaseload(); !s.ok()) return s;
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
  const StartupReport& startup() const { return startup_; }
  const std::vector<std::string>& endpoints() const { return endpoints_; }

 private:
  // --- Set-up ------------------------------------------------------------------

  absl::Status LoadRules() {
    const std::string pc4 = config_.codelists_dir + "/pc4.tsv";
    absl::StatusOr<Pc4Register> reg = Pc4Register::Load(pc4);
    if (!reg.ok()) return reg.status();
    pc4_ = std::make_unique<Pc4Register>(*std::move(reg));
    if (absl::Status s = code_lists_.LoadDirectory(config_.codelists_dir); !s.ok())
      return s;
    absl::StatusOr<std::unique_ptr<Validator>> validator =
        Validator::Create({.language = Language::kEnglish, .code_lists = &code_lists_});
    if (!validator.ok()) return validator.status();
    validator_ = *std::move(validator);
    absl::StatusOr<std::unique_ptr<QuestionCompiler>> compiler =
        QuestionCompiler::Create(pc4_.get());
    if (!compiler.ok()) return compiler.status();
    compiler_ = *std::move(compiler);
    return absl::OkStatus();
  }

  absl::Status BuildServices() {
    absl::StatusOr<Pseudonymizer> vumid_key =
        Pseudonymizer::FromKeyFile(config_.vumid_key_file);
    if (!vumid_key.ok()) return vumid_key.status();
    absl::StatusOr<Pseudonymizer> log_key =
        Pseudonymizer::FromKeyFile(config_.log_key_file);
    if (!log_key.ok()) return log_key.status();
    log_key_.emplace(*std::move(log_key));
    processing_log_ =
        std::make_unique<ProcessingLog>(store_.get(), &*log_key_, &metrics_);
    quota_ = std::make_unique<QuestionQuota>(
        store_.get(), config_.limits.questions_per_requester_per_day);
    for (RecordKind kind :
         {v1::SOORT_SELECTIE_WERKZOEKENDEN, v1::SOORT_SELECTIE_VACATURES}) {
      if (absl::Status s = BuildIndexAndServices(kind, *vumid_key); !s.ok()) return s;
    }
    vum_ = std::make_unique<VumInterface>(
        VumContext{&config_, &register_, &responder_, quota_.get(), processing_log_.get(),
                   validator_.get(), services_.at(v1::SOORT_SELECTIE_WERKZOEKENDEN).get(),
                   services_.at(v1::SOORT_SELECTIE_VACATURES).get(), Target(),
                   [this] { UpdateRecordGauge(); }, options_.now});
    bron_ = std::make_unique<BronInterface>(BronContext{
        &config_, &register_, &responder_, quota_.get(), processing_log_.get(),
        bron_services_.at(v1::SOORT_SELECTIE_WERKZOEKENDEN).get(),
        bron_services_.at(v1::SOORT_SELECTIE_VACATURES).get(), options_.now});
    return absl::OkStatus();
  }

  // The index of one kind, vum's selection service and the Bron service on it.
  absl::Status BuildIndexAndServices(RecordKind kind, const Pseudonymizer& vumid_key) {
    absl::StatusOr<std::unique_ptr<CaseloadIndex>> index =
        CaseloadIndex::Create(pc4_.get(), kind);
    if (!index.ok()) return index.status();
    const NodeLimits& l = config_.limits;
    absl::StatusOr<std::unique_ptr<SelectionService>> service =
        SelectionService::Create(index->get(), compiler_.get(), vumid_key,
                                 {.source_oin = config_.oin,
                                  .max_results = l.results_per_question,
                                  .details_per_question = l.details_per_question,
                                  .question_lifetime = l.question_lifetime,
                                  .k = l.k,
                                  .ledger = store_->ledger()});
    if (!service.ok()) return service.status();
    absl::StatusOr<std::unique_ptr<BronService>> bron = BronService::Create(
        index->get(), compiler_.get(), {.max_results = l.results_per_question});
    if (!bron.ok()) return bron.status();
    indexes_[kind] = *std::move(index);
    services_[kind] = *std::move(service);
    bron_services_[kind] = *std::move(bron);
    return absl::OkStatus();
  }

  absl::Status LoadCaseload() {
    const absl::Time begin = absl::Now();
    // The indexes read the stored bytes themselves and keep them as they are,
    // on a thread per core while this one reads the store (vum/index_loader.h).
    IndexLoader loader({.threads = IndexLoader::ThreadsForThisMachine()});
    const absl::Status stopped = absl::CancelledError("loading stopped");
    absl::Status read = store_->ForEachRecord(
        [&](const StoredRecordView& r) -> absl::Status {
          ++(r.kind == v1::SOORT_SELECTIE_WERKZOEKENDEN ? startup_.profiles
                                                        : startup_.vacancies);
          return loader.Put(indexes_.at(r.kind).get(), r.id, r.body) ? absl::OkStatus()
                                                                     : stopped;
        },
        [&](absl::string_view id, absl::string_view body) -> absl::Status {
          ++startup_.process_data;
          return loader.PutProcessData(
                     indexes_.at(v1::SOORT_SELECTIE_WERKZOEKENDEN).get(), id, body)
                     ? absl::OkStatus()
                     : stopped;
        });
    absl::StatusOr<IndexLoader::Counts> loaded = loader.Finish();
    startup_.load_time = absl::Now() - begin;
    UpdateRecordGauge();
    if (!loaded.ok()) return loaded.status();  // the cause of a stop
    startup_.not_located = loaded->not_located;
    return read;
  }

  absl::Status BuildServer() {
    server::HttpsServer::Options options = ServerOptionsFor(config_);
    options.default_headers = {{exchange::kApiVersionHeader, exchange::kApiVersion}};
    options.complete_error = [this](const httplib::Request& req, httplib::Response& res) {
      CompleteError(req, res);
    };
    server::Router router;
    Route(router);
    absl::StatusOr<std::unique_ptr<server::HttpsServer>> server =
        server::HttpsServer::Create(std::move(options), std::move(router));
    if (!server.ok()) return server.status();
    server_ = *std::move(server);
    return absl::OkStatus();
  }

  // The body of an error answer that has none: the koppelvlak's error on the
  // Bron interface, a problem document on vum's own.
  void CompleteError(const httplib::Request& req, httplib::Response& res) {
    if (BronInterface::Serves(req.path)) {
      return BronInterface::CompleteServerError(req, res, config_.oin);
    }
    Problem p{res.status,
              "verzoek-ongeldig",
              "verzoek niet te verwerken",
              "the request cannot be served",
              {},
              ""};
    if (res.status == 404) {
      p.code = "onbekend-pad";
      p.detail = "no resource at this path";
    } else if (res.status >= 500) {
      p = {res.status,
           "interne-fout",
           "interne fout",
           "the node failed on this request",
           {},
           ""};
    }
    res.set_content(exchange::ProblemJson(p), exchange::kProblemType);
  }

  void Route(server::Router& router) {
    endpoints_ = {"GET /health", "GET /metrics"};
    router.Get(exchange::kHealthPath, [this](const httplib::Request& req,
                                             httplib::Response& res) {
      ServedRequest x = Begin(req, res, "health");
      Reply(x, 200,
            absl::StrCat("{\"status\":\"ok\",\"werkzoekenden\":",
                         indexes_.at(v1::SOORT_SELECTIE_WERKZOEKENDEN)->stats().records,
                         ",\"vacatures\":",
                         indexes_.at(v1::SOORT_SELECTIE_VACATURES)->stats().records, "}"),
            exchange::kJsonType);
    });
    router.Get(exchange::kMetricsPath, [this](const httplib::Request& req,
                                              httplib::Response& res) {
      ServedRequest x = Begin(req, res, "metrics");
      const NodeStore::MemoryUse ledger = store_->ledger_memory();
      Reply(x, 200,
            absl::StrCat(
                metrics_.Text(), server::CountersText(server_->counters()),
                "# TYPE vum_ledger_vumids gauge\nvum_ledger_vumids ", ledger.vum_ids,
                "\n# TYPE vum_ledger_bytes gauge\nvum_ledger_bytes ", ledger.bytes, "\n"),
            "text/plain; version=0.0.4");
    });
    vum_->Route(router, &endpoints_);
    bron_->Route(router, &endpoints_);
  }

  ServedRequest Begin(const httplib::Request& req, httplib::Response& res,
                      std::string route) {
    return responder_.Begin(req, res, std::move(route));
  }

  void Reply(ServedRequest& x, int status, std::string body, const char* type) {
    responder_.Reply(x, status, std::move(body), type);
  }

  UploadTarget Target() {
    return {store_.get(),
            validator_.get(),
            indexes_.at(v1::SOORT_SELECTIE_WERKZOEKENDEN).get(),
            indexes_.at(v1::SOORT_SELECTIE_VACATURES).get(),
            config_.oin,
            kDefaultMaxRecordBytes};
  }

  void UpdateRecordGauge() {
    metrics_.Records(indexes_.at(v1::SOORT_SELECTIE_WERKZOEKENDEN)->stats().records,
                     indexes_.at(v1::SOORT_SELECTIE_VACATURES)->stats().records);
  }

  const NodeConfig config_;
  const NodeOptions options_;
  std::optional<InstanceLock> instance_lock_;  // held while the node lives
  std::unique_ptr<Pc4Register> pc4_;
  CodeListRegistry code_lists_;
  std::unique_ptr<Validator> validator_;
  std::unique_ptr<QuestionCompiler> compiler_;
  PartyRegister register_;
  std::unique_ptr<NodeStore> store_;
  std::optional<Pseudonymizer> log_key_;
  absl::flat_hash_map<int, std::unique_ptr<CaseloadIndex>> indexes_;
  absl::flat_hash_map<int, std::unique_ptr<SelectionService>> services_;
  absl::flat_hash_map<int, std::unique_ptr<BronService>> bron_services_;
  std::unique_ptr<VumInterface> vum_;
  std::unique_ptr<BronInterface> bron_;
  std::unique_ptr<server::HttpsServer> server_;
  int port_ = -1;
  std::vector<std::string> endpoints_;  // as registered, "METHOD /path/{param}"
  StartupReport startup_;
  Metrics metrics_;
  Responder responder_{&metrics_, options_.access_log};
  std::unique_ptr<QuestionQuota> quota_;
  std::unique_ptr<ProcessingLog> processing_log_;
};

absl::StatusOr<std::unique_ptr<Node>> Node::Create(const NodeConfig& config,
                                                   NodeOptions options) {
  auto impl = std::make_unique<Impl>(config, options);
  if (absl::Status s = impl->Build(); !s.ok()) return s;
  return std::unique_ptr<Node>(new Node(std::move(impl)));
}

Node::Node(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Node::~Node() = default;
absl::Status Node::Start() { return impl_->Start(); }
void Node::Stop() { impl_->Stop(); }
int Node::port() const { return impl_->port(); }
const StartupReport& Node::startup() const { return impl_->startup(); }
const std::vector<std::string>& Node::endpoints() const { return impl_->endpoints(); }

}  // namespace vum::node
