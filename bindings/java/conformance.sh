#!/bin/sh
# Runs the whole conformance suite against a testee built on the Java
# binding (conformance/ConformanceTestee.java): the classes of
# conformance.proto from protoc --java_out with Debian's libprotobuf-java,
# the binding over libvum_c through JNA.
# Usage: conformance.sh LIBVUM_C SOURCE_DIR RUNNER
set -eu
lib=$1 source=$2 runner=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
classpath=/usr/share/java/jna.jar:/usr/share/java/protobuf.jar
mkdir -p "$work/generated" "$work/classes"
protoc -I"$source/conformance" --java_out="$work/generated" \
  "$source/conformance/conformance.proto"
javac -nowarn -d "$work/classes" -cp "$classpath" $(find "$work/generated" -name '*.java') \
  "$source"/bindings/java/src/nl/vum/*.java "$source/bindings/java/conformance/ConformanceTestee.java"
"$runner" --failure-list "$source/bindings/java/conformance_failures.txt" \
  --testee "java -Dvum.library=$lib -cp $work/classes:$classpath ConformanceTestee \
--codelists $source/codelists --codelists $source/conformance/codelists"
