// vum view, vum anonymize, vum consent check, vum pseudonym: the privacy
// side of the standard (vum/view.h, vum/anonymity.h, vum/consent.h,
// vum/pseudonym.h).

#include <fstream>
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/json/json_string.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "tools/vum/json_writer.h"
#include "tools/vum/progress.h"
#include "vum/anonymity.h"
#include "vum/batch.h"
#include "vum/consent.h"
#include "vum/delta.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/pseudonym.h"
#include "vum/view.h"

namespace vum::cli {
namespace {

constexpr char kViewUsage[] =
    "usage: vum view --as employer|mediator|owner [--consent-id UUID]\n"
    "                [--special-consent-id UUID] [--postcode pc4|region] [--dates "
    "month|year] FILE\n"
    "  Prints what the audience may see of a profile, in VUM JSON: an employer the\n"
    "  anonymous matching profile (needs the publication consent id), a mediator\n"
    "  the detail profile, the owner the whole record.\n";

constexpr char kAnonymizeUsage[] =
    "usage: vum anonymize [--k K] [--suppress] [--postcode pc4|region] [--dates "
    "month|year]\n"
    "                     [--columns PATH,...] IN.vumb OUT.ndjson\n"
    "  Writes the employer view of every profile in a batch (reduced and generalised)\n"
    "  as NDJSON and reports k-anonymity on the quasi-identifiers; with --suppress,\n"
    "  profiles in groups smaller than K are left out.\n";

constexpr char kConsentUsage[] =
    "usage: vum consent check --purpose "
    "anonieme-publicatie|voorstellen|bijzondere-gegevens|\n"
    "                         detailprofiel-delen [--kvk N] [--oin N] [--at MOMENT]\n"
    "                         [--format text|json] PROCESS.json\n"
    "  Decides from the process data (VUM JSON Procesgegevens) whether the purpose is\n"
    "  allowed at the moment (default now). Exit status 0 allowed, 1 refused.\n";

constexpr char kPseudonymUsage[] =
    "usage: vum pseudonym --key-file FILE [--domain D]\n"
    "  Reads identifiers, one per line, from standard input and writes their keyed\n"
    "  pseudonyms (HMAC-SHA-256, hex), one per line, in the same order.\n";

// The generalisation options of the employer's view, checked by CLI11.
struct GeneralisationFlags {
  std::string postcode = "pc4";
  std::string dates = "month";

