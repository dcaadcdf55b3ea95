// The renderers of a CompletenessReport. Figures reach the output only
// through Published*, so the small-cell protection lives in one place.

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "lib/codelist/csv.h"
#include "lib/io/markup.h"
#include "lib/json/json_string.h"
#include "vum/report_render.h"

namespace vum {
namespace {

using Groups = std::map<std::string, GroupCounts>;

std::string Html(absl::string_view text) { return io_internal::EscapeMarkup(text); }

// A number as a Dutch reader writes it: a decimal comma, and a point between
// thousands ("80.006", "65,8").
std::string Dutch(double value, int decimals, bool sign = false) {
  std::string text = sign ? absl::StrFormat("%+.*f", decimals, value)
                          : absl::StrFormat("%.*f", decimals, value);  // "-1234.5"
  const size_t point = text.find('.');
  std::string whole = text.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  const size_t digits_from = (whole[0] == '-' || whole[0] == '+') ? 1 : 0;
  for (int at = static_cast<int>(whole.size()) - 3; at > static_cast<int>(digits_from);
       at -= 3) {
    whole.insert(static_cast<size_t>(at), ".");
  }
  return fraction.empty() ? whole : absl::StrCat(whole, ",", fraction);
}

// A date "2026-01-01" as a Dutch reader writes it ("1 januari 2026"); any
// other text as it is.
std::string DutchDate(absl::string_view date) {
  static constexpr const char* kMonths[] = {
      "januari", "februari", "maart",     "april",   "mei",      "juni",
      "juli",    "augustus", "september", "oktober", "november", "december"};
  absl::CivilDay day;
  if (!absl::ParseCivilTime(date, &day)) return Html(date);
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

std::string Percent(const std::optional<double>& share) {
  return share ? absl::StrCat(Dutch(*share, 1), "%") : "–";
}

// A count as the page shows it: the number, or that it is withheld.
std::string CountText(const std::optional<uint64_t>& count) {
  return count ? Dutch(static_cast<double>(*count), 0) : "afgeschermd";
}

// The last two parts of a label ("Opleiding / Code niveau opleiding").
std::string ShortLabel(const std::string& label) {
  size_t cut = label.rfind(" / ");
  if (cut != std::string::npos && cut > 0) cut = label.rfind(" / ", cut - 1);
  return cut == std::string::npos ? label : label.substr(cut + 3);
}

// A colour from red (0) through yellow to green (100).
std::string Colour(double score) {
  return absl::StrFormat("hsl(%d,70%%,45%%)",
                         static_cast<int>(std::clamp(score, 0.0, 100.0) * 1.2));
}

// Horizontal bars, one per (label, share); a hidden share gets no bar.
// The opening of a chart: an image named by the section's heading, its
// figures also in the tables of the page (the text alternative).
std::string ChartStart(absl::string_view id, int width, int height,
                       absl::string_view heading) {
  return absl::StrFormat(
      "<svg id=\"%s\" class=\"chart\" width=\"%d\" height=\"%d\" role=\"img\" "
      "aria-labelledby=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
      id, width, height, heading);
}

std::string Bars(const std::vector<std::pair<std::string, std::optional<double>>>& rows,
                 const std::string& id, absl::string_view heading) {
  constexpr int kRow = 18, kLabel = 440, kWidth = 360;
  std::string svg = ChartStart(id, kLabel + kWidth + 60,
                               static_cast<int>(kRow * rows.size() + 10), heading);
  for (size_t i = 0; i < rows.size(); ++i) {
    const int y = static_cast<int>(i) * kRow + 5;
    absl::StrAppendFormat(&svg, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                          kLabel - 6, y + 12, Html(rows[i].first));
    if (rows[i].second) {
      absl::StrAppendFormat(
          &svg,
          "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
          "<text x=\"%.1f\" y=\"%d\">%s</text>",
          kLabel, y + 2, *rows[i].second * kWidth / 100, kRow - 5,
          Colour(*rows[i].second), kLabel + *rows[i].second * kWidth / 100 + 4, y + 12,
          Percent(rows[i].second));
    } else {
      absl::StrAppendFormat(&svg,
                            "<text x=\"%d\" y=\"%d\" class=\"hidden\">afgeschermd</text>",
                            kLabel + 4, y + 12);
    }
  }
  return svg + "</svg>";
}

// A dot per four-digit area with at least k profiles, coloured by mean
// matchability and sized by its number of profiles, on the centres' latitude
// and longitude, with a legend for both; smaller areas are left out.
std::string Map(const CompletenessReport& r, const ReportSnapshot& s) {
  constexpr double kScale = 160, kWest = 3.2, kNorth = 53.6;
  const double x_scale = kScale * std::cos(52.2 * M_PI / 180);
  std::string svg = ChartStart("kaart-svg", 520, 500, "kaart") +
                    "<rect width=\"520\" height=\"500\" fill=\"#eef3f7\"/>";
  // Every area as a faint dot, so that the country's shape shows.
  for (const Pc4Area& a : r.pc4().areas()) {
    absl::StrAppendFormat(
        &svg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1\" fill=\"#c9d3db\"/>",
        (a.longitude - kWest) * x_scale + 10, (kNorth - a.latitude) * kScale + 10);
  }
  uint64_t largest = 1;
  for (const auto& [code, cell] : s.by_pc4) largest = std::max(largest, cell.first);
  // Area of the dot proportional to the profiles: radius 2 to 7.
  auto radius = [&](uint64_t n) {
    return 2.0 + 5.0 * std::sqrt(static_cast<double>(n) / static_cast<double>(largest));
  };
  int shown = 0;
  for (const auto& [code, cell] : s.by_pc4) {
    if (cell.first < static_cast<uint64_t>(r.k())) continue;
    const Pc4Area* a = r.pc4().Find(code);
    if (a == nullptr) continue;
    ++shown;
    absl::StrAppendFormat(
        &svg,
        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.8\">"
        "<title>%d: %s profielen, matchbaarheid %s</title></circle>",
        (a->longitude - kWest) * x_scale + 10, (kNorth - a->latitude) * kScale + 10,
        radius(cell.first), Colour(cell.second / cell.first), code,
        Dutch(static_cast<double>(cell.first), 0), Dutch(cell.second / cell.first, 0));
  }
  // The legend: colour is the mean matchability, size the number of profiles.
  // In the North Sea, top left.
  svg += "<text x=\"10\" y=\"20\">gemiddelde matchbaarheid</text>";
  for (int step = 0; step <= 4; ++step) {
    absl::StrAppendFormat(
        &svg,
        "<rect x=\"%d\" y=\"26\" width=\"22\" height=\"10\" fill=\"%s\"/>"
        "<text x=\"%d\" y=\"50\">%d</text>",
        10 + step * 26, Colour(step * 25.0), 12 + step * 26, step * 25);
  }
  absl::StrAppendFormat(&svg,
                        "<text x=\"10\" y=\"72\">profielen per gebied</text>"
                        "<circle cx=\"16\" cy=\"86\" r=\"2\" fill=\"#555\"/>"
                        "<text x=\"24\" y=\"90\">weinig</text>"
                        "<circle cx=\"80\" cy=\"86\" r=\"7\" fill=\"#555\"/>"
                        "<text x=\"91\" y=\"90\">%s</text>",
                        Dutch(static_cast<double>(largest), 0));
  absl::StrAppendFormat(
      &svg,
      "<text x=\"10\" y=\"490\">%d gebieden met ten minste %d profielen; "
      "kleinere gebieden zijn weggelaten</text>",
      shown, r.k());
  return svg + "</svg>";
}

// One line per series over the snapshots; a hidden point breaks the line.
std::string Lines(
    const std::vector<std::string>& labels,
    const std::vector<std::pair<std::string, std::vector<std::optional<double>>>>&
        series) {
  constexpr int kWidth = 620, kHeight = 260, kLeft = 40, kTop = 10;
  std::string svg = ChartStart("trend-svg", kWidth + 220, kHeight + 40, "trend");
  for (int p = 0; p <= 100; p += 25) {
    const int y = kTop + kHeight - p * kHeight / 100;
    absl::StrAppendFormat(&svg,
                          "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" "
                          "stroke=\"#ddd\"/><text x=\"0\" y=\"%d\">%d%%</text>",
                          kLeft, kLeft + kWidth, y, y, y + 4, p);
  }
  const double step =
      labels.size() > 1 ? static_cast<double>(kWidth) / (labels.size() - 1) : 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    absl::StrAppendFormat(&svg,
                          "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                          kLeft + i * step, kTop + kHeight + 20, Html(labels[i]));
  }
  for (size_t n = 0; n < series.size(); ++n) {
    const std::string colour =
        absl::StrFormat("hsl(%d,60%%,40%%)", static_cast<int>(n * 67 % 360));
    std::string points;
    for (size_t i = 0; i < series[n].second.size(); ++i) {
      const auto& v = series[n].second[i];
      if (!v) {
        if (!points.empty())
          absl::StrAppend(&svg, "<polyline fill=\"none\" stroke=\"", colour,
                          "\" stroke-width=\"2\" points=\"", points, "\"/>");
        points.clear();
        continue;
      }
      const double x = kLeft + i * step, y = kTop + kHeight - *v * kHeight / 100;
      absl::StrAppendFormat(&points, "%.1f,%.1f ", x, y);
      absl::StrAppendFormat(&svg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                            x, y, colour);
    }
    if (!points.empty())
      absl::StrAppend(&svg, "<polyline fill=\"none\" stroke=\"", colour,
                      "\" stroke-width=\"2\" points=\"", points, "\"/>");
    absl::StrAppendFormat(&svg, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>",
                          kLeft + kWidth + 10, kTop + 14 + static_cast<int>(n) * 16,
                          colour, Html(series[n].first));
  }
  return svg + "</svg>";
}

// A table of groups: profiles, mean matchability, share conforming.
std::string GroupTable(const CompletenessReport& r, const Groups& groups,
                       const std::string& what) {
  std::string t =
      absl::StrCat("<table><tr><th>", Html(what),
                   "</th><th>profielen</th><th>matchbaarheid</th><th>conform</th></tr>");
  for (const auto& [name, g] : groups) {
    const auto mean = r.PublishedMean(g);
    absl::StrAppend(&t, "<tr><td>", Html(name), "</td><td>",
                    CountText(r.PublishedCount(g, kProfilesMeasure)), "</td><td>",
                    mean ? Dutch(*mean, 1) : "–", "</td><td>",
                    Percent(r.PublishedShare(g, kConformingMeasure)), "</td></tr>");
  }
  return t + "</table>";
}

constexpr char kStyle[] = R"(
body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.9em}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child{text-align:left}.chart text{font-size:11px}.hidden{fill:#999}
.key{display:flex;gap:2em}.key div{background:#f4f6f8;padding:.6em 1em;border-radius:6px}
.key b{display:block;font-size:1.6em}.matching{font-weight:bold}
.uitleg{max-width:60em}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}svg,table,.key{break-inside:avoid}}
)";

// Records a load and any error, so that a test can read both off the page.
constexpr char kScript[] = R"(<script>
window.addEventListener('error',function(e){document.body.setAttribute('data-fouten',
 (Number(document.body.getAttribute('data-fouten')||0)+1).toString());},true);
window.addEventListener('load',function(){document.body.setAttribute('data-geladen',
 document.querySelectorAll('svg.chart').length.toString());});
</script>)";

