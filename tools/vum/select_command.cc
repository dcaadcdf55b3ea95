// vum select: answers a selection question from caseload files, as a source
// would, and prints the selection result (or, with --explain, how many
// records each step of the question keeps).

#include <memory>
#include <random>

#include "absl/random/random.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/selection/plan.h"
#include "tools/vum/caseload_reader.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "vum/bron_service.h"
#include "vum/caseload_index.h"
#include "vum/convert.h"
#include "vum/first_round.h"
#include "vum/index_loader.h"
#include "vum/json.h"
#include "vum/record.h"
#include "vum/schema.h"
#include "vum/selection.h"
#include "vum/selection_service.h"

namespace vum::cli {
namespace {

const Help kSelectHelp = {
    {"[options] QUESTION.json CASELOAD..."},
    "Answers a selection question (VUM JSON) from a caseload, as a source would: "
    "profiles or vacancies with their process data (consents), in any format vum "
    "convert reads (process data as NDJSON or JSON). Prints the selection result as "
    "VUM JSON: vum's own result (vumIDs, the audience's view), or with --answer-form "
    "bron the body a source answers with in the koppelvlak 3.0 (the source's own "
    "keys, each match the contract's first round; vum/first_round.h).",
    {{0, "answered"},
     {1, "the question is refused (its violations on standard error)"},
     {2, "could not run"}}};

// A key for this run only: its vumIDs resolve nowhere else.
std::string RandomKey() {
  std::random_device random;
  std::string key(kMinimumKeyBytes, '\0');
  for (char& c : key) c = static_cast<char>(random());
  return key;
}

void PrintExplain(const v1::Selectievraag& q, const CaseloadIndex::Funnel& f,
                  std::ostream& out) {
  out << "in the area (" << q.selectiegebied().afstand() << " km around "
      << q.selectiegebied().postcode().substr(0, 4) << "): " << f.in_area << "\n";
  out << "selectable (consent in force, own travel distance): " << f.selectable << "\n";
  for (const auto& [index, kept] : f.after_criterion) {
    const v1::Criterium& c = q.criterium(index);
    const auto* op = v1::SelectieOperator_descriptor()->FindValueByNumber(c.operator_());
    out << "criterion " << index << " (" << c.pad() << " "
        << (op ? InfoOf(*op).label() : "?") << "): " << kept << "\n";
  }
}

void PrintIgnored(const std::vector<v1::GenegeerdCriterium>& ignored, std::ostream& err) {
  for (const v1::GenegeerdCriterium& g : ignored) {
    const auto* reason = v1::RedenGenegeerd_descriptor()->FindValueByNumber(g.reden());
    err << "criterion " << g.index() << " (" << g.pad()
        << ") ignored: " << (reason ? InfoOf(*reason).label() : "?") << "\n";
  }
}

// The koppelvlak 3.0 Bron answer, as a source's node gives it
// (vum/bron_service.h); the ignored criteria on `err`.
int PrintBronAnswer(const CaseloadIndex& caseload, const QuestionCompiler& compiler,
                    const v1::Selectievraag& question, bool vum_extensions, absl::Time at,
                    int max_results, std::ostream& out, std::ostream& err) {
  absl::StatusOr<std::unique_ptr<BronService>> bron =
      BronService::Create(&caseload, &compiler,
                          {.max_results = max_results, .vum_extensions = vum_extensions});
  if (!bron.ok()) {
    err << "select: " << bron.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<BronAnswer> answer =
      (*bron)->Answer(question, {.oin = std::string(20, '0'), .legal_basis = true}, at);
  if (!answer.ok()) {
    err << "select: " << answer.status().message() << "\n";
    return kExitUsage;
  }
  for (const Violation& v : answer->violations)
    err << v.rule_id << " " << v.path.ToString() << ": " << v.message << "\n";
  PrintIgnored(answer->ignored, err);
  if (answer->refused()) return kExitRejected;
  out << answer->body << "\n";
  return kExitOk;
}

// Reads the caseload `files` into `index`, records read and put on loader
// threads while the next are parsed (vum/index_loader.h), and prints what
// was read on `err`. False, with the reason on `err`, when a file could not be
// read or the index could not take its records.
bool LoadCaseload(const std::vector<std::string>& files, RecordType type,
                  CaseloadIndex& index, std::ostream& err) {
  IndexLoader loader({.threads = IndexLoader::ThreadsForThisMachine()});
  CaseloadSink sink{
      [&](const google::protobuf::Message& m) { return loader.Put(&index, m); },
      [&](const v1::Procesgegevens& p) { return loader.PutProcessData(&index, p); },
      [&](absl::string_view id) { loader.Remove(&index, id); }};
  // JSON straight into the bytes the index keeps: no message built.
  sink.record_binary = [&](absl::string_view b) {
    return loader.PutSerialized(&index, b);
  };
  sink.process_binary = [&](absl::string_view b) {
    return loader.PutProcessDataSerialized(&index, b);
  };
  // NDJSON lines parsed on threads of their own while this one puts them.
  sink.parse_threads = IndexLoader::ThreadsForThisMachine();
  CaseloadCounts counts;
  for (const std::string& file : files) {
    if (absl::Status s = ReadCaseloadFile(file, type, sink, counts, err); !s.ok()) {
      (void)loader.Finish();
      err << "select: " << file << ": " << s.message() << "\n";
      return false;
    }
  }
  absl::StatusOr<IndexLoader::Counts> loaded = loader.Finish();
  if (!loaded.ok()) {
    err << "select: the caseload could not be indexed: " << loaded.status().message()
        << "\n";
    return false;
  }
  err << "caseload: " << counts.records << " records (" << loaded->not_located
      << " without a known postcode), " << counts.process << " with process data, "
      << counts.withdrawn << " withdrawn, " << counts.rejected << " unreadable\n";
  return true;
}

}  // namespace

int RunSelect(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  std::string as = "employer", at, key_file, source_oin, pc4_path, form = "vum";
  int k_value = 10, max_value = 100;
  bool explain = false, vum_extensions = false;
  std::vector<std::string> operands;
  CommandLine line("vum select", kSelectHelp);
  CLI::App& app = line.app();
  app.add_option("--as", as,
                 "who asks: an employer (default; consent needed for special-category "
                 "data, k applies) or a mediator with a legal basis")
      ->check(CLI::IsMember({"employer", "mediator"}))
      ->option_text("employer|mediator");
  app.add_option("--at", at, "the moment of the question, RFC 3339 (default now)")
      ->check(IsMoment())
      ->option_text("MOMENT");
  app.add_option("--k", k_value, "the fewest matches an employer gets results for (10)")
      ->check(InRange(1, 1000000))
      ->option_text("K");
  app.add_option("--max-results", max_value, "the source's limit per answer (100)")
      ->check(InRange(1, 1000000))
      ->option_text("N");
  app.add_option("--key-file", key_file,
                 "the source's vumID key (hex, see vum pseudonym); default a random key "
                 "for this run only")
      ->option_text("FILE");
  app.add_option("--source-oin", source_oin, "the source's OIN, part of each vumID")
      ->option_text("OIN");
  AddPc4Option(app, pc4_path);
  app.add_flag("--explain", explain, "how many records each step keeps, per criterion");
  app.add_option("--answer-form", form,
                 "vum (the selection result with vumIDs and views, default) or bron (the "
                 "koppelvlak 3.0 answer of a source, as asked by a mediator)")
      ->check(CLI::IsMember({"vum", "bron"}))
      ->option_text("vum|bron");
  app.add_flag("--vum-extensions", vum_extensions,
               "with --answer-form bron: apply vum's extensions too (criteria the "
               "koppelvlak 3.0 does not describe); by default they are ignored and "
               "reported on standard error");
  app.add_option("files", operands, "QUESTION.json CASELOAD...")
      ->required()
      ->expected(2, -1);
  line.Reads(&operands);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::Time now = absl::Now();
  std::string time_error;
  if (!at.empty()) (void)absl::ParseTime(absl::RFC3339_full, at, &now, &time_error);
  absl::StatusOr<Pc4Register> pc4 = LoadPc4(pc4_path);
  absl::StatusOr<std::string> question_text = ReadFile(operands[0]);
  if (!pc4.ok() || !question_text.ok()) {
    err << "select: " << (pc4.ok() ? question_text.status() : pc4.status()).message()
        << "\n";
    return kExitUsage;
  }
  absl::StatusOr<v1::Selectievraag> question = ReadSelectionQuestion(*question_text);
  if (!question.ok()) {
    err << "select: " << operands[0] << ": " << question.status().message() << "\n";
    return kExitRejected;
  }
  auto index = CaseloadIndex::Create(&*pc4, question->soort());
  auto compiler = QuestionCompiler::Create(&*pc4);
  if (!index.ok() || !compiler.ok()) {
    err << "select: " << (index.ok() ? compiler.status() : index.status()).message()
        << "\n";
    return kExitUsage;
  }
  CaseloadIndex& caseload = **index;
  const RecordType type = question->soort() == v1::SOORT_SELECTIE_VACATURES
                              ? RecordType::kVacature
                              : RecordType::kWerkzoekende;
  if (!LoadCaseload({operands.begin() + 1, operands.end()}, type, caseload, err)) {
    return kExitUsage;
  }
  if (explain) {
    const bool standard_only = form == "bron" && !vum_extensions;
    absl::StatusOr<QuestionCheck> check =
        (*compiler)->Compile(*question, {.vum_extensions = !standard_only});
    if (!check.ok() || !check->answerable()) {
      if (check.ok()) {
        for (const Violation& v : check->violations)
          err << v.rule_id << " " << v.path.ToString() << ": " << v.message << "\n";
      }
      return check.ok() ? kExitRejected : kExitUsage;
    }
    PrintIgnored(check->ignored, err);
    PrintExplain(
        *question,
        (*index)->Explain(
            *check->plan,
            as == "mediator" ? Audience::kLegalBasis : Audience::kEmployerView, now),
        out);
    return kExitOk;
  }
  if (form == "bron") {
    return PrintBronAnswer(caseload, **compiler, *question, vum_extensions, now,
                           max_value, out, err);
  }
  absl::StatusOr<Pseudonymizer> key = key_file.empty()
                                          ? Pseudonymizer::Create(RandomKey())
                                          : Pseudonymizer::FromKeyFile(key_file);
  if (!key.ok()) {
    err << "select: " << key.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<SelectionService>> service = SelectionService::Create(
      index->get(), compiler->get(), std::move(*key),
      {.source_oin = source_oin.empty() ? std::string(20, '0') : source_oin,
       .max_results = max_value,
       .k = k_value});
  if (!service.ok()) {
    err << "select: " << service.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<SelectionAnswer> answer = (*service)->Answer(
      *question, {.oin = std::string(20, '0'), .legal_basis = as == "mediator"}, now);
  if (!answer.ok()) {
    err << "select: " << answer.status().message() << "\n";
    return kExitUsage;
  }
  for (const Violation& v : answer->violations) {
    err << SeverityName(v.severity) << " " << v.rule_id << " " << v.path.ToString()
        << ": " << v.message << "\n";
  }
  if (answer->refused()) return kExitRejected;
  absl::StatusOr<std::string> json = PrintJson(answer->result());
  if (!json.ok()) {
    err << "select: " << json.status().message() << "\n";
    return kExitUsage;
  }
  out << *json << "\n";
  return kExitOk;
}

}  // namespace vum::cli
