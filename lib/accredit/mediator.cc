#include "lib/accredit/mediator.h"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/accredit/scripted_source.h"
#include "lib/ask/asker.h"
#include "lib/ask/uploader.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/test_pki.h"
#include "lib/exchange/wire.h"
#include "lib/node/node.h"
#include "vum/batch.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/schema.h"

namespace vum::accredit {
namespace {

constexpr char kFacilityOin[] = "00000001000000000011";
constexpr char kVendorSource[] = "bron-leverancier";
// The two sources holding the upload set, then the scripted ones.
constexpr char kNodeOins[2][21] = {"00000001000000000001", "00000001000000000002"};
constexpr SourceBehaviour kScripted[] = {SourceBehaviour::kLate, SourceBehaviour::kHang,
                                         SourceBehaviour::kRefuse,
                                         SourceBehaviour::kFail};
constexpr char kScriptedOins[4][21] = {"00000001000000000021", "00000001000000000022",
                                       "00000001000000000023", "00000001000000000024"};

// Every other record of `records` from `half` on, as a full batch of
// `content` from `oin` to itself; `fill` puts a record into a BatchRecord.
template <typename Record, typename Fill>
absl::Status WriteHalfBatch(const std::vector<Record>& records, int half,
                            v1::SoortInhoud content, const std::string& oin,
                            const std::string& path, Fill fill) {
  v1::BatchKop header;
  header.set_batch_id(NewUuid());
  header.set_afzender_oin(oin);
  header.set_ontvanger_oin(oin);
  header.set_aangemaakt_op(NowRfc3339());
  header.set_standaardversie(StandardVersion());
  header.set_soort(v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(content);
  absl::StatusOr<std::unique_ptr<BatchWriter>> writer = BatchWriter::Create(path, header);
  if (!writer.ok()) return writer.status();
  v1::BatchRecord record;
  for (size_t i = half; i < records.size(); i += 2) {
    fill(records[i], &record);
    if (absl::Status s = (*writer)->Write(record); !s.ok()) return s;
  }
  return (*writer)->Finish();
}

// One of the two nodes' halves of the set: its profiles and its vacancies as
// full batches, the profiles' consents as NDJSON; the files to upload.
absl::StatusOr<std::vector<std::string>> WriteHalf(const UploadSet& set, int half,
                                                   const std::string& oin,
                                                   const std::string& prefix) {
  const std::string profiles = prefix + ".vumb", vacancies = prefix + "-vacatures.vumb",
                    consents = prefix + ".ndjson";
  if (absl::Status s = WriteHalfBatch(set.profiles, half, v1::SOORT_INHOUD_WERKZOEKENDEN,
                                      oin, profiles,
                                      [](const v1::Werkzoekende& p, v1::BatchRecord* r) {
                                        *r->mutable_werkzoekende() = p;
                                      });
      !s.ok())
    return s;
  if (absl::Status s = WriteHalfBatch(
          set.vacancies, half, v1::SOORT_INHOUD_VACATURES, oin, vacancies,
          [](const v1::Vacature& v, v1::BatchRecord* r) { *r->mutable_vacature() = v; });
      !s.ok())
    return s;
  std::ofstream process(consents, std::ios::trunc);
  for (size_t i = half; i < set.process.size(); i += 2) {
    absl::StatusOr<std::string> line = PrintJson(set.process[i]);
    if (!line.ok()) return line.status();
    process << *line << "\n";
  }
  process.close();
  if (!process) return absl::UnavailableError(absl::StrCat("cannot write ", consents));
  return std::vector<std::string>{profiles, vacancies, consents};
}

}  // namespace

class MediatorEnvironment::Impl {
 public:
  explicit Impl(MediatorOptions options) : o_(std::move(options)) {}
  ~Impl() {
    hub_.reset();  // first: they ask the sources
    hub_without_sources_.reset();
    scripted_.clear();
    nodes_.clear();
  }

