"""Style transfer speed against peers on the same input, in the same run (ratios; goal ≤ 1.0).

1. Fast style at 512 px: our PyTorch multistyle26 vs onnxruntime running the same ONNX file.
2. Gatys at 256 px, seconds per step (one forward + backward through the VGG): our generator
   vs a plain loop written like the PyTorch tutorial (loss modules inserted into a copy of the
   VGG's Sequential, L-BFGS with a closure), same VGG, same layers, same optimiser.

Run: .venv/bin/python bench/bench_style_transfer.py  (the machine may be shared: ratios matter)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.assets import resolve  # noqa: E402
from core.device import configure_threads, device  # noqa: E402
from core.style import fast  # noqa: E402
from core.style.gatys import GatysConfig, optimise, prepare  # noqa: E402
from core.style.images import fit_side  # noqa: E402
from core.style.vgg import FeatureNet, load_feature_net  # noqa: E402
from core.tensors import to_tensor  # noqa: E402

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "images"
REPEATS = 15


def median_seconds_interleaved(ours, peer, repeats: int = REPEATS) -> tuple[float, float]:
    """Median seconds of each, run in turns (after one warm-up each) so both see the same machine load."""
    ours()
    peer()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for run, out in zip((ours, peer), times):
            start = time.perf_counter()
            run()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


# ---------------------------------------------------------------- 1. fast style


def bench_fast(photo: Image.Image, threads: int) -> tuple[float, float]:
    image = fit_side(photo, 512)
    x = to_tensor(image)  # (1, 3, H, W)
    weights = fast.style_weights(18)
    model = fast.load_multistyle26()
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(resolve("multistyle26")), options, providers=["CPUExecutionProvider"])
    feeds = {"image": x.numpy(), "style_weights": weights.numpy()}

    def ours() -> None:
        with torch.inference_mode():
            model(x.to(device()), weights.to(device())).cpu()

    def peer() -> None:
        session.run(None, feeds)

    with torch.inference_mode():
        diff = np.abs(model(x.to(device()), weights.to(device())).cpu().numpy() - session.run(None, feeds)[0]).max()
    print(f"  fast style {image.width}x{image.height}: max |ours - onnxruntime| = {diff:.1e}")
    return median_seconds_interleaved(ours, peer)


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
                rounds: int = 3) -> tuple[float, float]:
    """Seconds per evaluation (forward + backward), setup included, ours and the peer's run in turns.

    20 steps: the tutorial's L-BFGS step runs 20 evaluations (max_iter=20), so both sides spread
    their setup (content and style targets) over the same number of evaluations.
    """
    config = GatysConfig(size=256, steps=20, optimizer="lbfgs", init="content")
    content, style = prepare(content_photo, style_photo, config.size)
    ours_times, peer_times = [], []
    for _ in range(rounds + 1):  # the first round warms up
        start = time.perf_counter()
        steps = sum(1 for _ in optimise(net, content_photo, style_photo, config))
        ours_times.append((time.perf_counter() - start) / steps)
        start = time.perf_counter()
        evaluations = tutorial_steps(net, content, style, config)
        peer_times.append((time.perf_counter() - start) / evaluations)
    return statistics.median(ours_times[1:]), statistics.median(peer_times[1:])


def main() -> None:
    threads = configure_threads()
    print(f"device {device()}, torch threads {threads}, onnxruntime threads {threads}")
    content = Image.open(ASSETS / "coffee.png").convert("RGB")
    style = Image.open(ASSETS / "rocket.jpg").convert("RGB")
    fast_ours, fast_peer = bench_fast(content, threads)
    net = load_feature_net()
    gatys_ours, gatys_peer = bench_gatys(net, content, style)
    rows = [
        ("fast style 512 px (s / image)", "onnxruntime", fast_ours, fast_peer),
        ("Gatys 256 px L-BFGS (s / step)", "tutorial loop", gatys_ours, gatys_peer),
    ]
    print(f"\n{'benchmark':34} {'peer':14} {'ours':>9} {'peer':>9} {'ratio':>7}")
    for name, peer, ours, theirs in rows:
        print(f"{name:34} {peer:14} {ours:9.3f} {theirs:9.3f} {ours / theirs:7.2f}")
    print(f"\nloss network: {net.label}; ratio = ours / peer, goal ≤ 1.0")


if __name__ == "__main__":
    main()