// Which divisions the areas follow. `divisions` is the postcode list's date
// ("2026-01-01") or empty.
std::string DivisionsText(const std::string& divisions) {
  if (divisions.empty()) {
    return "Gemeenten en provincies volgen de indeling van de gebruikte postcodelijst.";
  }
  return absl::StrCat(
      "Gemeenten, provincies en arbeidsmarktregio&rsquo;s volgen de indeling van ",
      DutchDate(divisions),
      " (CBS, Gebieden in Nederland): een profiel telt bij de gemeente van nu waarin "
      "zijn bemiddelingspostcode ligt, ook als die gemeente sindsdien is samengevoegd "
      "of verdeeld.");
}

// How to read the page and how its small numbers are protected, on the page
// itself: a mailed page cannot send its reader elsewhere.
std::string ReadingGuide(int k, const std::string& divisions) {
  return absl::StrCat(
      "<h2 id=\"lezen\">Zo leest u deze pagina</h2><div class=\"uitleg\"><p>De drie "
      "kerncijfers bovenaan gelden voor alle bronnen samen op de laatste peildatum. "
      "<b>Volledigheid</b> is het deel van de profielen dat een gegeven heeft; "
      "<b>matchbaarheid</b> is per profiel het deel van de gegevens waarop een "
      "selectievraag kan zoeken dat het profiel heeft (100 als elk zulk gegeven er is), "
      "gemiddeld over de profielen. De staven kleuren van rood (laag) naar groen (hoog). "
      "Op de kaart staat elk viercijferig postcodegebied met ten minste ",
      k,
      " profielen als een stip: de kleur is de gemiddelde matchbaarheid, de grootte het "
      "aantal profielen; de vage stippen tonen alleen de vorm van het land. De lijnen "
      "tonen de gemiddelde matchbaarheid per bron over de peildata. De cijfers van de "
      "staven staan ook als tabel (onder &lsquo;Matchbaarheid per bron&rsquo; en in "
      "&lsquo;Alle gegevens&rsquo;, per peildatum); voor de kaart geven de tabellen per "
      "provincie, arbeidsmarktregio en gemeente de cijfers per gebied. ",
      DivisionsText(divisions),
      "</p></div>"
      "<h2 id=\"bescherming\">Hoe kleine aantallen beschermd zijn</h2><div "
      "class=\"uitleg\"><p>Een klein aantal kan naar een persoon wijzen. Daarom is elk "
      "aantal van 1 tot ",
      k, " afgeschermd, en ook elk aantal waarbij 1 tot ", k,
      " profielen van de groep het gegeven missen (primaire afscherming). Omdat een "
      "afgeschermd aantal anders terug te rekenen is uit een totaal min de getoonde "
      "aantallen, zijn daarnaast zoveel andere cijfers afgeschermd dat dat in geen "
      "rij, kolom, totaal, andere tabel of andere peildatum van dit rapport lukt "
      "(secundaire afscherming, de werkwijze van de statistische bureaus). Aandelen en "
      "gemiddelden die op een afgeschermd aantal steunen zijn weggelaten; "
      "&lsquo;afgeschermd&rsquo; of &lsquo;&ndash;&rsquo; staat op hun plaats. De "
      "bescherming geldt binnen dit rapport: twee rapporten die los van elkaar over "
      "overlappende groepen zijn gemaakt, kunnen samen meer prijsgeven.</p></div>");
}

}  // namespace

