// lib/accredit/accreditation.h: a local accreditation of a source's Bron
// interface (koppelvlak 3.0), for any implementation in any language.
//
// Two steps, as the national accreditation has them, but on the vendor's own
// machine and in its CI:
//   1. MakeUploadSet writes an upload set: synthetic profiles with their
//      consents, and vacancies (VUM JSON, NDJSON) that the vendor loads into its own system
//      by its own means, and the questions with their expected answers,
//      computed by vum's reference (vum/bron_service.h) at the moment the
//      set is made.
//   2. CheckSource asks the vendor's Bron interface every question as the
//      exchange facility would (mutual TLS, the koppelvlak's headers) and
//      judges each answer: status, headers, the contract's shape and nothing
//      more (lib/hub/source_answer.h), every match one of the expected
//      records in its first round, as many as the cap allows with the flag
//      set right, a random choice under the cap; then details by id, and
//      requests the contract refuses (another version, a missing header, a
//      body that is not a question).
//
// Every case has an id and, when it fails, a message with what was expected
// and what was observed (never a value of a record). A failure list works as
// in the conformance suite (docs/accreditation.md).
//
// Example:
//
//   absl::StatusOr<UploadSet> set = MakeUploadSet(pc4, {.count = 2000});
//   absl::Status s = WriteUploadSet(*set, "upload");
//   ...  // the vendor loads upload/profielen.ndjson, upload/procesgegevens.ndjson
//        // and upload/vacatures.ndjson
//   std::vector<CaseResult> results = CheckSource(*set, target);
//
// Thread safety: functions only.

#ifndef VUM_LIB_ACCREDIT_ACCREDITATION_H_
#define VUM_LIB_ACCREDIT_ACCREDITATION_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/ask/asker.h"
#include "vum/pc4.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/process.pb.h"
#include "vum/v1/selection.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::accredit {

// One question and the ids of every record that fits it.
struct QuestionCase {
  std::string id;  // "vraag.contractvorm-of", "vacature.niveau", ...
  // What it asks for: the path it is posted to (werkzoekendeProfielen or
  // vacatures) and the records expected_ids name.
  v1::SoortSelectie kind = v1::SOORT_SELECTIE_WERKZOEKENDEN;
  std::string description;                // for people
  std::string question_json;              // {"vraagObject": ...}
  std::vector<std::string> expected_ids;  // sorted
};

struct UploadSet {
  std::vector<v1::Werkzoekende> profiles;
  std::vector<v1::Procesgegevens> process;
  std::vector<v1::Vacature> vacancies;
  std::vector<QuestionCase> questions;
  // The cap a source applies (the Afsprakenstelsel's 100).
  int cap = 100;
  std::string made_at;  // RFC 3339
};

struct UploadSetOptions {
  int count = 2000;  // profiles, each with its process data
  int vacancy_count = 500;
  uint64_t seed = 1;
  absl::Time at = absl::Now();
};

// Generates the profiles (spread over the country's four-digit areas) with
// their consents, the vacancies, and the questions of both kinds with the
// answers vum gives at `at`.
[[nodiscard]] absl::StatusOr<UploadSet> MakeUploadSet(const Pc4Register& pc4,
                                                      const UploadSetOptions& options);

// Writes profielen.ndjson, procesgegevens.ndjson, vacatures.ndjson and
// vragen.json into `dir`
// (made if needed). UNAVAILABLE if a file cannot be written.
[[nodiscard]] absl::Status WriteUploadSet(const UploadSet& set, const std::string& dir);
// Reads what WriteUploadSet wrote. NOT_FOUND or INVALID_ARGUMENT naming the
// file.
[[nodiscard]] absl::StatusOr<UploadSet> ReadUploadSet(const std::string& dir);

// The source under test and who asks it.
struct SourceTarget {
  ask::NodeAddress source;  // its address and OIN (X-VUM-toParty)
  // The facility's certificate and key (the caller), and the CA bundle the
  // source's certificate chains to; from_oin is the asking mediator
  // (X-VUM-fromParty), suwi its X-VUM-SUWIparty.
  ask::Identity facility;
  std::string facility_oin;  // X-VUM-viaParty
  absl::Duration timeout = absl::Seconds(10);
  // How often a question over the cap is asked, to see a random choice.
  int repeats = 5;
};

struct CaseResult {
  std::string id;
  bool passed = false;
  std::string message;  // what was expected and observed, when failed
};

// Runs every case against the source.
[[nodiscard]] std::vector<CaseResult> CheckSource(const UploadSet& set,
                                                  const SourceTarget& target);

// A case's outcome under a failure list (the ids of cases expected to fail).
enum class Verdict {
  kPass,
  kFail,
  kExpectedFail,    // failed, and listed
  kUnexpectedPass,  // passed, but listed: the list must be corrected
};
[[nodiscard]] Verdict VerdictOf(const CaseResult& result,
                                const std::set<std::string>& listed);
// "PASS", "FAIL", "XFAIL", "UNEXPECTED PASS".
[[nodiscard]] const char* VerdictName(Verdict v);

// The results as JUnit XML, one testcase per case, in a testsuite named
// `suite`: a listed failure is skipped, an unexpected pass a failure.
[[nodiscard]] std::string JUnitXml(const std::vector<CaseResult>& results,
                                   const std::set<std::string>& listed,
                                   absl::string_view suite);

// The results as one self-contained HTML page (no scripts, no links): the
// title, when it was judged, the counts and a row per case with its verdict
// and message.
[[nodiscard]] std::string HtmlReport(const std::vector<CaseResult>& results,
                                     const std::set<std::string>& listed,
                                     absl::string_view title);

}  // namespace vum::accredit

#endif  // VUM_LIB_ACCREDIT_ACCREDITATION_H_
