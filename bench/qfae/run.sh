#!/bin/sh
# QFAE scoring throughput and peak resident memory, the product beside the official code on the same machine in the
# same run, alternating ROUNDS times: `medad bench detector --detector qfae --set init=random` (random weights of the
# real shapes, the declared input: RGB, 224 px, normalised) and ../shared/reference/qfae_ref.py (the official
# model.py/losses.py/training.py on PyTorch 1.13 eager, random weights of the same shapes, brain scoring rule).
# Usage: bench/qfae/run.sh PRESET BATCH [ROUNDS] [SCORED]   PRESET: paper (ViT-L) or cpu; SCORED images (default 2x BATCH)
# Needs QFAE_REF_SRC and TIMM_SRC: checkouts of francescodalmonte/QFAE and huggingface/pytorch-image-models (read
# at run time by the harness, never copied), and Debian's python3-torch, -torchvision, -scipy, -sklearn.
# Prints one JSON line per process: impl, preset, batch, images_per_s, peak_rss_mb (and the product's resident memory
# once its model is loaded, model_rss_mb).
# MODEL=PKG scores that package (`bench detector --model`: loaded from disk, no training step in the process, so the
# peak is loading's and scoring's) instead of random networks built in the process; make one of the paper's sizes with
#   medad phantom --out PH --train 2 --valid 2 --test 2 && medad train --detector qfae --data PH --out PKG \
#     --set init=random --set epochs=1 --set batch=2
set -e
cd "$(dirname "$0")/../.."
preset=${1:?paper or cpu}
batch=${2:?batch}
rounds=${3:-1}
scored=${4:-$((2 * batch))}
. bench/reference-env.sh
medad=releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad
ref=../shared/reference/qfae_ref.py
[ -x "$medad" ] || ./medad build
. bench/qfae/sizes.sh
out=$(mktemp)
trap 'rm -f "$out"' EXIT
r=0
while [ "$r" -lt "$rounds" ]; do
  if [ -n "${MODEL:-}" ]; then
    what="--model $MODEL"
  else
    what="--detector qfae --set init=random --set preset=$preset --set batch=2 --steps 0"
  fi
  # shellcheck disable=SC2086
  MEDAD_JAVA_OPTS="-Dmedad.threads=2" "$medad" bench detector $what --slices 2 --input 224 --score "$scored" \
    --batch "$batch" --json \
    | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps({'impl': 'medad', 'preset': '$preset',
 'batch': $batch, 'images_per_s': d['score_images_per_s'], 'peak_rss_mb': d['peak_rss_mb'],
 'model_rss_mb': d.get('model_rss_mb'), 'package': '${MODEL:-}'}))"
  reps=$((scored / batch))
  # shellcheck disable=SC2086
  /usr/bin/python3 "$ref" --ref "$QFAE_REF_SRC" --timm "$TIMM_SRC" $sizes bench --cases "score:$batch:$reps:1" \
    --out "$out" > /dev/null 2>&1
  /usr/bin/python3 -c "import json; r=json.load(open('$out'))['results'][0]; t=r['timing']; print(json.dumps({'impl':
 'pytorch eager (official code)', 'preset': '$preset', 'batch': $batch, 'images_per_s': t['images_per_s'],
 'peak_rss_mb': r.get('peak_rss_process_mib')}))"
  r=$((r + 1))
done
