#!/bin/bash
# Instructions per profile of a selection index built from NDJSON, counted by
# valgrind's callgrind: nearly the same in any hour (runs differ by a few tens
# of instructions per profile at 20,000, as the threads' waits differ), on a
# machine whose speed moves by a quarter within minutes (docs/performance.md).
# Runs
#   vum select --as mediator examples/selectievragen/eindhoven-rijbewijs-en-uren.json
# over N generated profiles (86 in 100 with empty values, real postcodes) and
# their process data, and over the first one alone, and prints the
# difference per profile: reading, parsing, indexing, placing; not the
# start or the question. Under valgrind simdjson runs its Haswell code, not
# the AVX-512 code of the timed runs. Installs valgrind if it is missing.
# From the source folder:
#   bench/instructions.sh build 20000
set -eu
build=${1:-build} count=${2:-20000}
source scripts/lib/setup.sh
command -v valgrind >/dev/null 2>&1 || vum_apt_install valgrind
vum=$build/tools/vum/vum
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$vum" generate --count "$count" --seed 2026 --empty-values 0.86 --real-postcodes \
  --consents "$work/q.ndjson" "$work/p.ndjson" >/dev/null
head -n 1 "$work/p.ndjson" >"$work/p1.ndjson"
head -n 1 "$work/q.ndjson" >"$work/q1.ndjson"
# The instructions of one `vum select` over profiles $1 and process data $2.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$vum" select --as mediator \
    examples/selectievragen/eindhoven-rijbewijs-en-uren.json "$1" "$2" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
all=$(instructions "$work/p.ndjson" "$work/q.ndjson")
one=$(instructions "$work/p1.ndjson" "$work/q1.ndjson")
if [ -z "$all" ] || [ -z "$one" ]; then
  echo "ERROR OCCURRED: callgrind gave no count" >&2
  exit 1
fi
echo "$count $all $one" | awk '{printf "index build from NDJSON: %d profiles, %.0f instructions per profile with its process data (%.0f over all, %.0f over one)\n", $1, ($2 - $3) / ($1 - 1), $2, $3}'
