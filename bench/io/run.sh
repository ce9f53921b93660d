#!/bin/sh
# The I/O benchmark (issue 3): the same 256x256x155 int16 volume read by MedAD's readers and by
# nibabel/pydicom, in one run. Never part of the tests.
#   bench/io/run.sh [DATA_DIR] [REPEAT]     (needs python3-nibabel, python3-pydicom; builds medad if needed)
set -e
here=$(cd "$(dirname "$0")" && pwd)
data=${1:-/tmp/medad-bench-io}
repeat=${2:-7}
[ -f "$data/vol.nrrd" ] || /usr/bin/python3 "$here/make_volume.py" "$data"
echo "== machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1048576)" GiB"}'), $(uname -sr)"
echo "== python (nibabel, pydicom)"
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 "$here/python_read.py" "$data" "$repeat"
echo "== medad"
"$here/../../medad" bench io --data "$data" --repeat "$repeat"
