"""Style transfer speed against peers on the same input, in the same run (ratios; goal ≤ 1.0).

1. Fast style at 512 px: our PyTorch multistyle26, plain and through ``core.accel`` (what the page
   serves unless ``DLVL_ACCEL=0``), vs onnxruntime running the same ONNX file.
2. Gatys at 256 px, seconds per step (one forward + backward through the VGG): our generator
   vs a plain loop written like the PyTorch tutorial (loss modules inserted into a copy of the
   VGG's Sequential, L-BFGS with a closure), same VGG, same layers, same optimiser.

Goal: accelerated <= 1.0, plain <= 1.3.

Run: .venv/bin/python bench/bench_style_transfer.py  (the machine may be shared: ratios matter)
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core  # noqa: E402,F401  first: the app's OpenMP settings apply before torch starts its threads
import numpy as np  # noqa: E402
import onnxruntime as ort  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from PIL import Image  # noqa: E402
from torch import nn  # noqa: E402

from core.accel import Accelerated  # noqa: E402
from core.assets import resolve  # noqa: E402
from core.device import configure_threads, device  # noqa: E402
from core.style import fast  # noqa: E402
from core.style.gatys import GatysConfig, optimise, prepare  # noqa: E402
from core.style.images import fit_side  # noqa: E402
from core.style.vgg import FeatureNet, load_feature_net  # noqa: E402
from core.tensors import to_tensor  # noqa: E402

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "images"
REPEATS = 15


def median_seconds_interleaved(*runs, repeats: int = REPEATS) -> list[float]:
    """Median seconds of each run, run in turns (after one warm-up each) so all see the same machine load."""
    for run in runs:
        run()
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for run, out in zip(runs, times):
            start = time.perf_counter()
            run()
            out.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


# ---------------------------------------------------------------- 1. fast style


def bench_fast(photo: Image.Image, threads: int) -> list[float]:
    """Seconds per image: plain, accelerated, onnxruntime."""
    image = fit_side(photo, 512)
    x = to_tensor(image)  # (1, 3, H, W)
    weights = fast.style_weights(18)
    plain = fast.load_multistyle26(fast=False)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(resolve("multistyle26")), options, providers=["CPUExecutionProvider"])
    feeds = {"image": x.numpy(), "style_weights": weights.numpy()}
    expected = session.run(None, feeds)[0]

    def ours(model: nn.Module):
        def run() -> np.ndarray:
            with torch.inference_mode():
                return model(x.to(device()), weights.to(device())).cpu().numpy()
        return run

    runs = ours(plain), ours(Accelerated(plain)), lambda: session.run(None, feeds)
    diffs = [np.abs(run() - expected).max() for run in runs[:2]]
    print(f"  fast style {image.width}x{image.height}: max |ours - onnxruntime| = {diffs[0]:.1e} plain, "
          f"{diffs[1]:.1e} accelerated")
    return median_seconds_interleaved(*runs)


# ---------------------------------------------------------------- 2. Gatys: the tutorial-style peer


class ContentLoss(nn.Module):
    def __init__(self, target: torch.Tensor) -> None:
        super().__init__()
        self.target = target.detach()
        self.loss = torch.tensor(0.0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.loss = F.mse_loss(x, self.target)
        return x


def tutorial_gram(x: torch.Tensor) -> torch.Tensor:
    a, b, c, d = x.size()
    features = x.view(a * b, c * d)
    return torch.mm(features, features.t()).div(a * b * c * d)


class StyleLoss(nn.Module):
    def __init__(self, target_feature: torch.Tensor) -> None:
        super().__init__()
        self.target = tutorial_gram(target_feature).detach()
        self.loss = torch.tensor(0.0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.loss = F.mse_loss(tutorial_gram(x), self.target)
        return x


class Preprocess(nn.Module):
    def __init__(self, net: FeatureNet) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net.preprocess(x)


def tutorial_model(net: FeatureNet, content: torch.Tensor, style: torch.Tensor, config: GatysConfig):
    """Build the model the way the tutorial does: walk the layers, insert loss modules, trim the tail."""
    model = nn.Sequential(Preprocess(net))
    content_losses, style_losses = [], []
    for name, layer in zip(net.names, net.features):
        model.add_module(name, nn.ReLU(inplace=False) if isinstance(layer, nn.ReLU) else layer)
        if name == config.content_layer:
            loss = ContentLoss(model(content).detach())
            model.add_module(f"content_loss_{name}", loss)
            content_losses.append(loss)
        if name in config.style_layers:
            loss = StyleLoss(model(style).detach())
            model.add_module(f"style_loss_{name}", loss)
            style_losses.append(loss)
    last = max(i for i, m in enumerate(model) if isinstance(m, (ContentLoss, StyleLoss)))
    return model[: last + 1], content_losses, style_losses


def tutorial_steps(net: FeatureNet, content: torch.Tensor, style: torch.Tensor, config: GatysConfig) -> int:
    """The tutorial's run_style_transfer (its weights: style 1e6, content 1); returns the evaluations done."""
    model, content_losses, style_losses = tutorial_model(net, content, style, config)
    input_img = content.clone().requires_grad_(True)
    model.eval().requires_grad_(False)
    optimizer = torch.optim.LBFGS([input_img])
    run = [0]
    while run[0] < config.steps:
        def closure() -> torch.Tensor:
            with torch.no_grad():
                input_img.clamp_(0, 1)
            optimizer.zero_grad()
            model(input_img)
            style_score = sum(sl.loss for sl in style_losses) * 1e6
            content_score = sum(cl.loss for cl in content_losses) * 1.0
            loss = style_score + content_score
            loss.backward()
            run[0] += 1
            return style_score + content_score
        optimizer.step(closure)
    return run[0]


