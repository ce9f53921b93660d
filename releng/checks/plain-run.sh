#!/bin/sh
# The workflows (org.medad.run) with the detector, format and phantom bundles on a plain class path, no OSGi
# framework: train, score in batches, evaluate. Run by ./medad test after the build; needs the bundles' target/classes.
set -e
cd "$(dirname "$0")/../.."
java_home=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-21* 2>/dev/null | head -n 1)}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
for a in $MAVEN_ARGS; do case $a in -Dmaven.repo.local=*) repo=${a#-Dmaven.repo.local=} ;; esac; done
# the libraries as the build shipped them in the headless product, else from the Maven repository
plugins=releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/plugins
imglib=$(ls "$plugins"/wrapped.net.imglib2.imglib2_*.jar 2>/dev/null | tail -n 1)
gson=$(ls "$plugins"/com.google.gson_*.jar 2>/dev/null | tail -n 1)
charts=$(ls "$plugins"/wrapped.org.jfree.jfreechart_*.jar 2>/dev/null | tail -n 1)
[ -n "$imglib" ] || imglib=$(find "$repo/net/imglib2/imglib2" -name 'imglib2-8*.jar' -not -path '*bnd*' 2>/dev/null | sort | tail -n 1)
[ -n "$gson" ] || gson=$(find "$repo/com/google/code/gson/gson" -name 'gson-2*.jar' 2>/dev/null | sort | tail -n 1)
[ -n "$charts" ] || charts=$(find "$repo/org/jfree/jfreechart" -name 'jfreechart-1.5*.jar' -not -path '*bnd*' 2>/dev/null | sort | tail -n 1)
[ -n "$imglib" ] && [ -n "$gson" ] && [ -n "$charts" ] || { echo "plain-run: ImgLib2/Gson/JFreeChart jars neither in $plugins nor in $repo" >&2; exit 1; }
cp="$imglib:$gson:$charts"
for b in core io metrics report phantom run detector.pixelstats; do
  d=bundles/org.medad.$b/target/classes
  [ -d "$d" ] || { echo "plain-run: $d missing; build first (./mvnw -B verify)" >&2; exit 1; }
  cp="$cp:$d"
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$java_home/bin/javac" -nowarn -d "$out" -cp "$cp" releng/checks/plain/PlainRun.java
"$java_home/bin/java" -cp "$out:$cp" PlainRun "$out/work"
