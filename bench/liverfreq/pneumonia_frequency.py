#!/usr/bin/python3
"""Why liverfreq can score chest X-rays upside down: how much high-frequency energy normal and pneumonia images keep.

For each valid/ image of a BMAD-layout data set (default ../shared/datasets/pneumonia-mini): resized to SIZE (bilinear,
as the detector does), the fraction of its spectral energy (mean removed) that passes liverfreq's Butterworth
high-pass (order 2, D0 = 30 at 256 px, scaled with the size). Prints the image AUROC of that fraction as a pneumonia
score (below 0.5: pneumonia images have less fine texture), and, given a `medad evaluate` scores.csv, the Spearman
correlation of the detector's scores with it. Usage:
  bench/liverfreq/pneumonia_frequency.py [DATA] [--size 64] [--scores EVAL/scores.csv]
Needs numpy and PIL only (Debian's python3-numpy, python3-pil)."""
import argparse, csv, json, os
import numpy as np
from PIL import Image

p = argparse.ArgumentParser()
p.add_argument("data", nargs="?", default=os.path.join(os.path.dirname(__file__), "../../../shared/datasets/pneumonia-mini"))
p.add_argument("--size", type=int, default=64)
p.add_argument("--scores")
a = p.parse_args()


def highpass_fraction(img, size):
    x = np.asarray(Image.fromarray(img).resize((size, size), Image.BILINEAR), dtype=np.float64) / 255.0
    x = x - x.mean()
    f = np.fft.fftshift(np.fft.fft2(x))
    yy, xx = np.mgrid[0:size, 0:size]
    d = np.hypot(yy - size / 2, xx - size / 2)
    d0 = 30.0 * size / 256.0
    h = 1.0 / (1.0 + (d0 / np.maximum(d, 1e-9)) ** 4)  # Butterworth high-pass, order 2
    total = (np.abs(f) ** 2).sum()
    return float((np.abs(f * h) ** 2).sum() / total) if total > 0 else 0.0


def auroc(scores, labels):
    s = np.asarray(scores); y = np.asarray(labels, dtype=bool)
    ranks = s.argsort().argsort().astype(float) + 1
    for v in np.unique(s):  # average ranks of ties
        t = s == v
        ranks[t] = ranks[t].mean()
    n1, n0 = y.sum(), (~y).sum()
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


rows = []
for cls, label in (("good", 0), ("Ungood", 1)):
    folder = os.path.join(a.data, "valid", cls)
    for name in sorted(os.listdir(folder)):
        img = np.asarray(Image.open(os.path.join(folder, name)).convert("L"))
        rows.append((f"{cls}/{name}", label, highpass_fraction(img, a.size)))
frac = [r[2] for r in rows]
labels = [r[1] for r in rows]
out = {"data": os.path.normpath(a.data), "size": a.size, "cases": len(rows),
       "highpass_fraction_normal_mean": float(np.mean([f for f, l in zip(frac, labels) if l == 0])),
       "highpass_fraction_pneumonia_mean": float(np.mean([f for f, l in zip(frac, labels) if l == 1])),
       "auroc_of_highpass_fraction": auroc(frac, labels)}
if a.scores:
    det = {}
    for r in csv.DictReader(open(a.scores)):
        det[os.path.basename(r["case"])] = float(r["score"])
    pairs = [(det[os.path.basename(c)], f) for c, _, f in rows if os.path.basename(c) in det]
    ds = np.array([p_[0] for p_ in pairs]).argsort().argsort()
    fs = np.array([p_[1] for p_ in pairs]).argsort().argsort()
    out["spearman_detector_vs_highpass"] = float(np.corrcoef(ds, fs)[0, 1])
    out["matched"] = len(pairs)
print(json.dumps(out))
