#!/bin/sh
# The Spark job's throughput (releng/org.medad.spark/medad-spark, Spark in one JVM with local[1] and local[2])
# against a plain `medad score` of the same manifest, on the same machine in the same run.
# Usage: bench/batch/spark.sh MODEL MANIFEST WORK [ROUNDS]   (MANIFEST: a CSV with the header path[,label][,mask])
# Prints one JSON line per run: impl, seconds, cases_per_s.
set -e
cd "$(dirname "$0")/../.."
model=${1:?model package}
manifest=${2:?manifest}
work=${3:?work folder}
rounds=${4:-1}
medad=releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad
spark=releng/org.medad.spark/medad-spark
cases=$(($(wc -l < "$manifest") - 1))
r=0
while [ "$r" -lt "$rounds" ]; do
  for impl in plain local[1] local[2]; do
    out=$work/spark-out-$r-$(echo "$impl" | tr -d '[]')
    rm -rf "$out"
    t0=$(date +%s.%N)
    if [ "$impl" = plain ]; then
      MEDAD_JAVA_OPTS="-Dmedad.threads=2" "$medad" score --model "$model" --input "$manifest" --out "$out" >/dev/null 2>&1
    else
      MASTER=$impl "$spark" --model "$model" --manifest "$manifest" --out "$out" >/dev/null 2>&1
    fi
    t1=$(date +%s.%N)
    /usr/bin/python3 -c "import json; s=$t1-$t0; print(json.dumps({'impl': '$impl', 'cases': $cases, 'seconds': round(s, 2), 'cases_per_s': round($cases/s, 3)}))"
  done
  r=$((r + 1))
done
