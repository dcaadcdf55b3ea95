#include "lib/node/bron_interface.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/exchange/wire.h"
#include "lib/node/koppelvlak_reply.h"
#include "lib/validate/formats.h"
#include "vum/selection.h"

namespace vum::node {
namespace {

using exchange::V3Error;

constexpr size_t kMaxIdLength = 200;  // SafeIDString

// The question's violations as rule ids and paths (never a value).
std::string ViolationSummary(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& v : violations) {
    if (v.severity != Severity::kError) continue;
    absl::StrAppend(&out, out.empty() ? "" : "; ", v.rule_id, " ", v.path.ToString());
  }
  return out;
}

}  // namespace

bool BronInterface::Serves(absl::string_view path) {
  return absl::StartsWith(path, absl::StrCat(exchange::kBronBasePath, "/"));
}

void BronInterface::CompleteServerError(const httplib::Request& req,
                                        httplib::Response& res,
                                        const std::string& node_oin) {
  CompleteServerErrorV3(req, res, node_oin);
}

void BronInterface::Route(server::Router& server, std::vector<std::string>* endpoints) {
  for (v1::SoortSelectie kind :
       {v1::SOORT_SELECTIE_WERKZOEKENDEN, v1::SOORT_SELECTIE_VACATURES}) {
    const std::string base = exchange::V3CollectionPath(kind);
    server.Post(base + exchange::kV3MatchesSuffix,
                [this, kind](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& reader) {
                  HandleMatches(kind, req, res, reader);
                });
    server.Get(base + "/([^/]+)",
               [this, kind](const httplib::Request& req, httplib::Response& res) {
                 HandleDetail(kind, req, res);
               });
    endpoints->push_back(absl::StrCat("POST ", base, exchange::kV3MatchesSuffix));
    endpoints->push_back(absl::StrCat(
        "GET ", base,
        kind == v1::SOORT_SELECTIE_VACATURES ? "/{idVacature}" : "/{idWerkzoekende}"));
  }
}

absl::Time BronInterface::Now() const { return c_.now ? c_.now() : absl::Now(); }

const BronService& BronInterface::ServiceFor(v1::SoortSelectie kind) const {
  return kind == v1::SOORT_SELECTIE_VACATURES ? *c_.vacancies : *c_.profiles;
}

void BronInterface::Fail(ServedRequest& x, V3Error error, absl::string_view details) {
  RefuseV3(*c_.responder, x, c_.config->oin, error, details);
}

bool BronInterface::Admit(ServedRequest& x, Caller* caller) {
  V3Error error;
  std::string details;
  if (!VersionsSpoken(x.req, &error, &details)) {
    Fail(x, error, details);
    return false;
  }
  absl::StatusOr<Caller> admitted =
      c_.parties->AuthorizeViaFacility(c_.config->oin, CertificateOin(x.req),
                                       {HeaderOf(x.req, exchange::kFromPartyHeader),
                                        HeaderOf(x.req, exchange::kToPartyHeader),
                                        HeaderOf(x.req, exchange::kViaPartyHeader),
                                        HeaderOf(x.req, exchange::kSuwiPartyHeaderV3)});
  if (absl::IsInvalidArgument(admitted.status())) {
    Fail(x, V3Error::kMalformedRequest, admitted.status().message());
    return false;
  }
  if (!admitted.ok()) {
    Fail(x, V3Error::kNotAuthorized);
    return false;
  }
  *caller = *std::move(admitted);
  x.requester = caller->controller_oin;
  return true;
}

bool BronInterface::ReadQuestion(ServedRequest& x, v1::SoortSelectie kind,
                                 const httplib::ContentReader& reader,
                                 v1::Selectievraag* question) {
  const size_t limit = c_.config->limits.max_question_bytes;
  std::string body;
  if (!ReadBodyUpTo(reader, limit, &body)) {
    Fail(x, V3Error::kTooLarge, absl::StrCat("the limit is ", limit, " bytes"));
    return false;
  }
  absl::StatusOr<v1::Selectievraag> q =
      ReadSelectionQuestion(body, {.default_kind = kind, .max_bytes = limit});
  if (!q.ok()) {
    Fail(x, V3Error::kQuestionUnreadable, q.status().message());
    return false;
  }
  if (q->soort() != kind) {
    Fail(x, V3Error::kQuestionInvalid, "the question asks for another kind of record");
    return false;
  }
  *question = *std::move(q);
  return true;
}

void BronInterface::HandleMatches(v1::SoortSelectie kind, const httplib::Request& req,
                                  httplib::Response& res,
                                  const httplib::ContentReader& reader) {
  ServedRequest x = c_.responder->Begin(
      req, res, absl::StrCat("bron-matches-", exchange::KindName(kind)));
  Caller caller;
  v1::Selectievraag question;
  if (!Admit(x, &caller)) return DiscardBody(reader);
  if (!ReadQuestion(x, kind, reader, &question)) return;
  const absl::Time now = Now();
  if (!c_.quota->Take(caller.controller_oin, now)) {
    return Fail(x, V3Error::kTooManyQuestions,
                "the asker's questions for today are used");
  }
  absl::StatusOr<BronAnswer> answer =
      ServiceFor(kind).Answer(question, {caller.controller_oin, caller.legal_basis}, now);
  if (!answer.ok() || answer->refused()) c_.quota->GiveBack(caller.controller_oin, now);
  if (!answer.ok()) return Fail(x, V3Error::kInternal);
  if (answer->refused()) {
    return Fail(x, V3Error::kQuestionInvalid, ViolationSummary(answer->violations));
  }
  if (!c_.log
           ->Write(x.trace, "bron-selectievraag-beantwoorden", caller, answer->record_ids,
                   x.trace.span_id, now)
           .ok()) {
    c_.quota->GiveBack(caller.controller_oin, now);
    return Fail(x, V3Error::kLogUnavailable);
  }
  AnswerV3(*c_.responder, x, c_.config->oin, std::move(answer->body));
}

void BronInterface::HandleDetail(v1::SoortSelectie kind, const httplib::Request& req,
                                 httplib::Response& res) {
  ServedRequest x = c_.responder->Begin(
      req, res, absl::StrCat("bron-detail-", exchange::KindName(kind)));
  Caller caller;
  if (!Admit(x, &caller)) return;
  const std::string id = req.matches[1];
  if (id.size() > kMaxIdLength || !validate_internal::IsSafeId(id)) {
    return Fail(x, V3Error::kUnknownId, "the id is not a SafeIDString");
  }
  const absl::Time now = Now();
  absl::StatusOr<std::string> detail =
      ServiceFor(kind).Detail(id, {caller.controller_oin, caller.legal_basis}, now);
  if (absl::IsNotFound(detail.status())) return Fail(x, V3Error::kUnknownId);
  if (absl::IsPermissionDenied(detail.status())) return Fail(x, V3Error::kNoDetailBasis);
  if (!detail.ok()) return Fail(x, V3Error::kInternal);
  if (!c_.log->Write(x.trace, "bron-detail-tonen", caller, {id}, "", now).ok()) {
    return Fail(x, V3Error::kLogUnavailable);
  }
  AnswerV3(*c_.responder, x, c_.config->oin, std::move(*detail));
}

}  // namespace vum::node
