#!/bin/sh
# End-to-end batch scoring throughput of `medad score` over phantom volumes (NIfTI, streamed slice by slice), with
# and without read-ahead (--read-ahead 4 / 0), for pixelstats and QFAE's CPU preset (random-initialised, one epoch:
# its speed, not its accuracy, is measured), plus the share of the wall time spent inside the detector's calls
# (run.json detector_seconds / seconds).
# Usage: bench/batch/run.sh WORK [VOLUMES] [SIZE] [DEPTH] [DETECTORS]
#   VOLUMES test volumes (half normal, half lesioned; default 100), SIZE x SIZE x DEPTH voxels (default 128 x 128 x 32),
#   DEPTH "2d": VOLUMES 2D PNG images of SIZE x SIZE instead (heat-map PNG, TIFF and mask written per image),
#   DETECTORS (default "pixelstats qfae"). WORK is created and reused (data and models are kept between runs).
#   MEDAD (default: the built headless product's bin/medad) names another build to measure.
# Prints one JSON line per run.
set -e
cd "$(dirname "$0")/../.."
work=${1:?work folder}
volumes=${2:-100}
size=${3:-128}
depth=${4:-32}
detectors=${5:-pixelstats qfae}
medad=${MEDAD:-releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad}
[ -x "$medad" ] || ./medad build
export MEDAD_JAVA_OPTS="${MEDAD_JAVA_OPTS:--Dmedad.threads=2}"
data=$work/data-$size-$depth-$volumes
if [ ! -d "$data/test" ]; then
  if [ "$depth" = 2d ]; then
    "$medad" phantom --out "$data" --size "$size" --train 16 --valid 2 --test $((volumes / 2)) >&2
  else
    "$medad" phantom --volumes --out "$data" --size "$size" --depth "$depth" --train 2 --valid 1 --test $((volumes / 2)) >&2
  fi
fi
per_case=$depth
[ "$depth" = 2d ] && per_case=1
for d in $detectors; do
  model=$work/model-$d-$size
  if [ ! -f "$model/model.json" ]; then
    case $d in
      qfae) sets="--set preset=cpu --set init=random --set epochs=1" ;;
      *) sets="" ;;
    esac
    # shellcheck disable=SC2086
    "$medad" train --detector "$d" --data "$data" --out "$model" $sets --seed 1 >&2
  fi
  for ahead in 0 4; do
    out=$work/out-$d-$size-$ahead
    rm -rf "$out"
    "$medad" score --model "$model" --input "$data/test" --out "$out" --read-ahead "$ahead" >&2
    /usr/bin/python3 - "$out/run.json" "$d" "$ahead" "$size" "$per_case" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
slices = r["cases"] * int(sys.argv[5])
print(json.dumps({"detector": sys.argv[2], "read_ahead": int(sys.argv[3]), "cases": r["cases"],
                  "voxels": [int(sys.argv[4]), int(sys.argv[4]), int(sys.argv[5])], "seconds": round(r["seconds"], 2),
                  "slices_per_s": round(slices / r["seconds"], 2), "cases_per_s": round(r["cases"] / r["seconds"], 3),
                  "detector_share": round(r["detector_seconds"] / r["seconds"], 3),
                  "read_wait_s": round(r["read_wait_seconds"], 2), "errors": r["errors"]}))
PY
  done
done
