#!/usr/bin/env python3
"""Prints the table rows of docs/pilot-mapping.md.

Walks the VUM pilot OpenAPI contracts from their root schemas (Werkzoekende,
Vacature), flattening the oneOf/allOf branches the way their JSON documents
nest, and pairs every property path with the schema element of the same
VUM JSON name, read from docs/data-dictionary.md.

Usage: scripts/dev/pilot_mapping.py PROFILES.yaml VACANCIES.yaml > rows.md
(The contracts are not part of this repository; a developer passes their
paths. Nothing in the build or the tests runs this script.)
"""
import re
import sys

import yaml

DICTIONARY = "docs/data-dictionary.md"


def read_dictionary(path):
    """message name -> {json name: (field number, nested message or None, rules)}"""
    messages, current = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^### (\w+)$", line)
        if m:
            current = messages.setdefault(m.group(1), {})
            continue
        m = re.match(r"^\| (\d+) \| `(\w+)` \| ([^|]*) \|.*\| ([^|]*) \|$", line)
        if m and current is not None:
            nested = re.match(r"^\[(\w+)\]", m.group(3))
            messages[list(messages)[-1]][m.group(2)] = (
                m.group(1), nested.group(1) if nested else None, m.group(4).strip())
    return messages


def constraints(prop):
    if "$ref" in prop:
        return "object"
    parts = [prop.get("type", "object")]
    if prop.get("type") == "array":
        items = prop.get("items", {})
        parts = ["array of " + (items.get("type") or "object")]
        prop = items
    for key in ("format", "minLength", "maxLength", "minimum", "maximum", "pattern"):
        if key in prop:
            value = str(prop[key]).replace("|", "\\|")
            parts.append(f"{key} `{value}`" if key == "pattern" else f"{key} {value}")
    if "enum" in prop:
        parts.append("enum " + ",".join(str(v) for v in prop["enum"]))
    return ", ".join(parts)


def walk(schemas, schema, path, message, dictionary, rows):
    if "$ref" in schema:
        schema = schemas[schema["$ref"].split("/")[-1]]
    for branch in schema.get("oneOf", []):
        branch = schemas[branch["$ref"].split("/")[-1]]
        for part in branch.get("allOf", []):
            if "properties" in part:
                walk(schemas, part, path, message, dictionary, rows)
    for name, prop in schema.get("properties", {}).items():
        full = f"{path}.{name}"
        fields = dictionary.get(message, {})
        if name not in fields:
            rows.append(f"| `{full}` | (none) | {constraints(prop)} | not mapped |")
            continue
        number, nested, rules = fields[name]
        rows.append(f"| `{full}` | `vum.v1.{message}.{to_snake(name)}` | "
                    f"{constraints(prop)} | {rules or '-'} |")
        target = prop.get("items", prop) if prop.get("type") == "array" else prop
        if nested and ("$ref" in target or "properties" in target):
            walk(schemas, target, full, nested, dictionary, rows)


def to_snake(name):
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def main():
    dictionary = read_dictionary(DICTIONARY)
    for contract, root in zip(sys.argv[1:3], ("Werkzoekende", "Vacature")):
        schemas = yaml.safe_load(open(contract, encoding="utf-8"))["components"]["schemas"]
        rows = []
        walk(schemas, schemas[root], root, root, dictionary, rows)
        print(f"\n### {root}\n")
        print("| pilot element | schema element | pilot type and constraints | schema rules |")
        print("|---|---|---|---|")
        print("\n".join(rows))


if __name__ == "__main__":
    main()
