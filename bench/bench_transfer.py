"""Benchmark of the "train on your photos" page on the default set (6 classes x 20 photos), per backbone.

  embedding      : frozen-part features per photo (core.transfer.backbone.frozen_features, batches of 16)
                   vs the bare network (the loader's own module called up to its last feature map) on
                   the same batch; ratio goal <= 1.1
  head training  : our linear head (AdamW, 40 epochs, cached features) vs scikit-learn's
                   LogisticRegression (lbfgs) on the same pooled embeddings and the same split;
                   validation accuracy of both
  slider answer  : a whole page rerun in AppTest (the server's work: script, metrics, figures) after
                   moving the threshold, the P-R class and the view, with a trained result in the
                   session (no retraining); goal < 100 ms. Peer: scikit-learn's metric calls for the
                   same numbers (precision_recall_curve, confusion_matrix, precision_recall_fscore_support)
                   vs ours (core.transfer.metrics)
Timed parts alternate with their peer, so a busy shared machine slows both alike. Medians.

    .venv/bin/python bench/bench_transfer.py [--repeats N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.cnn.models import load_model  # noqa: E402
from core.device import device_label  # noqa: E402
from core.transfer.backbone import BACKBONES, SIDE, cut_point, frozen_features, pool, to_batch  # noqa: E402
from core.transfer.dataset import default_set, split  # noqa: E402
from core.transfer.metrics import at_threshold, confusion, pr_curve, scores  # noqa: E402
from core.transfer.train import TrainConfig, train  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bare_network(model_id: str) -> torch.nn.Module:
    """The same layers as one plain ``nn.Sequential`` (no stage walk, no batching), preprocessing first."""
    model = load_model(model_id)
    stages = dict(model.stages)
    frozen, _ = cut_point(model, 0)
    return torch.nn.Sequential(*(stages[n] for n in frozen))


def bench_backbone(model_id: str, repeats: int) -> None:
    photos = default_set()
    model = load_model(model_id)
    frozen, _ = cut_point(model, 0)
    x = to_batch(photos.images[:16], SIDE)  # (16, 3, S, S)
    net = bare_network(model_id)

    def bare() -> torch.Tensor:
        with torch.inference_mode():
            return net(model.preprocess(x))

    bare()
    ours, peer = [], []
    for _ in range(repeats):
        ours.append(timed(lambda: frozen_features(model, x, frozen)))
        peer.append(timed(bare))
    ours_ms, bare_ms = statistics.median(ours) / 16 * 1000, statistics.median(peer) / 16 * 1000
    print(f"  embedding      : {ours_ms:7.1f} ms/photo  (bare network {bare_ms:.1f} ms, ratio {ours_ms / bare_ms:.2f})")

    cache: dict = {}
    config = TrainConfig(model_id, epochs=40)
    result = train(model, photos, config, cache)  # fills the feature cache: what a second run on the page costs
    train_idx, val_idx = split(photos.labels, config.val_fraction, config.seed)
    maps = frozen_features(model, to_batch(photos.images, SIDE), frozen)
    feats, labels = pool(maps).numpy(), np.array(photos.labels)
    from sklearn.linear_model import LogisticRegression

    head_s, sk_s, sk_acc = [], [], 0.0
    for _ in range(repeats):
        head_s.append(timed(lambda: train(model, photos, config, cache)))
        clf = LogisticRegression(max_iter=2000)
        sk_s.append(timed(lambda: clf.fit(feats[train_idx], labels[train_idx])))
        sk_acc = float((clf.predict(feats[val_idx]) == labels[val_idx]).mean())
    ours_acc = result.history[-1].val_acc
    print(f"  head training  : {statistics.median(head_s):7.2f} s for 40 epochs on {len(train_idx)} photos, "
          f"val acc {ours_acc:.1%}  (sklearn LogisticRegression {statistics.median(sk_s):.2f} s, val acc {sk_acc:.1%})")
    bench_metrics(result, repeats)


def bench_metrics(result, repeats: int) -> None:
    from sklearn.metrics import confusion_matrix, precision_recall_curve, precision_recall_fscore_support

    y, pred, probs, k = result.val_true, result.val_pred, result.val_probs, len(result.classes)

    def ours() -> None:
        scores(confusion(y, pred, k))
        pr_curve(probs[:, 0], y == 0)
        at_threshold(probs[:, 0], y == 0, 0.5)

    def sklearn() -> None:
        precision_recall_fscore_support(y, pred, labels=range(k), zero_division=0)
        confusion_matrix(y, pred, labels=range(k))
        precision_recall_curve(y == 0, probs[:, 0])

    a, b = [], []
    for _ in range(repeats * 20):
        a.append(timed(ours))
        b.append(timed(sklearn))
    ours_ms, sklearn_ms = statistics.median(a) * 1000, statistics.median(b) * 1000
    print(f"  metrics        : {ours_ms:7.2f} ms  (scikit-learn {sklearn_ms:.2f} ms)")


def bench_sliders(repeats: int) -> None:
    """Whole-page reruns in AppTest, a trained result in the session: what one slider move costs the server."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=600)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("pages/transfer.py").run()
    at.radio(key="tl_view").set_value("train").run()
    at.button(key="tl_start").click().run()
    at.session_state["_jobs"]["transfer"].wait(600)
    at.radio(key="tl_view").set_value("evaluate").run()
    moves = {
        "threshold": lambda n: at.slider(key="tl_threshold").set_value(0.3 + 0.05 * (n % 8)).run(),
        "P-R class": lambda n: at.selectbox(key="tl_pr_pick").set_value(n % 6).run(),
        "view": lambda n: at.radio(key="tl_view").set_value(("evaluate", "photos")[n % 2]).run(),
    }
    home = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=600)
    home.session_state["lang"] = "en"
    home.run()
    floor = statistics.median(timed(home.run) for _ in range(repeats * 3))
    print(f"  AppTest floor  : {floor * 1000:7.1f} ms (a rerun of the Home page: the harness's polling, parsing)")
    for name, move in moves.items():
        times = [timed(lambda: move(n)) for n in range(repeats * 3)]
        assert not at.exception, at.exception
        print(f"  slider {name:<9}: {statistics.median(times) * 1000:7.1f} ms whole-page rerun (goal < 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sliders-only", action="store_true", help="only the page's slider reruns")
    args = parser.parse_args()
    print(f"device: {device_label()}, torch threads: {torch.get_num_threads()}, photo side {SIDE}")
    if not args.sliders_only:
        for model_id in BACKBONES:
            print(model_id)
            bench_backbone(model_id, args.repeats)
    print("page (efficientnet-lite0, trained, evaluate view)")
    bench_sliders(args.repeats)


if __name__ == "__main__":
    main()
