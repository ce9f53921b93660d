#!/bin/sh
# Long fuzz run of the image readers (the suite runs 2,500 cases in FormatFuzzTest):
#   bench/fuzz/run.sh [CASES] [SEED] [TESTDATA]
# Compiles org.medad.core, org.medad.io and the fuzzer onto a plain class path (no OSGi framework) with the
# ImgLib2 and Gson jars a build left in the local Maven repository, then runs FuzzMain. Never part of the tests.
set -e
cd "$(dirname "$0")/../.."
cases=${1:-20000}; seed=${2:-1}; data=${3:-../shared/testdata}
[ -d "$data" ] || { echo "bench/fuzz: test data folder $data not found" >&2; exit 3; }
java_home=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21* 2>/dev/null | head -n 1)}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
imglib=$(find "$repo/net/imglib2/imglib2" -name 'imglib2-8*.jar' -not -path '*bnd*' | sort | tail -n 1)
gson=$(find "$repo/com/google/code/gson/gson" -name 'gson-2*.jar' | sort | tail -n 1)
ann=$(find "$repo" -name 'org.osgi.service.component.annotations*.jar' | head -n 1)
[ -n "$imglib" ] && [ -n "$gson" ] || { echo "bench/fuzz: run ./medad build first (ImgLib2/Gson jars not in $repo)" >&2; exit 3; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$java_home/bin/javac" -nowarn -d "$out" -cp "$imglib:$gson:$ann" \
  $(find bundles/org.medad.core/src bundles/org.medad.io/src -name '*.java' -not -path '*/core/internal/*') \
  bundles/org.medad.io.tests/src/org/medad/io/fuzz/Mutations.java bundles/org.medad.io.tests/src/org/medad/io/fuzz/FormatFuzzer.java \
  bundles/org.medad.io.tests/src/org/medad/io/fuzz/FuzzMain.java
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; java $("$java_home/bin/java" -version 2>&1 | head -n 1)"
"$java_home/bin/java" -cp "$out:$imglib:$gson" org.medad.io.fuzz.FuzzMain "$data" "$cases" "$seed"
