#include "vum/generator.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace vum {
namespace {

struct Occupation {
  // The occupation as a URI in the shape of CompetentNL's
  // (https://linkeddata.competentnl.nl/uwv/id/occupation/ and ten hex
  // digits). The identifiers are synthetic: no CompetentNL release is shipped.
  const char* uri;
  const char* name;
  int sbi;
};

// SBI codes of the test fixtures' SBI list, so that generated records
// validate against it.
constexpr Occupation kOccupations[] = {
    {"https://linkeddata.competentnl.nl/uwv/id/occupation/5A00000001", "Hovenier", 8130},
    {"https://linkeddata.competentnl.nl/uwv/id/occupation/5A00000002",
     "Medewerker groenvoorziening", 8130},
    {"https://linkeddata.competentnl.nl/uwv/id/occupation/5A00000003", "Orderpicker",
     5210},
    {"https://linkeddata.competentnl.nl/uwv/id/occupation/5A00000004",
     "Medewerker servicedesk", 5229},
    {"https://linkeddata.competentnl.nl/uwv/id/occupation/5A00000005",
     "Vrachtwagenchauffeur", 4941},
    {"https://linkeddata.competentnl.nl/uwv/id/occupation/5A00000006", "Koerier", 4941},
};

// Skills as URIs in the shape of CompetentNL's; synthetic, like the
// occupations.
constexpr const char* kSkills[] = {
    "https://linkeddata.competentnl.nl/uwv/id/skill/5B00000001",
    "https://linkeddata.competentnl.nl/uwv/id/skill/5B00000002",
    "https://linkeddata.competentnl.nl/uwv/id/skill/5B00000003",
    "https://linkeddata.competentnl.nl/uwv/id/skill/5B00000004",
    "https://linkeddata.competentnl.nl/uwv/id/skill/5B00000005",
    "https://linkeddata.competentnl.nl/uwv/id/skill/5B00000006",
};

// SuwiML education-name codes (CdOpleidingsnaam), as digit strings.
constexpr const char* kEducationNames[] = {"25403", "25655", "10011", "0301"};

constexpr const char* kLanguages[] = {"nld", "eng", "deu", "tur", "ara",
                                      "pol", "fra", "pap", "fry", "spa"};
constexpr const char* kLicences[] = {"B", "AM", "C", "CE", "BE", "T"};
constexpr const char* kCities[] = {"Amsterdam", "Rotterdam", "Utrecht",    "Groningen",
                                   "Eindhoven", "Zwolle",    "Maastricht", "Almere"};

}  // namespace

RecordGenerator::RecordGenerator(const GeneratorOptions& options)
    : options_(options), random_(options.seed) {}

int RecordGenerator::Uniform(int low, int high) {
  // Not std::uniform_int_distribution: its results differ between standard
  // libraries, and the same seed must give the same records everywhere.
  const uint64_t span = static_cast<uint64_t>(high - low) + 1;
  return low + static_cast<int>(random_() % span);
}

bool RecordGenerator::Chance(double p) {
  return static_cast<double>(random_() >> 11) * 0x1.0p-53 < p;
}

std::string RecordGenerator::Postcode() {
  std::string letters;
  do {
    letters = {static_cast<char>('A' + Uniform(0, 25)),
               static_cast<char>('A' + Uniform(0, 25))};
  } while (letters == "SA" || letters == "SD" || letters == "SS");
  if (options_.pc4 != nullptr) {
    const auto& areas = options_.pc4->areas();
    return absl::StrCat(areas[Uniform(0, static_cast<int>(areas.size()) - 1)].code,
                        letters);
  }
  return absl::StrCat(Uniform(1000, 9999), letters);
}

