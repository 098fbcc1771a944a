"""Benchmark of the CNN feature maps page on a 224 x 224 input, for each available network.

  first view   : one forward pass recording every stage (compute_activations) + drawing the first layer,
                 i.e. what a new (image, model) costs before it is cached
  layer switch : drawing another layer from the cached activations (grid + large map + overlay)
  bare model(x): the same network called directly (torchvision / our module), nothing recorded
  overhead     : compute_activations / bare model(x), both from the PIL image (goal <= 1.1)
Bare and recorded passes alternate, so a busy shared machine slows both alike. Medians.

    .venv/bin/python bench/bench_cnn_features.py [--repeats N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch
from PIL import Image
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.cnn.features import compute_activations, resized_input  # noqa: E402
from core.cnn.models import available_models, load_model  # noqa: E402
from core.cnn.render import render_layer  # noqa: E402
from core.convert.efficientnet_lite import load_efficientnet_lite0  # noqa: E402
from core.convert.keras_vgg import load_vgg16_hed_features  # noqa: E402
from core.convert.squeezenet import load_squeezenet1_1  # noqa: E402
from core.device import device, device_label  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _bare_vgg(model_id: str) -> nn.Module:
    """torchvision's own VGG with the installed ImageNet weights, called as vgg(x)."""
    from torchvision.models import vgg16, vgg19

    from core.assets import resolve

    vgg = {"vgg16-imagenet": vgg16, "vgg19-imagenet": vgg19}[model_id](weights=None)
    vgg.load_state_dict(torch.load(resolve(model_id), map_location="cpu", weights_only=True))
    return vgg.eval().requires_grad_(False).to(device())


BARE: dict[str, Callable[[], nn.Module]] = {
    "squeezenet1_1": load_squeezenet1_1,
    "efficientnet-lite0": load_efficientnet_lite0,
    "vgg16-hed": load_vgg16_hed_features,
    "vgg16-imagenet": lambda: _bare_vgg("vgg16-imagenet"),
    "vgg19-imagenet": lambda: _bare_vgg("vgg19-imagenet"),
}


def _timed(fn: Callable[[], object]) -> float:
    if device().type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    fn()
    if device().type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start


def bench_model(model_id: str, image: Image.Image, repeats: int) -> dict[str, float]:
    model = load_model(model_id)
    bare = BARE[model_id]()
    layers = model.layer_names
    first_layer = layers[len(layers) // 3]  # the page's default layer

    def bare_call() -> None:
        with torch.inference_mode():
            bare(model.preprocess(resized_input(image)))

    def first_view() -> None:
        acts = compute_activations(model, image)
        render_layer(acts, first_layer, 16, "Viridis", None, image, 0.55)

    bare_call(), first_view()  # warm-up: allocator, kernels, lazy inits
    bare_t, ours_t, view_t = [], [], []
    for _ in range(repeats):
        bare_t.append(_timed(bare_call))
        ours_t.append(_timed(lambda: compute_activations(model, image)))
        view_t.append(_timed(first_view))
    acts = compute_activations(model, image)
    switch_t = [_timed(lambda name=name: render_layer(acts, name, 16, "Viridis", None, image, 0.55))
                for name in layers for _ in range(max(1, repeats // 2))]
    med = statistics.median
    return {"first_view_ms": med(view_t) * 1e3, "switch_ms": med(switch_t) * 1e3,
            "switch_max_ms": max(switch_t) * 1e3, "bare_ms": med(bare_t) * 1e3, "ours_ms": med(ours_t) * 1e3,
            "overhead": med(ours_t) / med(bare_t)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    image = Image.open(ROOT / "assets" / "images" / "coffee.png").convert("RGB").resize((224, 224))
    print(f"CNN feature maps benchmark, 224x224 input, {device_label()}, torch {torch.__version__}, "
          f"{args.repeats} repeats (medians)")
    header = f"{'model':<20}{'first view':>12}{'switch':>10}{'switch max':>12}{'bare':>10}{'ours':>10}{'overhead':>10}"
    print(header)
    print("-" * len(header))
    for model_id in available_models():
        r = bench_model(model_id, image, args.repeats)
        print(f"{model_id:<20}{r['first_view_ms']:>10.1f}ms{r['switch_ms']:>8.1f}ms{r['switch_max_ms']:>10.1f}ms"
              f"{r['bare_ms']:>8.1f}ms{r['ours_ms']:>8.1f}ms{r['overhead']:>9.2f}x")
    print("goal: layer switch < 100 ms, overhead <= 1.1x")


if __name__ == "__main__":
    main()
