// Writes the conformance vectors: conformance/vectors/*.textproto.
//
// Usage: vum_conformance_vectors OUT_DIR
//
// Inputs come from the schema (a conforming and breaking records per rule,
// via lib/validate/rule_cases.h) and from hand-made cases (the JSON form,
// round trips, batch files, deltas, code-list versions, privacy views); the
// expected answers are the reference implementation's. A test regenerates
// them and fails when the checked-in files differ, so the vectors follow the
// schema. Everything here is deterministic.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "conformance.pb.h"
#include "google/protobuf/text_format.h"
#include "lib/batch/byte_stream.h"
#include "lib/selection/paths.h"
#include "lib/testing/files.h"
#include "lib/validate/rule_cases.h"
#include "testee/handler.h"
#include "vum/batch.h"
#include "vum/delta.h"
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/pc4.h"
#include "vum/schema.h"

namespace vum::conformance {
namespace {

constexpr char kDate[] = "2026-06-01";

using ::vum::testing::ReadFileOrDie;

class Generator {
 public:
  Generator(Handler& handler, std::string source)
      : handler_(handler), source_(std::move(source)) {}

  void Add(TestSuite& suite, const std::string& id, const std::string& description,
           Level level, ConformanceRequest request, const std::string& rule_id = "") {
    TestCase* c = suite.add_test_case();
    c->set_id(id);
    c->set_description(description);
    c->set_level(level);
    c->set_rule_id(rule_id);
    request.set_case_id(id);
    *c->mutable_expected() = handler_.Handle(request);
    c->mutable_expected()->clear_case_id();  // the runner checks it against the case
    if (c->expected().has_runtime_error()) {
      std::fprintf(stderr, "case %s: the reference failed: %s\n", id.c_str(),
                   c->expected().runtime_error().c_str());
      std::exit(1);
    }
    *c->mutable_request() = std::move(request);
  }

  // In VUM JSON, or in binary when the JSON would read back as another
  // record: an empty string in it (a length rule's breach) is absent in JSON.
  ConformanceRequest Validate(const google::protobuf::Message& record,
                              const std::string& date = kDate) {
    ConformanceRequest r;
    r.mutable_validate()->set_record_type(record.GetDescriptor()->full_name());
    PrintJsonFast(record, r.mutable_validate()->mutable_json());
    std::unique_ptr<google::protobuf::Message> back(record.New());
    if (!ParseJson(r.validate().json(), back.get()).ok() ||
        back->SerializeAsString() != record.SerializeAsString()) {
      r.mutable_validate()->set_binary(record.SerializeAsString());
    }
    r.mutable_validate()->set_reference_date(date);
    return r;
  }

  ConformanceRequest ValidateJson(const std::string& type, const std::string& json) {
    ConformanceRequest r;
    r.mutable_validate()->set_record_type(type);
    r.mutable_validate()->set_json(json);
    r.mutable_validate()->set_reference_date(kDate);
    return r;
  }

  TestSuite Rules() {
    TestSuite suite;
    CodeListRegistry lists = testing::FixtureCodeLists();
    testing::RuleCaseBuilder builder(lists);
    for (const testing::RuleSite& site : testing::AllRuleSites()) {
      const std::string& id = site.rule->id();
      int n = 0;
      for (const testing::Case& c : builder.Conforming(site)) {
        Add(suite, absl::StrCat("rule.", id, ".conforms", n ? absl::StrCat(".", n) : ""),
            absl::StrCat(site.message->name(), ": conforms to ", id, " (", c.name, ")"),
            REQUIRED, Validate(*c.record), id);
        ++n;
      }
      for (const testing::Case& c : builder.Breaking(site)) {
        const std::string slug =
            absl::StrReplaceAll(absl::AsciiStrToLower(c.name), {{" ", "-"}});
        Add(suite, absl::StrCat("rule.", id, ".breaks.", slug),
            absl::StrCat(site.message->name(), ": breaks ", id, " (", c.name, ") at \"",
                         c.path, "\""),
            REQUIRED, Validate(*c.record), id);
      }
    }
    return suite;
  }

