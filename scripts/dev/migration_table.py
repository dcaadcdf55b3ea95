#!/usr/bin/env python3
"""Prints the element-by-element tables of docs/migration.md.

Each row is an element of the pilot contracts (0.8.x): its path and pilot
type (from the rows of the earlier docs/pilot-mapping.md, which
scripts/dev/pilot_mapping.py made from the contracts), then what it is in the
koppelvlak 3.0 schema: the element of the same JSON path in
docs/data-dictionary.md, an element it moves to, or what `vum migrate`
reports when it cannot carry it (read from the tool's --format json report on
the pilot documents of lib/migrate/testdata, which use every element).

Usage: scripts/dev/migration_table.py OLD_PILOT_MAPPING.md > rows.md
(e.g. git show 045af56:docs/pilot-mapping.md > /tmp/old.md). Nothing in the
build runs this script; lib/schema/migration_doc_test.cc checks its output.
"""
import json
import re
import subprocess
import sys

DICTIONARY = "docs/data-dictionary.md"
VUM = "build/tools/vum/vum"
PILOT_DOCS = [
    ("werkzoekende", "lib/migrate/testdata/pilot-werkzoekende-alle-elementen.json"),
    ("vacature", "lib/migrate/testdata/pilot-vacature-alle-elementen.json"),
    ("vacature", "lib/migrate/testdata/pilot-vacature-beroep-ongecodeerd.json"),
]
# Elements of an education name that move onto the Opleiding itself.
MOVED_SUFFIX = {
    ".opleidingsnaam.codeOpleidingsnaam": ".codeOpleidingsnaam",
    ".opleidingsnaam.omschrijvingOpleiding": ".toelichtingOpleiding",
}
# Elements that move to another place in 3.0 (pilot path -> 3.0 JSON path).
MOVED = {
    "Vacature.sluitingsDatumVacature": "Vacature.sluitingsdatumVacature",
    "Vacature.werkgever.adresHouding.adres.adresNederland.postcode": "Vacature.adres.postcode",
    "Vacature.werkgever.adresHouding.adres.adresNederland.adresDetails.straatadres.straatnaam":
        "Vacature.adres.straatnaam",
    "Vacature.werkgever.adresHouding.adres.adresNederland.adresDetails.straatadres.huisnummer":
        "Vacature.adres.huisnummer",
    "Vacature.werkgever.adresHouding.adres.adresNederland.adresDetails.straatadres."
    "huisnummertoevoeging": "Vacature.adres.huisnummertoevoeging",
}


def read_dictionary(path):
    """message -> {json name: (snake name, nested message or None, rules)}"""
    messages, current = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^### (\w+)$", line)
        if m:
            current = m.group(1)
            messages.setdefault(current, {})
            continue
        m = re.match(r"^\| (\d+) \| `(\w+)` \| ([^|]*) \|.*\| ([^|]*) \|$", line)
        if m and current is not None:
            nested = re.match(r"^\[(\w+)\]", m.group(3))
            snake = re.sub(r"([A-Z])", lambda x: "_" + x.group(1).lower(), m.group(2))
            messages[current][m.group(2)] = (
                snake, nested.group(1) if nested else None, m.group(4).strip())
    return messages


def resolve(dictionary, path):
    """The 3.0 element of a JSON path like Werkzoekende.mobiliteit.x, or None."""
    parts = path.split(".")
    message = parts[0]
    for i, name in enumerate(parts[1:]):
        fields = dictionary.get(message, {})
        if name not in fields:
            return None
        snake, nested, rules = fields[name]
        if i == len(parts) - 2:
            return f"vum.v1.{message}.{snake}", rules
        if nested is None:
            return None
        message = nested
    return None


def losses():
    """pilot path without indices (Root.a.b) -> reason, from vum migrate."""
    out = {}
    for kind, doc in PILOT_DOCS:
        report = subprocess.run(
            [VUM, "migrate", "--type", kind, "--format", "json", doc, "/dev/null"],
            check=False, capture_output=True, text=True).stdout
        root = "Werkzoekende" if kind == "werkzoekende" else "Vacature"
        for record in json.loads(report)["records"]:
            for loss in record["losses"]:
                shape = re.sub(r"\[\d+\]", "", loss["path"])
                out[f"{root}.{shape}"] = loss["reason"]
    return out


def main():
    dictionary = read_dictionary(DICTIONARY)
    lost = losses()
    row = re.compile(r"^\| `([A-Za-z.]+)` \| [^|]* \| (.*) \| [^|]* \|$")
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.startswith("### "):
            print(f"\n{line.strip()}\n")
            print("| pilot element | 3.0 element | pilot type and constraints | 3.0 rules, or what vum migrate reports |")
            print("|---|---|---|---|")
            continue
        m = row.match(line.rstrip("\n"))
        if not m:
            continue
        pilot, constraints = m.group(1), m.group(2)
        target = MOVED.get(pilot, pilot)
        for old, new in MOVED_SUFFIX.items():
            if pilot.endswith(old):
                target = pilot[: -len(old)] + new
        if pilot.endswith(".codeBeroepsnaam"):
            print(f"| `{pilot}` | `vum.v1.Beroep.code_beroepsnaam` | {constraints} | "
                  "a URI: `--occupations` maps an old code; else not carried: "
                  "`no-competentnl-code` |")
            continue
        found = resolve(dictionary, target)
        if found is None and pilot in lost:
            print(f"| `{pilot}` | — | {constraints} | not carried: `{lost[pilot]}` |")
            continue
        if found is None and any(old.startswith(pilot + ".") for old in MOVED):
            print(f"| `{pilot}` | — | {constraints} | reshaped: the work location moves to "
                  "`adres` (below); the rest is not carried: `address-part` |")
            continue
        if found is None:
            # An object whose every element is lost, or a reshaped object.
            children = [p for p in lost if p.startswith(pilot + ".")]
            reasons = sorted({lost[p] for p in children})
            moved = ("reshaped: its code and description move onto the opleiding (below); "
                     if pilot.endswith(".opleidingsnaam") else "")
            print(f"| `{pilot}` | — | {constraints} | {moved}not carried: "
                  + ", ".join(f"`{r}`" for r in reasons) + " |")
            continue
        element, rules = found
        moved = " (moved)" if target != pilot else ""
        print(f"| `{pilot}` | `{element}`{moved} | {constraints} | {rules or '-'} |")


if __name__ == "__main__":
    main()
