#include "vum/migrate.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/json.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"
#include "vum/validator.h"

namespace vum {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Migrated {
  std::string json;
  std::vector<std::string> losses;  // "path reason"
};

Migrated Migrate(RecordType type, const std::string& in,
                 const MigrationOptions& options = {}) {
  Migrated m;
  std::vector<MigrationLoss> losses;
  const absl::Status s = MigrateRecord(type, in, options, &m.json, &losses);
  EXPECT_TRUE(s.ok()) << s;
  for (const MigrationLoss& l : losses) {
    m.losses.push_back(l.path + " " + std::string(MigrationLossReasonName(l.reason)));
  }
  return m;
}

template <typename M>
M Read(const std::string& json) {
  M message;
  const absl::Status s = ParseJson(json, &message);
  EXPECT_TRUE(s.ok()) << s << "\n" << json;
  return message;
}

TEST(MigrateTest, APilotProfileBecomesA30ProfileAndEveryLossIsNamed) {
  const Migrated m = Migrate(RecordType::kWerkzoekende, R"({
      "idWerkzoekende": "gem-1",
      "voorkeursland": [{"landencodeIso": "BE"}],
      "mobiliteit": {"bemiddelingspostcode": "1011AB"},
      "flexibiliteit": {"codeRegiostraal": 3, "indicatieOnregelmatigWerkOfPloegendienst": 1},
      "bemiddelingsberoep": [
        {"codeBeroepsnaam": "1120001", "omschrijvingBeroepsnaam": "Hovenier"},
        {"naamBeroepOngecodeerd": "Fietsenmaker"},
        {"codeBeroepsnaam": "https://linkeddata.competentnl.nl/uwv/id/occupation/0A"}],
      "arbeidsmarktkwalificatie": {
        "vakvaardigheid": [{"omschrijving": "Snoeien"}],
        "gedragscompetentie": [{"codeGedragscompetentie": 24120}],
        "opleiding": [{"codeNiveauOpleiding": 4,
                       "opleidingsnaam": {"codeOpleidingsnaam": 25403,
                                          "omschrijvingOpleidingsnaam": "Hovenier"}},
                      {"opleidingsnaam": {"naamOpleidingOngecodeerd": "Havo",
                                          "omschrijvingOpleiding": "Profiel EM"}}],
        "werkervaring": [{"naamOrganisatie": "X", "beroep": {"codeBeroepsnaam": "1120002"}}],
        "rijbewijs": []}})");
  EXPECT_THAT(
      m.losses,
      ElementsAre(
          "voorkeursland[0].landencodeIso removed-in-3.0",
          "flexibiliteit.codeRegiostraal removed-in-3.0",
          "bemiddelingsberoep[0].codeBeroepsnaam no-competentnl-code",
          "bemiddelingsberoep[0].omschrijvingBeroepsnaam code-label",
          "bemiddelingsberoep[1].naamBeroepOngecodeerd uncoded-name",
          "arbeidsmarktkwalificatie.vakvaardigheid[0].omschrijving removed-in-3.0",
          "arbeidsmarktkwalificatie.gedragscompetentie[0]."
          "codeGedragscompetentie removed-in-3.0",
          "arbeidsmarktkwalificatie.opleiding[0].opleidingsnaam."
          "omschrijvingOpleidingsnaam code-label",
          "arbeidsmarktkwalificatie.opleiding[1].opleidingsnaam."
          "naamOpleidingOngecodeerd uncoded-name",
          "arbeidsmarktkwalificatie.werkervaring[0].beroep.codeBeroepsnaam "
          "no-competentnl-code"));
  const auto profile = Read<v1::Werkzoekende>(m.json);
  ASSERT_EQ(profile.bemiddelingsberoep_size(), 1);
  EXPECT_EQ(profile.bemiddelingsberoep(0).code_beroepsnaam(),
            "https://linkeddata.competentnl.nl/uwv/id/occupation/0A");
  const auto& schooling = profile.arbeidsmarktkwalificatie().opleiding();
  EXPECT_EQ(schooling[0].code_opleidingsnaam(), "25403");
  EXPECT_EQ(schooling[1].toelichting_opleiding(), "Profiel EM");
  EXPECT_FALSE(profile.arbeidsmarktkwalificatie().werkervaring(0).has_beroep());
  EXPECT_TRUE(profile.flexibiliteit().has_indicatie_onregelmatig_werk_of_ploegendienst());
  auto validator = Validator::Create({});
  ASSERT_TRUE(validator.ok());
  EXPECT_TRUE((*validator)->Validate(profile)->conforms());
}