  TestSuite JsonForm() {
    TestSuite suite;
    const std::string profile = "vum.v1.Werkzoekende", vacancy = "vum.v1.Vacature";
    Add(suite, "json.profile-every-property",
        "the koppelvlak 3.0 profile using every property conforms", REQUIRED,
        ValidateJson(
            profile,
            ReadFileOrDie(source_ +
                          "/lib/json/testdata/werkzoekende-alle-elementen.json")));
    Add(suite, "json.vacancy-every-property",
        "the koppelvlak 3.0 vacancy using every property conforms", REQUIRED,
        ValidateJson(
            vacancy,
            ReadFileOrDie(source_ + "/lib/json/testdata/vacature-alle-elementen.json")));
    Add(suite, "json.unknown-property", "an unknown property is a parse error", REQUIRED,
        ValidateJson(profile, R"({"idWerkzoekende": "a", "mobiliteit": {"straal": 5}})"));
    Add(suite, "json.wrong-type", "a string where an integer belongs is a parse error",
        REQUIRED,
        ValidateJson(
            profile,
            R"({"idWerkzoekende": "a", "mobiliteit": {"maximaleReistijd": "dertig"}})"));
    Add(suite, "json.malformed", "malformed JSON is a parse error", REQUIRED,
        ValidateJson(profile, R"({"idWerkzoekende": "a")"));
    Add(suite, "json.array-not-object", "a JSON array is not a record", REQUIRED,
        ValidateJson(profile, R"([{"idWerkzoekende": "a"}])"));
    Add(suite, "json.duplicate-property", "a property given twice is a parse error",
        REQUIRED,
        ValidateJson(profile, R"({"idWerkzoekende": "a", "idWerkzoekende": "b"})"));
    Add(suite, "json.undeclared-code",
        "an undeclared integer code reads, and breaks its code rule", REQUIRED,
        ValidateJson(profile,
                     R"({"idWerkzoekende": "a", "indicatieLdrRegistratie": 7})"));
    Add(suite, "json.code-zero-kept", "a code 0 (onbekend) is present and valid",
        REQUIRED,
        ValidateJson(
            profile,
            R"({"idWerkzoekende": "a", "eisAanWerk": {"indicatieBegeleiding": 0}})"));
    Add(suite, "json.vacancy-level-as-string",
        "the vacancy's level, a string in the interface, reads as its code", REQUIRED,
        ValidateJson(vacancy,
                     R"({"idVacature": "v", "codeWerkEnDenkniveauMinimaal": "4"})"));
    Add(suite, "json.vacancy-level-as-number",
        "the vacancy's level as a number reads too", REQUIRED,
        ValidateJson(vacancy,
                     R"({"idVacature": "v", "codeWerkEnDenkniveauMinimaal": 4})"));
    Add(suite, "json.vacancy-level-loose-digits",
        "a code string that is not the code's digits (\"04\") is a parse error", REQUIRED,
        ValidateJson(vacancy,
                     R"({"idVacature": "v", "codeWerkEnDenkniveauMinimaal": "04"})"));
    Add(suite, "json.code-as-enum-name", "an enum value's name is not a code", REQUIRED,
        ValidateJson(
            profile,
            R"({"idWerkzoekende": "a", "indicatieLdrRegistratie": "JA_NEE_JA"})"));
    Add(suite, "json.code-as-string",
        "a code the interface types as a number is not a string", REQUIRED,
        ValidateJson(profile,
                     R"({"idWerkzoekende": "a", "indicatieLdrRegistratie": "1"})"));
    Add(suite, "json.null-is-absent", "null reads as an absent element, reported (info)",
        REQUIRED,
        ValidateJson(profile,
                     R"({"idWerkzoekende": "a", "persoonlijkePresentatie": null})"),
        kEmptyValueRuleId);
    Add(suite, "json.empty-values-are-absent",
        "an empty string or list reads as absent, each reported (info)", REQUIRED,
        ValidateJson(profile,
                     R"({"idWerkzoekende": "a", "persoonlijkePresentatie": "",)"
                     R"( "emailadres": [], "mobiliteit": {"bemiddelingspostcode": ""}})"),
        kEmptyValueRuleId);
    Add(suite, "json.empty-required-value",
        "an empty required value is absent: its required rule is broken", REQUIRED,
        ValidateJson(profile, R"({"idWerkzoekende": ""})"), kEmptyValueRuleId);
    Add(suite, "json.no-empty-value", "a document without empty values reports none",
        REQUIRED, ValidateJson(profile, R"({"idWerkzoekende": "a"})"), kEmptyValueRuleId);
    Add(suite, "json.empty-object-is-present",
        "an empty object is a record that is present", REQUIRED,
        ValidateJson(profile, R"({"idWerkzoekende": "a", "mobiliteit": {}})"));
    v1::Werkzoekende p;
    p.set_id_werkzoekende("gem0363-wz-1");
    p.mutable_mobiliteit()->set_maximale_reistijd(30);
    const std::string binary = p.SerializeAsString();
    ConformanceRequest truncated;
    truncated.mutable_validate()->set_record_type(profile);
    truncated.mutable_validate()->set_binary(binary.substr(0, binary.size() - 3));
    truncated.mutable_validate()->set_reference_date(kDate);
    Add(suite, "binary.truncated", "truncated binary is a parse error", REQUIRED,
        truncated);
    std::string bad_utf8 = binary;
    bad_utf8[3] = '\xff';
    ConformanceRequest utf8 = truncated;
    utf8.mutable_validate()->set_binary(bad_utf8);
    Add(suite, "binary.invalid-utf8", "invalid UTF-8 in a text field is a parse error",
        REQUIRED, utf8);
    return suite;
  }

  TestSuite RoundTrips() {
    TestSuite suite;
    for (const char* name :
         {"doelgroep-banenafspraak-met-begeleiding", "beroep-gecodeerd-met-werkervaring",
          "meertalig-grensregio", "minimaal"}) {
      const std::string json =
          ReadFileOrDie(absl::StrCat(source_, "/examples/werkzoekenden/", name, ".json"));
      v1::Werkzoekende record;
      if (!ParseJson(json, &record).ok()) std::exit(1);
      ConformanceRequest to_binary;
      to_binary.mutable_round_trip()->set_record_type("vum.v1.Werkzoekende");
      to_binary.mutable_round_trip()->set_json(json);
      to_binary.mutable_round_trip()->set_output(BINARY);
      Add(suite, absl::StrCat("roundtrip.json-to-binary.", name),
          "VUM JSON to protobuf binary", REQUIRED, to_binary);
      ConformanceRequest to_json;
      to_json.mutable_round_trip()->set_record_type("vum.v1.Werkzoekende");
      to_json.mutable_round_trip()->set_binary(record.SerializeAsString());
      to_json.mutable_round_trip()->set_output(JSON);
      Add(suite, absl::StrCat("roundtrip.binary-to-json.", name),
          "protobuf binary to canonical VUM JSON", REQUIRED, to_json);
    }
    return suite;
  }

  static v1::BatchKop Header(v1::SoortBatch kind, const std::string& id,
                             uint64_t sequence = 0, const std::string& base = "") {
    v1::BatchKop h;
    h.set_batch_id(id);
    h.set_afzender_oin("00000099000000000001");
    h.set_ontvanger_oin("00000099000000000002");
    h.set_aangemaakt_op("2026-06-01T08:00:00Z");
    h.set_standaardversie("1.0.0");
    h.set_soort(kind);
    h.set_inhoud(v1::SOORT_INHOUD_WERKZOEKENDEN);
    if (kind == v1::SOORT_BATCH_DELTA) {
      h.set_volgnummer(sequence);
      h.set_basis_batch_id(base);
    }
    return h;
  }

  static std::string BatchOf(const v1::BatchKop& header,
                             const std::vector<v1::BatchRecord>& records,
                             bool compress = false) {
    std::string out;
    auto writer = *BatchWriter::CreateInMemory(
        &out, header,
        {.compression = compress ? Compression::kZstd : Compression::kNone});
    for (const auto& r : records) (void)writer->Write(r);
    (void)writer->Finish();
    return out;
  }

