#include "lib/hub/source_answer.h"

#include <simdjson.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "lib/validate/formats.h"
#include "vum/first_round.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::hub {
namespace {

constexpr size_t kMaxIdLength = 200;

std::unique_ptr<google::protobuf::Message> RecordOf(v1::SoortSelectie kind) {
  if (kind == v1::SOORT_SELECTIE_VACATURES) return std::make_unique<v1::Vacature>();
  return std::make_unique<v1::Werkzoekende>();
}

// The record's own id field (idWerkzoekende, idVacature).
const google::protobuf::FieldDescriptor* IdField(const google::protobuf::Message& m) {
  return m.GetDescriptor()->FindFieldByName(
      m.GetDescriptor() == v1::Vacature::descriptor() ? "id_vacature"
                                                      : "id_werkzoekende");
}

absl::Status Breaks(absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("the source's answer breaks the contract: ", why));
}

// Reads one record strictly; its id must be a SafeIDString.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> ReadRecord(
    absl::string_view json, v1::SoortSelectie kind, absl::string_view where) {
  std::unique_ptr<google::protobuf::Message> record = RecordOf(kind);
  if (absl::Status s = ParseJson(json, record.get()); !s.ok()) {
    return Breaks(absl::StrCat(where, ": ", s.message()));
  }
  const std::string id = record->GetReflection()->GetString(*record, IdField(*record));
  if (id.empty() || id.size() > kMaxIdLength || !validate_internal::IsSafeId(id)) {
    return Breaks(absl::StrCat(where, " has no id that is a SafeIDString"));
  }
  return record;
}

}  // namespace

absl::StatusOr<SourceAnswer> ReadSourceAnswer(absl::string_view body,
                                              v1::SoortSelectie kind,
                                              size_t max_matches) {
  simdjson::dom::parser parser;
  simdjson::dom::object top;
  if (parser.parse(body.data(), body.size()).get_object().get(top) != simdjson::SUCCESS)
    return Breaks("not a JSON object");
  SourceAnswer answer;
  simdjson::dom::array matches;
  size_t members = 0;
  for (auto field : top) {
    ++members;
    if (field.key == "maximumAantalResultatenBereikt") {
      if (field.value.get_bool().get(answer.capped) != simdjson::SUCCESS)
        return Breaks("maximumAantalResultatenBereikt is not a boolean");
    } else if (field.key == "matches") {
      if (field.value.get_array().get(matches) != simdjson::SUCCESS)
        return Breaks("matches is not a list");
    } else {
      return Breaks("it has a member the contract does not describe");
    }
  }
  if (members != 2) return Breaks("maximumAantalResultatenBereikt or matches is missing");
  if (matches.size() > max_matches)
    return Breaks(absl::StrCat("more than ", max_matches, " matches"));
  size_t i = 0;
  for (simdjson::dom::element m : matches) {
    const std::string where = absl::StrCat("matches[", i++, "]");
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
        ReadRecord(simdjson::minify(m), kind, where);
    if (!record.ok()) return record.status();
    std::unique_ptr<google::protobuf::Message> shared((*record)->New());
    shared->CopyFrom(**record);
    if (KeepFirstRound(shared.get()) > 0)
      return Breaks(
          absl::StrCat(where, " carries an element the first round leaves out"));
    SourceMatch match;
    const google::protobuf::Reflection* r = (*record)->GetReflection();
    match.source_id = r->GetString(**record, IdField(**record));
    r->ClearField(record->get(), IdField(**record));
    PrintJsonFast(**record, &match.json_without_id);
    answer.matches.push_back(std::move(match));
  }
  return answer;
}

absl::StatusOr<std::string> ReadSourceDetail(absl::string_view body,
                                             v1::SoortSelectie kind,
                                             absl::string_view id) {
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
      ReadRecord(body, kind, "the detail");
  if (!record.ok()) return record.status();
  if ((*record)->GetReflection()->GetString(**record, IdField(**record)) != id)
    return Breaks("the detail is of another record than asked");
  std::string json;
  PrintJsonFast(**record, &json);
  return json;
}

}  // namespace vum::hub
