// The inputs the "// Example:" blocks of the public headers may use without
// declaring them: a profile, a document's text, a code-list registry and so
// on, as a caller would have them at hand. Declared, never defined: the
// examples are compiled, not run.
#ifndef VUM_TESTS_EXAMPLES_GIVEN_H_
#define VUM_TESTS_EXAMPLES_GIVEN_H_

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "vum/answer_ledger.h"
#include "vum/batch.h"
#include "vum/caseload_index.h"
#include "vum/code_list.h"
#include "vum/pc4.h"
#include "vum/pseudonym.h"
#include "vum/report.h"
#include "vum/selection.h"
#include "vum/v1/batch.pb.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/process.pb.h"
#include "vum/v1/selection.pb.h"
#include "vum/v1/views.pb.h"
#include "vum/validator.h"

namespace vum_examples {

extern vum::v1::Werkzoekende profile;
extern vum::v1::Werkzoekende generalised_profile;
extern vum::v1::Procesgegevens process;
extern vum::v1::BatchKop header;
extern vum::v1::BatchRecord record_to_write;
extern vum::v1::Selectievraag question;
extern std::string text, json, bytes, bsn, id, oin, asker, sender_oin;
extern absl::Time now;
extern vum::Pc4Register pc4;
extern vum::CodeListRegistry lists;
extern std::unique_ptr<vum::Validator> validator;
extern vum::ValidationResult result;
extern std::unique_ptr<vum::CaseloadIndex> index;
extern std::unique_ptr<vum::QuestionCompiler> compiler;
extern vum::Pseudonymizer vumid_key;
extern std::vector<vum::v1::Werkzoekende> profiles;
extern vum::CompletenessReport report;

}  // namespace vum_examples

#endif  // VUM_TESTS_EXAMPLES_GIVEN_H_
