#include "testee/handler.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "vum/batch.h"
#include "vum/batch_validation.h"
#include "vum/delta.h"
#include "vum/json.h"
#include "vum/record.h"
#include "vum/view.h"

namespace vum::conformance {
namespace {

ConformanceResponse RuntimeError(absl::string_view why) {
  ConformanceResponse response;
  response.set_runtime_error(std::string(why));
  return response;
}

// Parses the request's input into `record`.
template <typename Request>
absl::Status ParseInput(const Request& request, google::protobuf::Message* record) {
  return request.has_json() ? ParseJson(request.json(), record)
                            : ParseBinary(request.binary(), record);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Handler>> Handler::Create(
    const std::vector<std::string>& codelist_dirs) {
  std::unique_ptr<Handler> handler(new Handler);
  for (const std::string& dir : codelist_dirs) {
    if (absl::Status s = handler->lists_.LoadDirectory(dir); !s.ok()) return s;
  }
  return handler;
}

absl::StatusOr<const Validator*> Handler::ValidatorFor(const std::string& date) {
  auto it = validators_.find(date);
  if (it != validators_.end()) return it->second.get();
  absl::CivilDay day;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &day)) {
    return absl::InvalidArgumentError("the reference date is not YYYY-MM-DD");
  }
  absl::StatusOr<std::unique_ptr<Validator>> validator =
      Validator::Create({.reference_date = day, .code_lists = &lists_});
  if (!validator.ok()) return validator.status();
  return (validators_[date] = *std::move(validator)).get();
}

ConformanceResponse Handler::Handle(const ConformanceRequest& request) {
  switch (request.kind_case()) {
    case ConformanceRequest::kValidate: return Validate(request.validate());
    case ConformanceRequest::kRoundTrip: return RoundTrip(request.round_trip());
    case ConformanceRequest::kBatch: return Batch(request.batch());
    case ConformanceRequest::kDelta: return Delta(request.delta());
    case ConformanceRequest::kView: return View(request.view());
    default: {
      ConformanceResponse response;
      response.set_skipped("unknown request kind");
      return response;
    }
  }
}

ConformanceResponse Handler::Validate(const ValidateRequest& request) {
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record = NewRecord(request.record_type());
  if (!record.ok()) return RuntimeError(record.status().message());
  ConformanceResponse response;
  ValidateResult* result = response.mutable_validate();
  if (!ParseInput(request, record->get()).ok()) {
    result->set_parse_error(true);
    return response;
  }
  absl::StatusOr<const Validator*> validator = ValidatorFor(request.reference_date());
  if (!validator.ok()) return RuntimeError(validator.status().message());
  absl::StatusOr<ValidationResult> verdict = (*validator)->Validate(**record);
  if (!verdict.ok()) return RuntimeError(verdict.status().message());
  for (const Violation& v : verdict->violations()) {
    Finding* finding = result->add_findings();
    finding->set_rule_id(v.rule_id);
    finding->set_path(v.path.ToString());
    finding->set_severity(std::string(SeverityName(v.severity)));
  }
  return response;
}

ConformanceResponse Handler::RoundTrip(const RoundTripRequest& request) {
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record = NewRecord(request.record_type());
  if (!record.ok()) return RuntimeError(record.status().message());
  if (absl::Status s = ParseInput(request, record->get()); !s.ok()) {
    return RuntimeError(absl::StrCat("input does not parse: ", s.message()));
  }
  ConformanceResponse response;
  if (request.output() == BINARY) {
    response.set_binary((*record)->SerializeAsString());
  } else {
    PrintJsonFast(**record, response.mutable_json());
  }
  return response;
}

ConformanceResponse Handler::Batch(const BatchRequest& request) {
  ConformanceResponse response;
  BatchResult* result = response.mutable_batch();
  absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::FromBytes(request.file());
  if (!reader.ok()) {
    result->set_status(std::string(BatchDamageName(BatchDamageOf(reader.status()))));
    return response;
  }
  absl::StatusOr<const Validator*> validator = ValidatorFor(request.reference_date());
  if (!validator.ok()) return RuntimeError(validator.status().message());
  absl::StatusOr<BatchReport> report =
      ValidateBatch(**reader, **validator, [&](const RecordVerdict& verdict) {
        if (!verdict.accepted) result->add_rejected(verdict.position.index);
      });
  if (!report.ok()) return RuntimeError(report.status().message());
  result->set_records(report->read);
  result->set_status(report->file_status.ok()
                         ? "whole"
                         : std::string(BatchDamageName(BatchDamageOf(report->file_status))));
  return response;
}

ConformanceResponse Handler::Delta(const DeltaRequest& request) {
  // The library applies deltas to files; give it temporary ones.
  const auto dir = std::filesystem::temp_directory_path() /
                   absl::StrCat("vum-testee-", getpid());
  std::filesystem::create_directories(dir);
  std::ofstream((dir / "full").string(), std::ios::binary) << request.full();
  std::ofstream((dir / "delta").string(), std::ios::binary) << request.delta();
  ConformanceResponse response;
  DeltaResult* result = response.mutable_delta();
  absl::StatusOr<vum::DeltaResult> outcome =
      ApplyDelta((dir / "full").string(), (dir / "delta").string(), (dir / "out").string());
  if (!outcome.ok()) {
    const DeltaRefusal refusal = DeltaRefusalOf(outcome.status());
    result->set_status(refusal == DeltaRefusal::kNone ? "damaged"
                                                      : std::string(DeltaRefusalName(refusal)));
  } else {
    result->set_status("applied");
    result->set_sequence(outcome->header.volgnummer());
    auto reader = BatchReader::Open((dir / "out").string());
    v1::BatchRecord record;
    RecordPosition position;
    std::vector<std::string> ids;
    while (reader.ok() && *(*reader)->Next(&record, &position)) ids.emplace_back(RecordId(record));
    std::sort(ids.begin(), ids.end());
    for (const std::string& id : ids) result->add_ids(id);
  }
  std::filesystem::remove_all(dir);
  return response;
}

ConformanceResponse Handler::View(const ViewRequest& request) {
  v1::Werkzoekende profile;
  if (absl::Status s = ParseJson(request.profile_json(), &profile); !s.ok()) {
    return RuntimeError(absl::StrCat("profile does not parse: ", s.message()));
  }
  if (request.view() < v1::VIEW_EMPLOYER || request.view() > v1::VIEW_OWNER) {
    return RuntimeError("unknown view");
  }
  const auto view = static_cast<v1::View>(request.view());
  ReduceToView(&profile, {.view = view, .special_category_consent = request.special_category_consent()});
  Generalise(&profile, view, {});
  ConformanceResponse response;
  PrintJsonFast(profile, response.mutable_json());
  return response;
}

bool ReadMessage(FILE* in, std::string* bytes) {
  unsigned char size[4];
  if (fread(size, 1, 4, in) != 4) return false;
  const uint32_t n = size[0] | (size[1] << 8) | (size[2] << 16) | (static_cast<uint32_t>(size[3]) << 24);
  bytes->resize(n);
  return n == 0 || fread(bytes->data(), 1, n, in) == n;
}

bool WriteMessage(FILE* out, const std::string& bytes) {
  const uint32_t n = static_cast<uint32_t>(bytes.size());
  const unsigned char size[4] = {static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
                                 static_cast<unsigned char>(n >> 16), static_cast<unsigned char>(n >> 24)};
  return fwrite(size, 1, 4, out) == 4 && fwrite(bytes.data(), 1, n, out) == n && fflush(out) == 0;
}

}  // namespace vum::conformance
