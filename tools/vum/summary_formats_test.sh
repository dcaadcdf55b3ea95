#!/usr/bin/env bash
# vum summary reads every format vum convert reads: a batch, NDJSON, a JSON
# array and CSV of the same three profiles give the same count, and a bad
# record among them is counted as rejected (exit 1). Usage: summary_formats_test.sh VUM
set -euo pipefail
vum="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$vum" generate --count 3 --seed 5 "$work/p.vumb" >/dev/null
for to in ndjson json-array csv; do
  "$vum" convert --to "$to" "$work/p.vumb" "$work/p.$to" >/dev/null
done
mv "$work/p.json-array" "$work/p.json"
for f in p.vumb p.ndjson p.json p.csv; do
  "$vum" summary "$work/$f" | grep -q "read 3 werkzoekende(n) and 0 vacature(s) from 1 file(s); 0 rejected" ||
    { echo "summary of $f did not read the three profiles" >&2; exit 1; }
done
{ cat "$work/p.ndjson"; echo '{"idWerkzoekende": 12}'; } > "$work/bad.ndjson"
status=0
"$vum" summary "$work/bad.ndjson" > "$work/out.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] && grep -q "1 rejected" "$work/out.txt" ||
  { echo "a bad NDJSON line was not counted as rejected (exit $status)" >&2; exit 1; }
echo "summary read batch, NDJSON, JSON array and CSV alike"
