#!/usr/bin/python3
"""Writes a large CT-like test case twice: a DICOM series (one file per slice, explicit VR little endian, int16 with
a rescale, shuffled file names) and the same voxels as an uncompressed NIfTI, for the memory benchmark of scoring a
DICOM series slice by slice (bench/batch/series_memory.sh). Deterministic (seed 0).

    /usr/bin/python3 bench/batch/make_series.py OUT_DIR [SIZE] [DEPTH]     (default 512 x 512 x 300)
Needs Debian's python3-nibabel and python3-pydicom.
"""
import os
import random
import sys

import numpy as np
import nibabel as nib
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 512
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 300
os.makedirs(os.path.join(out, "series"), exist_ok=True)
rng = np.random.default_rng(0)
spacing = 350.0 / size
x, y = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
r = np.sqrt((x - size / 2) ** 2 + (y - size / 2) ** 2)
body = r < 0.4 * size
affine = np.diag([-spacing, -spacing, 1.0, 1.0])
affine[:3, 3] = [175.0, 175.0, -depth / 2]
vol = np.empty((size, size, depth), np.int16)
series = generate_uid()
names = [f"IM{n:06d}" for n in random.Random(0).sample(range(1000000), depth)]
for k in range(depth):
    plane = np.where(body, 40 + 30 * np.sin(x / 9.0 + k / 20.0) * np.cos(y / 7.0), -1000) + rng.normal(0, 12, (size, size))
    plane = np.clip(plane, -1024, 3071).astype(np.int16)
    vol[:, :, k] = plane
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(names[k], {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "CT"
    ds.SeriesInstanceUID = series
    ds.InstanceNumber = k + 1
    ds.ImagePositionPatient = [-175.0, -175.0, -depth / 2 + k]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [spacing, spacing]
    ds.SliceThickness = 1.0
    ds.Rows, ds.Columns = size, size
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleSlope, ds.RescaleIntercept = 1, 0
    ds.PixelData = np.ascontiguousarray(plane.T).astype("<i2").tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, "series", names[k]), write_like_original=False)
img = nib.Nifti1Image(vol, affine)
img.header.set_qform(affine, 1)
img.header.set_sform(affine, 1)
nib.save(img, os.path.join(out, "vol.nii"))
print("wrote", out, size, "x", size, "x", depth)