TEST(MigrateTest, The20FormsOfNamesAndAMappingOfOldOccupationCodes) {
  const absl::flat_hash_map<std::string, std::string> map = {
      {"1120001", "https://linkeddata.competentnl.nl/uwv/id/occupation/AA"}};
  const Migrated m = Migrate(RecordType::kWerkzoekende, R"({
      "bemiddelingsberoep": [
        {"beroepsnaamGecodeerd": {"codeBeroepsnaam": "1120001",
                                  "omschrijvingBeroepsnaam": "Hovenier"}},
        {"beroepsnaamOngecodeerd": {"naamBeroepOngecodeerd": "Imker"}}],
      "arbeidsmarktkwalificatie": {"opleiding": [
        {"opleidingsnaam": {"opleidingsnaamGecodeerd": {"codeOpleidingsnaam": "0301"}}}]}})",
                             {.occupations = &map});
  EXPECT_THAT(m.losses, ElementsAre("bemiddelingsberoep[0].beroepsnaamGecodeerd."
                                    "omschrijvingBeroepsnaam code-label",
                                    "bemiddelingsberoep[1].beroepsnaamOngecodeerd."
                                    "naamBeroepOngecodeerd uncoded-name"));
  const auto profile = Read<v1::Werkzoekende>(m.json);
  ASSERT_EQ(profile.bemiddelingsberoep_size(), 1);
  EXPECT_EQ(profile.bemiddelingsberoep(0).code_beroepsnaam(),
            "https://linkeddata.competentnl.nl/uwv/id/occupation/AA");
  // The leading zero of a 2.0 digit string survives.
  EXPECT_EQ(profile.arbeidsmarktkwalificatie().opleiding(0).code_opleidingsnaam(),
            "0301");
}

// An occupation with a property no form knows keeps both its code and that
// property, so that the reader names the property: neither is dropped.
TEST(MigrateTest, AnOccupationsUnknownPropertyTravelsWithItsCode) {
  const std::string uri = "https://linkeddata.competentnl.nl/uwv/id/occupation/0A";
  for (const std::string& occupation :
       {absl::StrCat(R"({"codeBeroepsnaam":")", uri, R"(","onbekend":1})"),
        absl::StrCat(R"({"onbekend":1,"codeBeroepsnaam":")", uri, R"("})"),
        absl::StrCat(R"({"beroepsnaamGecodeerd":{"codeBeroepsnaam":")", uri,
                     R"("},"onbekend":1})")}) {
    const Migrated m =
        Migrate(RecordType::kWerkzoekende,
                absl::StrCat(R"({"bemiddelingsberoep":[)", occupation, "]}"));
    EXPECT_THAT(m.losses, IsEmpty()) << occupation;
    EXPECT_NE(m.json.find(uri), std::string::npos) << occupation << " -> " << m.json;
    EXPECT_NE(m.json.find("\"onbekend\":1"), std::string::npos)
        << occupation << " -> " << m.json;
  }
}

