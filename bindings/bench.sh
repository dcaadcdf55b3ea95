#!/bin/sh
# Throughput of every binding beside the C++ tool, on the same N profiles as
# senders write them (86 in 100 with empty values), one call per record,
# minimum severity error, the shipped code lists. From the source folder:
#   bindings/bench.sh build 100000
set -eu
build=$1 count=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lib=$build/lib/c/libvum_c.so
"$build/tools/vum/vum" generate --count "$count" --seed 7 --empty-values 0.86 "$work/p.ndjson" >/dev/null
start=$(date +%s.%N)
"$build/tools/vum/vum" validate --min-severity error --reference-date 2026-06-01 --format json \
  "$work/p.ndjson" >/dev/null || true
end=$(date +%s.%N)
echo "$count $start $end" | awk '{printf "vum validate (C++, peer): %d records in %.2f s, %.0f/s\n", $1, $3-$2, $1/($3-$2)}'
VUM_LIBRARY=$lib PYTHONPATH=bindings/python /usr/bin/python3 - "$work/p.ndjson" <<'PY'
import sys, time, vum
lines = open(sys.argv[1], "rb").read().splitlines()
v = vum.Validator(codelists=["codelists"], reference_date="2026-06-01", min_severity="error")
start = time.perf_counter()
ok = sum(v.validate(line).conforms for line in lines)
s = time.perf_counter() - start
print(f"python binding: {len(lines)} records in {s:.2f} s, {len(lines)/s:.0f}/s ({ok} conform)")
PY
javac -d "$work/java" -cp /usr/share/java/jna.jar bindings/java/src/nl/vum/*.java bindings/java/Bench.java
java -Dvum.library="$lib" -cp "$work/java:/usr/share/java/jna.jar" Bench codelists "$work/p.ndjson"
mcs -nologo -out:"$work/Bench.exe" -r:System.Web.Extensions bindings/csharp/Vum.cs bindings/csharp/Bench.cs
LD_LIBRARY_PATH=$(dirname "$lib") mono "$work/Bench.exe" codelists "$work/p.ndjson"
