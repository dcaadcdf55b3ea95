#include "lib/accredit/scripted_source.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/wire.h"
#include "lib/node/koppelvlak_reply.h"
#include "lib/node/served_request.h"

namespace vum::accredit {
namespace {

using exchange::V3Error;

void Misbehave(const ScriptedSourceOptions& o, const httplib::Request& req,
               httplib::Response& res, bool detail) {
  switch (o.behaviour) {
    case SourceBehaviour::kLate:
      absl::SleepFor(o.delay);
      if (detail) {
        res.status = 400;
        res.set_content(exchange::V3ErrorJson(V3Error::kUnknownId), exchange::kJsonType);
      } else {
        res.status = 200;
        res.set_content(R"({"maximumAantalResultatenBereikt":false,"matches":[]})",
                        exchange::kJsonType);
      }
      break;
    case SourceBehaviour::kHang:
      absl::SleepFor(o.delay);
      res.status = 500;
      res.set_content(exchange::V3ErrorJson(V3Error::kInternal), exchange::kJsonType);
      break;
    case SourceBehaviour::kRefuse:
      res.status = 429;
      res.set_content(exchange::V3ErrorJson(V3Error::kTooManyQuestions),
                      exchange::kJsonType);
      break;
    case SourceBehaviour::kFail:
      res.status = 500;
      res.set_content(exchange::V3ErrorJson(V3Error::kInternal), exchange::kJsonType);
      break;
  }
  node::SetV3Headers(req, res, o.oin);
}

}  // namespace

const char* BehaviourName(SourceBehaviour b) {
  switch (b) {
    case SourceBehaviour::kLate:
      return "laat";
    case SourceBehaviour::kHang:
      return "hangt";
    case SourceBehaviour::kRefuse:
      return "weigert";
    case SourceBehaviour::kFail:
      return "faalt";
  }
  return "";
}

absl::StatusOr<std::unique_ptr<ScriptedSource>> ScriptedSource::Start(
    const ScriptedSourceOptions& options) {
  server::Router router;
  for (v1::SoortSelectie kind :
       {v1::SOORT_SELECTIE_WERKZOEKENDEN, v1::SOORT_SELECTIE_VACATURES}) {
    const std::string base = exchange::V3CollectionPath(kind);
    router.Post(base + exchange::kV3MatchesSuffix,
                [options](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) {
                  node::DiscardBody(reader);
                  Misbehave(options, req, res, false);
                });
    router.Get(base + "/([^/]+)",
               [options](const httplib::Request& req, httplib::Response& res) {
                 Misbehave(options, req, res, true);
               });
  }
  server::HttpsServer::Options server_options;
  server_options.tls = options.tls;
  absl::StatusOr<std::unique_ptr<server::HttpsServer>> server =
      server::HttpsServer::Create(std::move(server_options), std::move(router));
  if (!server.ok()) return server.status();
  std::unique_ptr<ScriptedSource> source(new ScriptedSource());
  source->server_ = *std::move(server);
  absl::StatusOr<int> port = source->server_->Start("127.0.0.1", 0);
  if (!port.ok()) return port.status();
  source->port_ = *port;
  return source;
}

ScriptedSource::~ScriptedSource() {
  if (server_) server_->Stop();
}

}  // namespace vum::accredit
