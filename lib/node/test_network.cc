#include "lib/node/test_network.h"

#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "lib/server/test_client.h"
#include "vum/batch.h"
#include "vum/delta.h"
#include "vum/generator.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/pc4.h"
#include "vum/schema.h"

namespace vum::node::testing {
namespace {

struct Named {
  const char* name;
  const char* oin;
};
constexpr Named kParties[] = {{"gemeente-a", kGemeenteA},
                              {"gemeente-b", kGemeenteB},
                              {"uwv", kUwv},
                              {"wsp", kWsp},
                              {"werkgever", kWerkgever},
                              {"leverancier", kLeverancier},
                              {"uv", kUv},
                              {"buitenstaander", kBuitenstaander}};

}  // namespace

absl::StatusOr<TestNetwork> TestNetwork::Create(const std::string& dir,
                                                const std::string& codelists) {
  std::vector<exchange::TestParty> parties;
  for (const Named& p : kParties) parties.push_back({p.name, p.oin});
  absl::StatusOr<exchange::TestPki> pki = exchange::MakeTestPki(dir, parties);
  if (!pki.ok()) return pki.status();
  TestNetwork net;
  net.dir_ = dir;
  net.codelists_ = codelists;
  net.pki_ = *std::move(pki);
  for (const Named& p : kParties) {
    for (const char* use : {"vumid", "logboek"}) {
      if (absl::Status s =
              exchange::WriteTestKey(absl::StrCat(dir, "/", p.name, "-", use, ".key"));
          !s.ok())
        return s;
    }
  }
  return net;
}

std::string TestNetwork::OinOf(const std::string& party) const {
  for (const Named& p : kParties) {
    if (party == p.name) return p.oin;
  }
  return "";
}

NodeConfig TestNetwork::ConfigFor(const std::string& party, int port) const {
  NodeConfig c;
  c.oin = OinOf(party);
  c.name = party;
  c.host = "127.0.0.1";
  c.port = port;
  c.certificate = absl::StrCat(dir_, "/", party, ".crt");
  c.private_key = absl::StrCat(dir_, "/", party, ".key");
  c.client_ca = pki_.ca_certificate;
  c.database = absl::StrCat(dir_, "/", party, ".db");
  c.vumid_key_file = absl::StrCat(dir_, "/", party, "-vumid.key");
  c.log_key_file = absl::StrCat(dir_, "/", party, "-logboek.key");
  c.codelists_dir = codelists_;
  c.limits.k = 3;
  c.limits.details_per_question = 2;
  c.limits.results_per_question = 25;
  c.limits.workers = 8;
  c.parties = {
      {c.oin, party, false, false, true, {}},
      {kWsp, "wsp", true, true, false, {}},
      {kWerkgever, "werkgever", true, false, false, {}},
  };
  // Every node lets the exchange facility ask; the facility's own register
  // holds it once.
  if (c.oin != kUv) c.parties.push_back({kUv, "uv", false, false, false, {}, true});
  if (party == "gemeente-a")
    c.parties.push_back({kLeverancier, "leverancier", false, false, true, {kGemeenteA}});
  return c;
}

absl::StatusOr<std::string> TestNetwork::WriteConfig(const std::string& party,
                                                     int port) const {
  const NodeConfig c = ConfigFor(party, port);
  std::string parties;
  for (const Party& p : c.parties) {
    std::vector<std::string> roles;
    if (p.may_ask) roles.push_back("\"vragen\"");
    if (p.suwi) roles.push_back("\"suwi\"");
    if (p.may_load) roles.push_back("\"laden\"");
    if (p.exchange_facility) roles.push_back("\"uitwisselingsvoorziening\"");
    std::vector<std::string> controllers;
    for (const std::string& o : p.processor_for)
      controllers.push_back(absl::StrCat("\"", o, "\""));
    absl::StrAppend(&parties, parties.empty() ? "" : ",", "{\"oin\":\"", p.oin,
                    "\",\"naam\":\"", p.name, "\",\"rollen\":[",
                    absl::StrJoin(roles, ","), "],\"verwerkerVoor\":[",
                    absl::StrJoin(controllers, ","), "]}");
  }
  const std::string json = absl::StrCat(
      "{\"oin\":\"", c.oin, "\",\"naam\":\"", c.name,
      "\",\"luisteren\":\"127.0.0.1:", port, "\",\"tls\":{\"certificaat\":\"",
      c.certificate, "\",\"sleutel\":\"", c.private_key, "\",\"clientCa\":\"",
      c.client_ca, "\"},\"database\":\"", c.database, "\",\"sleutels\":{\"vumId\":\"",
      c.vumid_key_file, "\",\"logboek\":\"", c.log_key_file, "\"},\"codelijsten\":\"",
      c.codelists_dir, "\",\"limieten\":{\"k\":", c.limits.k,
      ",\"detailsPerVraag\":", c.limits.details_per_question,
      ",\"resultatenPerVraag\":", c.limits.results_per_question,
      ",\"werkers\":", c.limits.workers, "},\"partijen\":[", parties, "]}");
  const std::string path = absl::StrCat(dir_, "/", party, ".json");
  std::ofstream out(path, std::ios::trunc);
  out << json;
  out.close();
  if (!out) return absl::UnavailableError("cannot write the configuration");
  return path;
}

ask::Identity TestNetwork::IdentityOf(const std::string& party, bool suwi) const {
  return {absl::StrCat(dir_, "/", party, ".crt"),
          absl::StrCat(dir_, "/", party, ".key"),
          pki_.ca_certificate,
          OinOf(party),
          "",
          suwi};
}

HangingServer::HangingServer() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(fd_, 8);
  socklen_t n = sizeof a;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &n);
  port_ = ntohs(a.sin_port);
}

