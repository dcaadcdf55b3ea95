#include "lib/exchange/koppelvlak.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "lib/json/json_string.h"

namespace vum::exchange {

const char* V3CollectionOf(v1::SoortSelectie kind) {
  return kind == v1::SOORT_SELECTIE_VACATURES ? kV3VacanciesCollection
                                              : kV3ProfilesCollection;
}

std::string V3CollectionPath(v1::SoortSelectie kind) {
  return absl::StrCat(kBronBasePath, V3CollectionOf(kind));
}

namespace {

using json_internal::JsonString;

constexpr size_t kMaxDetails = 2000;

// `text` cut at `max` bytes, not inside a UTF-8 sequence.
absl::string_view CutUtf8(absl::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

const V3ErrorInfo& V3ErrorOf(V3Error error) {
  // The koppelvlak 3.0 answers with 400, 401, 429, 500 or 503; it has no
  // 403, 404 or 413, so those reasons are a 400 or 401 with their own code;
  // only a path the contract does not have gets a 404.
  static constexpr V3ErrorInfo kTable[] = {
      {400, "400.01", "Ongeldige aanroep: een verplichte kop ontbreekt of is onjuist"},
      {400, "400.02", "Versie van het koppelvlak niet ondersteund"},
      {400, "400.03", "Selectievraag onleesbaar"},
      {400, "400.04", "Selectievraag voldoet niet aan de standaard"},
      {400, "400.05", "Geen beschikbaar profiel of vacature met dit id"},
      {401, "401.01", "Niet geautoriseerd"},
      {401, "401.02", "Geen grondslag of toestemming voor het detail"},
      {429, "429.01", "Te veel selectievragen"},
      {400, "400.06", "Verzoek te groot"},
      {500, "500.01", "Interne fout"},
      {503, "503.01", "Verwerkingslogboek onbeschikbaar; niets verstrekt"},
      {429, "429.02", "Het aantal details voor deze vraag is bereikt"},
      {503, "503.02", "Geen bron beschikbaar"},
      {404, "404.01", "Onbekend pad"},
  };
  return kTable[static_cast<int>(error)];
}

std::string V3ErrorJson(V3Error error, absl::string_view details) {
  const V3ErrorInfo& e = V3ErrorOf(error);
  std::string out = absl::StrCat("{\"code\":", JsonString(e.code),
                                 ",\"message\":", JsonString(e.message));
  if (!details.empty()) {
    absl::StrAppend(&out, ",\"details\":", JsonString(CutUtf8(details, kMaxDetails)));
  }
  out += "}";
  return out;
}

absl::StatusOr<V3ErrorBody> ParseV3Error(absl::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  if (json.size() > 8192 ||
      parser.parse(json.data(), json.size()).get_object().get(o) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the error body is not a JSON object");
  }
  V3ErrorBody body;
  std::string_view text;
  if (o["code"].get_string().get(text) != simdjson::SUCCESS || text.size() > 10) {
    return absl::InvalidArgumentError(
        "the error body has no code of at most 10 characters");
  }
  body.code = std::string(text);
  if (o["message"].get_string().get(text) != simdjson::SUCCESS || text.size() > 500) {
    return absl::InvalidArgumentError(
        "the error body has no message of at most 500 characters");
  }
  body.message = std::string(text);
  if (o["details"].get_string().get(text) == simdjson::SUCCESS) {
    if (text.size() > kMaxDetails)
      return absl::InvalidArgumentError(
          "the error body's details exceed 2000 characters");
    body.details = std::string(text);
  }
  return body;
}

}  // namespace vum::exchange