std::string ReportHtml(const CompletenessReport& r) {
  std::string out = absl::StrCat(
      "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
      "<title>Volledigheid van werkzoekendenprofielen</title><style>",
      kStyle, "</style>", kScript, "</head><body>");
  if (r.snapshots().empty()) return out + "<p>Geen profielen.</p></body></html>";
  const ReportSnapshot& last = r.snapshots().back();
  std::vector<std::string> labels;
  for (const ReportSnapshot& s : r.snapshots()) labels.push_back(s.label);
  const auto mean = r.PublishedMean(last.all);
  absl::StrAppend(
      &out, "<h1>Volledigheid van werkzoekendenprofielen</h1><p>Peildatum ",
      Html(last.label),
      labels.size() > 1
          ? absl::StrCat(", vergeleken met ",
                         Html(absl::StrJoin(labels.begin(), labels.end() - 1, ", ")))
          : "",
      ". Aantallen van 1 tot ", r.k(), " en aantallen waarbij 1 tot ", r.k(),
      " profielen van de groep ontbreken, zijn afgeschermd, en daarnaast zoveel andere "
      "cijfers dat geen afgeschermd aantal uit totalen en andere groepen terug te "
      "rekenen "
      "is; aandelen en gemiddelden die op een afgeschermd aantal steunen zijn "
      "weggelaten, "
      "zodat "
      "geen cijfer naar een persoon wijst. Matchbaarheid: het deel van de gegevens "
      "waarop een "
      "selectievraag kan zoeken dat een profiel heeft: 100 als elk zulk gegeven er "
      "is.</p>",
      "<div class=\"key\"><div>profielen<b>",
      CountText(r.PublishedCount(last.all, kProfilesMeasure)),
      "</b></div><div>gemiddelde matchbaarheid<b>", mean ? Dutch(*mean, 1) : "–",
      "</b></div><div>conform de standaard<b>",
      Percent(r.PublishedShare(last.all, kConformingMeasure)), "</b></div></div>",
      ReadingGuide(r.k(), r.pc4().divisions()));

  // Completeness per element: the chart shows the matching elements.
  std::vector<std::pair<std::string, std::optional<double>>> bars;
  for (size_t i = 0; i < r.elements().size(); ++i) {
    if (!r.elements()[i].matching) continue;
    bars.push_back({ShortLabel(r.elements()[i].label),
                    r.PublishedShare(last.all, ElementMeasure(i))});
  }
  absl::StrAppend(
      &out, "<h2 id=\"volledigheid\">Volledigheid van de gegevens voor matching</h2>",
      Bars(bars, "volledigheid-svg", "volledigheid"));

  std::vector<std::pair<std::string, std::optional<double>>> sources;
  for (const auto& [oin, g] : last.by_source)
    sources.push_back({oin, r.PublishedMean(g)});
  absl::StrAppend(&out, "<h2 id=\"bronnen\">Matchbaarheid per bron</h2>",
                  Bars(sources, "bronnen-svg", "bronnen"),
                  GroupTable(r, last.by_source, "bron"));

  absl::StrAppend(&out,
                  "<h2 id=\"kaart\">Matchbaarheid per viercijferig postcodegebied</h2>",
                  Map(r, last));

  std::vector<std::pair<std::string, std::vector<std::optional<double>>>> series;
  series.push_back({"alle bronnen", {}});
  for (const ReportSnapshot& s : r.snapshots())
    series[0].second.push_back(r.PublishedMean(s.all));
  std::set<std::string> oins;
  for (const ReportSnapshot& s : r.snapshots()) {
    for (const auto& [oin, g] : s.by_source) oins.insert(oin);
  }
  for (const std::string& oin : oins) {
    series.push_back({oin, {}});
    for (const ReportSnapshot& s : r.snapshots()) {
      auto it = s.by_source.find(oin);
      series.back().second.push_back(
          it == s.by_source.end() ? std::nullopt : r.PublishedMean(it->second));
    }
  }
  absl::StrAppend(&out, "<h2 id=\"trend\">Ontwikkeling van de matchbaarheid</h2>",
                  Lines(labels, series));

  absl::StrAppend(&out,
                  "<h2 id=\"doelgroep\">Doelgroep banenafspraak (LDR-registratie)</h2>",
                  GroupTable(r, last.by_target_group, "geregistreerd"),
                  "<h2 id=\"provincies\">Provincies</h2>",
                  GroupTable(r, last.by_province, "provincie"),
                  "<h2 id=\"arbeidsmarktregios\">Arbeidsmarktregio&rsquo;s</h2>",
                  GroupTable(r, last.by_labour_market_region, "arbeidsmarktregio"),
                  "<h2 id=\"gemeenten\">Gemeenten</h2>",
                  GroupTable(r, last.by_municipality, "gemeente"));

  std::vector<std::pair<uint64_t, std::string>> rules;
  for (const auto& [id, n] : last.profiles_breaking) rules.push_back({n, id});
  std::sort(rules.rbegin(), rules.rend());
  absl::StrAppend(&out,
                  "<h2 id=\"validatie\">Validatie: de tien meest overtreden regels</h2>"
                  "<table><tr><th>regel</th><th>profielen</th><th>aandeel</th></tr>");
  for (size_t i = 0; i < rules.size() && i < 10; ++i) {
    const std::optional<uint64_t> n = r.PublishedCount(rules[i].first, last.all.profiles);
    const bool shown = n && r.PublishedCount(last.all, kProfilesMeasure);
    absl::StrAppend(&out, "<tr><td>", Html(rules[i].second), "</td><td>", CountText(n),
                    "</td><td>",
                    Percent(shown ? std::optional<double>(100.0 * *n / last.all.profiles)
                                  : std::nullopt),
                    "</td></tr>");
  }
  absl::StrAppend(&out, "</table>");

  absl::StrAppend(&out,
                  "<h2 id=\"gegevens\">Alle gegevens</h2><table><tr><th>gegeven</th>");
  for (const std::string& l : labels) absl::StrAppend(&out, "<th>", Html(l), "</th>");
  if (labels.size() > 1) absl::StrAppend(&out, "<th>verschil (procentpunt)</th>");
  absl::StrAppend(&out, "</tr>");
  for (size_t i = 0; i < r.elements().size(); ++i) {
    const ReportElement& e = r.elements()[i];
    absl::StrAppend(&out, "<tr", e.matching ? " class=\"matching\"" : "", "><td>",
                    Html(e.label), "</td>");
    std::optional<double> first, latest;
    for (size_t s = 0; s < r.snapshots().size(); ++s) {
      const auto share = r.PublishedShare(r.snapshots()[s].all, ElementMeasure(i));
      if (s == 0) first = share;
      latest = share;
      absl::StrAppend(&out, "<td>", Percent(share), "</td>");
    }
    if (labels.size() > 1) {
      absl::StrAppend(&out, "<td>",
                      first && latest ? Dutch(*latest - *first, 1, true) : "–", "</td>");
    }
    absl::StrAppend(&out, "</tr>");
  }
  return out + "</table></body></html>\n";
}

