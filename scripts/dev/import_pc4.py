#!/usr/bin/env python3
"""Writes codelists/pc4.tsv, the Dutch four-digit postcodes (PC4) with the
latitude and longitude of their centre, from the 4pp table of bobdenotter/4pp
(2014, MIT licence; its licence ships beside the list as codelists/pc4.LICENSE),
and the municipality, province and labour-market region (arbeidsmarktregio)
of today, from codelists/gemeenten.tsv (CBS, 1 January 2026, CC BY 4.0).

Usage: scripts/dev/import_pc4.py PATH/TO/4pp.csv
The build and the tests only read the file it writes.

The 2014 table names the municipality of its time. Each is carried to the
municipality of 2026 that took it over (SUCCESSOR); a municipality divided
between several is carried per place (BY_PLACE, the 2014 table's
`woonplaats`). These are the reorganisations of 2010 to 2023 as the
municipalities' own laws made them; a boundary correction between two
municipalities that both still exist is not followed (an area keeps the
municipality of 2014). The importer fails on any name of 2014 it cannot carry.

Corrections, each estimated from the list's own rows (no other licensable
source was found) and named in the file's header:
- 5851 (Afferden, municipality Bergen) stands in Flevoland in 2014, about
  105 km from the village; it belongs to Bergen in Limburg with 5853 and
  5854, and its centre is taken as the mean of theirs.
- 9790 and 9791 (Ten Boer, which the 2014 table calls "Glas") stand about
  40 km south-east of the village, beside their own neighbours 9792 to 9798;
  their centre is taken as the mean of Ten Post, Woltersum, Sint Annen and
  Thesinge (9792, 9795, 9796, 9797), the villages around it. Other PO-box
  ranges (such as 1790 or 2170) lie far from their places too; they are left
  as they are, no one lives in a PO box.
- 1706, 4125 and 5352 are missing, though addresses use them (the standard's
  own accreditation data does); each gets the mean centre of its numeric
  neighbours in the list and the municipality and province of the nearest.
"""
import csv
import sys

src = sys.argv[1]
rows = sorted(csv.DictReader(open(src, encoding="utf-8")), key=lambda r: r["postcode"])
by_pc = {r["postcode"]: r for r in rows}


def mean_of(codes):
    lat = sum(float(by_pc[c]["latitude"]) for c in codes) / len(codes)
    lon = sum(float(by_pc[c]["longitude"]) for c in codes) / len(codes)
    return lat, lon


# postcode -> (centre from, municipality and province from)
ESTIMATED = {
    "5851": (["5853", "5854"], "5853"),
    "1706": (["1703", "1704", "1705"], "1705"),
    "4125": (["4124", "4126"], "4126"),
    "5352": (["5351"], "5351"),
    "9790": (["9792", "9795", "9796", "9797"], "9792"),
    "9791": (["9792", "9795", "9796", "9797"], "9792"),
}
for pc, (centre, place) in ESTIMATED.items():
    lat, lon = mean_of(centre)
    row = dict(by_pc.get(pc) or {"postcode": pc})
    row.update(latitude=lat, longitude=lon, gemeente=by_pc[place]["gemeente"],
               provincie=by_pc[place]["provincie"])
    by_pc[pc] = row
rows = sorted(by_pc.values(), key=lambda r: r["postcode"])

