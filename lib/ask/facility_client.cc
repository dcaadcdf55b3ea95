#include "lib/ask/facility_client.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "lib/ask/mutual_tls.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/wire.h"
#include "vum/selection.h"

namespace vum::ask {
namespace {

// The Status of an answer that is not a 200.
absl::Status StatusOf(const httplib::Result& res) {
  if (!res) {
    return res.error() == httplib::Error::Read ||
                   res.error() == httplib::Error::Connection
               ? absl::DeadlineExceededError(absl::StrCat("the facility did not answer (",
                                                          httplib::to_string(res.error()),
                                                          ")"))
               : absl::UnavailableError(
                     absl::StrCat("the facility could not be reached (",
                                  httplib::to_string(res.error()), ")"));
  }
  absl::StatusOr<exchange::V3ErrorBody> e = exchange::ParseV3Error(res->body);
  return absl::Status(exchange::StatusCodeOfHttp(res->status),
                      e.ok() ? absl::StrCat(res->status, " ", e->code, " ", e->message,
                                            e->details.empty() ? "" : ": ", e->details)
                             : absl::StrCat(res->status, " (no Error body)"));
}

// The koppelvlak's headers of a mediator's request; viaParty is the asker's
// processor, or the asker itself.
httplib::Headers Headers(const NodeAddress& facility, const Identity& asker) {
  return {
      {exchange::kBerichtVersieHeader, exchange::kKoppelvlakVersion},
      {exchange::kApiVersionHeader, exchange::kKoppelvlakVersion},
      {exchange::kFromPartyHeader, asker.from_oin},
      {exchange::kToPartyHeader, facility.oin},
      {exchange::kViaPartyHeader, asker.via_oin.empty() ? asker.from_oin : asker.via_oin},
      {exchange::kTraceparentHeader, exchange::NewTrace().Header()}};
}

}  // namespace

absl::StatusOr<std::unique_ptr<FacilityClient>> FacilityClient::Create(
    NodeAddress facility, Identity asker, absl::Duration deadline) {
  if (deadline <= absl::ZeroDuration())
    return absl::InvalidArgumentError("the deadline must be positive");
  return std::unique_ptr<FacilityClient>(
      new FacilityClient(std::move(facility), std::move(asker), deadline));
}

absl::StatusOr<FacilityAnswer> FacilityClient::Ask(
    const v1::Selectievraag& question) const {
  std::unique_ptr<httplib::SSLClient> client =
      MutualTlsClient(facility_, asker_, deadline_);
  const std::string path = absl::StrCat(exchange::V3CollectionPath(question.soort()),
                                        exchange::kV3MatchesSuffix);
  httplib::Result res =
      client->Post(path.c_str(), Headers(facility_, asker_),
                   WriteKoppelvlakQuestion(question), exchange::kJsonType);
  if (!res || res->status != 200) return StatusOf(res);
  FacilityAnswer answer;
  answer.body = res->body;
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  std::string_view vraag_id;
  simdjson::dom::array matches;
  if (parser.parse(answer.body).get_object().get(o) != simdjson::SUCCESS ||
      o["vraagID"].get_string().get(vraag_id) != simdjson::SUCCESS ||
      o["maximumAantalResultatenBereikt"].get_bool().get(answer.capped) !=
          simdjson::SUCCESS ||
      o["matches"].get_array().get(matches) != simdjson::SUCCESS) {
    return absl::DataLossError("the facility's answer is not the contract's");
  }
  answer.vraag_id = std::string(vraag_id);
  for (simdjson::dom::element m : matches) {
    std::string_view id;
    if (m["vumID"].get_string().get(id) != simdjson::SUCCESS)
      return absl::DataLossError("a match of the facility's answer has no vumID");
    answer.vum_ids.emplace_back(id);
  }
  return answer;
}

absl::StatusOr<std::string> FacilityClient::Detail(v1::SoortSelectie kind,
                                                   const std::string& vum_id) const {
  std::unique_ptr<httplib::SSLClient> client =
      MutualTlsClient(facility_, asker_, deadline_);
  const std::string path = absl::StrCat(exchange::V3CollectionPath(kind), "/", vum_id);
  httplib::Result res = client->Get(path.c_str(), Headers(facility_, asker_));
  if (!res || res->status != 200) return StatusOf(res);
  return res->body;
}

}  // namespace vum::ask
