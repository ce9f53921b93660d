#!/usr/bin/python3
"""Writes the I/O benchmark volume: 256x256x155 int16, CT-like, as .nii, .nii.gz, gzip .nrrd and a
155-file DICOM series (explicit VR little endian, shuffled file names). Deterministic (seed 0).

    /usr/bin/python3 bench/io/make_volume.py OUT_DIR
Needs Debian's python3-nibabel and python3-pydicom.
"""
import gzip
import os
import random
import sys

import numpy as np
import nibabel as nib
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out = sys.argv[1]
os.makedirs(os.path.join(out, "series"), exist_ok=True)
rng = np.random.default_rng(0)
x, y, z = np.meshgrid(np.arange(256), np.arange(256), np.arange(155), indexing="ij")
r = np.sqrt((x - 128.0) ** 2 + (y - 128.0) ** 2)
vol = np.where(r < 100, 40 + 30 * np.sin(x / 9.0) * np.cos(y / 7.0), -1000) + rng.normal(0, 12, (256, 256, 155))
vol = np.clip(vol, -1024, 3071).astype(np.int16)
affine = np.diag([-0.8, -0.8, 1.5, 1.0])
affine[:3, 3] = [102.0, 102.0, -110.0]
img = nib.Nifti1Image(vol, affine)
img.header.set_qform(affine, 1)
img.header.set_sform(affine, 1)
nib.save(img, os.path.join(out, "vol.nii"))
nib.save(img, os.path.join(out, "vol.nii.gz"))

header = ("NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 256 256 155\n"
          "space directions: (0.8,0,0) (0,0.8,0) (0,0,1.5)\nkinds: domain domain domain\nendian: little\n"
          "encoding: gzip\nspace origin: (-102,-102,-110)\n\n")
with open(os.path.join(out, "vol.nrrd"), "wb") as f:
    f.write(header.encode("ascii"))
    f.write(gzip.compress(vol.transpose(2, 1, 0).astype("<i2").tobytes(), compresslevel=6))

series = generate_uid()
names = [f"IM{n:06d}" for n in random.Random(0).sample(range(1000000), 155)]
for k in range(155):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(names[k], {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "CT"
    ds.SeriesInstanceUID = series
    ds.InstanceNumber = 155 - k
    ds.ImagePositionPatient = [-102.0, -102.0, -110.0 + 1.5 * k]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [0.8, 0.8]
    ds.SliceThickness = 1.5
    ds.Rows, ds.Columns = 256, 256
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleSlope, ds.RescaleIntercept = 1, 0
    ds.PixelData = np.ascontiguousarray(vol[:, :, k].T).astype("<i2").tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, "series", names[k]), write_like_original=False)
print("wrote", out)
