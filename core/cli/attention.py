"""``python -m core attention "TEXT" [--layer L --head H] --json``: one attention map of all-MiniLM-L6-v2.

Layers, heads and windows count from 1, as on the page. Without ``--head`` the map is the mean
over the layer's heads.
"""
from __future__ import annotations

import argparse

from core.attention.extract import attend, encode
from core.attention.model import load_minilm
from core.attention.views import pick, tidy
from core.cli import add_json_flag, emit
from core.errors import UserError
from core.text_input import check_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("attention", help="self-attention of all-MiniLM-L6-v2 for a text")
    parser.add_argument("text", help="the sentence (English works best)")
    parser.add_argument("--layer", type=int, default=None, help="layer 1..6 (default: the last)")
    parser.add_argument("--head", type=int, default=None, help="head 1..12 (default: mean over heads)")
    parser.add_argument("--window", type=int, default=1, help="512-token window of a long text, from 1")
    parser.add_argument("--hide-special", action="store_true", help="hide [CLS]/[SEP], renormalising rows")
    parser.add_argument("--merge-words", action="store_true", help="merge word pieces into words")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def _check(name: str, value: int, maximum: int) -> int:
    if not 1 <= value <= maximum:
        raise UserError("att.err.range", name=name, value=value, maximum=maximum)
    return value - 1


def run(args: argparse.Namespace) -> int:
    minilm = load_minilm()
    encoded = encode(minilm, check_text(args.text))
    window = _check("window", args.window, len(encoded.windows))
    layer = _check("layer", args.layer if args.layer is not None else minilm.layers, minilm.layers)
    head = None if args.head is None else _check("head", args.head, minilm.heads)
    att = attend(minilm, encoded, window)
    view = tidy(att, hide_special=args.hide_special, merge_words=args.merge_words)
    matrix = pick(view, "mean" if head is None else "head", layer, head or 0)  # (N, N)
    result = {
        "tokens": view.labels,
        "shape": list(att.weights.shape),
        "layer": layer + 1,
        "head": "mean" if head is None else head + 1,
        "window": window + 1,
        "windows": len(encoded.windows),
        "unknown_tokens": encoded.unknown,
        "attention": [[round(float(x), 4) for x in row] for row in matrix],
    }
    lines = [f"layer {layer + 1}, head {result['head']}, window {window + 1}/{len(encoded.windows)}, "
             f"shape {tuple(att.weights.shape)}"]
    for label, row in zip(view.labels, matrix):
        top = row.topk(min(3, len(row)))
        targets = ", ".join(f"{view.labels[j]} {w:.2f}" for w, j in zip(top.values, top.indices))
        lines.append(f"{label:>15} -> {targets}")
    emit(result, args.json, "\n".join(lines))
    return 0
