#!/usr/bin/env bash
# vum select reads its caseload on loader threads: what it answers must be
# what the records say in the order given. A withdrawal in a delta batch
# removes the record its full batch gave before it (the funnel equals that of
# the caseload without those records), and a record or process data the index
# cannot hold (no id) is reported with its line and counted, never dropped
# and never the end of the run.
# Usage: select_caseload_test.sh VUM
set -uo pipefail
vum="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
select_explain() {
  "$vum" select --explain --as mediator --at 2026-06-01T12:00:00Z q.json "$@"
}

"$vum" generate --count 200 --seed 3 --real-postcodes --empty-values 0.5 \
  --consents c.ndjson p.ndjson >/dev/null 2>&1 || fail "vum generate"
echo '{"selectiegebied":{"postcode":"3511AB","afstand":300}}' >q.json
sender=00000001234567890000
"$vum" batch write --afzender "$sender" --ontvanger "$sender" full.vumb p.ndjson \
  >/dev/null 2>&1 || fail "vum batch write (full)"
base="$("$vum" batch inspect full.vumb | sed -n 's/^batch //p')"
printf 'synth-wz-3-1\nsynth-wz-3-2\n' >withdrawn.txt
: >empty.ndjson
"$vum" batch write --afzender "$sender" --ontvanger "$sender" --delta --base "$base" \
  --sequence 1 --withdrawals withdrawn.txt delta.vumb empty.ndjson >/dev/null 2>&1 ||
  fail "vum batch write (delta)"

# 1. The full batch, then the delta: as if the two records were never given.
grep -v -e '"synth-wz-3-1"' -e '"synth-wz-3-2"' p.ndjson >kept.ndjson
[ "$(wc -l <kept.ndjson)" -eq 198 ] || fail "kept.ndjson does not hold 198 records"
with_delta="$(select_explain full.vumb delta.vumb c.ndjson 2>with_delta.err)" ||
  fail "select over the batches: exit $?"
without="$(select_explain kept.ndjson c.ndjson 2>/dev/null)" || fail "select over kept"
grep -q "200 records (0 without a known postcode), 200 with process data, 2 withdrawn, 0 unreadable" \
  with_delta.err || fail "counts over the batches: $(cat with_delta.err)"
[ -n "$with_delta" ] && [ "$with_delta" = "$without" ] ||
  fail "withdrawals not applied after their records: '$with_delta' vs '$without'"
echo "$without" | grep -q "in the area (300 km around 3511): 198" ||
  fail "unexpected funnel: $without"

# 2. A profile and process data without an id: reported by line, counted,
# and the rest answered as before.
{ cat kept.ndjson; sed -n '5s/"idWerkzoekende":"[^"]*",//p' p.ndjson; } >bad.ndjson
{ cat c.ndjson; sed -n '7s/"idWerkzoekende":"[^"]*",//p' c.ndjson; } >bad-c.ndjson
grep -q idWerkzoekende <(tail -1 bad.ndjson) && fail "line 199 still has an id"
bad="$(select_explain bad.ndjson bad-c.ndjson 2>bad.err)"
status=$?
[ "$status" -eq 0 ] || fail "select with records without an id: exit $status"
grep -q "bad.ndjson: line 199: a record without an id cannot be indexed" bad.err ||
  fail "the profile without an id is not reported by line: $(cat bad.err)"
grep -q "bad-c.ndjson: line 201: process data without idWerkzoekende cannot be indexed" \
  bad.err || fail "the process data without an id is not reported by line: $(cat bad.err)"
grep -q "198 records (0 without a known postcode), 200 with process data, 0 withdrawn, 2 unreadable" \
  bad.err || fail "counts with records without an id: $(cat bad.err)"
[ "$bad" = "$without" ] || fail "the other records answered otherwise: '$bad'"

[ "$failures" -eq 0 ] && echo "select caseload: all checks passed"
exit "$failures"
