#include "lib/node/koppelvlak_openapi.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/exchange/koppelvlak.h"
#include "lib/exchange/wire.h"
#include "lib/json/json_string.h"
#include "vum/schema.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/process.pb.h"
#include "vum/v1/selection.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::node {
namespace {

using exchange::V3Error;
using json_internal::JsonString;

// One kind of record as the interface serves it.
struct Collection {
  const char* path;      // "/werkzoekendeProfielen"
  const char* record;    // "Werkzoekende"
  const char* id_param;  // "idWerkzoekende"
  const char* plural;    // "job-seeker profiles"
};
constexpr Collection kCollections[] = {
    {exchange::kV3ProfilesCollection, "Werkzoekende", "idWerkzoekende",
     "job-seeker profiles"},
    {exchange::kV3VacanciesCollection, "Vacature", "idVacature", "vacancies"}};

std::string Ref(absl::string_view where, absl::string_view name) {
  return absl::StrCat("{\"$ref\":\"#/components/", where, "/", name, "\"}");
}

bool IsBron(KoppelvlakInterface i) { return i == KoppelvlakInterface::kBron; }

std::string Parameters(KoppelvlakInterface i) {
  return absl::StrCat(
      "[", Ref("parameters", "berichtVersie"), ",", Ref("parameters", "apiVersion"), ",",
      Ref("parameters", "fromParty"), ",", Ref("parameters", "toParty"), ",",
      Ref("parameters", "viaParty"),
      IsBron(i) ? absl::StrCat(",", Ref("parameters", "suwiParty")) : "", "]");
}

// The responses of one operation: 200 with `body`, then the refusals.
std::string Responses(absl::string_view ok_description, absl::string_view body,
                      bool with_429) {
  std::vector<std::string> r = {
      absl::StrCat("\"200\":{\"description\":", JsonString(ok_description),
                   ",\"headers\":{", "\"API-Version\":", Ref("headers", "API-Version"),
                   ",\"X-VUM-berichtVersie\":", Ref("headers", "X-VUM-berichtVersie"),
                   ",\"X-VUM-fromParty\":", Ref("headers", "X-VUM-fromParty"),
                   ",\"X-VUM-toParty\":", Ref("headers", "X-VUM-toParty"),
                   ",\"X-VUM-viaParty\":", Ref("headers", "X-VUM-viaParty"),
                   "},\"content\":{\"application/json\":{\"schema\":", body, "}}}")};
  for (const char* status : {"400", "401", "429", "500", "503"}) {
    if (!with_429 && std::string(status) == "429") continue;
    r.push_back(absl::StrCat("\"", status, "\":", Ref("responses", status)));
  }
  return absl::StrCat("{", absl::StrJoin(r, ","), "}");
}

std::string Operations(const Collection& c, KoppelvlakInterface i) {
  const std::string question = absl::StrCat(
      "\"post\":{\"operationId\":", JsonString(absl::StrCat("matches", c.record)),
      ",\"summary\":",
      JsonString(absl::StrCat("Answer a selection question for ", c.plural)),
      ",\"description\":",
      JsonString(IsBron(i)
                     ? "A uniformly random choice of at most the node's cap of "
                       "matching records (100 by default), each reduced to the first "
                       "round; criteria the koppelvlak 3.0 does not describe are "
                       "ignored."
                     : "The question passed unchanged to every source at once; the "
                       "matches of those that answered in time and within the "
                       "contract, each under a vumID of this question."),
      ",\"parameters\":", Parameters(i),
      ",\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{"
      "\"schema\":",
      Ref("schemas", absl::StrCat(c.record, "Vraag")), "}}},\"responses\":",
      Responses("The matches.", Ref("schemas", absl::StrCat(c.record, "Matches")), true),
      "}");
  const std::string id_param = IsBron(i) ? c.id_param : "vumID";
  const std::string detail = absl::StrCat(
      "\"get\":{\"operationId\":", JsonString(absl::StrCat("detail", c.record)),
      ",\"summary\":",
      JsonString(IsBron(i) ? absl::StrCat("The detail of one of the source's ", c.plural)
                           : absl::StrCat("The detail of a match, from its source")),
      ",\"parameters\":[{\"name\":", JsonString(id_param),
      ",\"in\":\"path\",\"required\":true,\"schema\":",
      Ref("schemas", IsBron(i) ? "SafeId" : "VumId"), "},", Parameters(i).substr(1),
      ",\"responses\":",
      IsBron(i) ? Responses("The whole record.", Ref("schemas", c.record), false)
                : Responses("The whole record and its source.",
                            Ref("schemas", absl::StrCat(c.record, "Detail")), true),
      "}");
  return absl::StrCat(
      JsonString(absl::StrCat(c.path, exchange::kV3MatchesSuffix)), ":{", question, "},",
      JsonString(absl::StrCat(c.path, "/{", id_param, "}")), ":{", detail, "}");
}

std::string HeaderParameter(absl::string_view name, absl::string_view header,
                            absl::string_view schema, absl::string_view description) {
  return absl::StrCat(JsonString(name), ":{\"name\":", JsonString(header),
                      ",\"in\":\"header\",\"required\":true,\"description\":",
                      JsonString(description), ",\"schema\":", schema, "}");
}

constexpr char kOin[] = R"({"type":"string","pattern":"^[0-9]{20}$"})";

std::string ParametersComponent(KoppelvlakInterface i) {
  const std::string version = absl::StrCat("{\"type\":\"string\",\"enum\":[\"",
                                           exchange::kKoppelvlakVersion, "\"]}");
  return absl::StrCat(
      "{",
      HeaderParameter("berichtVersie", exchange::kBerichtVersieHeader, version,
                      "The message version; another is refused with 400.02."),
      ",",
      HeaderParameter("apiVersion", exchange::kApiVersionHeader, version,
                      "The interface version; another is refused with 400.02."),
      ",",
      HeaderParameter("fromParty", exchange::kFromPartyHeader, kOin,
                      IsBron(i)
                          ? "The asking controller: registered at the node as a "
                            "party that may ask."
                          : "The asking controller: registered at the facility as a "
                            "party that may ask."),
      ",",
      HeaderParameter("toParty", exchange::kToPartyHeader, kOin,
                      IsBron(i) ? "The answering controller: this node's OIN."
                                : "The exchange facility's OIN."),
      ",",
      HeaderParameter("viaParty", exchange::kViaPartyHeader, kOin,
                      IsBron(i) ? "A processor; checked for form only."
                                : "The asking processor: the certificate's holder, "
                                  "registered for the asker, or the asker itself."),
      IsBron(i)
          ? absl::StrCat(
                ",", HeaderParameter(
                         "suwiParty", exchange::kSuwiPartyHeaderV3,
                         R"({"type":"string","enum":["true","false"]})",
                         "Whether the asker takes part in SUWI (a legal basis for "
                         "details); true only for a party the register knows as one."))
          : "",
      "}");
}

std::string HeadersComponent(KoppelvlakInterface i) {
  const std::string version = absl::StrCat("{\"type\":\"string\",\"enum\":[\"",
                                           exchange::kKoppelvlakVersion, "\"]}");
  std::vector<std::string> h;
  for (const auto& [name, schema, required, description] :
       {std::tuple{exchange::kApiVersionHeader, version, true, "The interface version."},
        std::tuple{exchange::kBerichtVersieHeader, version, true, "The message version."},
        std::tuple{exchange::kFromPartyHeader, std::string(kOin), true,
                   IsBron(i) ? "This node's OIN." : "The facility's OIN."},
        std::tuple{exchange::kToPartyHeader, std::string(kOin), false,
                   "The asking controller, when the request named one as an OIN."},
        std::tuple{exchange::kViaPartyHeader, std::string(kOin), false,
                   "The request's viaParty, when it named one as an OIN."}}) {
    h.push_back(absl::StrCat(
        JsonString(name), ":{\"description\":", JsonString(description),
        ",\"required\":", required ? "true" : "false", ",\"schema\":", schema, "}"));
  }
  return absl::StrCat("{", absl::StrJoin(h, ","), "}");
}

std::string ResponsesComponent(KoppelvlakInterface i) {
  const std::string headers =
      absl::StrCat("{\"API-Version\":", Ref("headers", "API-Version"),
                   ",\"X-VUM-berichtVersie\":", Ref("headers", "X-VUM-berichtVersie"),
                   ",\"X-VUM-fromParty\":", Ref("headers", "X-VUM-fromParty"),
                   ",\"X-VUM-toParty\":", Ref("headers", "X-VUM-toParty"),
                   ",\"X-VUM-viaParty\":", Ref("headers", "X-VUM-viaParty"), "}");
  const std::string error = absl::StrCat(
      ",\"content\":{\"application/json\":{\"schema\":", Ref("schemas", "Error"), "}}");
  std::vector<std::string> r;
  for (const auto& [status, description, body] :
       {std::tuple{"400",
                   "Not answered: a header, the question or the id (see the code).",
                   true},
        std::tuple{"401",
                   "Not authorized: the certificate, a party or the basis for a "
                   "detail. No body.",
                   false},
        std::tuple{"429",
                   IsBron(i)
                       ? "The asker's questions for today are used."
                       : "The asker's questions for today, or the question's details, "
                         "are used (see the code).",
                   true},
        std::tuple{"500", "The service failed.", true},
        std::tuple{"503",
                   IsBron(i)
                       ? "The processing log cannot be written; nothing is shown."
                       : "The processing log cannot be written, or no source answered "
                         "(see the code).",
                   true}}) {
    r.push_back(absl::StrCat("\"", status,
                             "\":{\"description\":", JsonString(description),
                             ",\"headers\":", headers, body ? error : "", "}"));
  }
  return absl::StrCat("{", absl::StrJoin(r, ","), "}");
}

std::string ErrorSchema(KoppelvlakInterface in) {
  std::vector<std::string> codes;
  for (int i = 0; i <= static_cast<int>(V3Error::kNoSuchPath); ++i) {
    const V3Error e = static_cast<V3Error>(i);
    // The exchange facility's own reasons are not a source's.
    if (IsBron(in) &&
        (e == V3Error::kDetailQuotaUsed || e == V3Error::kSourceUnavailable))
      continue;
    codes.push_back(JsonString(exchange::V3ErrorOf(e).code));
  }
  return absl::StrCat(
      "{\"type\":\"object\",\"required\":[\"code\",\"message\"],\"properties\":{"
      "\"code\":{\"type\":\"string\",\"maxLength\":10,\"enum\":[",
      absl::StrJoin(codes, ","),
      "]},\"message\":{\"type\":\"string\",\"maxLength\":500},"
      "\"details\":{\"type\":\"string\",\"maxLength\":2000,\"description\":"
      "\"Which header, rule or limit; never a personal value.\"}}}");
}

std::string SchemasComponent(KoppelvlakInterface i) {
  std::vector<std::string> s = {
      absl::StrCat("\"Error\":", ErrorSchema(i)),
      IsBron(i) ? R"("SafeId":{"type":"string","pattern":"^[a-zA-Z0-9_.-]{1,200}$"})"
                : R"("VumId":{"type":"string","pattern":"^[a-zA-Z0-9_.-]{1,500}$"})",
      R"("Selectiegebied":{"type":"object","required":["postcode","afstand"],)"
      R"("properties":{"postcode":{"type":"string","pattern":"^[0-9]{4}[a-zA-Z]{2}$"},)"
      R"("afstand":{"type":"integer","minimum":0,"maximum":999}}})",
      R"("Vraag":{"type":"object","required":["selectiegebied"],)"
      R"("description":"The area and the criteria, one property per path, each an object )"
      R"(of operators (docs/selection.md).","properties":{"selectiegebied":)"
      R"({"$ref":"#/components/schemas/Selectiegebied"}},)"
      R"("additionalProperties":{"type":"object"}})"};
  for (const Collection& c : kCollections) {
    s.push_back(
        absl::StrCat("\"", c.record,
                     "Vraag\":{\"type\":\"object\",\"required\":[\"vraagObject\"],"
                     "\"properties\":{\"vraagObject\":",
                     Ref("schemas", "Vraag"), "}}"));
    s.push_back(absl::StrCat(
        "\"", c.record,
        "Matches\":{\"type\":\"object\",\"required\":["
        "\"maximumAantalResultatenBereikt\",",
        IsBron(i) ? "" : "\"vraagID\",",
        "\"matches\"],\"properties\":{\"maximumAantalResultatenBereikt\":{\"type\":"
        "\"boolean\",\"description\":\"More records matched than the answer holds.\"},",
        IsBron(i)
            ? ""
            : "\"vraagID\":{\"type\":\"string\",\"maxLength\":100,\"description\":"
              "\"The facility's id of this question; details are counted per vraagID."
              "\"},",
        "\"matches\":{\"type\":\"array\",\"items\":",
        Ref("schemas", absl::StrCat(c.record, IsBron(i) ? "Match" : "MatchVum")), "}}}"));
    if (!IsBron(i)) {
      const std::string member =
          c.record == std::string("Vacature") ? "vacature" : "werkzoekende";
      s.push_back(absl::StrCat(
          "\"", c.record, "Detail\":{\"type\":\"object\",\"required\":[\"bronID\",\"",
          member,
          "\"],\"properties\":{\"bronID\":{\"type\":\"string\",\"maxLength\":200,"
          "\"description\":\"The source's OIN.\"},\"",
          member, "\":", Ref("schemas", c.record), "}}"));
    }
  }
  std::set<std::string> named;
  for (const google::protobuf::Descriptor* type :
       {v1::Werkzoekende::descriptor(), v1::Vacature::descriptor()}) {
    for (SchemaForm form :
         {SchemaForm::kRecord,
          IsBron(i) ? SchemaForm::kFirstRound : SchemaForm::kFacilityMatch}) {
      for (const auto& [name, schema] : OpenApiSchemasOf(*type, form)) {
        if (named.insert(name).second)
          s.push_back(absl::StrCat(JsonString(name), ":", schema));
      }
    }
  }
  return absl::StrCat("{", absl::StrJoin(s, ","), "}");
}

