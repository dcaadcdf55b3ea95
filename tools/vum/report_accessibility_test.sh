#!/usr/bin/env bash
# Checks the report page against WCAG 2.1 A and AA with axe-core (from the
# npm registry, pinned, installed once into TOOLS_DIR) in headless Chromium:
# the page as `vum report` writes it, with axe's script beside it. Fails on
# any violation and lists them.
# Usage: report_accessibility_test.sh VUM TOOLS_DIR
set -euo pipefail
vum="$1"
tools="$2"
version=4.10.2
axe="$tools/node_modules/axe-core/axe.min.js"
if ! grep -q "\"version\": \"$version\"" "$tools/node_modules/axe-core/package.json" 2>/dev/null; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "axe-core@$version" >&2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$vum" generate --count 3000 --seed 11 --real-postcodes --afzender 00000001001111111000 \
  "$work/a.vumb" >/dev/null
"$vum" generate --count 3000 --seed 12 --real-postcodes --invalid-fraction 0.05 \
  --afzender 00000001002222222000 "$work/b.vumb" >/dev/null
"$vum" report --out "$work/rapport.html" --date 2026-06-30 "$work/a.vumb" \
  --date 2026-09-30 "$work/a.vumb" "$work/b.vumb" 2>/dev/null
cp "$axe" "$work/axe.min.js"
# axe runs once the page has drawn its charts; its findings go into the DOM.
run='<script src="axe.min.js"></script><script>
window.addEventListener("load", function () { setTimeout(function () {
  axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    .then(function (r) {
      var p = document.createElement("pre"); p.id = "axe-uitkomst";
      p.textContent = JSON.stringify(r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
                target: v.nodes[0] && v.nodes[0].target.join(" ")}; }));
      document.body.appendChild(p); });
}, 500); });
</script>'
python3 - "$work/rapport.html" "$run" <<'PY'
import sys
path, run = sys.argv[1], sys.argv[2]
page = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(page.replace("</body>", run + "</body>"))
PY
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --allow-file-access-from-files --user-data-dir="$work/profile" \
  --virtual-time-budget=15000 --dump-dom "file://$work/rapport.html" \
  >"$work/dom.html" 2>"$work/chromium.log"
result="$(python3 - "$work/dom.html" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="axe-uitkomst">(.*?)</pre>', dom, re.S)
if not m:
    print("axe did not run on the page"); sys.exit(0)
found = json.loads(html.unescape(m.group(1)))
for v in found:
    print("violation %s (%s, %d element(s), e.g. %s): %s" % (v["id"], v["impact"], v["nodes"], v["target"], v["help"]))
print("axe: %d violation(s) of WCAG 2.1 A/AA" % len(found))
PY
)"
echo "$result"
[[ "$result" == *"axe: 0 violation(s)"* ]]