def bench_gatys(net: FeatureNet, content_photo: Image.Image, style_photo: Image.Image,
                rounds: int = 3) -> tuple[float, float, float]:
    """Seconds per evaluation (forward + backward), setup included: ours plain (``DLVL_ACCEL=0``), ours
    accelerated and the peer's, run in turns.

    20 steps: the tutorial's L-BFGS step runs 20 evaluations (max_iter=20), so both sides spread
    their setup (content and style targets) over the same number of evaluations.
    """
    config = GatysConfig(size=256, steps=20, optimizer="lbfgs", init="content")
    content, style = prepare(content_photo, style_photo, config.size)
    times: tuple[list[float], list[float], list[float]] = ([], [], [])
    for _ in range(rounds + 1):  # the first round warms up
        for accel, out in (("0", times[0]), ("1", times[1])):
            os.environ["DLVL_ACCEL"] = accel  # read when optimise builds its loss network
            start = time.perf_counter()
            steps = sum(1 for _ in optimise(net, content_photo, style_photo, config))
            out.append((time.perf_counter() - start) / steps)
        start = time.perf_counter()
        evaluations = tutorial_steps(net, content, style, config)
        times[2].append((time.perf_counter() - start) / evaluations)
    os.environ.pop("DLVL_ACCEL")
    return tuple(statistics.median(t[1:]) for t in times)


def main() -> None:
    threads = configure_threads()
    print(f"device {device()}, torch threads {threads}, onnxruntime threads {threads}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    content = Image.open(ASSETS / "coffee.png").convert("RGB")
    style = Image.open(ASSETS / "rocket.jpg").convert("RGB")
    fast_plain, fast_accelerated, fast_peer = bench_fast(content, threads)
    net = load_feature_net()
    gatys_plain, gatys_accelerated, gatys_peer = bench_gatys(net, content, style)
    rows = [
        ("fast style 512 px (s / image)", "plain", "onnxruntime", fast_plain, fast_peer),
        ("", "accelerated", "onnxruntime", fast_accelerated, fast_peer),
        ("Gatys 256 px L-BFGS (s / step)", "plain", "tutorial loop", gatys_plain, gatys_peer),
        ("", "accelerated", "tutorial loop", gatys_accelerated, gatys_peer),
    ]
    print(f"\n{'benchmark':31} {'path':12} {'peer':14} {'ours':>8} {'peer':>8} {'ratio':>6}")
    for name, path, peer, ours, theirs in rows:
        print(f"{name:31} {path:12} {peer:14} {ours:8.3f} {theirs:8.3f} {ours / theirs:6.2f}")
    print(f"\nloss network: {net.label}; ratio = ours / peer, goal: accelerated <= 1.0, plain <= 1.3; "
          f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