// `json` (compact, valid) with two-space indentation, one member or item a
// line, "key": value with one space.
std::string Indented(absl::string_view json) {
  std::string out;
  int depth = 0;
  bool in_string = false;
  auto newline = [&] { absl::StrAppend(&out, "\n", std::string(2 * depth, ' ')); };
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\') out += json[++i];
      in_string = c != '"';
      continue;
    }
    const bool opens = c == '{' || c == '[';
    if (opens && i + 1 < json.size() && json[i + 1] == (c == '{' ? '}' : ']')) {
      out += c;
      out += json[++i];  // an empty object or list stays on its line
      continue;
    }
    if (c == '}' || c == ']') {
      --depth;
      newline();
    }
    out += c;
    if (c == '"') in_string = true;
    if (c == ':') out += ' ';
    if (opens) ++depth;
    if (opens || c == ',') newline();
  }
  return out;
}

}  // namespace

std::string KoppelvlakOpenApiJson(KoppelvlakInterface i) {
  std::vector<std::string> paths;
  for (const Collection& c : kCollections) paths.push_back(Operations(c, i));
  const std::string doc = absl::StrCat(
      "{\"openapi\":\"3.1.0\",\"info\":{\"title\":",
      IsBron(i) ? "\"VUM Bron interface (vum-node)\""
                : "\"VUM Bemiddelaar interface (vum-hub)\"",
      ",\"version\":\"", exchange::kKoppelvlakVersion, "\",\"summary\":",
      IsBron(i) ? "\"The koppelvlak 3.0 Bron interface as vum-node serves it to the "
                  "exchange facility.\""
                : "\"The koppelvlak 3.0 Bemiddelaar interface as vum-hub, the exchange "
                  "facility, serves it to mediators.\"",
      ",\"description\":",
      JsonString(absl::StrCat(
          "Generated from the vum schema (", VersionLabel(), ") by `vum node openapi",
          IsBron(i) ? "" : " --interface bemiddelaar", "`. Mutual TLS only. ",
          IsBron(i)
              ? "The caller's certificate is the exchange facility's, registered at "
                "the node; the asking party is X-VUM-fromParty."
              : "The caller's certificate is the asker's or its processor's, "
                "registered at the facility.",
          " The codes of the Error body are vum's (docs/node.md, docs/hub.md).")),
      ",\"license\":{\"name\":\"EUPL-1.2\",\"identifier\":\"EUPL-1.2\"}},"
      "\"servers\":[{\"url\":\"",
      exchange::kBronBasePath, "\"}],\"security\":[{\"mutualTLS\":[]}],\"paths\":{",
      absl::StrJoin(paths, ","),
      "},\"components\":{\"securitySchemes\":{\"mutualTLS\":{\"type\":\"mutualTLS\","
      "\"description\":\"A client certificate from the configured CA (PKIoverheid in "
      "production) with the caller's OIN as subject serialNumber.\"}},"
      "\"parameters\":",
      ParametersComponent(i), ",\"headers\":", HeadersComponent(i),
      ",\"responses\":", ResponsesComponent(i), ",\"schemas\":", SchemasComponent(i),
      "}}");
  return Indented(doc) + "\n";
}

std::string NodeRecordSchemasJson() {
  std::vector<std::string> schemas;
  std::set<std::string> named;
  // The answer's records are in the employer's view; the rest whole.
  for (const auto& [type, form] :
       {std::pair{v1::Selectieresultaat::descriptor(), SchemaForm::kEmployerView},
        {v1::Detailantwoord::descriptor(), SchemaForm::kRecord},
        {v1::Werkzoekende::descriptor(), SchemaForm::kRecord},
        {v1::Vacature::descriptor(), SchemaForm::kRecord},
        {v1::Procesgegevens::descriptor(), SchemaForm::kRecord}}) {
    for (const auto& [name, schema] : OpenApiSchemasOf(*type, form)) {
      if (named.insert(name).second)
        schemas.push_back(absl::StrCat(JsonString(name), ":", schema));
    }
  }
  return Indented(absl::StrCat("{\"components\":{\"schemas\":{",
                               absl::StrJoin(schemas, ","), "}}}")) +
         "\n";
}

}  // namespace vum::node
