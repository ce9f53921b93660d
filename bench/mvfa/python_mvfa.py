#!/usr/bin/python3
"""PyTorch eager anchor for `medad bench detector --detector mvfa`: MVFA's scoring forward as METHODS.md section 2
specifies it, written here in plain PyTorch (no official code): CLIP's visual tower at 240 px (conv1 without bias,
class token, positions, ln_pre, resblocks with nn.MultiheadAttention and exact GELU), adapters after 4 levels with the
0.8/0.1/0.1 mix, zero-shot logits against 2 text features, and the memory-bank nearest neighbour of every patch.

Usage: OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/mvfa/python_mvfa.py --preset paper|cpu --batch 8 --score 16
       [--shots 16] [--threads 2]
Prints one JSON line: scoring images/s (forward + zero-shot + bank search), the bank search alone per image, the
bank build (forward of 11·k augmented images), resident memory before the model and at peak (VmHWM).
"""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F

PRESETS = {"paper": dict(width=1024, layers=24, heads=16, embed=768, levels=(6, 12, 18, 24)),
           "cpu": dict(width=128, layers=8, heads=4, embed=64, levels=(2, 4, 6, 8))}


def rss_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return -1


class Block(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, h, batch_first=True)
        self.c_fc, self.c_proj = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

    def forward(self, x):
        h = self.ln_1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.c_proj(F.gelu(self.c_fc(self.ln_2(x))))


class Adapter(nn.Module):
    def __init__(self, d, b):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(d, b, bias=False), nn.Linear(b, d, bias=False)

    def forward(self, x):
        med = F.leaky_relu(self.fc1(x), 0.01)
        return med, F.leaky_relu(self.fc2(med), 0.01)


class Mvfa(nn.Module):
    def __init__(self, width, layers, heads, embed, levels):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 14, 14, bias=False)
        self.cls = nn.Parameter(torch.randn(width) * width ** -0.5)
        self.pos = nn.Parameter(torch.randn(290, width) * 0.01)
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.seg = nn.ModuleList(Adapter(width, embed) for _ in levels)
        self.det = nn.ModuleList(Adapter(width, embed) for _ in levels)
        self.levels = levels

    def forward(self, x):
        x = self.conv1(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], 1) + self.pos
        x = self.ln_pre(x)
        seg, det = [], []
        for i, b in enumerate(self.blocks):
            x = b(x)
            if i + 1 in self.levels:
                k = self.levels.index(i + 1)
                sm, so = self.seg[k](x)
                dm, do = self.det[k](x)
                x = 0.8 * x + 0.1 * so + 0.1 * do
                seg.append(sm)
                det.append(dm)
            if i + 1 == self.levels[-1]:
                break
        return seg, det


def unit(a):
    return a / a.norm(dim=-1, keepdim=True).clamp_min(1e-8)


def score(model, bank, tf, x):
    seg, det = model(x)
    maps, few = 0, 0
    for level in range(len(seg)):
        t = unit(seg[level][:, 1:])
        logits = 100 * t @ tf
        z = F.interpolate(logits.transpose(1, 2).reshape(x.shape[0], 2, 17, 17), 240, mode="bilinear",
                          align_corners=True).softmax(1)[:, 1]
        maps = maps + z
        d = 1 - (t @ bank[level].T).max(-1).values
        few = few + F.interpolate(d.reshape(x.shape[0], 1, 17, 17), 240, mode="bilinear", align_corners=True)
    return maps, few


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--preset", default="cpu", choices=PRESETS)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--score", type=int, default=16)
    p.add_argument("--shots", type=int, default=16)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    base = rss_mb("VmRSS")
    c = PRESETS[a.preset]
    model = Mvfa(**c).eval()
    tf = unit(torch.randn(c["embed"], 2).T).T
    with torch.inference_mode():
        t0 = time.perf_counter()
        rows = [[] for _ in c["levels"]]
        support = torch.rand(11 * a.shots, 3, 240, 240)
        for i in range(0, support.shape[0], 8):
            seg, _ = model(support[i:i + 8])
            for level, s in enumerate(seg):
                rows[level].append(s.reshape(-1, s.shape[-1]))
        bank = [unit(torch.cat(r)) for r in rows]
        build = time.perf_counter() - t0
        x = torch.rand(a.score, 3, 240, 240)
        score(model, bank, tf, x[:a.batch])
        t0 = time.perf_counter()
        for i in range(0, a.score, a.batch):
            score(model, bank, tf, x[i:i + a.batch])
        seconds = time.perf_counter() - t0
        q = unit(torch.randn(a.batch, 289, c["embed"]))
        t0 = time.perf_counter()
        for level in range(len(bank)):
            (1 - (q @ bank[level].T).max(-1).values)
        search = (time.perf_counter() - t0) / a.batch
    print(json.dumps({"reference": "pytorch-eager", "preset": a.preset, "batch": a.batch, "threads": a.threads,
                      "shots": a.shots, "bank_rows": bank[0].shape[0], "bank_build_s": build,
                      "score_images_per_s": a.score / seconds, "bank_search_s_per_image": search,
                      "baseline_rss_mb": base, "peak_rss_mb": rss_mb("VmHWM"), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
