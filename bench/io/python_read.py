#!/usr/bin/python3
"""Times nibabel and pydicom reading the benchmark files (median of N runs, after one warm-up).

    /usr/bin/python3 bench/io/python_read.py DATA_DIR [REPEAT]
Prints one JSON object: milliseconds per read for each reader and file.
"""
import glob
import json
import os
import statistics
import sys
import time

import numpy as np
import nibabel as nib
import pydicom

data = sys.argv[1]
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def timed(fn):
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs)


def series():
    files = [pydicom.dcmread(f) for f in glob.glob(os.path.join(data, "series", "*"))]
    files.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    return np.stack([d.pixel_array.astype(np.float32) * float(d.RescaleSlope) + float(d.RescaleIntercept)
                     for d in files], axis=-1)


result = {
    "nii nibabel dataobj (int16, memory-mapped)": timed(lambda: np.asanyarray(nib.load(os.path.join(data, "vol.nii")).dataobj)),
    "nii nibabel get_fdata(float32)": timed(lambda: nib.load(os.path.join(data, "vol.nii")).get_fdata(dtype=np.float32)),
    "nii.gz nibabel dataobj (int16)": timed(lambda: np.asanyarray(nib.load(os.path.join(data, "vol.nii.gz")).dataobj)),
    "nii.gz nibabel get_fdata(float32)": timed(lambda: nib.load(os.path.join(data, "vol.nii.gz")).get_fdata(dtype=np.float32)),
    "dicom series pydicom (155 files, float32 stack)": timed(series),
}
print(json.dumps({"reader": "python", "nibabel": nib.__version__, "pydicom": pydicom.__version__,
                  "repeat": repeat, "ms": result}, indent=1))
