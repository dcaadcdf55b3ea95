#!/usr/bin/env bash
# The local accreditation as a vendor runs it (docs/accreditation.md), with
# vum-node as the system under test: make certificates with OINs, make the
# upload set, start the node and load the set by the node's own means, run
# vum accredit source against it. Exits 0 only if every case passed. The
# ctest cli.accredit_source_passes_vum_node and scripts/run (step 10) run it.
# Usage: accredit_vum_node.sh VUM VUM_NODE [OUT]
#   OUT: a folder that receives the JUnit XML and the HTML report (kept).
set -euo pipefail
vum="$1"
node="$2"
out="${3:-}"
[ -z "$out" ] || { mkdir -p "$out"; out="$(cd "$out" && pwd)"; }
codelists="$(cd "$(dirname "$0")/../../codelists" && pwd)"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
bron=00000001000000000001 uv=00000001000000000011 wsp=00000001000000000005
"$vum" node test-pki pki bron:$bron uv:$uv wsp:$wsp >/dev/null
for k in vumid logboek; do head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > pki/$k.key; done
chmod 600 pki/*.key
"$vum" accredit upload-set --count 1500 --seed 3 upload
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > node.json <<JSON
{"oin": "$bron", "naam": "bron onder test", "luisteren": "127.0.0.1:$port",
 "tls": {"certificaat": "pki/bron.crt", "sleutel": "pki/bron.key", "clientCa": "pki/ca.crt"},
 "database": "bron.db", "sleutels": {"vumId": "pki/vumid.key", "logboek": "pki/logboek.key"},
 "codelijsten": "$codelists",
 "partijen": [{"oin": "$bron", "rollen": ["laden"]},
              {"oin": "$wsp", "naam": "bemiddelaar", "rollen": ["vragen", "suwi"]},
              {"oin": "$uv", "naam": "uitwisselingsvoorziening", "rollen": ["uitwisselingsvoorziening"]}]}
JSON
"$node" --config node.json --quiet 2> node.log &
pid=$!
for _ in $(seq 100); do grep -q listening node.log && break; sleep 0.1; done
grep -q listening node.log || { cat node.log >&2; exit 1; }
"$vum" batch write --type werkzoekende --afzender $bron --ontvanger $bron upload.vumb \
  upload/profielen.ndjson >/dev/null
"$vum" batch write --type vacature --afzender $bron --ontvanger $bron vacatures.vumb \
  upload/vacatures.ndjson >/dev/null
for f in upload.vumb vacatures.vumb upload/procesgegevens.ndjson; do
  "$vum" node upload --node https://127.0.0.1:$port --to $bron --from $bron \
    --cert pki/bron.crt --key pki/bron.key --ca pki/ca.crt $f >/dev/null
done
"$vum" accredit source --node https://127.0.0.1:$port --source-oin $bron --from $wsp \
  --facility-oin $uv --cert pki/uv.crt --key pki/uv.key --ca pki/ca.crt \
  --junit accreditation.xml --html accreditation.html upload
grep -q 'failures="0"' accreditation.xml
[ -z "$out" ] || cp accreditation.xml accreditation.html "$out/"