void RecordGenerator::LeaveOut(v1::Werkzoekende* p) {
  auto* q = p->mutable_arbeidsmarktkwalificatie();
  const double f = options_.incomplete_fraction;
  if (Chance(f)) q->clear_opleiding();
  if (Chance(f)) q->clear_taalbeheersing();
  if (Chance(f)) q->clear_code_werk_en_denkniveau_werkzoekende();
  if (Chance(f)) q->clear_competentiebeheersing();
  if (Chance(f)) q->clear_rijbewijs();
  if (Chance(f)) p->clear_werktijden();
  if (Chance(f)) p->clear_flexibiliteit();
  if (Chance(f)) p->clear_contractvorm();
  if (Chance(f)) p->clear_sector();
  if (Chance(f)) p->mutable_mobiliteit()->clear_maximale_reisafstand();
}

std::string RecordGenerator::Uuid() {
  const uint64_t hi = (random_() & 0xFFFFFFFFFFFF0FFFull) | 0x4000ull;
  const uint64_t lo = (random_() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32, (hi >> 16) & 0xFFFF,
                         hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFull);
}

void RecordGenerator::NextProcessData(const v1::Werkzoekende& profile,
                                      v1::Procesgegevens* process) {
  process->Clear();
  process->set_id_werkzoekende(profile.id_werkzoekende());
  auto consent = [&](v1::ToestemmingDoel purpose, v1::Grondslag basis) {
    v1::Toestemming* c = process->add_toestemming();
    c->set_id_toestemming(Uuid());
    c->set_id_werkzoekende(profile.id_werkzoekende());
    c->set_doel(purpose);
    c->set_verleend_op("2026-01-01T09:00:00Z");
    c->set_geldig_tot("2028-01-01T00:00:00Z");
    c->set_grondslag(basis);
    return c;
  };
  if (!Chance(0.9)) return;
  v1::Toestemming* publication =
      consent(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE, v1::GRONDSLAG_TOESTEMMING);
  if (Chance(0.01)) publication->set_ingetrokken_op("2026-03-01T09:00:00Z");
  if (Chance(0.2)) {
    consent(v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS,
            v1::GRONDSLAG_UITDRUKKELIJKE_TOESTEMMING);
  }
}

std::string RecordGenerator::Date(int from_year, int to_year) {
  return absl::StrFormat("%04d-%02d-%02d", Uniform(from_year, to_year), Uniform(1, 12),
                         Uniform(1, 28));
}

