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

const Help kViewHelp = {
    {"--as employer|mediator|owner [options] FILE"},
    "Prints what an audience may see of a profile, in VUM JSON: an employer the "
    "anonymous matching profile (needs the publication consent id), a mediator the "
    "detail profile, the owner the whole record.",
    {{0, "printed"}, {1, "the audience may not see it"}, {2, "could not run"}}};

const Help kAnonymizeHelp = {
    {"[options] IN.vumb OUT.ndjson"},
    "Writes the employer view of every profile in a batch (reduced and generalised) "
    "as NDJSON and reports k-anonymity on the quasi-identifiers; with --suppress, "
    "profiles in groups smaller than K are left out.",
    {{0, "written, k-anonymous"},
     {1, "written, some groups smaller than K"},
     {2, "could not run"}}};

const Help kConsentHelp = {
    {"check --purpose P [options] PROCESS.json"},
    "Decides from a person's process data (VUM JSON Procesgegevens) whether a "
    "purpose is allowed at a moment (default now), and why not.",
    {{0, "allowed"}, {1, "refused"}, {2, "could not run"}}};

const Help kPseudonymHelp = {
    {"--key-file FILE [options] < identifiers"},
    "Reads identifiers, one per line, from standard input and writes their keyed "
    "pseudonyms (HMAC-SHA-256, hex), one per line, in the same order.",
    {{0, "written"}, {2, "could not run"}}};

// The generalisation options of the employer's view, checked by CLI11.
struct GeneralisationFlags {
  std::string postcode = "pc4";
  std::string dates = "month";

  void AddTo(CLI::App& app) {
    app.add_option("--postcode", postcode,
                   "postcodes cut to four digits (default) or to the region")
        ->check(CLI::IsMember({"pc4", "region"}))
        ->option_text("pc4|region");
    app.add_option("--dates", dates, "dates cut to the month (default) or the year")
        ->check(CLI::IsMember({"month", "year"}))
        ->option_text("month|year");
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
  CommandLine line("vum view", kViewHelp);
  line.app()
      .add_option("--as", as, "the audience")
      ->required()
      ->check(CLI::IsMember({"employer", "mediator", "owner"}))
      ->option_text("employer|mediator|owner");
  line.app()
      .add_option("--consent-id", consent,
                  "the publication consent an employer's view rests on")
      ->option_text("UUID");
  line.app()
      .add_option("--special-consent-id", special,
                  "the consent to show special-category data (support needs)")
      ->option_text("UUID");
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
  CommandLine line("vum anonymize", kAnonymizeHelp);
  line.app()
      .add_option("--k", k, "the smallest group of equal quasi-identifiers (default 5)")
      ->check(InRange(1, 1000000))
      ->option_text("K");
  line.app()
      .add_option("--columns", columns, "the quasi-identifiers, as VUM JSON paths")
      ->option_text("PATH,...");
  line.app().add_flag("--suppress", suppress,
                      "leave out profiles in groups smaller than K");
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
          CheckSubcommand("vum consent", kConsentHelp, {"check"}, args, out, err)) {
    return *exit;
  }
  std::string kvk, oin, at, file;
  const std::map<std::string, v1::ToestemmingDoel> purposes = {
      {"anonieme-publicatie", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE},
      {"voorstellen", v1::TOESTEMMING_DOEL_VOORSTELLEN},
      {"bijzondere-gegevens", v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS},
      {"detailprofiel-delen", v1::TOESTEMMING_DOEL_DETAILPROFIEL_DELEN}};
  std::string purpose, format = "text";
  CommandLine line("vum consent check", kConsentHelp);
  AddFormatOption(line.app(), format);
  line.app()
      .add_option("--purpose", purpose,
                  "anonieme-publicatie, voorstellen, bijzondere-gegevens or "
                  "detailprofiel-delen")
      ->required()
      ->check(CLI::IsMember(purposes))
      ->option_text("P");
  line.app()
      .add_option("--kvk", kvk, "the employer's KvK number, for an introduction")
      ->option_text("N");
  line.app()
      .add_option("--oin", oin, "the receiving organisation's OIN")
      ->option_text("OIN");
  line.app()
      .add_option("--at", at, "the moment, RFC 3339 (default now)")
      ->check(IsMoment())
      ->option_text("MOMENT");
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
  CommandLine line("vum pseudonym", kPseudonymHelp);
  line.app()
      .add_option("--key-file", key_file, "the secret key (hex)")
      ->required()
      ->option_text("FILE");
  line.app()
      .add_option("--domain", domain,
                  "what the identifiers are (default the person domain)")
      ->option_text("D");
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
