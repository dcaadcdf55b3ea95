#!/bin/sh
# Lints the node's OpenAPI documents with Redocly's CLI (from the npm
# registry, installed once into the build folder at a pinned version):
# docs/node-openapi.json (vum's own interface), docs/bron-openapi.json and
# docs/bemiddelaar-openapi.json (the koppelvlak 3.0 interfaces). Fails on any
# error; warnings are printed.
# Usage: openapi_lint.sh SOURCE_DIR TOOLS_DIR
set -eu
src=$1
tools=$2
version=1.34.5
cli="$tools/node_modules/.bin/redocly"
if [ ! -x "$cli" ] || ! grep -q "\"version\": \"$version\"" \
    "$tools/node_modules/@redocly/cli/package.json" 2>/dev/null; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "@redocly/cli@$version" >&2
fi
for doc in node-openapi.json bron-openapi.json bemiddelaar-openapi.json; do
  "$cli" lint --format=stylish "$src/docs/$doc"
  echo "lint passed: $doc"
done
