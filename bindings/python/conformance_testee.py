#!/usr/bin/env python3
"""A VUM conformance testee built on the Python binding (vum, over libvum_c).

It answers every kind of the runner's requests (validate, round-trip,
batches, deltas, views, selection questions) through the binding, so the
conformance suite checks the binding's verdicts and answers against the
reference; conformance_failures.txt beside this file lists what it still
fails (nothing, at present). Usage:

    conformance_testee.py --codelists DIR [--codelists DIR]...

conformance_pb2 comes from `protoc --python_out=. conformance.proto`.
"""
import json
import struct
import sys

import conformance_pb2
import vum


def read_message(stream):
    size = stream.read(4)
    if len(size) < 4:
        return None
    (n,) = struct.unpack("<I", size)
    return stream.read(n)


def write_message(stream, data):
    stream.write(struct.pack("<I", len(data)))
    stream.write(data)
    stream.flush()


class Testee:
    def __init__(self, codelists):
        self.codelists = codelists
        self.validators = {}

    def validator(self, date, pilot):
        key = (date, pilot)
        if key not in self.validators:
            self.validators[key] = vum.Validator(codelists=self.codelists, reference_date=date,
                                                 pilot_transition=pilot)
        return self.validators[key]

    @staticmethod
    def source(request):
        if request.HasField("json"):
            return request.json, "json"
        return request.binary, "binary"

    def handle(self, request):
        response = conformance_pb2.ConformanceResponse()
        response.case_id = request.case_id
        try:
            if request.HasField("validate"):
                self.validate(request.validate, response)
            elif request.HasField("round_trip"):
                self.round_trip(request.round_trip, response)
            elif request.HasField("batch"):
                self.batch(request.batch, response)
            elif request.HasField("delta"):
                self.delta(request.delta, response)
            elif request.HasField("view"):
                self.view(request.view, response)
            elif request.HasField("selection"):
                self.selection(request.selection, response)
            else:
                response.skipped = "a kind of request the Python binding does not offer"
        except vum.VumError as e:
            response.runtime_error = str(e)
        return response

    def validate(self, request, response):
        data, fmt = self.source(request)
        validator = self.validator(request.reference_date, request.pilot_transition)
        try:
            result = validator.validate(data, request.record_type, fmt)
        except vum.ParseError:
            response.validate.parse_error = True
            return
        response.validate.SetInParent()
        for v in result.violations:
            finding = response.validate.findings.add()
            finding.rule_id, finding.path, finding.severity = v.rule_id, v.path, v.severity

    def round_trip(self, request, response):
        data, fmt = self.source(request)
        binary = request.output == conformance_pb2.BINARY
        out = vum.convert(data, request.record_type, fmt, "binary" if binary else "json")
        if binary:
            response.binary = out
        else:
            response.json = out.decode("utf-8")


    def batch(self, request, response):
        result = self.validator(request.reference_date, False).read_batch(request.file)
        response.batch.status = result["status"]
        response.batch.records = result["read"]
        response.batch.rejected.extend(r["index"] for r in result["rejectedRecords"])

    def delta(self, request, response):
        result, _ = vum.apply_delta(request.full, request.delta)
        response.delta.status = result["status"]
        if result["status"] == "applied":
            response.delta.sequence = result["sequence"]
            response.delta.ids.extend(result["ids"])

    def view(self, request, response):
        audience = {1: "employer", 2: "mediator", 3: "owner"}.get(request.view)
        if audience is None:
            response.runtime_error = "unknown view"
            return
        response.json = vum.view(request.profile_json, audience,
                                 special_category_consent=request.special_category_consent)

    def selection(self, request, response):
        caseload = vum.Caseload(self.codelists)
        for profile in request.profile_json:
            caseload.put(profile)
        for process in request.process_json:
            caseload.put_process(process)
        result = response.selection
        result.SetInParent()
        for _ in range(max(1, request.repeat)):
            a = caseload.select(request.question_json, form="vum", at=request.at,
                                legal_basis=request.legal_basis,
                                max_results=request.max_results, k=request.k)
            if a.refused:
                result.refused = True
                result.rule_ids.extend(sorted(v.rule_id for v in a.violations
                                              if v.severity == "error"))
                return
            answer = result.answer.add()
            for row in a.answer.get("resultaat", []):
                answer.result_json.append(
                    json.dumps(row.get("werkzoekende", {}), separators=(",", ":"),
                               ensure_ascii=False))
                answer.vum_id.append(row["vumID"])
            answer.maximum_reached = a.answer.get("maximumAantalResultatenBereikt", False)
            answer.fewer_than_k = a.answer.get("minderDanK", False)
            answer.ignored.extend(a.ignored)


def main():
    args = sys.argv[1:]
    codelists = [args[i + 1] for i in range(0, len(args) - 1, 2) if args[i] == "--codelists"]
    testee = Testee(codelists)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        data = read_message(stdin)
        if data is None:
            return
        request = conformance_pb2.ConformanceRequest.FromString(data)
        write_message(stdout, testee.handle(request).SerializeToString())


if __name__ == "__main__":
    main()
