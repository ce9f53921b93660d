#!/bin/sh
# Forward throughput and peak resident memory of random ViT-S/16 and ViT-B/14 at 224x224, batch 1, 8, 32:
# the product (DJL 0.35.1 + PyTorch 2.7.1) and Debian's python3-torch (1.13) in eager mode, same machine, same run,
# each configuration in its own process, the two sides alternating PROCESSES times. Prints every process's JSON line,
# then one summary line per configuration and side: median images/s over the processes, the slowest and fastest,
# and the slowest's shortfall from the median (issue 17's steadiness target: within 20%).
# Each line also carries steal_s and busy_s (see measured below).
# Usage: bench/model/run.sh [THREADS] [PROCESSES] > results.jsonl      (defaults 2 and 10)
#        ARCHS="vit-b14" BATCHES="1 8" bench/model/run.sh ...            (a subset; default all six configurations)
# Record the reference's BLAS with the results: Debian's python3-torch links libblas.so.3 and libopenblas.so.0 and is
# only as fast as the OpenBLAS they resolve to (netlib's reference BLAS after a bare install) and the kernels OpenBLAS
# picks for the CPU (bench/reference-env.sh names the CPU's class: the generic ones are 3x slower here).
set -e
cd "$(dirname "$0")/../.."
threads=${1:-2}
processes=${2:-10}
. bench/reference-env.sh
medad=releng/org.medad.products/target/products/org.medad.product.headless/linux/gtk/x86_64/medad/bin/medad
[ -x "$medad" ] || ./medad build
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
# Runs one process and appends to its JSON line the time the hypervisor took from this VM meanwhile (steal, from
# /proc/stat, all CPUs, seconds) and the whole machine's user+system time meanwhile (busy_s, this process included):
# a slow process with steal or a busy neighbour is the machine's, not the code's.
measured() {
  before=$(awk '/^cpu /{print $9, $2+$3+$4}' /proc/stat)
  line=$("$@" | tr -d '\n ')
  after=$(awk '/^cpu /{print $9, $2+$3+$4}' /proc/stat)
  hz=$(getconf CLK_TCK)
  echo "$before $after" | awk -v hz="$hz" -v line="$line" '{
    sub(/}$/, "", line); printf "%s,\"steal_s\":%.2f,\"busy_s\":%.2f}\n", line, ($3-$1)/hz, ($4-$2)/hz }'
}
for arch in ${ARCHS:-vit-s16 vit-b14}; do
  for batch in ${BATCHES:-1 8 32}; do
    case $batch in 1) repeat=15 ;; 8) repeat=5 ;; *) repeat=3 ;; esac
    p=0
    while [ "$p" -lt "$processes" ]; do
      MEDAD_JAVA_OPTS="-Dmedad.threads=$threads" measured "$medad" bench model --arch $arch --batch $batch \
        --repeat $repeat --json | tee -a "$raw"
      measured /usr/bin/python3 bench/model/python_vit.py --arch $arch --batch $batch --threads "$threads" \
        --repeat $repeat | tee -a "$raw"
      p=$((p + 1))
    done
  done
done
blas="OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-} libblas.so.3=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null) libopenblas.so.0=$(readlink -f /usr/lib/x86_64-linux-gnu/libopenblas.so.0 2>/dev/null)"
/usr/bin/python3 - "$raw" "$blas" <<'PY'
import json, statistics, sys
runs, steal = {}, {}
for line in open(sys.argv[1]):
    line = line.strip()
    if line:
        d = json.loads(line)
        side = "medad" if d["impl"].startswith("medad") else "pytorch"
        runs.setdefault((d["arch"], d["batch"], side), []).append(d["images_per_s"])
        steal.setdefault((d["arch"], d["batch"], side), []).append(d.get("steal_s", 0.0))
for (arch, batch, side), v in sorted(runs.items()):
    med = statistics.median(v)
    print(json.dumps({"summary": "model", "arch": arch, "batch": batch, "side": side, "processes": len(v),
                      "median_images_per_s": med, "slowest": min(v), "fastest": max(v),
                      "slowest_below_median": 1 - min(v) / med, "steal_s_of_slowest": steal[(arch, batch, side)][v.index(min(v))],
                      "steal_s_max": max(steal[(arch, batch, side)]), "reference_blas": sys.argv[2]}))
PY