  absl::Status Start(const UploadSet& set) {
    std::filesystem::create_directories(o_.dir);
    if (absl::Status s = MakeCertificates(); !s.ok()) return s;
    std::vector<ask::NodeAddress> sources, failing;
    for (int i = 0; i < 2; ++i) {
      absl::StatusOr<ask::NodeAddress> node = StartNode(set, i);
      if (!node.ok()) return node.status();
      sources.push_back(*node);
    }
    if (!o_.vendor_source_url.empty()) {
      ask::NodeAddress vendor;
      if (!ask::ParseNodeUrl(o_.vendor_source_url, &vendor)) {
        return absl::InvalidArgumentError(
            "the vendor's source URL is not https://HOST:PORT");
      }
      vendor.oin = o_.vendor_source_oin;
      vendor.name = kVendorSource;
      sources.push_back(vendor);
    }
    if (absl::Status s = StartScripted(&sources, &failing); !s.ok()) return s;
    absl::StatusOr<std::unique_ptr<hub::Hub>> hub = StartFacility("uv", sources, o_.port);
    if (!hub.ok()) return hub.status();
    hub_ = *std::move(hub);
    client_.url = absl::StrCat("https://", o_.host, ":", hub_->port());
    // The second facility: only the sources that refuse and fail.
    hub = StartFacility("uv-zonder-bron", failing, 0);
    if (!hub.ok()) return hub.status();
    hub_without_sources_ = *std::move(hub);
    client_.url_without_sources =
        absl::StrCat("https://", o_.host, ":", hub_without_sources_->port());
    return absl::OkStatus();
  }

  const ClientSetup& client() const { return client_; }
  std::vector<hub::ObservedRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  std::string File(const std::string& name) const {
    return absl::StrCat(o_.dir, "/", name);
  }
  server::TlsFiles Tls(const std::string& name) const {
    return {File(name + ".crt"), File(name + ".key"), File("ca.crt")};
  }

  absl::Status MakeCertificates() {
    std::vector<exchange::TestParty> parties = {{"uv", kFacilityOin},
                                                {"bemiddelaar", o_.client_oin},
                                                {"bron-1", kNodeOins[0]},
                                                {"bron-2", kNodeOins[1]}};
    for (int i = 0; i < 4; ++i) {
      parties.push_back(
          {absl::StrCat("bron-", BehaviourName(kScripted[i])), kScriptedOins[i]});
    }
    if (!o_.vendor_source_url.empty())
      parties.push_back({kVendorSource, o_.vendor_source_oin});
    absl::StatusOr<exchange::TestPki> pki = exchange::MakeTestPki(o_.dir, parties);
    if (!pki.ok()) return pki.status();
    client_ = {"",
               kFacilityOin,
               o_.client_oin,
               File("bemiddelaar.crt"),
               File("bemiddelaar.key"),
               pki->ca_certificate};
    if (!o_.vendor_source_url.empty()) {
      client_.vendor_source_certificate = File(absl::StrCat(kVendorSource, ".crt"));
      client_.vendor_source_key = File(absl::StrCat(kVendorSource, ".key"));
    }
    return absl::OkStatus();
  }

  // The configuration shared by the nodes and the facility.
  absl::StatusOr<node::NodeConfig> ConfigFor(const std::string& name,
                                             const std::string& oin) {
    node::NodeConfig c;
    c.oin = oin;
    c.name = name;
    c.host = "127.0.0.1";
    c.port = 0;
    const server::TlsFiles tls = Tls(name);
    c.certificate = tls.certificate;
    c.private_key = tls.private_key;
    c.client_ca = tls.client_ca;
    c.database = File(name + ".db");
    c.vumid_key_file = File(name + "-vumid.key");
    c.log_key_file = File(name + "-logboek.key");
    c.codelists_dir = o_.codelists;
    for (const std::string& key : {c.vumid_key_file, c.log_key_file}) {
      if (absl::Status s = exchange::WriteTestKey(key); !s.ok()) return s;
    }
    return c;
  }