bool RecordGenerator::NextProfile(v1::Werkzoekende* p) {
  p->Clear();
  ++count_;
  p->set_id_werkzoekende(absl::StrCat("synth-wz-", options_.seed, "-", count_));
  const bool ldr = Chance(0.3);
  p->set_indicatie_ldr_registratie(ldr ? v1::JA_NEE_JA : v1::JA_NEE_NEE);
  if (ldr) {
    auto* needs = p->mutable_eis_aan_werk();
    needs->set_indicatie_aanpassing_werkomgeving(
        static_cast<v1::Indicatie>(Uniform(0, 2)));
    needs->set_indicatie_begeleiding(static_cast<v1::Indicatie>(Uniform(0, 2)));
    needs->set_indicatie_werkvariatie(static_cast<v1::Indicatie>(Uniform(0, 2)));
  }
  if (Chance(0.3)) {
    p->set_persoonlijke_presentatie(
        "Ik ben een betrouwbare kracht en werk graag in een vast team.");
  }
  auto* transport = p->add_vervoermiddel();
  transport->set_code_vervoermiddel(static_cast<v1::CodeVervoermiddel>(Uniform(1, 5)));
  transport->set_indicatie_beschikbaar_voor_woon_werkverkeer(v1::INDICATIE_JA);
  auto* mobility = p->mutable_mobiliteit();
  mobility->set_bemiddelingspostcode(Postcode());
  mobility->set_maximale_reisafstand(Uniform(5, 60));
  mobility->set_maximale_reistijd(Uniform(15, 90));
  auto* flex = p->mutable_flexibiliteit();
  flex->set_datum_aanvang_beschikbaar_voor_werk(Date(2026, 2026));
  const int min_hours = Uniform(4, 32);
  auto* hours = p->mutable_werktijden();
  hours->set_aantal_werkuren_per_week_minimaal(min_hours);
  hours->set_aantal_werkuren_per_week_maximaal(min_hours + Uniform(0, 8));
  hours->set_indicatie_kantoortijden(static_cast<v1::Indicatie>(Uniform(0, 2)));
  auto* contract = p->add_contractvorm();
  contract->set_code_type_arbeidscontract(Chance(0.5) ? "B" : "O");
  contract->set_code_type_overeenkomst(ldr && Chance(0.5) ? "02" : "01");

  auto* q = p->mutable_arbeidsmarktkwalificatie();
  q->set_code_werk_en_denkniveau_werkzoekende(
      static_cast<v1::WerkEnDenkniveau>(Uniform(1, 6)));
  const int first_skill = Uniform(0, std::size(kSkills) - 1);
  for (int i = Uniform(1, 3); i > 0; --i) {
    q->add_competentiebeheersing()->set_code_competentie(
        kSkills[(first_skill + i) % std::size(kSkills)]);
  }
  auto* dutch = q->add_taalbeheersing();
  dutch->set_code_taal("nld");
  dutch->set_code_niveau_taalbeheersing_mondeling(
      static_cast<v1::NiveauTaalbeheersing>(Uniform(2, 4)));
  dutch->set_code_niveau_taalbeheersing_schriftelijk(
      static_cast<v1::NiveauTaalbeheersing>(Uniform(1, 4)));
  if (Chance(0.4)) {
    auto* other = q->add_taalbeheersing();
    other->set_code_taal(kLanguages[Uniform(1, 9)]);
    other->set_code_niveau_taalbeheersing_mondeling(v1::NIVEAU_TAALBEHEERSING_UITSTEKEND);
  }
  if (Chance(0.5)) q->add_rijbewijs()->set_code_soort_rijbewijs(Pick(kLicences));
  auto* school = q->add_opleiding();
  school->set_code_niveau_opleiding(static_cast<v1::NiveauOpleiding>(Uniform(1, 6)));
  if (Chance(0.5)) school->set_code_opleidingsnaam(Pick(kEducationNames));
  const int start = Uniform(1995, 2022);
  school->set_datum_aanvang_volgen_opleiding(absl::StrFormat("%04d-09-01", start));
  if (Chance(0.2)) {
    school->set_code_status_opleiding(v1::STATUS_OPLEIDING_LOPEND);
  } else {
    school->set_code_status_opleiding(v1::STATUS_OPLEIDING_AFGEROND);
    school->set_indicatie_diploma(v1::INDICATIE_DIPLOMA_JA);
    school->set_datum_einde_volgen_opleiding(
        absl::StrFormat("%04d-07-01", start + Uniform(1, 4)));
    school->set_datum_diploma(school->datum_einde_volgen_opleiding());
  }
  for (int i = Uniform(0, 3); i > 0; --i) {
    const Occupation& job = Pick(kOccupations);
    auto* experience = q->add_werkervaring();
    const int year = Uniform(2005, 2023);
    experience->set_datum_aanvang_werkzaamheden(absl::StrFormat("%04d-03-01", year));
    experience->set_datum_einde_werkzaamheden(absl::StrFormat("%04d-02-28", year + 1));
    experience->set_naam_organisatie(
        absl::StrCat("Werkgever ", Uniform(1, 500), " B.V."));
    experience->mutable_beroep()->set_code_beroepsnaam(job.uri);
  }
  const Occupation& wanted = Pick(kOccupations);
  p->add_bemiddelingsberoep()->set_code_beroepsnaam(wanted.uri);
  if (Chance(0.3)) {
    const Occupation& also = Pick(kOccupations);
    if (&also != &wanted) p->add_bemiddelingsberoep()->set_code_beroepsnaam(also.uri);
  }
  p->add_sector()->set_code_sbi(wanted.sbi);

  const bool contact = Chance(0.7);
  p->set_indicatie_beschikbaarheid_contactgegevens(contact ? v1::JA_NEE_JA
                                                           : v1::JA_NEE_NEE);
  if (contact) {
    p->add_emailadres(absl::StrCat("kandidaat.", count_, "@example.nl"));
    p->add_telefoonnummer(
        absl::StrFormat("0612%06d", static_cast<int>(count_ % 1000000)));
  }
  if (options_.incomplete_fraction > 0) LeaveOut(p);
  if (Chance(options_.invalid_fraction)) {
    BreakProfile(p);
    return true;
  }
  return false;
}

