// The subcommands of the vum tool. Each takes its arguments (without the
// subcommand's name) and the streams to write to, and returns the process
// exit status: 0 success, 1 the input is not acceptable, 2 could not run
// (bad usage, unreadable file).

#ifndef VUM_TOOLS_VUM_COMMANDS_H_
#define VUM_TOOLS_VUM_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace vum::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;
inline constexpr int kExitUsage = 2;

// vum summary [--type werkzoekende|vacature] FILE...
int RunSummary(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err);

// vum validate [options] FILE...
int RunValidate(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

// vum codelist show|import ...
int RunCodeList(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

// vum generate --count N ... OUT
int RunGenerate(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);

// vum convert ... IN OUT
// vum migrate: older forms of VUM into the koppelvlak 3.0.
int RunMigrate(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err);

int RunConvert(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err);

// vum batch write|inspect|validate|apply ...
int RunBatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// vum view --as employer|mediator|owner FILE
int RunView(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// vum anonymize IN.vumb OUT.ndjson
int RunAnonymize(const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err);

// vum consent check ...
int RunConsent(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err);

// vum pseudonym --key-file FILE < identifiers
int RunPseudonym(const std::vector<std::string>& args, std::istream& in,
                 std::ostream& out, std::ostream& err);

// vum select [options] QUESTION.json CASELOAD...
int RunSelect(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// vum report [options] CASELOAD...
int RunReport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// vum ask [options] QUESTION.json | vum ask --detail VUMID --source OIN ...
int RunAsk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// vum accredit upload-set | source ...
int RunAccredit(const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);
// vum node log | test-pki ...
int RunNode(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// vum schema dictionary|rules|csv|version
int RunSchema(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_COMMANDS_H_
