#!/usr/bin/env python3
"""Writes the conformance suite's validate cases as a plain table, so that a
binding's own test (Java, C#) can check its verdicts record for record
against the suite without a protobuf library of its own.

    validate_vectors.py VECTORS_DIR OUT.tsv

One line per case, tab-separated: case id, record type, input format (json or
binary), reference date, pilot transition (0/1), the input in base64, and the
expected verdict: "parse-error", or the findings as rule|path|severity joined
by ";" (empty for none). conformance_pb2 must be importable.
"""
import base64
import pathlib
import sys

from google.protobuf import text_format

import conformance_pb2


def main():
    vectors, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    rows = []
    for path in sorted(vectors.glob("*.textproto")):
        suite = text_format.Parse(path.read_text(), conformance_pb2.TestSuite())
        for case in suite.test_case:
            if not case.request.HasField("validate"):
                continue
            request, expected = case.request.validate, case.expected.validate
            fmt, data = (("json", request.json.encode()) if request.HasField("json")
                         else ("binary", request.binary))
            verdict = ("parse-error" if expected.parse_error else ";".join(
                f"{f.rule_id}|{f.path}|{f.severity}" for f in expected.findings))
            rows.append("\t".join([case.id, request.record_type, fmt, request.reference_date,
                                   "1" if request.pilot_transition else "0",
                                   base64.b64encode(data).decode(), verdict]))
    out.write_text("\n".join(rows) + "\n")
    print(f"{len(rows)} validate cases written to {out}")


if __name__ == "__main__":
    main()