void RecordGenerator::BreakProfile(v1::Werkzoekende* p) {
  switch (Uniform(0, 5)) {
    case 0:  // WTD-02
      p->mutable_werktijden()->set_aantal_werkuren_per_week_minimaal(100);
      break;
    case 1:  // MOB-01
      p->mutable_mobiliteit()->set_bemiddelingspostcode("1234 AB");
      break;
    case 2:  // FLX-04
      p->mutable_flexibiliteit()->set_datum_aanvang_beschikbaar_voor_werk("2026-02-30");
      break;
    case 3:  // WZ-03
      p->set_indicatie_ldr_registratie(static_cast<v1::JaNee>(7));
      break;
    case 4:  // WZ-02
      p->set_id_werkzoekende("");
      break;
    default:  // WZ-18
      p->set_id_werkzoekende(absl::StrCat("synth wz ", count_));
  }
}

bool RecordGenerator::NextVacancy(v1::Vacature* v) {
  v->Clear();
  ++count_;
  const Occupation& job = Pick(kOccupations);
  v->set_id_vacature(absl::StrCat("synth-vac-", options_.seed, "-", count_));
  v->set_naam_vacature(job.name);
  v->set_nummer_vacature(absl::StrCat(count_ % 100000000));
  v->set_omschrijving_vacature(
      absl::StrCat("Vacature voor ", job.name, " in ", Pick(kCities), "."));
  v->set_code_werk_en_denkniveau_minimaal(
      static_cast<v1::WerkEnDenkniveau>(Uniform(1, 5)));
  v->set_sluitingsdatum_vacature(Date(2026, 2027));
  v->add_sollicitatiewijze()->set_code_sollicitatiewijze("3");
  auto* employer = v->mutable_werkgever();
  employer->set_handelsnaam_organisatie(
      absl::StrCat("Werkgever ", Uniform(1, 5000), " B.V."));
  auto* address = v->mutable_adres();
  address->set_postcode(Postcode());
  address->set_huisnummer(Uniform(1, 300));
  v->mutable_sector()->set_code_sbi(job.sbi);
  auto* contract = v->add_contractvorm();
  contract->set_code_type_arbeidscontract(Chance(0.5) ? "B" : "O");
  contract->set_code_type_overeenkomst("01");
  v->mutable_beroep()->set_code_beroepsnaam(job.uri);
  const int min_hours = Uniform(8, 32);
  v->mutable_werktijden()->set_aantal_werkuren_per_week_minimaal(min_hours);
  v->mutable_werktijden()->set_aantal_werkuren_per_week_maximaal(min_hours +
                                                                 Uniform(0, 8));
  v->add_taalbeheersing()->set_code_taal("nld");
  if (Chance(options_.invalid_fraction)) {
    BreakVacancy(v);
    return true;
  }
  return false;
}

void RecordGenerator::BreakVacancy(v1::Vacature* v) {
  switch (Uniform(0, 2)) {
    case 0:  // VAC-01
      v->clear_id_vacature();
      break;
    case 1:  // VAC-08
      v->set_sluitingsdatum_vacature("2026-13-01");
      break;
    default:  // WTD-03
      v->mutable_werktijden()->set_aantal_werkuren_per_week_maximaal(100);
  }
}

}  // namespace vum
