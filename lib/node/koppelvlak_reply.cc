#include "lib/node/koppelvlak_reply.h"

#include "absl/strings/str_cat.h"
#include "lib/exchange/wire.h"
#include "lib/validate/formats.h"

namespace vum::node {

using exchange::V3Error;

bool VersionsSpoken(const httplib::Request& req, V3Error* error, std::string* details) {
  for (const char* header :
       {exchange::kBerichtVersieHeader, exchange::kApiVersionHeader}) {
    if (!req.has_header(header)) {
      *error = V3Error::kMalformedRequest;
      *details = absl::StrCat(header, " is missing");
      return false;
    }
    if (req.get_header_value(header) != exchange::kKoppelvlakVersion) {
      *error = V3Error::kUnsupportedVersion;
      *details = absl::StrCat(header, " asks for another version; this service speaks ",
                              exchange::kKoppelvlakVersion);
      return false;
    }
  }
  return true;
}

void SetV3Headers(const httplib::Request& req, httplib::Response& res,
                  const std::string& own_oin) {
  res.headers.erase(exchange::kApiVersionHeader);
  res.set_header(exchange::kApiVersionHeader, exchange::kKoppelvlakVersion);
  res.set_header(exchange::kBerichtVersieHeader, exchange::kKoppelvlakVersion);
  res.set_header(exchange::kFromPartyHeader, own_oin);
  for (const auto& [asked, answered] :
       {std::pair{exchange::kFromPartyHeader, exchange::kToPartyHeader},
        std::pair{exchange::kViaPartyHeader, exchange::kViaPartyHeader}}) {
    const std::string value = req.get_header_value(asked);
    if (validate_internal::IsOin(value)) res.set_header(answered, value);
  }
}

void RefuseV3(Responder& responder, ServedRequest& x, const std::string& own_oin,
              V3Error error, absl::string_view details) {
  const exchange::V3ErrorInfo& e = exchange::V3ErrorOf(error);
  SetV3Headers(x.req, x.res, own_oin);
  // The koppelvlak's 401 has no body.
  responder.Reply(x, e.status,
                  e.status == 401 ? "" : exchange::V3ErrorJson(error, details),
                  exchange::kJsonType);
}

void AnswerV3(Responder& responder, ServedRequest& x, const std::string& own_oin,
              std::string body) {
  SetV3Headers(x.req, x.res, own_oin);
  responder.Reply(x, 200, std::move(body), exchange::kJsonType);
}

void CompleteServerErrorV3(const httplib::Request& req, httplib::Response& res,
                           const std::string& own_oin) {
  SetV3Headers(req, res, own_oin);
  if (res.status == 401) return;
  const V3Error error = res.status == 404   ? V3Error::kNoSuchPath
                        : res.status == 413 ? V3Error::kTooLarge
                        : res.status >= 500 ? V3Error::kInternal
                                            : V3Error::kMalformedRequest;
  res.status = exchange::V3ErrorOf(error).status;
  res.set_content(exchange::V3ErrorJson(error), exchange::kJsonType);
}

}  // namespace vum::node
