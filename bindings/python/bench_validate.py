#!/usr/bin/env python3
"""Throughput of the Python binding against the C++ tool on the same records.

    VUM_LIBRARY=build/lib/c/libvum_c.so PYTHONPATH=bindings/python \\
      python3 bindings/python/bench_validate.py build/tools/vum/vum 100000

Generates N profiles as senders write them (86 in 100 with empty values),
validates each through the binding (one call per record, as a vendor's loop
would), and times `vum validate --min-severity error` over the same NDJSON
file as the peer in the same run. Prints records per second for both.
"""
import os
import subprocess
import sys
import tempfile
import time

import vum


def main():
    tool, count = sys.argv[1], int(sys.argv[2])
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "profiles.ndjson")
        subprocess.run([tool, "generate", "--count", str(count), "--seed", "7",
                        "--empty-values", "0.86", path], check=True, capture_output=True)
        lines = open(path, "rb").read().splitlines()
        validator = vum.Validator(codelists=[os.path.join(source, "codelists")],
                                  reference_date="2026-06-01", min_severity="error")
        start = time.perf_counter()
        conforming = sum(validator.validate(line).conforms for line in lines)
        python_seconds = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([tool, "validate", "--min-severity", "error", "--reference-date",
                        "2026-06-01", "--format", "json", path], stdout=subprocess.DEVNULL,
                       check=False)
        tool_seconds = time.perf_counter() - start
    print(f"python binding: {len(lines)} records in {python_seconds:.2f} s, "
          f"{len(lines) / python_seconds:,.0f}/s ({conforming} conform)")
    print(f"vum validate (C++, peer): {len(lines)} records in {tool_seconds:.2f} s, "
          f"{len(lines) / tool_seconds:,.0f}/s")


if __name__ == "__main__":
    main()
