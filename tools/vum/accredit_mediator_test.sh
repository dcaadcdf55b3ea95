#!/usr/bin/env bash
# The accreditation of an asking client, as a vendor's CI runs it: vum
# accredit mediator starts the scripted facility, the client under test (here
# vum ask --facility, vum's own) asks a question, fetches a detail and asks
# the facility without sources (503.02), then
# SIGTERM ends the session and every request is judged. A second session with
# a client that speaks another version must fail.
#   accredit_mediator_test.sh VUM
set -euo pipefail
vum="$1"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$vum" accredit upload-set --count 300 --seed 4 upload >/dev/null

# Starts a session in env-$1 and waits (at most 60 s) for its ready file.
start() {
  "$vum" accredit mediator --dir "env-$1" --ready "ready-$1.json" --wait 120 --deadline 2 \
    --junit "mediator-$1.xml" --html "mediator-$1.html" upload > "mediator-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do [ -f "ready-$1.json" ] && break; sleep 0.1; done
  [ -f "ready-$1.json" ] || { cat "mediator-$1.log" >&2; exit 1; }
  mapfile -t f < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
for k in ("url","facilityOin","certificaat","sleutel","ca","clientOin","urlZonderBron"): print(r[k])' "ready-$1.json")
  client=(--facility "${f[0]}" --facility-oin "${f[1]}" --cert "${f[2]}" --key "${f[3]}"
          --ca "${f[4]}" --from "${f[5]}")
}
# Ends the session; its exit status into $status.
finish() {
  kill -TERM "$pid"
  status=0
  wait "$pid" || status=$?
  pid=""
}

echo '{"selectiegebied":{"postcode":"3511AA","afstand":999}}' > vraag.json
start good
"$vum" ask "${client[@]}" vraag.json > answer.json
vumid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["matches"][0]["vumID"])' answer.json)
"$vum" ask "${client[@]}" --detail "$vumid" > /dev/null
# The facility without sources: 503.02, which vum ask reports and exits on.
down=0
"$vum" ask --facility "${f[6]}" "${client[@]:2}" vraag.json > /dev/null 2> down.log || down=$?
[ "$down" -ne 0 ] && grep -q "503.02" down.log || { cat down.log >&2; exit 1; }
finish
cat mediator-good.log
[ "$status" -eq 0 ] || { echo "a client that speaks the koppelvlak failed" >&2; exit 1; }
grep -q 'failures="0"' mediator-good.xml
grep -q '^PASS   verzoek.2.detail$' mediator-good.log
grep -q '^PASS   verzoek.3.vraag$' mediator-good.log
grep -q '^PASS   sessie.geen-bron$' mediator-good.log
grep -q 'Passed: 6 cases; 6 passed' mediator-good.html

# A client of another version: every request refused, the session fails.
start bad
python3 - "${f[@]}" <<'PY'
import http.client, ssl, sys
url, facility, cert, key, ca, client = sys.argv[1:7]
host, port = url[len("https://"):].rsplit(":", 1)
ctx = ssl.create_default_context(cafile=ca)
ctx.load_cert_chain(cert, key)
c = http.client.HTTPSConnection(host, int(port), context=ctx)
c.request("POST", "/api/v3/werkzoekendeProfielen/matches",
          '{"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":10}}}',
          {"Content-Type": "application/json", "X-VUM-berichtVersie": "2.0.0",
           "API-Version": "2.0.0", "X-VUM-fromParty": client, "X-VUM-toParty": facility,
           "X-VUM-viaParty": client})
print("the facility answered", c.getresponse().status)
PY
finish
cat mediator-bad.log
[ "$status" -eq 1 ] || { echo "a client of another version passed" >&2; exit 1; }
grep -q '^FAIL   verzoek.1.vraag: X-VUM-berichtVersie is not 3.0.0' mediator-bad.log
grep -q 'Not passed: 4 cases' mediator-bad.html
echo "accredit mediator: a good client passes, a client of another version fails"
