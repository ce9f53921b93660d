#!/usr/bin/python3
"""PyTorch eager reference for `medad bench model`: the same random ViT (timm block structure) at 224x224.

Usage: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/model/python_vit.py --arch vit-s16 --batch 8 [--threads 2]
Prints one JSON line with images/s and resident memory before the model and at peak (VmHWM), like the Java side.
"""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F

ARCH = {"vit-s16": dict(patch=16, dim=384, depth=12, heads=6, mlp=1536, regs=0, ls=False, pos_cls=True),
        "vit-b14": dict(patch=14, dim=768, depth=12, heads=12, mlp=3072, regs=4, ls=True, pos_cls=False)}


def rss_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return -1


class Block(nn.Module):
    def __init__(self, d, h, mlp, ls):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(d, eps=1e-6), nn.LayerNorm(d, eps=1e-6)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc1, self.fc2 = nn.Linear(d, mlp), nn.Linear(mlp, d)
        self.ls1 = nn.Parameter(torch.full((d,), 1e-5)) if ls else None
        self.ls2 = nn.Parameter(torch.full((d,), 1e-5)) if ls else None
        self.h = h

    def forward(self, x):
        B, N, C = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(B, N, 3, self.h, C // self.h).permute(2, 0, 3, 1, 4)
        a = ((q * (C // self.h) ** -0.5) @ k.transpose(-2, -1)).softmax(-1)
        a = self.proj((a @ v).transpose(1, 2).reshape(B, N, C))
        x = x + (a * self.ls1 if self.ls1 is not None else a)
        f = self.fc2(F.gelu(self.fc1(self.norm2(x))))
        return x + (f * self.ls2 if self.ls2 is not None else f)


class ViT(nn.Module):
    def __init__(self, patch, dim, depth, heads, mlp, regs, ls, pos_cls):
        super().__init__()
        g = 224 // patch
        self.patch, self.pos_cls = patch, pos_cls
        self.proj = nn.Conv2d(3, dim, patch, patch)
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.reg = nn.Parameter(torch.zeros(1, regs, dim)) if regs else None
        self.pos = nn.Parameter(torch.randn(1, g * g + (1 if pos_cls else 0), dim) * 0.02)
        self.blocks = nn.ModuleList([Block(dim, heads, mlp, ls) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)

    def forward(self, x):
        B = x.shape[0]
        t = self.proj(x).flatten(2).transpose(1, 2)
        if self.pos_cls:
            t = torch.cat([self.cls.expand(B, -1, -1), t], 1) + self.pos
        else:
            t = torch.cat([self.cls.expand(B, -1, -1), self.reg.expand(B, -1, -1), t + self.pos], 1)
        for b in self.blocks:
            t = b(t)
        return self.norm(t)


p = argparse.ArgumentParser()
p.add_argument("--arch", default="vit-s16")
p.add_argument("--batch", type=int, default=8)
p.add_argument("--repeat", type=int, default=5)
p.add_argument("--threads", type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(0)
baseline = rss_mb("VmRSS:")
model = ViT(**ARCH[a.arch]).eval()
with_model = rss_mb("VmRSS:")
times = []
with torch.inference_mode():
    for i in range(a.repeat + 3):
        t0 = time.perf_counter()
        x = torch.rand(a.batch, 3, 224, 224) * 2 - 1
        y = model(x)
        float(y[0, 0, 0])
        if i >= 3:
            times.append(time.perf_counter() - t0)
times.sort()
med = times[len(times) // 2]
print(json.dumps({"benchmark": "model", "impl": "pytorch eager " + torch.__version__, "arch": a.arch, "batch": a.batch,
                  "threads": torch.get_num_threads(), "images_per_s": a.batch / med, "median_batch_s": med,
                  "baseline_rss_mb": baseline, "model_rss_mb": with_model, "peak_rss_mb": rss_mb("VmHWM:")}))