# Municipality of 2026 -> the municipalities of 2014 it took over (a rename
# counts too). Ten Boer is "Glas" in the 2014 table.
MERGED_INTO = {
    "'s-Gravenhage": ["Den Haag"],
    "Alkmaar": ["Graft-De Rijp", "Schermer"],
    "Alphen aan den Rijn": ["Boskoop", "Rijnwoude"],
    "Altena": ["Aalburg", "Werkendam", "Woudrichem"],
    "Amsterdam": ["Weesp"],
    "Beek (L.)": ["Beek"],
    "Beekdaelen": ["Nuth", "Onderbanken", "Schinnen"],
    "Berg en Dal": ["Groesbeek", "Millingen aan de Rijn", "Ubbergen"],
    "Bodegraven-Reeuwijk": ["Bodegraven", "Reeuwijk"],
    "De Fryske Marren": ["Gaasterlân-Sleat", "Lemsterland", "Skarsterlân"],
    "De Ronde Venen": ["Abcoude"],
    "Dijk en Waard": ["Heerhugowaard", "Langedijk"],
    "Edam-Volendam": ["Zeevang"],
    "Eemsdelta": ["Appingedam", "Delfzijl", "Loppersum"],
    "Eijsden-Margraten": ["Eijsden", "Margraten"],
    "Goeree-Overflakkee": ["Dirksland", "Goedereede", "Middelharnis", "Oostflakkee"],
    "Gooise Meren": ["Bussum", "Muiden", "Naarden"],
    "Groningen": ["Haren", "Glas"],
    "Haarlemmermeer": ["Haarlemmerliede en Spaarnwoude"],
    "Hengelo (O.)": ["Hengelo"],
    "Het Hogeland": ["Bedum", "De Marne", "Eemsmond"],
    "Hoeksche Waard": ["Binnenmaas", "Cromstrijen", "Korendijk", "Oud-Beijerland", "Strijen"],
    "Hollands Kroon": ["Anna Paulowna", "Niedorp", "Wieringen", "Wieringermeer"],
    "Krimpenerwaard": ["Bergambacht", "Nederlek", "Ouderkerk", "Schoonhoven", "Vlist"],
    "Land van Cuijk": ["Boxmeer", "Cuijk", "Grave", "Mill en Sint Hubert", "Sint Anthonis"],
    "Laren (NH.)": ["Laren"],
    "Leeuwarden": ["Leeuwarderadeel"],
    "Maashorst": ["Landerd", "Uden"],
    "Medemblik": ["Andijk", "Wervershoof"],
    "Meierijstad": ["Schijndel", "Sint-Oedenrode", "Veghel"],
    "Middelburg (Z.)": ["Middelburg"],
    "Midden-Groningen": ["Hoogezand-Sappemeer", "Menterwolde", "Slochteren"],
    "Molenlanden": ["Giessenlanden", "Graafstroom", "Liesveld", "Nieuw-Lekkerland"],
    "Nissewaard": ["Bernisse", "Spijkenisse"],
    "Noardeast-Fryslân": ["Dongeradeel", "Ferwerderadiel", "Kollumerland en Nieuwkruisland"],
    "Noordwijk": ["Noordwijkerhout"],
    "Oss": ["Lith"],
    "Peel en Maas": ["Helden"],
    "Purmerend": ["Beemster"],
    "Rijswijk (ZH.)": ["Rijswijk"],
    "Rotterdam": ["Rozenburg"],
    "Schagen": ["Harenkarspel", "Zijpe"],
    "Stein (L.)": ["Stein"],
    "Stichtse Vecht": ["Breukelen", "Loenen", "Maarssen"],
    "Súdwest-Fryslân": ["Bolsward", "Nijefurd", "Sneek", "Wymbritseradiel", "Wûnseradiel"],
    "Vijfheerenlanden": ["Leerdam", "Vianen", "Zederik"],
    "Voorne aan Zee": ["Brielle", "Hellevoetsluis", "Westvoorne"],
    "Waadhoeke": ["Franekeradeel", "het Bildt", "Menaldumadeel"],
    "West Betuwe": ["Geldermalsen", "Lingewaal", "Neerijnen"],
    "Westerkwartier": ["Grootegast", "Leek", "Marum", "Zuidhorn"],
    "Westerwolde": ["Bellingwedde", "Vlagtwedde"],
    "Zevenaar": ["Rijnwaarden"],
}
SUCCESSOR = {old: new for new, olds in MERGED_INTO.items() for old in olds}
# A municipality divided between several: per place of the 2014 table.
BY_PLACE = {
    "Bergen": {"Noord-Holland": "Bergen (NH.)", "Limburg": "Bergen (L.)"},  # by province
    "Boarnsterhim": {
        **dict.fromkeys(["Grou", "Warten", "Warstiens", "Wergea", "Eagum", "Idaerd",
                         "Reduzum", "Friens", "Jirnsum", "Raerd", "Poppenwier"],
                        "Leeuwarden"),
        **dict.fromkeys(["Akkrum", "Nes", "Aldeboarn"], "Heerenveen"),
        "Terherne": "De Fryske Marren",
        **dict.fromkeys(["Dearsum", "Sibrandabuorren", "Tersoal"], "Súdwest-Fryslân"),
    },
    "Haaren": {"Haaren": "Oisterwijk", "Biezenmortel": "Tilburg", "Helvoirt": "Vught",
               "Esch": "Boxtel"},
    "Littenseradiel": {
        **dict.fromkeys(["Baard", "Bears", "Easterlittens", "Easterwierrum", "Hilaard",
                         "Húns", "Jellum", "Jorwert", "Leons", "Mantgum", "Weidum"],
                        "Leeuwarden"),
        **dict.fromkeys(["Baaium", "Spannum", "Waaksens", "Winsum", "Wjelsryp"],
                        "Waadhoeke"),
        **dict.fromkeys(["Boazum", "Britswert", "Easterein", "Hidaard", "Hinnaard", "Iens",
                         "Itens", "Kûbaard", "Lutkewierum", "Reahûs", "Rien", "Wieuwerd",
                         "Wommels"], "Súdwest-Fryslân"),
    },
    "Maasdonk": {"Geffen": "Oss", "Nuland": "'s-Hertogenbosch",
                 "Vinkel": "'s-Hertogenbosch"},
    "Winsum": {"Ezinge": "Westerkwartier", "Feerwerd": "Westerkwartier",
               "Garnwerd": "Westerkwartier", "*": "Het Hogeland"},  # "*": its other places
}
# The three rows of 2014 that name no municipality, by their place.
UNNAMED = {"4264": "Altena", "5325": "Maasdriel", "7686": "Twenterand"}

