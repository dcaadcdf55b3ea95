#!/usr/bin/env bash
# Renders a report page in headless Chromium (Debian's) and checks that it
# loads without errors and shows its four charts. Usage: report_page_test.sh VUM
set -euo pipefail
vum="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$vum" generate --count 3000 --seed 11 --real-postcodes --afzender 00000001001111111000 \
  "$work/a.vumb" >/dev/null
"$vum" generate --count 3000 --seed 12 --real-postcodes --invalid-fraction 0.05 \
  --afzender 00000001002222222000 "$work/b.vumb" >/dev/null
"$vum" report --out "$work/rapport.html" --date 2026-06-30 "$work/a.vumb" \
  --date 2026-09-30 "$work/a.vumb" "$work/b.vumb" 2>/dev/null
# Chromium as root needs --no-sandbox; the other flags keep it off the network.
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --virtual-time-budget=2000 \
  --dump-dom "file://$work/rapport.html" >"$work/dom.html" 2>"$work/chromium.log"
grep -q 'data-geladen="4"' "$work/dom.html" || {
  echo "the page did not load with its four charts" >&2
  grep -o '<body[^>]*>' "$work/dom.html" >&2 || true
  exit 1
}
# The page's own script counts errors (a resource that failed, a script
# error) into an attribute of <body>.
body="$(grep -o '<body[^>]*>' "$work/dom.html")"
if [[ "$body" == *data-fouten* ]]; then
  echo "the page reported errors while loading: $body" >&2
  exit 1
fi
echo "report page loaded in Chromium with 4 charts and no errors"