  static std::vector<v1::BatchRecord> Profiles(int n, double invalid) {
    RecordGenerator generator({.seed = 31, .invalid_fraction = invalid});
    std::vector<v1::BatchRecord> records(n);
    for (auto& r : records) generator.NextProfile(r.mutable_werkzoekende());
    return records;
  }

  ConformanceRequest BatchRequestFor(const std::string& file) {
    ConformanceRequest r;
    r.mutable_batch()->set_file(file);
    r.mutable_batch()->set_reference_date(kDate);
    return r;
  }

  TestSuite Batches() {
    TestSuite suite;
    const std::string full_id = "11111111-1111-4111-8111-111111111111";
    const auto records = Profiles(12, 0.3);
    const std::string good = BatchOf(Header(v1::SOORT_BATCH_VOLLEDIG, full_id), records);
    Add(suite, "batch.whole-with-rejected-records",
        "a whole batch; some records break rules", REQUIRED, BatchRequestFor(good));
    Add(suite, "batch.whole-compressed", "the same batch, zstd-compressed", REQUIRED,
        BatchRequestFor(
            BatchOf(Header(v1::SOORT_BATCH_VOLLEDIG, full_id), records, true)));
    Add(suite, "batch.truncated", "cut off inside a record", REQUIRED,
        BatchRequestFor(good.substr(0, good.size() * 2 / 3)));
    // Without a trailer: the header and the records, cut at a frame boundary.
    {
      auto reader = *BatchReader::FromBytes(good);
      v1::BatchRecord record;
      RecordPosition position;
      uint64_t end = 0;
      while (*reader->Next(&record, &position)) end = position.offset;
      Add(suite, "batch.no-trailer", "ends between records, without its trailer",
          REQUIRED, BatchRequestFor(good.substr(0, end)));
    }
    std::string checksum = good;
    checksum.back() ^= 0x01;
    Add(suite, "batch.wrong-checksum", "the trailer's checksum does not match", REQUIRED,
        BatchRequestFor(checksum));
    // A trailer that counts one record too many: the same records and
    // checksum under a trailer frame written anew.
    {
      auto reader = *BatchReader::FromBytes(good);
      v1::BatchRecord record;
      RecordPosition position;
      while (*reader->Next(&record, &position)) {
      }
      v1::BatchFrame trailer;
      *trailer.mutable_sluiting() = reader->trailer();
      trailer.mutable_sluiting()->set_aantal_records(reader->trailer().aantal_records() +
                                                     1);
      const std::string frame = trailer.SerializeAsString();
      const std::string original_trailer_frame = [&] {
        v1::BatchFrame f;
        *f.mutable_sluiting() = reader->trailer();
        return f.SerializeAsString();
      }();
      const size_t cut =
          good.size() - original_trailer_frame.size() - 1;  // one length byte
      std::string counted =
          good.substr(0, cut) + std::string(1, static_cast<char>(frame.size())) + frame;
      Add(suite, "batch.wrong-count",
          "the trailer counts one record more than the file holds", REQUIRED,
          BatchRequestFor(counted));
    }
    // The trailer written anew with another algorithm (and, for format 1, the
    // digest of the records alone).
    {
      auto reader = *BatchReader::FromBytes(good);
      v1::BatchRecord record;
      RecordPosition position;
      uint64_t first = 0;
      bool any = false;
      while (*reader->Next(&record, &position)) {
        if (!any) first = position.offset;
        any = true;
      }
      v1::BatchFrame original;
      *original.mutable_sluiting() = reader->trailer();
      const size_t cut = good.size() - original.SerializeAsString().size() - 1;
      auto with_trailer = [&](int algorithm, bool records_only) {
        v1::BatchFrame trailer = original;
        trailer.mutable_sluiting()->set_algoritme(
            static_cast<v1::ChecksumAlgoritme>(algorithm));
        if (records_only) {
          batch_internal::Sha256 sha;
          sha.Update(absl::string_view(good).substr(first, cut - first));
          trailer.mutable_sluiting()->set_controlesom(sha.Finish());
        }
        const std::string frame = trailer.SerializeAsString();
        return good.substr(0, cut) + std::string(1, static_cast<char>(frame.size())) +
               frame;
      };
      Add(suite, "batch.format-1",
          "format 1 (a checksum over the records only) is still read", REQUIRED,
          BatchRequestFor(with_trailer(1, true)));
      Add(suite, "batch.no-checksum-algorithm", "the trailer names no checksum algorithm",
          REQUIRED, BatchRequestFor(with_trailer(0, false)));
      Add(suite, "batch.unknown-checksum-algorithm",
          "the trailer names a checksum algorithm no version has", REQUIRED,
          BatchRequestFor(with_trailer(9, false)));
      std::string header = good;
      header[header.find("00000099") + 3] ^= 0x01;  // a digit of the sender's OIN
      Add(suite, "batch.header-changed",
          "a changed sender OIN: the checksum covers the header", REQUIRED,
          BatchRequestFor(header));
    }
    Add(suite, "batch.data-after-trailer", "bytes after the trailer", REQUIRED,
        BatchRequestFor(good + "x"));
    Add(suite, "batch.not-a-batch", "JSON is not a batch", REQUIRED,
        BatchRequestFor(R"({"idWerkzoekende": "a"})"));
    Add(suite, "batch.overlong-frame", "a length prefix of 2^35 bytes", REQUIRED,
        BatchRequestFor(good.substr(0, 118) +
                        std::string("\x80\x80\x80\x80\x80\x01", 6)));
    return suite;
  }

