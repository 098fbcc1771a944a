"""``python -m core loss --scores 3.2 5.1 -1.7 --label 0 [--delta 1] --json``: softmax and hinge loss of one example.

Prints the softmax steps (exp, probabilities), the cross-entropy and the multiclass hinge loss, each
next to PyTorch's own value (``F.cross_entropy``, ``F.multi_margin_loss`` × number of classes).
"""
from __future__ import annotations

import argparse
import math

import torch

from core.backprop import losses
from core.cli import add_json_flag, emit
from core.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("loss", help="softmax probabilities, cross-entropy and hinge loss of scores")
    parser.add_argument("--scores", type=float, nargs="+", required=True, help="one score per class")
    parser.add_argument("--label", type=int, required=True, help="index of the true class, from 0")
    parser.add_argument("--delta", type=float, default=1.0, help="hinge margin Δ (default: 1)")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if len(args.scores) < 2:
        raise UserError("bp.err.shape", field="--scores", rows=1, cols="2+")
    if not all(math.isfinite(s) for s in args.scores) or not math.isfinite(args.delta):
        raise UserError("bp.err.not_finite", field="--scores/--delta")
    if not 0 <= args.label < len(args.scores):
        raise UserError("bp.err.label", label=args.label, classes=len(args.scores))
    classes = len(args.scores)
    # The score function is the identity here: W = I, b = 0, x = the scores.
    r = losses.report(torch.eye(classes, dtype=torch.float64), torch.zeros(classes, dtype=torch.float64),
                      torch.tensor(args.scores, dtype=torch.float64), args.label, args.delta, 0.0)
    result = {"scores": list(r.scores), "label": args.label, "exp": list(r.exp), "probabilities": list(r.probs),
              "cross_entropy": r.cross_entropy, "hinge": r.hinge, "hinge_terms": list(r.margins), "delta": args.delta,
              "torch": {"cross_entropy": r.torch_cross_entropy, "multi_margin_loss_times_classes": r.torch_hinge}}
    text = "\n".join([
        "scores        " + "  ".join(f"{v:8.4g}" for v in r.scores),
        "exp           " + "  ".join(f"{v:8.4g}" for v in r.exp),
        "probabilities " + "  ".join(f"{v:8.4f}" for v in r.probs),
        f"cross-entropy {r.cross_entropy:.4f} (torch {r.torch_cross_entropy:.4f})",
        f"hinge         {r.hinge:.4f} (torch {r.torch_hinge:.4f})",
    ])
    emit(result, args.json, text)
    return 0
