// The reference implementation's answers to conformance requests, on top of
// the vum library. The reference testee serves them over stdin/stdout; the
// suite's tests wrap them in deliberately broken testees.

#ifndef VUM_CONFORMANCE_TESTEE_HANDLER_H_
#define VUM_CONFORMANCE_TESTEE_HANDLER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "conformance.pb.h"
#include "vum/code_list.h"
#include "vum/pc4.h"
#include "vum/selection.h"
#include "vum/validator.h"

namespace vum::conformance {

class Handler {
 public:
  // Loads the code lists in `codelist_dirs`.
  static absl::StatusOr<std::unique_ptr<Handler>> Create(
      const std::vector<std::string>& codelist_dirs);

  ConformanceResponse Handle(const ConformanceRequest& request);

 private:
  Handler() = default;
  // A validator for the reference date and mode (one each, made on first use).
  absl::StatusOr<const Validator*> ValidatorFor(const std::string& date,
                                                bool pilot_transition);

  // The answer, before the case id is echoed.
  ConformanceResponse Answer(const ConformanceRequest& request);
  ConformanceResponse Validate(const ValidateRequest& request);
  ConformanceResponse RoundTrip(const RoundTripRequest& request);
  ConformanceResponse Batch(const BatchRequest& request);
  ConformanceResponse Delta(const DeltaRequest& request);
  ConformanceResponse View(const ViewRequest& request);
  ConformanceResponse Selection(const SelectionRequest& request);

  CodeListRegistry lists_;
  // The PC4 list (pc4.tsv in the first code-list folder that has one).
  std::unique_ptr<Pc4Register> pc4_;
  std::unique_ptr<QuestionCompiler> compiler_;
  std::map<std::string, std::unique_ptr<Validator>> validators_;
};

// Reads one length-prefixed message from `in`; false at a clean end.
bool ReadMessage(FILE* in, std::string* bytes);
// Writes one length-prefixed message to `out` and flushes.
bool WriteMessage(FILE* out, const std::string& bytes);

}  // namespace vum::conformance

#endif  // VUM_CONFORMANCE_TESTEE_HANDLER_H_
