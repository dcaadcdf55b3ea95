// The completeness report: counts per element and group, matchability, the
// small-cell protection of every output, and a page that needs no network.

#include "vum/report.h"

#include <algorithm>
#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/shipped_pc4.h"
#include "vum/code_list.h"
#include "vum/report_render.h"
#include "vum/validator.h"

namespace vum {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Pc4Register& Pc4() { return vum::testing::ShippedPc4(); }

int ElementIndex(const CompletenessReport& r, const std::string& path) {
  for (size_t i = 0; i < r.elements().size(); ++i) {
    if (r.elements()[i].path == path) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no element " << path;
  return 0;
}

v1::Werkzoekende Profile(const std::string& id, const std::string& postcode,
                         bool education) {
  v1::Werkzoekende p;
  p.set_id_werkzoekende(id);
  p.mutable_mobiliteit()->set_bemiddelingspostcode(postcode);
  if (education) {
    p.mutable_arbeidsmarktkwalificatie()->add_opleiding()->set_code_niveau_opleiding(
        v1::NIVEAU_OPLEIDING_MBO);
  }
  return p;
}

TEST(ReportTest, CountsEveryElementPerGroupInDictionaryOrder) {
  ReportBuilder builder({.k = 2, .pc4 = &Pc4()});
  builder.StartSnapshot("2026-06-30");
  builder.Add(Profile("a", "5611AA", true), "00000001001111111000");
  builder.Add(Profile("b", "5611AA", false), "00000001001111111000");
  builder.Add(Profile("c", "1011AA", true), "00000001002222222000");
  const CompletenessReport r = std::move(builder).Finish();
  ASSERT_EQ(r.snapshots().size(), 1u);
  const ReportSnapshot& s = r.snapshots()[0];
  EXPECT_EQ(r.elements()[0].path, "idWerkzoekende");
  EXPECT_EQ(r.elements()[0].label, "Id werkzoekende");
  const int level =
      ElementIndex(r, "arbeidsmarktkwalificatie.opleiding.codeNiveauOpleiding");
  EXPECT_TRUE(r.elements()[level].matching);
  EXPECT_FALSE(r.elements()[ElementIndex(r, "persoonlijkePresentatie")].matching);
  EXPECT_FALSE(r.elements()[ElementIndex(r, "emailadres")].matching);
  EXPECT_EQ(s.all.profiles, 3u);
  EXPECT_EQ(s.all.with_element[level], 2u);
  EXPECT_EQ(s.by_source.at("00000001001111111000").with_element[level], 1u);
  EXPECT_EQ(s.by_municipality.at("Eindhoven").profiles, 2u);
  EXPECT_EQ(s.by_province.at("Noord-Holland").profiles, 1u);
  EXPECT_EQ(s.by_labour_market_region.at("Zuidoost-Brabant").profiles, 2u);
  EXPECT_EQ(s.by_labour_market_region.at("Groot Amsterdam").profiles, 1u);
  EXPECT_EQ(s.by_target_group.at("onbekend").profiles, 3u);
  EXPECT_EQ(s.by_pc4.at(5611).first, 2u);
}

// A profile counts where its postcode lies today: Weesp (merged into Amsterdam
// in 2022), Vianen (into Vijfheerenlanden, province Utrecht, in 2019).
TEST(ReportTest, AreasAreCountedInTheMunicipalitiesAndRegionsOfToday) {
  ReportBuilder builder({.k = 2, .pc4 = &Pc4()});
  builder.StartSnapshot("2026-06-30");
  builder.Add(Profile("a", "1381AA", true), "00000001001111111000");
  builder.Add(Profile("b", "4131AA", true), "00000001001111111000");
  const CompletenessReport r = std::move(builder).Finish();
  const ReportSnapshot& s = r.snapshots()[0];
  EXPECT_EQ(s.by_municipality.count("Weesp"), 0u);
  EXPECT_EQ(s.by_municipality.at("Amsterdam").profiles, 1u);
  EXPECT_EQ(s.by_municipality.at("Vijfheerenlanden").profiles, 1u);
  EXPECT_EQ(s.by_province.at("Utrecht").profiles, 1u);
  EXPECT_EQ(s.by_labour_market_region.at("Gorinchem").profiles, 1u);
  const std::string html = ReportHtml(r);
  EXPECT_THAT(html, HasSubstr("<h2 id=\"arbeidsmarktregios\">"));
  EXPECT_THAT(ReportCsv(r, CsvDialect::kRfc4180),
              HasSubstr("\"arbeidsmarktregio\",\"Gorinchem\""));
}

TEST(ReportTest, MatchabilityIsTheShareOfMatchingGroupsPresent) {
  ReportBuilder builder({.pc4 = &Pc4()});
  const double groups = static_cast<double>(builder.matchability_groups());
  ASSERT_GT(groups, 20);
  EXPECT_EQ(builder.matchability_groups(), 25u) << "docs/report.md names the number";
  v1::Werkzoekende bare;
  bare.set_id_werkzoekende("x");
  EXPECT_EQ(builder.Matchability(bare), 0);
  v1::Werkzoekende p = Profile("y", "5611AA", false);
  EXPECT_DOUBLE_EQ(builder.Matchability(p), 100 / groups);
  // A list counts once, however many elements or selectable fields it has.
  auto* language = p.mutable_arbeidsmarktkwalificatie()->add_taalbeheersing();
  language->set_code_taal("nld");
  language->set_code_niveau_taalbeheersing_mondeling(v1::NIVEAU_TAALBEHEERSING_GOED);
  p.mutable_arbeidsmarktkwalificatie()->add_taalbeheersing()->set_code_taal("eng");
  EXPECT_DOUBLE_EQ(builder.Matchability(p), 200 / groups);
  // Free text and contact data do not count.
  p.set_persoonlijke_presentatie("Betrouwbaar.");
  p.add_emailadres("a@example.nl");
  EXPECT_DOUBLE_EQ(builder.Matchability(p), 200 / groups);
}

TEST(ReportTest, SmallCellsAreNeverPublished) {
  ReportBuilder builder({.k = 10, .pc4 = &Pc4()});
  builder.StartSnapshot("2026-06-30");
  // 100 profiles, 9 of them with an education level, 91 without contact data.
  for (int i = 0; i < 100; ++i) {
    v1::Werkzoekende p = Profile(absl::StrCat("p", i), "5611AA", i < 9);
    if (i < 9) p.add_emailadres("a@example.nl");
    builder.Add(p, "00000001001111111000");
  }
  const CompletenessReport r = std::move(builder).Finish();
  const GroupCounts& all = r.snapshots()[0].all;
  const Measure level = ElementMeasure(
      ElementIndex(r, "arbeidsmarktkwalificatie.opleiding.codeNiveauOpleiding"));
  const Measure mail = ElementMeasure(ElementIndex(r, "emailadres"));
  const Measure id = ElementMeasure(ElementIndex(r, "idWerkzoekende"));
  const Measure phone = ElementMeasure(ElementIndex(r, "telefoonnummer"));
  EXPECT_EQ(r.PublishedCount(all, kProfilesMeasure), 100u);
  EXPECT_EQ(r.PublishedCount(all, id), 100u);
  EXPECT_EQ(r.PublishedShare(all, id), 100);
  EXPECT_EQ(r.PublishedCount(all, phone), 0u);
  EXPECT_EQ(r.PublishedShare(all, phone), 0);
  EXPECT_FALSE(r.PublishedCount(all, level));  // 9 have it
  EXPECT_FALSE(r.PublishedShare(all, level));
  EXPECT_FALSE(r.PublishedCount(all, mail));  // 9 have it, 91 do not
  EXPECT_EQ(r.PublishedCount(9, 100), std::nullopt);
  EXPECT_EQ(r.PublishedCount(91, 100), std::nullopt);  // 9 without
  EXPECT_EQ(r.PublishedCount(50, 100), 50u);
  EXPECT_EQ(r.PublishedCount(0, 100), 0u);
  EXPECT_EQ(r.PublishedMean(all), all.mean_matchability());
}

// A source of three profiles beside two of twenty: no output names the
// three, nor lets them be worked out from the total and the other sources.
TEST(ReportTest, EveryOutputSuppressesASmallSource) {
  ReportBuilder builder({.k = 10, .pc4 = &Pc4()});
  builder.StartSnapshot("2026-06-30");
  for (int i = 0; i < 40; ++i) {
    builder.Add(Profile(absl::StrCat("g", i), "5611AA", i % 20 < 15),
                i < 20 ? "00000001001111111000" : "00000001002222222000");
  }
  for (int i = 0; i < 3; ++i)
    builder.Add(Profile(absl::StrCat("s", i), "9712AA", true), "00000001009999999000");
  const CompletenessReport r = std::move(builder).Finish();
  const ReportSnapshot& s = r.snapshots()[0];
  EXPECT_EQ(r.PublishedCount(s.all, kProfilesMeasure), 43u);
  // The small source is withheld whole, and so is one more, so that
  // 43 - 20 leaves two sources, not one.
  int withheld = 0;
  for (const auto& [oin, g] : s.by_source)
    withheld += !r.PublishedCount(g, kProfilesMeasure);
  EXPECT_EQ(withheld, 2);
  EXPECT_FALSE(
      r.PublishedCount(s.by_source.at("00000001009999999000"), kProfilesMeasure));
  const std::string csv = ReportCsv(r);
  for (const std::string& line : std::vector<std::string>(absl::StrSplit(csv, "\r\n"))) {
    if (line.find("00000001009999999000") == std::string::npos) continue;
    EXPECT_TRUE(absl::EndsWith(line, ",ja")) << "withheld: " << line;
    EXPECT_THAT(line, Not(HasSubstr("\"3\""))) << line;
  }
  const std::string json = ReportJson(r);
  EXPECT_THAT(
      json,
      HasSubstr(
          R"("name":"00000001009999999000","profiles":null,"profilesSuppressed":true,"matchability":null)"));
  EXPECT_THAT(json, Not(HasSubstr("\"profiles\":3,")));
  EXPECT_THAT(json, Not(HasSubstr("\"< ")));  // a count is a number or null
  const std::string html = ReportHtml(r);
  EXPECT_THAT(
      html,
      HasSubstr("<td>00000001009999999000</td><td>afgeschermd</td><td>–</td><td>–</td>"));
  // Groningen's area holds three profiles: no dot on the map.
  EXPECT_THAT(html, Not(HasSubstr("<title>9712:")));
  EXPECT_THAT(html, HasSubstr("<title>5611:"));
}

TEST(ReportTest, ThePageNeedsNoNetwork) {
  ReportBuilder builder({.k = 1, .pc4 = &Pc4()});
  builder.StartSnapshot("2026-06-30");
  builder.Add(Profile("a", "5611AA", true), "00000001001111111000");
  builder.StartSnapshot("2026-09-30");
  builder.Add(Profile("a", "5611AA", true), "00000001001111111000");
  const std::string html = ReportHtml(std::move(builder).Finish());
  const std::string without_svg_namespace =
      std::regex_replace(html, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "");
  for (const char* outside :
       {"http:", "https:", "src=", "href=", "<link", "@import", "url("}) {
    EXPECT_THAT(without_svg_namespace, Not(HasSubstr(outside))) << outside;
  }
  for (const char* chart :
       {"volledigheid-svg", "bronnen-svg", "kaart-svg", "trend-svg"}) {
    EXPECT_THAT(html, HasSubstr(chart));
  }
  EXPECT_THAT(html, HasSubstr("<polyline"));  // two dates: a line
}

// Every explanation is on the page itself (a mailed page cannot link to the
// repository), each chart is named for assistive technology, and the page
// prints.
TEST(ReportTest, ThePageExplainsItselfNamesItsChartsAndPrints) {
  ReportBuilder builder({.k = 10, .pc4 = &Pc4()});
  builder.StartSnapshot("2026-06-30");
  builder.Add(Profile("a", "5611AA", true), "00000001001111111000");
  const std::string html = ReportHtml(std::move(builder).Finish());
  EXPECT_THAT(html, HasSubstr("<h2 id=\"lezen\">Zo leest u deze pagina</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2 id=\"bescherming\">Hoe kleine aantallen beschermd"));
  EXPECT_THAT(html, HasSubstr("secundaire afscherming"));
  EXPECT_THAT(html, HasSubstr("volgen de indeling van 1 januari 2026"));
  EXPECT_THAT(html, Not(HasSubstr("docs/")));
  EXPECT_THAT(html, HasSubstr("@media print"));
  for (const char* chart : {"volledigheid", "bronnen", "kaart", "trend"}) {
    EXPECT_THAT(html, HasSubstr(absl::StrCat("id=\"", chart, "-svg\"")));
    EXPECT_THAT(html, HasSubstr(absl::StrCat("aria-labelledby=\"", chart, "\"")));
    EXPECT_THAT(html, HasSubstr(absl::StrCat("<h2 id=\"", chart, "\"")));
  }
}

// The two CSV dialects: RFC 4180 (comma, point, CRLF) and the Dutch one
// (semicolon, decimal comma, CRLF, a byte-order mark); both carry the
// validation figures per group and the profiles breaking each rule.
TEST(ReportTest, CsvInBothDialectsWithTheValidationFigures) {
  CodeListRegistry lists;
  auto validator = Validator::Create({.code_lists = &lists});
  ASSERT_TRUE(validator.ok());
  ReportBuilder builder({.k = 1, .pc4 = &Pc4(), .validator = validator->get()});
  builder.StartSnapshot("2026-06-30");
  builder.Add(Profile("a", "5611AA", true), "00000001001111111000");
  builder.Add(Profile("b", "5611AA", false), "00000001001111111000");
  builder.Add(Profile("c d", "5611AA", false), "00000001001111111000");  // WZ-18
  const CompletenessReport r = std::move(builder).Finish();
  const std::string plain = ReportCsv(r);
  EXPECT_THAT(plain, ::testing::StartsWith("peildatum,soort_groep,groep,"));
  EXPECT_THAT(
      plain,
      HasSubstr("\"2026-06-30\",\"alle\",\"alle\",\"(conform)\","
                "\"Records die aan de standaard voldoen\",,\"3\",\"2\",66.7,nee\r\n"));
  EXPECT_THAT(plain,
              HasSubstr("\"2026-06-30\",\"regel\",\"WZ-18\",\"(regel gebroken)\","
                        "\"Profielen die deze regel breken\",,\"3\",\"1\",,nee\r\n"));
  EXPECT_THAT(plain, Not(HasSubstr(";")));
  for (const std::string& line : std::vector<std::string>(absl::StrSplit(plain, '\n'))) {
    if (!line.empty()) {
      EXPECT_TRUE(absl::EndsWith(line, "\r")) << line;
    }
  }
  const std::string dutch = ReportCsv(r, CsvDialect::kDutch);
  EXPECT_THAT(dutch, ::testing::StartsWith("\xEF\xBB\xBFpeildatum;soort_groep;groep;"));
  EXPECT_THAT(dutch, HasSubstr("\"(conform)\";\"Records die aan de standaard voldoen\";;"
                               "\"3\";\"2\";66,7;nee\r\n"));
}

// The page is Dutch and writes numbers as a Dutch reader does: a point
// between thousands, a decimal comma; and it sends no reader elsewhere.
TEST(ReportTest, ThePageWritesDutchNumbers) {
  ReportBuilder builder({.k = 1, .pc4 = &Pc4()});
  builder.StartSnapshot("2026-06-30");
  for (int i = 0; i < 1234; ++i) {
    builder.Add(Profile(absl::StrCat("p", i), "5611AA", i % 3 == 0),
                "00000001001111111000");
  }
  const std::string html = ReportHtml(std::move(builder).Finish());
  EXPECT_THAT(html, HasSubstr("<b>1.234</b>"));
  EXPECT_THAT(html, HasSubstr("33,4%"));  // 412 of 1234 with an education level
  EXPECT_THAT(html, Not(HasSubstr("33.4%")));
  EXPECT_THAT(html, Not(HasSubstr("docs/")));
  // The map says what colour and size mean, and that small areas are left out.
  EXPECT_THAT(html, HasSubstr("<text x=\"10\" y=\"20\">gemiddelde matchbaarheid</text>"));
  EXPECT_THAT(html, HasSubstr("profielen per gebied"));
  EXPECT_THAT(html, HasSubstr("kleinere gebieden zijn weggelaten"));
  EXPECT_THAT(html, HasSubstr("<title>5611: 1.234 profielen, matchbaarheid "));
}

// Sources by name from a party register; one it does not know by its OIN.
TEST(ReportTest, SourcesAreNamedFromAPartyRegister) {
  const std::map<std::string, std::string> names = {
      {"00000001001111111000", "Gemeente Voorbeeld"}};
  ReportBuilder builder({.k = 1, .pc4 = &Pc4(), .source_names = &names});
  builder.Add(Profile("a", "5611AA", true), "00000001001111111000");
  builder.Add(Profile("b", "5611AA", true), "00000001002222222000");
  const CompletenessReport r = std::move(builder).Finish();
  const auto& by_source = r.snapshots()[0].by_source;
  EXPECT_EQ(by_source.count("Gemeente Voorbeeld"), 1u);
  EXPECT_EQ(by_source.count("00000001002222222000"), 1u);
  EXPECT_EQ(by_source.count("00000001001111111000"), 0u);
  EXPECT_THAT(ReportHtml(r), HasSubstr("<td>Gemeente Voorbeeld</td>"));
}

TEST(ReportTest, CsvNeverStartsACellWithAFormula) {
  ReportBuilder builder({.k = 1, .pc4 = &Pc4()});
  builder.StartSnapshot("=cmd|' /C calc'!A0");
  builder.Add(Profile("a", "5611AA", true), "+31");
  const std::string csv = ReportCsv(std::move(builder).Finish());
  EXPECT_THAT(csv, HasSubstr("\"'=cmd|' /C calc'!A0\""));
  EXPECT_THAT(csv, HasSubstr("\"'+31\""));
  EXPECT_THAT(csv, Not(HasSubstr(",\"=")));
}

}  // namespace
}  // namespace vum