  TestSuite Deltas() {
    TestSuite suite;
    const std::string full_id = "11111111-1111-4111-8111-111111111111";
    auto profile = [](const std::string& id) {
      v1::BatchRecord r;
      r.mutable_werkzoekende()->set_id_werkzoekende(id);
      return r;
    };
    v1::BatchRecord withdrawal;
    withdrawal.mutable_intrekking()->set_id_record("b");
    withdrawal.mutable_intrekking()->set_reden(v1::REDEN_INTREKKING_WERK_GEVONDEN);
    const std::string full = BatchOf(Header(v1::SOORT_BATCH_VOLLEDIG, full_id),
                                     {profile("a"), profile("b"), profile("c")});
    const std::string d1 = BatchOf(
        Header(v1::SOORT_BATCH_DELTA, "22222222-2222-4222-8222-222222222222", 1, full_id),
        {profile("d"), withdrawal, profile("a")});
    const std::string d2 = BatchOf(
        Header(v1::SOORT_BATCH_DELTA, "33333333-3333-4333-8333-333333333333", 2, full_id),
        {profile("e")});
    const std::string foreign =
        BatchOf(Header(v1::SOORT_BATCH_DELTA, "44444444-4444-4444-8444-444444444444", 1,
                       "99999999-9999-4999-8999-999999999999"),
                {});
    auto request = [](const std::string& f, const std::string& d) {
      ConformanceRequest r;
      r.mutable_delta()->set_full(f);
      r.mutable_delta()->set_delta(d);
      return r;
    };
    Add(suite, "delta.applied", "upserts replace and add, a withdrawal removes", REQUIRED,
        request(full, d1));
    Add(suite, "delta.sequence-gap", "delta 2 on a full batch at 0", REQUIRED,
        request(full, d2));
    // The full batch after delta 1, as the reference writes it, then delta 1 again.
    const auto dir =
        std::filesystem::temp_directory_path() / absl::StrCat("vum-vectors-", getpid());
    std::filesystem::create_directories(dir);
    std::ofstream((dir / "f").string(), std::ios::binary) << full;
    std::ofstream((dir / "d").string(), std::ios::binary) << d1;
    if (absl::Status applied =
            ApplyDelta((dir / "f").string(), (dir / "d").string(), (dir / "o").string())
                .status();
        !applied.ok()) {
      std::fprintf(stderr, "vum_conformance_vectors: the reference refuses delta 1: %s\n",
                   std::string(applied.message()).c_str());
      std::abort();
    }
    const std::string after = ReadFileOrDie((dir / "o").string());
    std::filesystem::remove_all(dir);
    // Its header has a new random id and time; pin them for a stable vector.
    auto reader = *BatchReader::FromBytes(after);
    v1::BatchKop header = reader->header();
    header.set_batch_id("55555555-5555-4555-8555-555555555555");
    header.set_aangemaakt_op("2026-06-01T09:00:00Z");
    std::vector<v1::BatchRecord> kept;
    v1::BatchRecord record;
    RecordPosition position;
    while (*reader->Next(&record, &position)) kept.push_back(record);
    const std::string full1 = BatchOf(header, kept);
    Add(suite, "delta.replay", "delta 1 again on the full batch it produced", REQUIRED,
        request(full1, d1));
    Add(suite, "delta.next-in-sequence", "delta 2 on the full batch after delta 1",
        REQUIRED, request(full1, d2));
    Add(suite, "delta.other-base", "a delta that builds on another full batch", REQUIRED,
        request(full, foreign));
    Add(suite, "delta.not-a-delta", "a full batch offered as a delta", REQUIRED,
        request(full, full));
    return suite;
  }

  TestSuite CodeLists() {
    TestSuite suite;
    v1::Werkzoekende p;
    p.set_id_werkzoekende("a");
    p.mutable_arbeidsmarktkwalificatie()->add_rijbewijs()->set_code_soort_rijbewijs("ZZ");
    Add(suite, "codelist.unknown-code", "a category that is not in the list in force",
        REQUIRED, Validate(p));
    Add(suite, "codelist.no-version-in-force",
        "before the list's first version no category can be checked (no finding)",
        REQUIRED, Validate(p, "2012-01-01"));
    p.mutable_arbeidsmarktkwalificatie()->mutable_rijbewijs(0)->set_code_soort_rijbewijs(
        "AM");
    Add(suite, "codelist.known-code", "a category in the list in force", REQUIRED,
        Validate(p));
    p.clear_arbeidsmarktkwalificatie();
    p.add_sector()->set_code_sbi(111);
    Add(suite, "codelist.numeric-code-by-digits", "SBI 01.11 matches the integer 111",
        REQUIRED, Validate(p));
    return suite;
  }

  TestSuite Views() {
    TestSuite suite;
    for (const char* name :
         {"doelgroep-banenafspraak-met-begeleiding", "competenties-en-interesses"}) {
      const std::string json =
          ReadFileOrDie(absl::StrCat(source_, "/examples/werkzoekenden/", name, ".json"));
      for (int view = 1; view <= 2; ++view) {
        for (bool consent : {false, true}) {
          if (view == 2 && consent) continue;
          ConformanceRequest r;
          r.mutable_view()->set_profile_json(json);
          r.mutable_view()->set_view(view);
          r.mutable_view()->set_special_category_consent(consent);
          Add(suite,
              absl::StrCat("view.", view == 1 ? "employer" : "mediator",
                           consent ? ".consent." : ".", name),
              view == 1 ? "the employer view: no identifiers, contact data or free text; "
                          "generalised"
                        : "the mediator view: the whole profile",
              REQUIRED, r);
        }
      }
    }
    return suite;
  }

  // --- Selection questions (docs/selection.md) ---------------------------