  // Starts the scripted sources, adds them to `sources` and those that
  // refuse or fail to `failing` too.
  absl::Status StartScripted(std::vector<ask::NodeAddress>* sources,
                             std::vector<ask::NodeAddress>* failing) {
    for (int i = 0; i < 4; ++i) {
      const std::string name = absl::StrCat("bron-", BehaviourName(kScripted[i]));
      const absl::Duration delay = kScripted[i] == SourceBehaviour::kLate
                                       ? o_.source_deadline / 2
                                       : o_.source_deadline + absl::Seconds(1);
      absl::StatusOr<std::unique_ptr<ScriptedSource>> source =
          ScriptedSource::Start({kScripted[i], kScriptedOins[i], Tls(name), delay});
      if (!source.ok()) return source.status();
      sources->push_back({kScriptedOins[i], name, "127.0.0.1", (*source)->port()});
      if (kScripted[i] == SourceBehaviour::kRefuse ||
          kScripted[i] == SourceBehaviour::kFail)
        failing->push_back(sources->back());
      scripted_.push_back(*std::move(source));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ask::NodeAddress> StartNode(const UploadSet& set, int half) {
    const std::string name = absl::StrCat("bron-", half + 1), oin = kNodeOins[half];
    absl::StatusOr<node::NodeConfig> c = ConfigFor(name, oin);
    if (!c.ok()) return c.status();
    c->parties = {
        {oin, name, false, false, true, {}},
        {o_.client_oin, "bemiddelaar", true, true, false, {}},
        {kFacilityOin, "uitwisselingsvoorziening", false, false, false, {}, true}};
    absl::StatusOr<std::unique_ptr<node::Node>> node = node::Node::Create(*c);
    if (!node.ok()) return node.status();
    if (absl::Status s = (*node)->Start(); !s.ok()) return s;
    const ask::NodeAddress address{oin, name, "127.0.0.1", (*node)->port()};
    nodes_.push_back(*std::move(node));
    absl::StatusOr<std::vector<std::string>> files =
        WriteHalf(set, half, oin, File(name));
    if (!files.ok()) return files.status();
    const ask::Identity owner{c->certificate, c->private_key, c->client_ca, oin, "",
                              false};
    for (const std::string& file : *files) {
      absl::StatusOr<ask::UploadReceipt> r = ask::Upload(address, owner, file);
      if (!r.ok()) return r.status();
      if (r->http_status != 200) {
        return absl::InternalError(absl::StrCat(
            "the source ", name, " refused the upload set (HTTP ", r->http_status, ")"));
      }
    }
    return address;
  }

  // A facility of the party "uv", with its certificate, asking `sources` on
  // `port` (started); its files are named after `name`.
  absl::StatusOr<std::unique_ptr<hub::Hub>> StartFacility(
      const std::string& name, const std::vector<ask::NodeAddress>& sources, int port) {
    absl::StatusOr<node::NodeConfig> c = ConfigFor(name, kFacilityOin);
    if (!c.ok()) return c.status();
    const server::TlsFiles tls = Tls("uv");
    c->certificate = tls.certificate;
    c->private_key = tls.private_key;
    std::vector<std::string> list;
    for (const ask::NodeAddress& s : sources) {
      list.push_back(absl::StrCat("{\"oin\":\"", s.oin, "\",\"naam\":\"", s.name,
                                  "\",\"url\":\"https://127.0.0.1:", s.port, "\"}"));
    }
    c->sources_file = File(name + "-bronnen.json");
    std::ofstream(c->sources_file, std::ios::trunc)
        << "[" << absl::StrJoin(list, ",") << "]\n";
    c->host = o_.host;
    c->port = port;
    c->limits.source_deadline = o_.source_deadline;
    c->limits.details_per_question = o_.details_per_question;
    c->limits.questions_per_requester_per_day = o_.questions_per_day;
    c->parties = {{o_.client_oin, "bemiddelaar", true, true, false, {}}};
    hub::HubOptions options;
    options.observe = [this](const hub::ObservedRequest& r) {
      std::lock_guard lock(mu_);
      requests_.push_back(r);
    };
    absl::StatusOr<std::unique_ptr<hub::Hub>> hub =
        hub::Hub::Create(*c, std::move(options));
    if (!hub.ok()) return hub.status();
    if (absl::Status s = (*hub)->Start(); !s.ok()) return s;
    return hub;
  }

  const MediatorOptions o_;
  ClientSetup client_;
  std::vector<std::unique_ptr<node::Node>> nodes_;
  std::vector<std::unique_ptr<ScriptedSource>> scripted_;
  std::unique_ptr<hub::Hub> hub_, hub_without_sources_;
  mutable std::mutex mu_;  // guards requests_
  std::vector<hub::ObservedRequest> requests_;
};

absl::StatusOr<std::unique_ptr<MediatorEnvironment>> MediatorEnvironment::Start(
    const UploadSet& set, const MediatorOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  if (absl::Status s = impl->Start(set); !s.ok()) return s;
  return std::unique_ptr<MediatorEnvironment>(new MediatorEnvironment(std::move(impl)));
}

MediatorEnvironment::MediatorEnvironment(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
MediatorEnvironment::~MediatorEnvironment() = default;
const ClientSetup& MediatorEnvironment::client() const { return impl_->client(); }
std::vector<hub::ObservedRequest> MediatorEnvironment::requests() const {
  return impl_->requests();
}

}  // namespace vum::accredit
