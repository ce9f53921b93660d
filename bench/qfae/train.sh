#!/bin/sh
# QFAE training step time and peak memory, the product beside the official code's training step on the same machine
# in the same run, alternating ROUNDS times: `medad bench detector --detector qfae --set init=random --steps STEPS`
# (the shared training loop: augmentation, frozen encoder without autograd, Q-Former and decoder forward and
# backward, the perceptual loss through the MAE copies, Adam with OneCycle; median after two warm-up steps) and
# ../shared/reference/qfae_ref.py --section TRAINING bench --cases train:BATCH:REPS:1 (training.train_step of the
# official code on PyTorch 1.13 eager, random weights of the same shapes, brain.ini's [TRAINING] section).
# Usage: bench/qfae/train.sh PRESET BATCH [ROUNDS] [STEPS]   PRESET: paper (ViT-L) or cpu; STEPS >= 3 (default 5)
# Needs QFAE_REF_SRC and TIMM_SRC as bench/qfae/run.sh. Prints one JSON line per process.
set -e
cd "$(dirname "$0")/../.."
preset=${1:?paper or cpu}
batch=${2:?batch}
rounds=${3:-1}
steps=${4:-5}
. bench/reference-env.sh
medad=releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad
ref=../shared/reference/qfae_ref.py
[ -x "$medad" ] || ./medad build
. bench/qfae/sizes.sh
out=$(mktemp)
trap 'rm -f "$out"' EXIT
r=0
while [ "$r" -lt "$rounds" ]; do
  MEDAD_JAVA_OPTS="-Dmedad.threads=2" "$medad" bench detector --detector qfae --set init=random --set preset="$preset" \
    --set batch="$batch" --steps "$steps" --slices $((batch * (steps + 1))) --input 224 --score 1 --batch 1 --json \
    | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps({'impl': 'medad', 'preset': '$preset',
 'batch': $batch, 'train_step_s': d['train_step_s'], 'steps_timed': d['train_steps_timed'],
 'train_peak_rss_mb': d['train_peak_rss_mb']}))"
  # shellcheck disable=SC2086
  /usr/bin/python3 "$ref" --ref "$QFAE_REF_SRC" --timm "$TIMM_SRC" --section TRAINING $sizes bench \
    --cases "train:$batch:$steps:1" --out "$out" > /dev/null 2>&1
  /usr/bin/python3 -c "import json; r=json.load(open('$out'))['results'][0]; t=r['timing']; print(json.dumps({'impl':
 'pytorch eager (official code)', 'preset': '$preset', 'batch': $batch, 'train_step_s': t['median_s'],
 'peak_rss_mb': r.get('peak_rss_process_mib')}))"
  r=$((r + 1))
done