gemeenten = {}
for line in open("codelists/gemeenten.tsv", encoding="utf-8"):
    if line[0] in "#@":
        continue
    code, name, _, province, region_code, region = line.rstrip("\n").split("\t")
    gemeenten[name] = (province, region)


def today(r):
    old = r["gemeente"]
    if not old:
        return UNNAMED[r["postcode"]]
    if old in gemeenten:
        return old
    if old in SUCCESSOR:
        return SUCCESSOR[old]
    places = BY_PLACE[old]
    key = r["provincie"] if old == "Bergen" else r["woonplaats"]
    return places.get(key) or places["*"]


seen = set()
with open("codelists/pc4.tsv", "w", encoding="utf-8") as out:
    out.write("# Generated by scripts/dev/import_pc4.py from 4pp.csv of bobdenotter/4pp (2014),\n")
    out.write("# MIT licence, Copyright (c) 2014 Bob den Otter: see pc4.LICENSE. Do not edit by hand.\n")
    out.write("# Municipality, province and arbeidsmarktregio of 1 January 2026 from gemeenten.tsv\n")
    out.write("# (CBS, CC BY 4.0); municipalities merged or divided since 2014 carried to their\n")
    out.write("# successor by the importer.\n")
    out.write("# Columns: pc4, latitude, longitude (WGS 84, degrees), municipality, province,\n")
    out.write("# arbeidsmarktregio.\n")
    out.write("# Estimated by the importer (see scripts/dev/import_pc4.py): " +
              ", ".join(sorted(ESTIMATED)) + ".\n")
    out.write("@list pc4\n@version 2014\n@divisions 2026-01-01\n@title Nederlandse viercijferige postcodes met middelpunt\n")
    out.write("@source bobdenotter/4pp 4pp.csv (2014), MIT\n")
    for r in rows:
        pc = r["postcode"]
        assert len(pc) == 4 and pc.isdigit() and pc[0] != "0" and pc not in seen, pc
        seen.add(pc)
        municipality = today(r)
        province, region = gemeenten[municipality]
        fields = [pc, "%.7f" % float(r["latitude"]), "%.7f" % float(r["longitude"]),
                  municipality, province, region]
        assert all(f and "\t" not in f and "\n" not in f for f in fields), pc
        out.write("\t".join(fields) + "\n")
print(f"wrote codelists/pc4.tsv with {len(seen)} postcodes")
