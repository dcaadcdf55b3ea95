#!/usr/bin/env python3
"""Prints, for every rule on an element of the VUM pilot contracts, whether
the pilot contract had it: "ID HAD|LACKED|ALLOWED_ZERO reason".

A rule the pilot had rejects only what the contract rejected too; a rule it
lacked rejects values the contract accepted (a list without bounds or
uniqueness, a pattern where the standard has a code list, no rule over several
fields); ALLOWED_ZERO: the contract allowed code 0, which the standard's scale
does not have, and nothing else the scale lacks. The marks go into the schema
as `pilot:` on each rule (options.proto, PilotRule); docs/migration.md
lists them. Rules on elements the pilot does not have are not printed.

Usage: scripts/dev/pilot_rules.py PROFILES.yaml VACANCIES.yaml
(run from the repository root; reads docs/rules.md and proto/vum/v1/codes.proto.
Nothing in the build or the tests runs this script.)
"""
import re
import sys

import yaml


def enum_codes():
    """code-list id of each enum of the standard -> its codes (no placeholder)."""
    text = open("proto/vum/v1/codes.proto", encoding="utf-8").read()
    codes = {}
    for body in re.findall(r"enum \w+ \{(.*?)\n\}", text, re.S):
        ident = re.search(r'code_list: "([^"]+)"', body)
        if not ident:
            continue
        values = set()
        for line in body.splitlines():
            m = re.match(r"\s+\w+ = (\d+)", line)
            if m and "placeholder: true" not in line:
                values.add(int(m.group(1)))
        codes[ident.group(1)] = values
    return codes


def rules():
    """(id, element, summary) of docs/rules.md."""
    out = []
    for line in open("docs/rules.md", encoding="utf-8"):
        m = re.match(r"^\| `([A-Z0-9-]+)` \| ([^|]+) \| ([^|]+) \|", line)
        if m:
            out.append((m.group(1), m.group(2).strip(), m.group(3).strip()))
    return out


def pilot_properties(contract, root):
    """'Message.jsonName' (the standard's message names) -> (property, required)."""
    schemas = yaml.safe_load(open(contract, encoding="utf-8"))["components"]["schemas"]
    found = {}

    def resolve(s):
        return schemas[s["$ref"].split("/")[-1]] if "$ref" in s else s

    def walk(schema, message):
        schema = resolve(schema)
        parts = [schema]
        for branch in schema.get("oneOf", []):
            parts += [p for p in resolve(branch).get("allOf", []) if "properties" in p]
        for part in parts:
            required = set(part.get("required", []))
            for name, prop in part.get("properties", {}).items():
                found[f"{message}.{name}"] = (prop, name in required)
                target = prop.get("items", prop) if prop.get("type") == "array" else prop
                nested = NESTED.get((message, name))
                if nested:
                    walk(target, nested)

    walk(schemas[root], root)
    return found


# The standard's message of each nested pilot property, from docs/data-dictionary.md.
NESTED = {}


def read_nested():
    current = None
    for line in open("docs/data-dictionary.md", encoding="utf-8"):
        m = re.match(r"^### (\w+)$", line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"^\| \d+ \| `(\w+)` \| \[(\w+)\]", line)
        if m and current:
            NESTED[(current, m.group(1))] = m.group(2)


def allowed(prop):
    """The codes the pilot allowed, or None for no bound."""
    prop = prop.get("items", prop) if prop.get("type") == "array" else prop
    if "enum" in prop:
        return {int(v) for v in prop["enum"] if str(v).lstrip("-").isdigit()}
    if "minimum" in prop and "maximum" in prop:
        return set(range(int(prop["minimum"]), int(prop["maximum"]) + 1))
    return None


def judge(summary, prop, required, codes):
    inner = prop.get("items", prop) if prop.get("type") == "array" else prop
    if summary == "required":
        return ("HAD", "required") if required else ("LACKED", "optional in the pilot")
    if summary.startswith("items"):
        return "LACKED", "no maxItems or uniqueItems in the pilot"
    m = re.match(r"length (\d+)\.\.(\d+)", summary)
    if m:
        top = inner.get("maxLength")
        if top is not None and int(top) <= int(m.group(2)):
            return "HAD", f"maxLength {top}"
        return "LACKED", f"maxLength {top}"
    m = re.match(r"range (-?\d+)\.\.(\d+)", summary)
    if m:
        low, high = inner.get("minimum"), inner.get("maximum")
        if low is not None and high is not None and int(low) >= int(m.group(1)) \
                and int(high) <= int(m.group(2)):
            return "HAD", f"range {low}..{high}"
        return "LACKED", f"range {low}..{high}"
    m = re.match(r"code of (\S+)", summary)
    if m:
        pilot = allowed(prop)
        if pilot is None:
            return "LACKED", "no codes in the pilot"
        extra = pilot - codes[m.group(1)]
        if not extra:
            return "HAD", "the same codes or fewer"
        if extra == {0}:
            return "ALLOWED_ZERO", "the pilot allowed 0"
        return "LACKED", f"the pilot allowed {sorted(extra)}"
    if summary.startswith("one of"):
        wanted = {c.strip() for c in summary[len("one of "):].split(",")}
        pilot = inner.get("enum")
        if pilot is not None and {str(v) for v in pilot} <= wanted:
            return "HAD", "enum"
        return "LACKED", "no such enum in the pilot"
    if summary.startswith("code list"):
        if "enum" in inner:
            return "HAD", "enum"
        return "LACKED", "a pattern or nothing where the standard has a list"
    if summary in ("format date", "format postcode-nl"):
        return "HAD", summary
    if summary.startswith("format"):
        return "LACKED", "the pilot's pattern is looser or absent"
    return "LACKED", "no rule over several fields in the pilot"


def main():
    read_nested()
    codes = enum_codes()
    pilot = {}
    for contract, root in zip(sys.argv[1:3], ("Werkzoekende", "Vacature")):
        pilot.update(pilot_properties(contract, root))
    messages = {key.split(".")[0] for key in pilot} | set(NESTED.values())
    for ident, element, summary in rules():
        if "." not in element:
            # A rule over several fields, on a message the pilot has.
            if element in {k.split(".")[0] for k in pilot} and not summary.startswith("within"):
                print(ident, "LACKED", "no rule over several fields in the pilot")
            continue
        if element not in pilot:
            continue
        prop, required = pilot[element]
        mark, why = judge(summary, prop, required, codes)
        print(ident, mark, why)
    del messages


if __name__ == "__main__":
    main()
