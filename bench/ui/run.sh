#!/bin/sh
# Responsiveness of the workbench's Review screen (issue 16), under Xvfb: the time from asking to open a scan to its
# three views shown (read in a Job, initial window from a voxel sample), then STEPS axial slice steps with the heat
# map over the scan, each step painted at once in all three views (the crosshair moves in the other two), timed on
# the UI thread. Drives the real product through its self-test mode; prints the self-test's "review" report.
# Usage: bench/ui/run.sh SCAN MAP [STEPS] [WORK]     e.g. the 512 x 512 x 300 case of bench/batch/series_memory.sh:
#   bench/ui/run.sh /tmp/bigmem/case-512-300/vol.nii /tmp/bigmem/out-pixelstats-vol.nii/vol.nii.gz 300
set -e
cd "$(dirname "$0")/../.."
scan=${1:?scan}
map=${2:?map on the scan\'s grid}
steps=${3:-300}
work=${4:-/tmp/medad-bench-ui}
launcher=releng/org.medad.products/target/products/org.medad.product.workbench/linux/gtk/x86_64/medad-workbench/bin/medad-workbench
[ -x "$launcher" ] || ./medad build
rm -rf "$work"; mkdir -p "$work/shots" "$work/ws"
n=97
while [ -e /tmp/.X11-unix/X$n ]; do n=$((n + 1)); done
Xvfb :$n -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
DISPLAY=:$n MEDAD_WORKSPACE="$work/ws" MEDAD_JAVA_OPTS="-Dmedad.ui.selftest=$work/shots -Dmedad.ui.selftest.open=$scan \
-Dmedad.ui.selftest.map=$map -Dmedad.ui.selftest.bench=$steps" "$launcher" >"$work/log.txt" 2>&1
/usr/bin/python3 -c "import json,sys; r=json.load(open('$work/shots/selftest.json'))['review']; print(json.dumps({k: r.get(k) for k in ('dims', 'openSeconds', 'scroll')}))"
echo "screenshot: $work/shots/perspective-review.png" >&2
