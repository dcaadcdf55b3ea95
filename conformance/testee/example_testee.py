#!/usr/bin/env python3
"""A minimal VUM conformance testee in Python, the starting point for a vendor.

It speaks the protocol of docs/conformance.md and answers every request
"skipped"; a real testee calls its own implementation where the comments
say so. conformance_pb2 comes from `protoc --python_out=. conformance.proto`.
"""
import struct
import sys

import conformance_pb2

def read_message(stream):
    size = stream.read(4)
    if len(size) < 4:
        return None  # the runner closed our input: we are done
    (n,) = struct.unpack("<I", size)
    return stream.read(n)

def write_message(stream, data):
    stream.write(struct.pack("<I", len(data)))
    stream.write(data)
    stream.flush()

def handle(request):
    response = conformance_pb2.ConformanceResponse()
    # Protocol version 2: every answer names the case it answers.
    response.case_id = request.case_id
    if request.HasField("validate"):
        # Parse request.validate.json (or .binary) as request.validate.record_type,
        # validate it on request.validate.reference_date (in the pilot
        # transition mode when request.validate.pilot_transition), and add one
        # response.validate.findings per violation (rule_id, path, severity);
        # or set response.validate.parse_error = True.
        response.skipped = "validate: not implemented yet"
    else:
        response.skipped = "not implemented yet"
    return response

def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        data = read_message(stdin)
        if data is None:
            return
        request = conformance_pb2.ConformanceRequest.FromString(data)
        write_message(stdout, handle(request).SerializeToString())

if __name__ == "__main__":
    main()