  void AddTo(CLI::App& app) {
    app.add_option("--postcode", postcode)->check(CLI::IsMember({"pc4", "region"}));
    app.add_option("--dates", dates)->check(CLI::IsMember({"month", "year"}));
  }
  Generalisation Get() const {
    return {.postcode = postcode == "region" ? PostcodeLevel::kRegion
                                             : PostcodeLevel::kFourDigits,
            .dates = dates == "year" ? DateLevel::kYear : DateLevel::kMonth};
  }
};

}  // namespace

int RunView(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string as, consent, special, file;
  GeneralisationFlags generalise;
  CommandLine line("vum view", kViewUsage);
  line.app()
      .add_option("--as", as)
      ->required()
      ->check(CLI::IsMember({"employer", "mediator", "owner"}));
  line.app().add_option("--consent-id", consent);
  line.app().add_option("--special-consent-id", special);
  generalise.AddTo(line.app());
  line.app().add_option("file", file)->required();
  line.Reads(&file);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  const Generalisation generalisation = generalise.Get();
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
      ReadRecord(file, "werkzoekende");
  if (!record.ok()) {
    err << "vum view: " << file << ": " << record.status().message() << "\n";
    return record.status().code() == absl::StatusCode::kNotFound ? kExitUsage
                                                                 : kExitRejected;
  }
  const auto& profile = static_cast<const v1::Werkzoekende&>(**record);
  std::string json;
  if (as == "employer") {
    absl::StatusOr<v1::Matchingsprofiel> view =
        MatchingProfileOf(profile, {.publication_consent_id = consent,
                                    .special_category_consent_id = special,
                                    .generalisation = generalisation});
    if (!view.ok()) {
      err << "vum view: " << view.status().message() << "; give --consent-id\n";
      return kExitUsage;
    }
    json = *PrintJson(*view, {.pretty = true});
  } else if (as == "mediator") {
    json = *PrintJson(DetailProfileOf(profile), {.pretty = true});
  } else {
    json = *PrintJson(profile, {.pretty = true});
  }
  out << json;
  return kExitOk;
}

int RunAnonymize(const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err) {
  std::string columns;
  int k = 5;
  bool suppress = false;
  std::string in_path, out_path;
  GeneralisationFlags generalise;
  CommandLine line("vum anonymize", kAnonymizeUsage);
  line.app().add_option("--k", k)->check(InRange(1, 1000000));
  line.app().add_option("--columns", columns);
  line.app().add_flag("--suppress", suppress);
  generalise.AddTo(line.app());
  line.app().add_option("in", in_path)->required();
  line.app().add_option("out", out_path)->required();
  line.Reads(&in_path);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  const Generalisation generalisation = generalise.Get();
  KAnonymityOptions options{.k = k};
  if (!columns.empty()) options.columns = absl::StrSplit(columns, ',');
  absl::StatusOr<KAnonymityChecker> checker =
      KAnonymityChecker::Create(v1::Werkzoekende::descriptor(), options);
  if (!checker.ok()) {
    err << "vum anonymize: " << checker.status().message() << "\n";
    return kExitUsage;
  }
  // Two passes over the batch: count the groups, then write. Memory holds one
  // key per profile, not the profiles.
  for (int pass = 0; pass < 2; ++pass) {
    absl::StatusOr<std::unique_ptr<BatchReader>> reader = BatchReader::Open(in_path);
    if (!reader.ok()) {
      err << "vum anonymize: " << in_path << ": " << reader.status().message() << "\n";
      return kExitUsage;
    }
    std::ofstream output;
    if (pass == 1) {
      output.open(out_path, std::ios::binary | std::ios::trunc);
      if (!output) {
        err << "vum anonymize: cannot write " << out_path << "\n";
        return kExitUsage;
      }
    }
    v1::BatchRecord record;
    RecordPosition position;
    uint64_t index = 0, written = 0, suppressed = 0;
    std::string json;
    while (true) {
      absl::StatusOr<bool> more = (*reader)->Next(&record, &position);
      if (!more.ok()) {
        err << "vum anonymize: " << in_path << ": " << more.status().message() << "\n";
        return kExitRejected;
      }
      if (!*more) break;
      if (!record.has_werkzoekende()) continue;
      v1::Werkzoekende view = record.werkzoekende();
      ReduceToView(&view, {.view = v1::VIEW_EMPLOYER});
      Generalise(&view, v1::VIEW_EMPLOYER, generalisation);
      if (pass == 0) {
        checker->Add(view);
        continue;
      }
      if (suppress && checker->TooRare(index++)) {
        ++suppressed;
        continue;
      }
      PrintJsonFast(view, &json);
      output << json << "\n";
      ++written;
    }
    if (pass == 1) {
      const KAnonymityReport report = checker->Report();
      out << "k-anonymity (k = " << report.k << ") on "
          << absl::StrJoin(report.columns, ", ") << ": " << report.profiles
          << " profiles in " << report.groups << " groups; smallest group "
          << report.smallest_group << "; " << report.too_rare
          << " profiles in groups smaller than k\n"
          << "wrote " << written << " employer views to " << out_path;
      if (suppress) out << ", suppressed " << suppressed;
      out << "\n";
      return report.too_rare == 0 || suppress ? kExitOk : kExitRejected;
    }
  }
  return kExitOk;
}

int RunConsent(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  if (std::optional<int> exit =
          CheckSubcommand("vum consent", kConsentUsage, {"check"}, args, out, err)) {
    return *exit;
  }
  std::string kvk, oin, at, file;
  const std::map<std::string, v1::ToestemmingDoel> purposes = {
      {"anonieme-publicatie", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE},
      {"voorstellen", v1::TOESTEMMING_DOEL_VOORSTELLEN},
      {"bijzondere-gegevens", v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS},
      {"detailprofiel-delen", v1::TOESTEMMING_DOEL_DETAILPROFIEL_DELEN}};
  std::string purpose, format = "text";
  CommandLine line("vum consent check", kConsentUsage);
  line.app().add_option("--format", format)->check(CLI::IsMember({"text", "json"}));
  line.app().add_option("--purpose", purpose)->required()->check(CLI::IsMember(purposes));
  line.app().add_option("--kvk", kvk);
  line.app().add_option("--oin", oin);
  line.app().add_option("--at", at)->check(IsMoment());
  line.app().add_option("file", file)->required();
  line.Reads(&file);
  if (std::optional<int> exit = line.Parse(AfterSubcommand(args), out, err)) return *exit;
  ConsentQuery query{.purpose = purposes.at(purpose),
                     .recipient_oin = oin,
                     .recipient_kvk = kvk,
                     .at = at.empty() ? NowRfc3339() : at};
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record =
      ReadRecord(file, "procesgegevens");
  if (!record.ok()) {
    err << "vum consent: " << file << ": " << record.status().message() << "\n";
    return kExitUsage;
  }
  const ConsentDecision decision =
      DecideConsent(static_cast<const v1::Procesgegevens&>(**record), query);
  if (format == "json") {
    out << "{\"allowed\":" << (decision.allowed ? "true" : "false")
        << ",\"reason\":" << json_internal::JsonString(ConsentReasonName(decision.reason))
        << ",\"explanation\":" << json_internal::JsonString(decision.explanation)
        << "}\n";
  } else {
    out << (decision.allowed ? "allowed" : "refused") << " ("
        << ConsentReasonName(decision.reason) << "): " << decision.explanation << "\n";
  }
  return decision.allowed ? kExitOk : kExitRejected;
}

int RunPseudonym(const std::vector<std::string>& args, std::istream& in,
                 std::ostream& out, std::ostream& err) {
  std::string key_file, domain = kPersonDomain;
  CommandLine line("vum pseudonym", kPseudonymUsage);
  line.app().add_option("--key-file", key_file)->required();
  line.app().add_option("--domain", domain);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
  absl::StatusOr<Pseudonymizer> pseudonymizer = Pseudonymizer::FromKeyFile(key_file);
  if (!pseudonymizer.ok()) {
    err << "vum pseudonym: " << pseudonymizer.status().message() << "\n";
    return kExitUsage;
  }
  std::string id;
  while (std::getline(in, id)) {
    if (!id.empty() && id.back() == '\r') id.pop_back();
    out << (id.empty() ? "" : pseudonymizer->Pseudonym(id, domain)) << "\n";
  }
  return kExitOk;
}

}  // namespace vum::cli
