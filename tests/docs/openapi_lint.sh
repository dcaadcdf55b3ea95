#!/bin/sh
# Lints the node's OpenAPI documents with Redocly's CLI (from the npm
# registry, installed once into the build folder at a pinned version):
# docs/node-openapi.json (vum's own interface), docs/bron-openapi.json and
# docs/bemiddelaar-openapi.json (the koppelvlak 3.0 interfaces). Fails on any
# error or warning; docs/.redocly.lint-ignore.yaml lists, with reasons, the
# recommended rules a document does not follow.
# Usage: openapi_lint.sh SOURCE_DIR TOOLS_DIR
set -eu
src=$1
mkdir -p "$2"
tools=$(cd "$2" && pwd)
version=1.34.5
cli="$tools/node_modules/.bin/redocly"
if [ ! -x "$cli" ] || ! grep -q "\"version\": \"$version\"" \
    "$tools/node_modules/@redocly/cli/package.json" 2>/dev/null; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "@redocly/cli@$version" >&2
fi
cd "$src/docs"  # where the ignore file is read
for doc in node-openapi.json bron-openapi.json bemiddelaar-openapi.json; do
  out=$("$cli" lint --format=stylish "$doc" 2>&1) || { echo "$out"; exit 1; }
  echo "$out"
  if echo "$out" | grep -q "warning"; then
    echo "lint failed: $doc has warnings" >&2
    exit 1
  fi
  echo "lint passed: $doc"
done
