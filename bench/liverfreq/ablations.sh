#!/bin/sh
# liverfreq on the default phantom (seed 1), CPU preset, and each ablation of the paper's Table 4 with the same
# budget: trains, evaluates, prints one JSON line per configuration (metrics.json plus the settings).
# Usage: bench/liverfreq/ablations.sh WORKDIR [EXTRA --set ...] > results.jsonl
set -e
cd "$(dirname "$0")/../.."
work=${1:?usage: ablations.sh WORKDIR [--set key=value ...]}; shift
medad=${MEDAD_BIN:-releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad}
[ -x "$medad" ] || ./medad build
[ -d "$work/phantom" ] || "$medad" phantom --out "$work/phantom" --seed 1 >&2
for variant in full local=false break=false synth=false mode=draem; do
  set_variant=""; [ "$variant" = full ] || set_variant="--set $variant"
  rm -rf "$work/$variant" "$work/$variant.checkpoint" "$work/$variant-eval"
  start=$(date +%s)
  "$medad" train --detector liverfreq --data "$work/phantom" --out "$work/$variant" --seed 1 --set preset=cpu \
    $set_variant "$@" >&2
  "$medad" evaluate --model "$work/$variant" --data "$work/phantom" --out "$work/$variant-eval" >&2
  /usr/bin/python3 - "$work/$variant-eval/metrics.json" "$variant" "$(( $(date +%s) - start ))" "$*" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(json.dumps({"variant": sys.argv[2], "seconds": int(sys.argv[3]), "extra": sys.argv[4],
                  "image_auroc": m["image_auroc"], "pixel_auroc": m["pixel_auroc"], "f1_max": m["f1_max"]}))
PY
done
