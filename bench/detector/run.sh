#!/bin/sh
# Training step time, scoring throughput and peak resident memory of liverfreq at 256x256 with the paper's widths
# (reconstruction 128, segmentation 64; batch 2 here: one step of batch 8 takes minutes on 2 cores) and with the CPU
# preset's widths (16/16, batch 8), and the CPU preset at its own 64 pixels; each configuration in its own process.
# Usage: bench/detector/run.sh > results.jsonl
set -e
cd "$(dirname "$0")/../.."
export OMP_WAIT_POLICY=PASSIVE
medad=${MEDAD_BIN:-releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad}
[ -x "$medad" ] || ./medad build
run() { "$medad" bench detector --detector liverfreq --json "$@" 2>/dev/null | tr -d '\n '; echo; }
run --set preset=paper --set batch=2 --steps 3 --slices 10 --score 4 --batch 2
run --set preset=cpu --set size=256 --steps 10 --slices 64 --score 64 --batch 8
run --set preset=cpu --steps 10 --slices 64 --score 64 --batch 8