TEST(MigrateTest, AVacancysWorkLocationBecomesItsAdres) {
  const Migrated m = Migrate(RecordType::kVacature, R"({
      "idVacature": "v-1", "indicatieLdrRegistratie": 1,
      "sluitingsDatumVacature": "2027-01-31",
      "flexibiliteit": {"datumAanvangBeschikbaarVoorWerk": "2026-12-01"},
      "werkgever": {"handelsnaamOrganisatie": "Groen BV", "adresHouding": [
        {"codeFunctieAdres": "V", "adres": {"adresNederland": {"postcode": "3511AA"}}},
        {"codeFunctieAdres": "E", "datumAanvangAdres": "2020-01-01",
         "adres": {"adresNederland": {"postcode": "5611AB", "woonplaatsnaam": "Eindhoven",
           "adresDetails": {"straatadres": {"straatnaam": "Markt", "huisnummer": 1,
                                            "huisletter": "a"}}}}}]}})");
  EXPECT_THAT(
      m.losses,
      ElementsAre(
          "werkgever.adresHouding[0].codeFunctieAdres address-part",
          "werkgever.adresHouding[0].adres.adresNederland.postcode address-part",
          "werkgever.adresHouding[1].codeFunctieAdres address-part",
          "werkgever.adresHouding[1].datumAanvangAdres address-part",
          "werkgever.adresHouding[1].adres.adresNederland.woonplaatsnaam address-part",
          "werkgever.adresHouding[1].adres.adresNederland.adresDetails.straatadres."
          "huisletter address-part",
          "indicatieLdrRegistratie removed-in-3.0",
          "flexibiliteit.datumAanvangBeschikbaarVoorWerk removed-in-3.0"));
  const auto vacancy = Read<v1::Vacature>(m.json);
  EXPECT_EQ(vacancy.adres().postcode(), "5611AB");
  EXPECT_EQ(vacancy.adres().straatnaam(), "Markt");
  EXPECT_EQ(vacancy.adres().huisnummer(), 1);
  EXPECT_EQ(vacancy.sluitingsdatum_vacature(), "2027-01-31");
  EXPECT_EQ(vacancy.werkgever().handelsnaam_organisatie(), "Groen BV");
}

TEST(MigrateTest, A30RecordPassesUnchangedAndEmptyValuesAreNotLosses) {
  const std::string in =
      R"({"idWerkzoekende":"a","mobiliteit":{"bemiddelingspostcode":"1011AB"},)"
      R"("arbeidsmarktkwalificatie":{"competentiebeheersing":[{"codeCompetentie":"x"}]}})";
  const Migrated m = Migrate(RecordType::kWerkzoekende, in);
  EXPECT_EQ(m.json, in);
  EXPECT_THAT(m.losses, IsEmpty());
  EXPECT_THAT(
      Migrate(RecordType::kWerkzoekende, R"({"voorkeursland":[],"idWerkzoekende":""})")
          .losses,
      IsEmpty());
}

TEST(MigrateTest, AnElementNoFormHasReachesTheReaderWhichNamesIt) {
  const Migrated m =
      Migrate(RecordType::kWerkzoekende, R"({"bemiddelingsPostcode":"1011AB"})");
  v1::Werkzoekende profile;
  const absl::Status s = ParseJson(m.json, &profile);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("bemiddelingsPostcode"));
}

TEST(MigrateTest, NotAnObjectIsRefusedAndNothingIsWritten) {
  std::string out = "unchanged";
  std::vector<MigrationLoss> losses;
  EXPECT_EQ(MigrateRecord(RecordType::kWerkzoekende, "[1]", {}, &out, &losses).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MigrateRecord(RecordType::kWerkzoekende, "{", {}, &out, &losses).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(out, "unchanged");
  EXPECT_THAT(losses, IsEmpty());
}

TEST(MigrateTest, OccupationMapLinesAreCheckedByNumber) {
  absl::flat_hash_map<std::string, std::string> map;
  EXPECT_TRUE(
      ParseOccupationMap("# BO&C to CompetentNL\n1120001\thttps://x/y\n\n", &map).ok());
  EXPECT_EQ(map.at("1120001"), "https://x/y");
  const absl::Status bad = ParseOccupationMap("1\thttps://a/b\n2 https://c/d\n", &map);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.message()), ::testing::HasSubstr("line 2"));
}

}  // namespace
}  // namespace vum
