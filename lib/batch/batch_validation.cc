#include "vum/batch_validation.h"

#include "absl/strings/str_cat.h"

namespace vum {
namespace {

// The record kind a batch of `content` may hold, besides withdrawals.
v1::BatchRecord::MutatieCase Expected(v1::SoortInhoud content) {
  switch (content) {
    case v1::SOORT_INHOUD_WERKZOEKENDEN:
      return v1::BatchRecord::kWerkzoekende;
    case v1::SOORT_INHOUD_VACATURES:
      return v1::BatchRecord::kVacature;
    default:
      return v1::BatchRecord::MUTATIE_NOT_SET;
  }
}

const char* KindName(v1::BatchRecord::MutatieCase kind) {
  switch (kind) {
    case v1::BatchRecord::kWerkzoekende:
      return "werkzoekende";
    case v1::BatchRecord::kVacature:
      return "vacature";
    case v1::BatchRecord::kIntrekking:
      return "intrekking";
    default:
      return "";
  }
}

}  // namespace

absl::StatusOr<BatchReport> ValidateBatch(
    BatchReader& reader, const Validator& validator,
    const std::function<void(const RecordVerdict&)>& on_record) {
  BatchReport report;
  report.header = reader.header();
  absl::StatusOr<ValidationResult> header = validator.Validate(reader.header());
  if (!header.ok()) return header.status();
  report.header_result = *std::move(header);
  const v1::BatchRecord::MutatieCase expected = Expected(reader.header().inhoud());

  v1::BatchRecord record;
  RecordVerdict verdict;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&record, &verdict.position);
    if (!more.ok()) {
      report.file_status = more.status();
      break;
    }
    if (!*more) break;
    ++report.read;
    verdict.kind = KindName(record.mutatie_case());
    verdict.problem.clear();
    verdict.result = ValidationResult();
    if (!verdict.position.parse_error.empty()) {
      verdict.problem = verdict.position.parse_error;
    } else if (record.mutatie_case() != v1::BatchRecord::kIntrekking &&
               record.mutatie_case() != expected) {
      verdict.problem = absl::StrCat(
          "a ", verdict.kind.empty() ? "record without content" : verdict.kind,
          " in a batch of ", v1::SoortInhoud_Name(reader.header().inhoud()));
    } else {
      absl::StatusOr<ValidationResult> result = validator.Validate(record);
      if (!result.ok()) return result.status();
      verdict.result = *std::move(result);
    }
    verdict.accepted = verdict.problem.empty() && verdict.result.conforms();
    ++(verdict.accepted ? report.accepted : report.rejected);
    if (on_record) on_record(verdict);
  }
  return report;
}

}  // namespace vum
