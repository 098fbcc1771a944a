"""Attention page timings: the forward pass with attention maps, and a layer/head switch on cached maps.

Forward: all-MiniLM-L6-v2 with ``attn_implementation="eager"`` and ``output_attentions=True`` (what
the page runs once per text), against the same weights with PyTorch's fused SDPA kernel and no
attention maps (the peer: what the model costs when nobody looks inside), for 16, 128 and 512 tokens.
Switch: what a slider move costs once the maps are cached: pick one map, hide weak links, build
the Plotly heatmap and serialise it to JSON as Streamlit does. Goal: under 100 ms.
Run: ``.venv/bin/python bench/bench_attention.py``
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
from transformers import AutoModel  # noqa: E402

from core.assets import resolve  # noqa: E402
from core.attention import figures  # noqa: E402
from core.attention.extract import attend, encode  # noqa: E402
from core.attention.model import load_minilm  # noqa: E402
from core.attention.transform import below, thumbnails  # noqa: E402
from core.attention.views import pick, tidy  # noqa: E402
from core.device import device  # noqa: E402

LENGTHS = (16, 128, 512)
WORDS = ("the animal did not cross the street because it was too tired and the road was long " * 60).split()


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time in ms (the machine is shared: the median resists a busy neighbour)."""
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if device().type == "cuda":
            torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def text_of(tokens: int, minilm) -> str:
    """A text that tokenises to exactly ``tokens`` tokens with [CLS] and [SEP] (all words are single pieces)."""
    text = " ".join(WORDS[: tokens - 2])
    assert len(encode(minilm, text).ids) == tokens - 2
    return text


def main() -> None:
    minilm = load_minilm()
    sdpa = AutoModel.from_pretrained(resolve("minilm-weights").parent, local_files_only=True,
                                     attn_implementation="sdpa").to(device()).eval().requires_grad_(False)
    print(f"device: {device()}, torch threads: {torch.get_num_threads()}")
    print(f"{'tokens':>6} | {'eager+attn ms':>13} | {'sdpa ms':>8} | {'ratio':>5} | {'switch ms':>9} | "
          f"{'head view ms':>12} | {'toggle ms':>9} | {'model view ms':>13}")
    for tokens in LENGTHS:
        encoded = encode(minilm, text_of(tokens, minilm))
        ids = torch.tensor([[minilm.tokenizer.cls_token_id, *encoded.ids, minilm.tokenizer.sep_token_id]],
                           device=device())
        with torch.inference_mode():
            forward = best_of(lambda: attend(minilm, encoded))
            peer = best_of(lambda: sdpa(input_ids=ids, attention_mask=torch.ones_like(ids)))
        att = attend(minilm, encoded)
        view = tidy(att, hide_special=True, merge_words=False)
        layer = {"i": 0}

        def switch() -> str:
            """A layer/head slider move: pick, threshold, figure, JSON."""
            layer["i"] = (layer["i"] + 1) % 72
            matrix = below(pick(view, "head", layer["i"] // 12, layer["i"] % 12), 0.02).numpy()
            return figures.heatmap(matrix, view.labels, x_title="to", y_title="from", value="w").to_json()

        def head_view() -> str:
            return figures.head_view(view.weights[3].numpy(), view.labels, len(view.labels) // 2, list(range(12)),
                                     threshold=0.02, head_name="head").to_json()

        def model_view() -> str:
            thumbs = thumbnails(view.weights, 32).numpy()
            return figures.model_view(thumbs, (3, 1), layer_name="layer", head_name="head").to_json()

        toggle = best_of(lambda: tidy(att, hide_special=True, merge_words=True), repeat=3)
        print(f"{tokens:>6} | {forward:>13.1f} | {peer:>8.1f} | {forward / peer:>5.2f} | {best_of(switch):>9.1f} | "
              f"{best_of(head_view):>12.1f} | {toggle:>9.1f} | {best_of(model_view, repeat=3):>13.1f}")
    print("switch = pick one cached map + hide weak links + Plotly heatmap + JSON (goal < 100 ms); "
          "toggle = re-tidy all 72 maps (hide [CLS]/[SEP] + merge words + rollout), cached per toggle state.")


if __name__ == "__main__":
    main()
