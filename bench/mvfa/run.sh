#!/bin/sh
# MVFA scoring throughput, memory-bank build and peak resident memory, the product beside the same forward in PyTorch
# eager (bench/mvfa/python_mvfa.py, written from METHODS.md section 2) on the same machine in the same run,
# alternating ROUNDS times. The product runs `medad bench detector --detector mvfa --set init=random` (random CLIP of
# the preset's shapes), few-shot with SHOTS normal and SHOTS lesioned phantom shots (bank of 11*SHOTS images) and,
# for the bank's share of scoring, the zero-shot protocol (no bank) in the same round.
# Usage: bench/mvfa/run.sh PRESET BATCH [ROUNDS] [SCORED] [SHOTS]   PRESET: paper (CLIP ViT-L/14 at 240) or cpu
# Prints one JSON line per process.
set -e
cd "$(dirname "$0")/../.."
preset=${1:?paper or cpu}
batch=${2:?batch}
rounds=${3:-1}
scored=${4:-$((2 * batch))}
shots=${5:-16}
. bench/reference-env.sh
medad=releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad
[ -x "$medad" ] || ./medad build
r=0
while [ "$r" -lt "$rounds" ]; do
  for protocol in few-shot zero-shot; do
    MEDAD_JAVA_OPTS="-Dmedad.threads=2" "$medad" bench detector --detector mvfa --set init=random --set preset="$preset" \
      --set protocol=$protocol --set epochs=0 --steps 0 --slices 2 --shots "$shots" --input 240 --score "$scored" \
      --batch "$batch" --json \
      | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps({'impl': 'medad', 'preset': '$preset',
 'protocol': '$protocol', 'batch': $batch, 'shots': $shots, 'images_per_s': d['score_images_per_s'],
 'fit_s': d['fit_s'], 'model_rss_mb': d['model_rss_mb'], 'peak_rss_mb': d['peak_rss_mb']}))"
  done
  /usr/bin/python3 bench/mvfa/python_mvfa.py --preset "$preset" --batch "$batch" --score "$scored" --shots "$shots"
  r=$((r + 1))
done
