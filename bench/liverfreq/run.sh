#!/bin/sh
# liverfreq against PyTorch eager on the same networks, same machine, same run: for each configuration, ROUNDS
# alternating processes of `medad bench detector` and ../shared/reference/liverfreq_ref.py (Debian's python3-torch),
# one JSON line per process with the same fields (side, config, train_step_s, score_images_per_s, peak_rss_mb).
# Usage: bench/liverfreq/run.sh [ROUNDS] > results.jsonl      (ROUNDS default 3; REFERENCE overrides the script)
set -e
cd "$(dirname "$0")/../.."
rounds=${1:-3}
. bench/reference-env.sh
medad=${MEDAD_BIN:-releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad}
reference=${REFERENCE:-../shared/reference/liverfreq_ref.py}
[ -x "$medad" ] || ./medad build
[ -f "$reference" ] || { echo "no reference script at $reference (set REFERENCE)" >&2; exit 2; }
# config name | product options | reference arguments (RECON_W SEG_W SIZE BATCH STEPS)
configs="cpu64|--set preset=cpu --steps 10 --slices 64 --score 64 --batch 8|16 16 64 8 10
cpu256|--set preset=cpu --set size=256 --steps 5 --slices 32 --score 32 --batch 8|16 16 256 8 5
paper|--set preset=paper --set batch=2 --steps 3 --slices 10 --score 4 --batch 2|128 64 256 2 3"
i=0
while [ "$i" -lt "$rounds" ]; do
  echo "$configs" | while IFS='|' read -r name product ref; do
    # shellcheck disable=SC2086
    "$medad" bench detector --detector liverfreq --json $product 2>/dev/null | tr -d '\n ' | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(json.dumps({"side": "medad", "config": sys.argv[1], "train_step_s": d["train_step_s"],
                  "score_images_per_s": d["score_images_per_s"], "peak_rss_mb": d["peak_rss_mb"],
                  "train_peak_rss_mb": d["train_peak_rss_mb"]}))' "$name"
    # shellcheck disable=SC2086
    THREADS=${THREADS:-2} /usr/bin/python3 "$reference" $ref | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(json.dumps({"side": "pytorch", "config": sys.argv[1], "train_step_s": d["step_s"],
                  "score_images_per_s": d["score_img_s"], "peak_rss_mb": d["peak_rss_mb"], "impl": d["impl"]}))' "$name"
  done
  i=$((i + 1))
done
