#!/bin/sh
# Builds the Java binding and runs its JUnit 5 tests (Debian's openjdk-17,
# libjna-java, junit5), the conformance suite's validate cases included.
# Usage: test.sh LIBVUM_C SOURCE_DIR PYTHON CONFORMANCE_PYTHON_DIR
set -eu
lib=$1 source=$2 python=$3 pb2=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PYTHONPATH="$pb2" "$python" "$source/bindings/validate_vectors.py" \
  "$source/conformance/vectors" "$work/vectors.tsv"
javac -d "$work/classes" -cp /usr/share/java/jna.jar:/usr/share/java/junit-jupiter-api.jar \
  "$source"/bindings/java/src/nl/vum/*.java "$source"/bindings/java/test/nl/vum/*.java
java -Dvum.library="$lib" -Dvum.source="$source" -Dvum.vectors="$work/vectors.tsv" \
  -jar /usr/share/java/junit-platform-console-standalone.jar \
  -cp "$work/classes:/usr/share/java/jna.jar" --select-package nl.vum \
  --details=tree --disable-banner --disable-ansi-colors