namespace {

// A CSV cell, quoted, never read as a formula by a spreadsheet.
std::string Cell(const std::string& text) {
  const std::string value = csv_internal::SpreadsheetSafe(text);
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Number(const std::optional<double>& v) {
  return v ? absl::StrFormat("%.1f", *v) : "";
}

void ForEachGroup(const ReportSnapshot& s,
                  const std::function<void(const std::string&, const std::string&,
                                           const GroupCounts&)>& f) {
  f("alle", "alle", s.all);
  for (const auto& [name, g] : s.by_source) f("bron", name, g);
  for (const auto& [name, g] : s.by_province) f("provincie", name, g);
  for (const auto& [name, g] : s.by_municipality) f("gemeente", name, g);
  for (const auto& [name, g] : s.by_labour_market_region) f("arbeidsmarktregio", name, g);
  for (const auto& [name, g] : s.by_target_group) f("ldr-registratie", name, g);
}

}  // namespace

std::string ReportCsv(const CompletenessReport& r, CsvDialect dialect) {
  const bool dutch = dialect == CsvDialect::kDutch;
  const char* sep = dutch ? ";" : ",";
  std::string out = dutch ? "\xEF\xBB\xBF" : "";  // Excel reads UTF-8 with a BOM
  auto row = [&](std::initializer_list<std::string> cells) {
    absl::StrAppend(&out, absl::StrJoin(cells, sep), "\r\n");
  };
  auto count = [](const std::optional<uint64_t>& n) {
    return n ? Cell(absl::StrCat(*n)) : std::string();
  };
  auto share = [&](const std::optional<double>& v) {
    std::string text = Number(v);
    if (dutch) absl::StrReplaceAll({{".", ","}}, &text);
    return text;
  };
  auto hidden = [](bool shown) { return std::string(shown ? "nee" : "ja"); };
  row({"peildatum", "soort_groep", "groep", "gegeven", "label", "voor_matching",
       "profielen", "met_gegeven", "aandeel", "afgeschermd"});
  for (const ReportSnapshot& s : r.snapshots()) {
    ForEachGroup(s, [&](const std::string& kind, const std::string& name,
                        const GroupCounts& g) {
      const std::optional<uint64_t> profiles = r.PublishedCount(g, kProfilesMeasure);
      const std::optional<uint64_t> conforming = r.PublishedCount(g, kConformingMeasure);
      row({Cell(s.label), Cell(kind), Cell(name), Cell("(matchbaarheid)"),
           Cell("Gemiddelde matchbaarheid"), "", count(profiles), "",
           share(r.PublishedMean(g)), hidden(profiles.has_value())});
      row({Cell(s.label), Cell(kind), Cell(name), Cell("(conform)"),
           Cell("Records die aan de standaard voldoen"), "", count(profiles),
           count(conforming), share(r.PublishedShare(g, kConformingMeasure)),
           hidden(profiles && conforming)});
      for (size_t i = 0; i < r.elements().size(); ++i) {
        const ReportElement& e = r.elements()[i];
        const std::optional<uint64_t> with = r.PublishedCount(g, ElementMeasure(i));
        row({Cell(s.label), Cell(kind), Cell(name), Cell(e.path), Cell(e.label),
             e.matching ? "ja" : "nee", count(profiles), count(with),
             share(r.PublishedShare(g, ElementMeasure(i))), hidden(profiles && with)});
      }
    });
    for (const auto& [id, k] : s.profiles_breaking) {
      const std::optional<uint64_t> broken = r.PublishedCount(k, s.all.profiles);
      row({Cell(s.label), Cell("regel"), Cell(id), Cell("(regel gebroken)"),
           Cell("Profielen die deze regel breken"), "",
           count(r.PublishedCount(s.all, kProfilesMeasure)), count(broken), "",
           hidden(broken.has_value())});
    }
  }
  return out;
}

std::string ReportJson(const CompletenessReport& r) {
  using json_internal::JsonString;
  // A count is a number, or null with its "...Suppressed" flag true.
  auto count = [](const std::optional<uint64_t>& n) {
    return n ? absl::StrCat(*n) : std::string("null");
  };
  auto flag = [](const std::optional<uint64_t>& n) { return n ? "false" : "true"; };
  auto number = [](const std::optional<double>& v) {
    return v ? absl::StrFormat("%.2f", *v) : std::string("null");
  };
  std::string out = absl::StrCat("{\"k\":", r.k(), ",\"elements\":[");
  for (size_t i = 0; i < r.elements().size(); ++i) {
    const ReportElement& e = r.elements()[i];
    absl::StrAppend(&out, i ? "," : "", "{\"path\":", JsonString(e.path),
                    ",\"label\":", JsonString(e.label),
                    ",\"matching\":", e.matching ? "true" : "false", "}");
  }
  absl::StrAppend(&out, "],\"snapshots\":[");
  for (size_t n = 0; n < r.snapshots().size(); ++n) {
    const ReportSnapshot& s = r.snapshots()[n];
    absl::StrAppend(&out, n ? "," : "", "{\"label\":", JsonString(s.label),
                    ",\"groups\":[");
    bool first = true;
    ForEachGroup(s, [&](const std::string& kind, const std::string& name,
                        const GroupCounts& g) {
      const std::optional<uint64_t> profiles = r.PublishedCount(g, kProfilesMeasure);
      const std::optional<uint64_t> conforming = r.PublishedCount(g, kConformingMeasure);
      absl::StrAppend(&out, first ? "" : ",", "{\"kind\":", JsonString(kind),
                      ",\"name\":", JsonString(name), ",\"profiles\":", count(profiles),
                      ",\"profilesSuppressed\":", flag(profiles),
                      ",\"matchability\":", number(r.PublishedMean(g)),
                      ",\"conforming\":", count(conforming),
                      ",\"conformingSuppressed\":", flag(conforming),
                      ",\"conformingShare\":",
                      number(r.PublishedShare(g, kConformingMeasure)), ",\"elements\":[");
      for (size_t i = 0; i < g.with_element.size(); ++i) {
        const std::optional<uint64_t> with = r.PublishedCount(g, ElementMeasure(i));
        absl::StrAppend(&out, i ? "," : "", "{\"count\":", count(with),
                        ",\"suppressed\":", flag(with),
                        ",\"share\":", number(r.PublishedShare(g, ElementMeasure(i))),
                        "}");
      }
      absl::StrAppend(&out, "]}");
      first = false;
    });
    absl::StrAppend(&out, "],\"rulesBroken\":[");
    bool first_rule = true;
    for (const auto& [id, k] : s.profiles_breaking) {
      const std::optional<uint64_t> broken = r.PublishedCount(k, s.all.profiles);
      absl::StrAppend(&out, first_rule ? "" : ",", "{\"rule\":", JsonString(id),
                      ",\"profiles\":", count(broken), ",\"suppressed\":", flag(broken),
                      "}");
      first_rule = false;
    }
    absl::StrAppend(&out, "]}");
  }
  return out + "]}\n";
}

}  // namespace vum