HangingServer::~HangingServer() { ::close(fd_); }

std::string RawTlsExchange(const TestNetwork& net, const std::string& party, int port,
                           const std::string& bytes, absl::Duration wait,
                           absl::Duration* first_byte) {
  std::unique_ptr<server::testing::RawConnection> c = server::testing::RawConnection::Tls(
      port, absl::StrCat(net.dir(), "/", party, ".crt"),
      absl::StrCat(net.dir(), "/", party, ".key"));
  if (c == nullptr || !c->Send(bytes)) return "";
  return c->ReadUntilClosed(wait, first_byte);
}

absl::Status SetProcessingLogBroken(const std::string& database, bool broken) {
  sqlite3* db = nullptr;
  if (sqlite3_open(database.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return absl::UnavailableError("cannot open the node's store");
  }
  const int rc =
      sqlite3_exec(db,
                   broken ? "CREATE TRIGGER no_log BEFORE INSERT ON log "
                            "BEGIN SELECT RAISE(ABORT, 'the log is full'); END;"
                          : "DROP TRIGGER no_log",
                   nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_OK ? absl::OkStatus()
                         : absl::InternalError("cannot change the log's trigger");
}

absl::StatusOr<std::string> WriteProfileBatch(const BatchSpec& spec) {
  absl::StatusOr<Pc4Register> pc4 = Pc4Register::Load(spec.codelists + "/pc4.tsv");
  if (!pc4.ok()) return pc4.status();
  v1::BatchKop header;
  header.set_batch_id(NewUuid());
  header.set_afzender_oin(spec.owner);
  header.set_ontvanger_oin(spec.node);
  header.set_aangemaakt_op(NowRfc3339());
  header.set_standaardversie(StandardVersion());
  header.set_soort(spec.kind);
  header.set_inhoud(v1::SOORT_INHOUD_WERKZOEKENDEN);
  if (spec.kind == v1::SOORT_BATCH_DELTA) {
    header.set_basis_batch_id(spec.base);
    header.set_volgnummer(spec.number);
  }
  absl::StatusOr<std::unique_ptr<BatchWriter>> writer =
      BatchWriter::Create(spec.path, header);
  if (!writer.ok()) return writer.status();
  RecordGenerator generator({.seed = spec.seed, .pc4 = &*pc4});
  std::ofstream consents;
  if (!spec.consents_path.empty()) consents.open(spec.consents_path, std::ios::trunc);
  v1::BatchRecord record;
  v1::Procesgegevens process;
  for (int i = 0; i < spec.n; ++i) {
    generator.NextProfile(record.mutable_werkzoekende());
    if (absl::Status s = (*writer)->Write(record); !s.ok()) return s;
    if (consents.is_open()) {
      generator.NextProcessData(record.werkzoekende(), &process);
      absl::StatusOr<std::string> line = PrintJson(process);
      if (!line.ok()) return line.status();
      consents << *line << "\n";
    }
  }
  if (absl::Status s = (*writer)->Finish(); !s.ok()) return s;
  return header.batch_id();
}

}  // namespace vum::node::testing
