#!/bin/sh
# Peak resident memory of `medad score` on one large case, as a DICOM series folder (read slice by slice from
# headers listed once) and as the same voxels in an uncompressed NIfTI (streamed), with pixelstats and with QFAE's
# CPU preset (random-initialised, one epoch: memory, not accuracy), beside the case's own size in float32.
# Usage: bench/batch/series_memory.sh WORK [SIZE] [DEPTH] [DETECTORS]   (default 512 x 512 x 300, "pixelstats qfae")
# Needs Debian's python3-nibabel and python3-pydicom (bench/batch/make_series.py). Prints one JSON line per run.
set -e
cd "$(dirname "$0")/../.."
work=${1:?work folder}
size=${2:-512}
depth=${3:-300}
detectors=${4:-pixelstats qfae}
medad=${MEDAD:-releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad}
[ -x "$medad" ] || ./medad build
export MEDAD_JAVA_OPTS="${MEDAD_JAVA_OPTS:--Dmedad.threads=2}"
case=$work/case-$size-$depth
[ -f "$case/vol.nii" ] || /usr/bin/python3 bench/batch/make_series.py "$case" "$size" "$depth" >&2
train=$work/train-volumes
[ -d "$train/train" ] || "$medad" phantom --volumes --out "$train" --size 128 --depth 16 --train 4 --valid 1 --test 1 >&2
for d in $detectors; do
  model=$work/model-$d
  if [ ! -f "$model/model.json" ]; then
    case $d in
      qfae) sets="--set preset=cpu --set init=random --set epochs=1" ;;
      *) sets="" ;;
    esac
    # shellcheck disable=SC2086
    "$medad" train --detector "$d" --data "$train" --out "$model" $sets --seed 1 >&2
  fi
  for input in series vol.nii; do
    out=$work/out-$d-$input
    rm -rf "$out"
    /usr/bin/time -f "%M %e" -o "$work/time.txt" "$medad" score --model "$model" --input "$case/$input" --out "$out" >&2
    /usr/bin/python3 - "$work/time.txt" "$out/run.json" "$d" "$input" "$size" "$depth" <<'PY'
import json, sys
kb, secs = open(sys.argv[1]).read().split()[-2:]
r = json.load(open(sys.argv[2]))
size, depth = int(sys.argv[5]), int(sys.argv[6])
print(json.dumps({"detector": sys.argv[3], "input": sys.argv[4], "voxels": [size, size, depth],
                  "float32_mb": round(size * size * depth * 4 / 2**20), "peak_rss_mb": round(int(kb) / 1024),
                  "seconds": float(secs), "slices_per_s": round(depth / r["seconds"], 2), "errors": r["errors"]}))
PY
  done
done