  // A profile at `postcode` with a consent to anonymous publication in force
  // on kDate.
  static std::pair<v1::Werkzoekende, v1::Procesgegevens> Person(
      const std::string& id, const std::string& postcode) {
    v1::Werkzoekende p;
    p.set_id_werkzoekende(id);
    p.mutable_mobiliteit()->set_bemiddelingspostcode(postcode);
    v1::Procesgegevens process;
    process.set_id_werkzoekende(id);
    v1::Toestemming* c = process.add_toestemming();
    c->set_id_toestemming("5b0e8a8c-3f5e-4a8e-9d6f-1c2b3a4d5e6f");
    c->set_id_werkzoekende(id);
    c->set_doel(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
    c->set_verleend_op("2026-01-01T00:00:00Z");
    c->set_grondslag(v1::GRONDSLAG_TOESTEMMING);
    return {p, process};
  }

  using Caseload = std::vector<std::pair<v1::Werkzoekende, v1::Procesgegevens>>;

  static ConformanceRequest Ask(const Caseload& caseload, const std::string& question,
                                bool legal_basis = true, int max_results = 100,
                                int k = 10, int repeat = 1) {
    ConformanceRequest r;
    SelectionRequest* s = r.mutable_selection();
    for (const auto& [profile, process] : caseload) {
      PrintJsonFast(profile, s->add_profile_json());
      PrintJsonFast(process, s->add_process_json());
    }
    s->set_question_json(question);
    s->set_at("2026-06-01T12:00:00Z");
    s->set_legal_basis(legal_basis);
    s->set_max_results(max_results);
    s->set_k(k);
    s->set_repeat(repeat);
    return r;
  }

  // Adds a selection case whose expected answer lists every matching view
  // (asked once without a cap), of which each answer must give `returned`.
  void AddSelection(TestSuite& suite, const std::string& id,
                    const std::string& description, ConformanceRequest request) {
    ConformanceRequest all = request;
    all.mutable_selection()->set_max_results(100000);
    all.mutable_selection()->set_repeat(1);
    // Without the question's own maximum too.
    all.mutable_selection()->set_question_json(
        std::regex_replace(request.selection().question_json(),
                           std::regex(R"(,"maximumAantalResultaten":\d+)"), ""));
    ConformanceResponse every = handler_.Handle(all);
    Add(suite, id, description, REQUIRED, request);
    TestCase* c = suite.mutable_test_case(suite.test_case_size() - 1);
    if (!c->expected().selection().refused()) {
      SelectionResult* expected = c->mutable_expected()->mutable_selection();
      SelectionAnswer answer = expected->answer(0);
      answer.set_returned(answer.result_json_size());
      answer.clear_vum_id();
      answer.clear_result_json();
      std::vector<std::string> views(every.selection().answer(0).result_json().begin(),
                                     every.selection().answer(0).result_json().end());
      std::sort(views.begin(), views.end());
      for (const std::string& v : views) answer.add_result_json(v);
      expected->clear_answer();
      *expected->add_answer() = std::move(answer);
    }
  }

  static std::string Question(const std::string& criteria,
                              const std::string& postcode = "5611AB", int km = 5) {
    return absl::StrCat(R"({"selectiegebied":{"postcode":")", postcode, R"(","afstand":)",
                        km, "}", criteria.empty() ? "" : ",", criteria, "}");
  }

  // Two values of a leaf's kind, the first lower; as JSON and set on a record.
  struct Values {
    std::string low_json, high_json;
  };
  static Values ValuesOf(const selection_internal::LeafPath& leaf) {
    using selection_internal::ValueKind;
    switch (leaf.kind) {
      case ValueKind::kEnum:
      case ValueKind::kOrderedEnum: {
        std::vector<int> codes;
        const auto* e = leaf.fields.back()->enum_type();
        for (int i = 0; i < e->value_count(); ++i) {
          const v1::ValueInfo& info = InfoOf(*e->value(i));
          if (!info.placeholder() && !info.off_scale())
            codes.push_back(e->value(i)->number());
        }
        std::sort(codes.begin(), codes.end());
        return {absl::StrCat(codes.front()), absl::StrCat(codes.back())};
      }
      case ValueKind::kInteger:
        return {"10", "30"};
      case ValueKind::kNumberCode:
        return {"111", "222"};
      case ValueKind::kDate:
        return {"\"2026-01-01\"", "\"2026-12-01\""};
      case ValueKind::kCode:
        return {"\"C1\"", "\"C2\""};
      case ValueKind::kText:
        return {"\"Lassen en solderen\"", "\"Koken\""};
    }
    return {};
  }

  // Sets the value `json` (as ValuesOf writes it) at `leaf` of `m`, adding
  // the list element `element` where the path runs through a list.
  static void Set(google::protobuf::Message* m, const selection_internal::LeafPath& leaf,
                  const std::string& json, int element = 0) {
    for (size_t i = 0; i + 1 < leaf.fields.size(); ++i) {
      const auto* f = leaf.fields[i];
      const auto* r = m->GetReflection();
      if (!f->is_repeated()) {
        m = r->MutableMessage(m, f);
      } else {
        while (r->FieldSize(*m, f) <= element) r->AddMessage(m, f);
        m = r->MutableRepeatedMessage(m, f, element);
      }
    }
    const auto* f = leaf.fields.back();
    const auto* r = m->GetReflection();
    const std::string text = json[0] == '"' ? json.substr(1, json.size() - 2) : json;
    switch (f->cpp_type()) {
      case google::protobuf::FieldDescriptor::CPPTYPE_ENUM:
        f->is_repeated() ? r->AddEnumValue(m, f, std::stoi(text))
                         : r->SetEnumValue(m, f, std::stoi(text));
        break;
      case google::protobuf::FieldDescriptor::CPPTYPE_INT32:
        f->is_repeated() ? r->AddInt32(m, f, std::stoi(text))
                         : r->SetInt32(m, f, std::stoi(text));
        break;
      case google::protobuf::FieldDescriptor::CPPTYPE_DOUBLE:
        f->is_repeated() ? r->AddDouble(m, f, std::stod(text))
                         : r->SetDouble(m, f, std::stod(text));
        break;
      default:
        f->is_repeated() ? r->AddString(m, f, text) : r->SetString(m, f, text);
    }
  }

  // One operand of `op` that the low value meets and the high one does not
  // (or, for $gte and $lt, the reverse).
  static std::string Operand(v1::SelectieOperator op, const Values& v) {
    switch (op) {
      case v1::SELECTIE_OPERATOR_IN:
      case v1::SELECTIE_OPERATOR_ALL:
        return absl::StrCat("[", v.low_json, "]");
      case v1::SELECTIE_OPERATOR_CONTAINS:
        return "\"LASSEN\"";
      default:
        return op == v1::SELECTIE_OPERATOR_GTE || op == v1::SELECTIE_OPERATOR_LT
                   ? v.high_json
                   : v.low_json;
    }
  }

  TestSuite Selection() {
    TestSuite suite;
    const auto* paths =
        selection_internal::PathCatalogue::For(v1::SOORT_SELECTIE_WERKZOEKENDEN);
    // Every operator on every selectable path: one record with the low
    // value, one with the high, one without.
    for (const selection_internal::LeafPath& leaf : paths->leaves()) {
      const Values v = ValuesOf(leaf);
      for (int op = 1; v1::SelectieOperator_IsValid(op); ++op) {
        if (!selection_internal::Allows(leaf.operators,
                                        static_cast<v1::SelectieOperator>(op)))
          continue;
        const std::string label =
            InfoOf(*v1::SelectieOperator_descriptor()->FindValueByNumber(op)).label();
        Caseload caseload = {Person("low", "5611AA"), Person("high", "5611AA"),
                             Person("none", "5611AA")};
        Set(&caseload[0].first, leaf, v.low_json);
        Set(&caseload[1].first, leaf, v.high_json);
        const std::string criterion =
            absl::StrCat("\"", leaf.name, "\":{\"", label,
                         "\":", Operand(static_cast<v1::SelectieOperator>(op), v), "}");
        AddSelection(
            suite, absl::StrCat("selection.", leaf.name, ".", label.substr(1)),
            absl::StrCat(label, " on ", selection_internal::ValueKindName(leaf.kind), " ",
                         leaf.name),
            Ask(caseload, Question(criterion)));
      }
    }
    // $elemMatch: one element must meet every condition.
    for (const selection_internal::ListPath& list : paths->lists()) {
      std::vector<const selection_internal::LeafPath*> under;
      for (const auto& leaf : paths->leaves()) {
        if (leaf.list == list.id &&
            selection_internal::Allows(leaf.operators, v1::SELECTIE_OPERATOR_EQ)) {
          under.push_back(&leaf);
        }
      }
      if (under.size() < 2) continue;
      const auto& a = *under[0];
      const auto& b = *under[1];
      Caseload caseload = {Person("together", "5611AA"), Person("apart", "5611AA")};
      Set(&caseload[0].first, a, ValuesOf(a).low_json, 0);
      Set(&caseload[0].first, b, ValuesOf(b).low_json, 0);
      Set(&caseload[1].first, a, ValuesOf(a).low_json, 0);
      Set(&caseload[1].first, b, ValuesOf(b).low_json, 1);
      const std::string criterion =
          absl::StrCat("\"", list.name, "\":{\"$elemMatch\":{\"", a.relative_name,
                       "\":{\"$eq\":", ValuesOf(a).low_json, "},\"", b.relative_name,
                       "\":{\"$eq\":", ValuesOf(b).low_json, "}}}");
      AddSelection(suite, absl::StrCat("selection.", list.name, ".elemMatch"),
                   absl::StrCat("$elemMatch on ", list.name,
                                ": one element meets both conditions"),
                   Ask(caseload, Question(criterion)));
    }
    AreaCases(suite);
    AnswerCases(suite);
    OrderCases(suite);
    AllCases(suite);
    return suite;
  }

  // $all needs every asked item, not one of them, in both the koppelvlak
  // 3.0's form ($all of $elemMatch) and a list of codes: of three people who
  // speak Dutch, English or both (or hold licence B, C or both), only the
  // one with both fits.
  void AllCases(TestSuite& suite) {
    Caseload caseload = {Person("nld", "5611AA"), Person("eng", "5611AA"),
                         Person("both", "5611AA")};
    for (auto& [profile, process] : caseload) {
      const std::string& id = profile.id_werkzoekende();
      auto* q = profile.mutable_arbeidsmarktkwalificatie();
      for (const char* language : {"nld", "eng"}) {
        if (id != "both" && id != language) continue;
        auto* t = q->add_taalbeheersing();
        t->set_code_taal(language);
        t->set_code_niveau_taalbeheersing_mondeling(v1::NiveauTaalbeheersing(4));
        q->add_rijbewijs()->set_code_soort_rijbewijs(
            std::string(language) == "nld" ? "B" : "C");
      }
    }
    AddSelection(
        suite, "selection.all.every-elemMatch",
        "$all of two $elemMatch (the koppelvlak 3.0's form): an element for each, not "
        "for one of them",
        Ask(caseload, Question(R"("arbeidsmarktkwalificatie.taalbeheersing":{"$all":[)"
                               R"({"$elemMatch":{"codeTaal":{"$eq":"nld"},)"
                               R"("codeNiveauTaalbeheersingMondeling":{"$gte":3}}},)"
                               R"({"$elemMatch":{"codeTaal":{"$eq":"eng"},)"
                               R"("codeNiveauTaalbeheersingMondeling":{"$gte":3}}}]})")));
    AddSelection(suite, "selection.all.every-code",
                 "$all of two codes: both in the list, not one of them",
                 Ask(caseload, Question(R"("arbeidsmarktkwalificatie.rijbewijs.)"
                                        R"(codeSoortRijbewijs":{"$all":["B","C"]})")));
  }

  // Where the koppelvlak 3.0 orders a code (a language level mondeling),
  // every code compares by its number, as in MongoDB: 8 (not applicable) is
  // at least 4. Where it does not (lezen, vum's extension), an off-scale code
  // never compares.
  void OrderCases(TestSuite& suite) {
    Caseload caseload = {Person("level4", "5611AA"), Person("level8", "5611AA"),
                         Person("level2", "5611AA")};
    for (auto& [profile, process] : caseload) {
      const int level = profile.id_werkzoekende().back() - '0';
      auto* dutch = profile.mutable_arbeidsmarktkwalificatie()->add_taalbeheersing();
      dutch->set_code_taal("nld");
      dutch->set_code_niveau_taalbeheersing_mondeling(
          static_cast<v1::NiveauTaalbeheersing>(level));
      dutch->set_code_niveau_taalbeheersing_lezen(
          static_cast<v1::NiveauTaalbeheersing>(level));
    }
    AddSelection(
        suite, "selection.order.standard-orders-every-code",
        "a language level the koppelvlak 3.0 orders: 8 (not applicable) is at "
        "least 4, as MongoDB compares",
        Ask(caseload, Question(R"("arbeidsmarktkwalificatie.taalbeheersing":)"
                               R"({"$all":[{"$elemMatch":{"codeTaal":{"$eq":"nld"},)"
                               R"("codeNiveauTaalbeheersingMondeling":{"$gte":4}}}]})")));
    AddSelection(suite, "selection.order.vum-extension-skips-off-scale",
                 "a level the koppelvlak 3.0 does not order (lezen, vum's extension): an "
                 "off-scale code never compares",
                 Ask(caseload, Question(R"("arbeidsmarktkwalificatie.taalbeheersing.)"
                                        R"(codeNiveauTaalbeheersingLezen":{"$gte":4})")));
  }

  void AreaCases(TestSuite& suite) {
    // Distance boundaries: Eindhoven (5611) and Waalre (5658).
    auto pc4 = Pc4Register::Load(source_ + "/codelists/pc4.tsv");
    const double km = DistanceKm(*pc4->Find(5611), *pc4->Find(5658));
    Caseload caseload = {Person("centre", "5611AA"), Person("away", "5658AA")};
    for (int d : {0, static_cast<int>(std::floor(km)), static_cast<int>(std::ceil(km))}) {
      AddSelection(
          suite, absl::StrCat("selection.area.", d, "km"),
          "the distance between the centres of the four-digit areas, boundary included",
          Ask(caseload, Question("", "5611AB", d)));
    }
    Caseload own = {Person("near", "5658AA"), Person("far", "5658AA")};
    own[0].first.mutable_mobiliteit()->set_maximale_reisafstand(
        static_cast<int>(std::ceil(km)));
    own[1].first.mutable_mobiliteit()->set_maximale_reisafstand(
        static_cast<int>(std::floor(km)));
    AddSelection(suite, "selection.area.own-travel-distance",
                 "a profile's own maximum travel distance limits its area",
                 Ask(own, Question("", "5611AB", 50)));
    AddSelection(suite, "selection.area.postcode-not-in-list",
                 "an area whose four digits are not in the PC4 list is refused (SEL-01)",
                 Ask(caseload, Question("", "1010AA", 5)));
  }

  void AnswerCases(TestSuite& suite) {
    Caseload crowd;
    for (int i = 0; i < 12; ++i) {
      crowd.push_back(Person(absl::StrCat("p", i), "5611AA"));
      crowd.back().first.mutable_werktijden()->set_aantal_werkuren_per_week_minimaal(i);
    }
    AddSelection(
        suite, "selection.cap.random-choice",
        "more matches than the cap: the cap's worth, a random choice each time, flag set",
        Ask(crowd, Question(""), true, 5, 10, 20));
    AddSelection(
        suite, "selection.cap.question-maximum", "the question's own maximum caps too",
        Ask(crowd, Question(R"("maximumAantalResultaten":3)"), true, 100, 10, 10));
    AddSelection(suite, "selection.cap.exactly",
                 "exactly as many matches as the cap: the flag is not set",
                 Ask(crowd, Question(""), true, 12, 10, 1));
    AddSelection(suite, "selection.order.random",
                 "under the cap: every match, in a random order each time",
                 Ask(crowd, Question(""), true, 100, 10, 10));
    Caseload nine(crowd.begin(), crowd.begin() + 9);
    AddSelection(suite, "selection.k.fewer",
                 "an employer gets no results when fewer than k match",
                 Ask(nine, Question(""), false, 100, 10));
    AddSelection(suite, "selection.k.legal-basis",
                 "a mediator with a legal basis is not held to k",
                 Ask(nine, Question(""), true, 100, 10));
    Caseload ten(crowd.begin(), crowd.begin() + 10);
    AddSelection(suite, "selection.k.enough", "k matches are enough",
                 Ask(ten, Question(""), false, 100, 10));

    Caseload consent = {Person("none", "5611AA"), Person("withdrawn", "5611AA"),
                        Person("expired", "5611AA"), Person("later", "5611AA"),
                        Person("ok", "5611AA")};
    consent[0].second.clear_toestemming();
    consent[1].second.mutable_toestemming(0)->set_ingetrokken_op("2026-05-01T00:00:00Z");
    consent[2].second.mutable_toestemming(0)->set_geldig_tot("2026-06-01T11:59:59Z");
    consent[3].second.mutable_toestemming(0)->set_verleend_op("2026-06-02T00:00:00Z");
    AddSelection(suite, "selection.consent", "only profiles with a consent in force",
                 Ask(consent, Question("")));

    Caseload special = crowd;
    for (int i = 0; i < 12; ++i) {
      special[i].first.set_indicatie_ldr_registratie(i % 2 == 0 ? v1::JA_NEE_JA
                                                                : v1::JA_NEE_NEE);
      if (i < 4) {
        v1::Toestemming* c = special[i].second.add_toestemming();
        *c = special[i].second.toestemming(0);
        c->set_doel(v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS);
        c->set_grondslag(v1::GRONDSLAG_UITDRUKKELIJKE_TOESTEMMING);
      }
    }
    const std::string ldr = Question(R"("indicatieLdrRegistratie":{"$eq":1})");
    AddSelection(
        suite, "selection.special.employer",
        "for an employer, special-category data counts only where shown with consent",
        Ask(special, ldr, false, 100, 1));
    AddSelection(suite, "selection.special.legal-basis",
                 "for a mediator with a legal basis, it counts for everyone",
                 Ask(special, ldr, true, 100, 1));

    AddSelection(
        suite, "selection.ignored",
        "criteria this version cannot apply are ignored, with the reason",
        Ask(crowd,
            Question(
                R"("nieuwVeld":{"$eq":1},"werktijden.aantalWerkurenPerWeekMinimaal":{"$regex":"1","$contains":"1"},"emailadres":{"$eq":"a@example.nl"},"werktijden.aantalWerkurenPerWeekMaximaal":{"$in":[]})")));
    const std::pair<const char*, const char*> refused[] = {
        {"SEG-04", R"("werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":8})"},
        {"SEL-02", R"("werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":"8"})"},
        {"SEL-03", R"("werktijden.aantalWerkurenPerWeekMinimaal":{"$eq":[1,2]})"},
        {"SEL-04",
         R"("arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende":{"$gte":7})"},
        {"SEL-06",
         R"("arbeidsmarktkwalificatie.vakvaardigheid.omschrijving":{"$contains":"l"})"},
    };
    for (const auto& [rule, criterion] : refused) {
      AddSelection(
          suite, absl::StrCat("selection.refused.", rule),
          absl::StrCat("a malformed question is refused with ", rule),
          Ask(crowd, std::string(rule) == "SEG-04" ? Question(criterion, "5611AB", 1000)
                                                   : Question(criterion)));
    }
  }

  // A validation case: a JSON record and the rule it is about.
  struct JsonCase {
    const char* id;
    const char* description;
    const char* rule;
    const char* json;
  };

  // The transition mode for sources coming from the pilot contracts: what
  // the pilot accepted and the standard does not is a warning, what the
  // pilot refused too stays an error.
  TestSuite Pilot() {
    TestSuite suite;
    const std::string profile = "vum.v1.Werkzoekende";
    auto transition = [&](const std::string& json) {
      ConformanceRequest r = ValidateJson(profile, json);
      r.mutable_validate()->set_pilot_transition(true);
      return r;
    };
    const JsonCase cases[] = {
        {"pilot.duplicate-list-items",
         "the same means of transport twice (no uniqueness)", "WZ-07",
         R"({"idWerkzoekende": "a", "vervoermiddel": [{"codeVervoermiddel": 1}, )"
         R"({"codeVervoermiddel": 1}]})"},
        {"pilot.code-not-in-list",
         "a language code of the right shape but not in ISO 639-3", "TAL-02",
         R"({"idWerkzoekende": "a", "arbeidsmarktkwalificatie": {"taalbeheersing": )"
         R"([{"codeTaal": "zzz"}]}})"},
        {"pilot.fields-crossed",
         "more minimum than maximum hours (no rule across fields)", "WTD-01",
         R"({"idWerkzoekende": "a", "werktijden": {"aantalWerkurenPerWeekMinimaal": 40, )"
         R"("aantalWerkurenPerWeekMaximaal": 20}})"},
        {"pilot.rule-the-pilot-had", "a code outside the pilot's range stays an error",
         "WZ-03", R"({"idWerkzoekende": "a", "indicatieLdrRegistratie": 7})"},
    };
    for (const auto& c : cases) {
      Add(suite, c.id, absl::StrCat("in transition mode: ", c.description), REQUIRED,
          transition(c.json), c.rule);
    }
    Add(suite, "pilot.every-property",
        "the profile using every property, in transition mode", REQUIRED,
        transition(ReadFileOrDie(source_ +
                                 "/lib/json/testdata/werkzoekende-alle-elementen.json")));
    // A rule of the standard's own level that the pilot lacked.
    ConformanceRequest keyless =
        ValidateJson("vum.v1.Vacature", R"({"naamVacature": "Hovenier"})");
    keyless.mutable_validate()->set_pilot_transition(true);
    Add(suite, "pilot.vacancy-without-key",
        "in transition mode: a vacancy without its key (the pilot had none) is a warning",
        REQUIRED, keyless, "VAC-01");
    return suite;
  }

  // The two levels of rules (docs/rules.md, "Levels"): a record the
  // koppelvlak 3.0 accepts conforms, and vum's stricter checks only warn.
  TestSuite Levels() {
    TestSuite suite;
    const std::string profile = "vum.v1.Werkzoekende";
    const JsonCase cases[] = {
        {"level.vum.phone-format", "a phone number 3.0 accepts but vum's format does not",
         "WZ-14", R"({"idWerkzoekende": "a", "telefoonnummer": ["12345"]})"},
        {"level.vum.postcode-nl",
         "a postcode 3.0 accepts (0123AB) but vum's Dutch format does not", "MOB-05",
         R"({"idWerkzoekende": "a", "mobiliteit": {"bemiddelingspostcode": "0123AB"}})"},
        {"level.vum.code-of-transport-missing", "a means of transport without its code",
         "VVM-03",
         R"({"idWerkzoekende": "a", "vervoermiddel": [{"indicatieBeschikbaarVoorWoonWerkverkeer": 1}]})"},
        {"level.standard.id-characters", "an id with a character SafeIDString excludes",
         "WZ-18", R"({"idWerkzoekende": "a b"})"},
        {"level.standard.postcode-required",
         "a mobiliteit without its bemiddelingspostcode", "MOB-04",
         R"({"idWerkzoekende": "a", "mobiliteit": {"maximaleReistijd": 30}})"},
    };
    for (const auto& c : cases) {
      Add(suite, c.id, c.description, REQUIRED, ValidateJson(profile, c.json), c.rule);
    }
    return suite;
  }

 private:
  Handler& handler_;
  std::string source_;
};

}  // namespace
}  // namespace vum::conformance

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: vum_conformance_vectors OUT_DIR\n");
    return 2;
  }
  const std::string source = VUM_SOURCE_DIR;
  auto handler = vum::conformance::Handler::Create(
      {source + "/codelists", source + "/conformance/codelists"});
  if (!handler.ok()) return 2;
  vum::conformance::Generator generator(**handler, source);
  const std::pair<const char*, vum::conformance::TestSuite> suites[] = {
      {"rules", generator.Rules()},          {"json", generator.JsonForm()},
      {"roundtrip", generator.RoundTrips()}, {"batch", generator.Batches()},
      {"delta", generator.Deltas()},         {"codelist", generator.CodeLists()},
      {"view", generator.Views()},           {"selection", generator.Selection()},
      {"pilot", generator.Pilot()},          {"level", generator.Levels()},
  };
  for (const auto& [name, suite] : suites) {
    std::string text;
    google::protobuf::TextFormat::Printer printer;
    printer.SetUseUtf8StringEscaping(true);
    printer.PrintToString(suite, &text);
    std::ofstream(std::string(argv[1]) + "/" + name + ".textproto")
        << "# Generated by vum_conformance_vectors from the schema and the reference\n"
           "# implementation; do not edit by hand. proto-file: "
           "conformance/conformance.proto\n"
           "# proto-message: vum.conformance.TestSuite\n"
        << text;
    std::printf("%s: %d cases\n", name, suite.test_case_size());
  }
  return 0;
}
