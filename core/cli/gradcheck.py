"""``python -m core gradcheck [--eps 1e-5] [--bug] --json``: the gradient check of the page's MLP.

Two-sided differences against the backward pass for every parameter, in float64 and float32; prints
the largest relative error of each. ``--bug`` plants the wrong tanh derivative; the exit status is 1
when the float64 check fails (largest relative error above 1e-5), so scripts can use it.
"""
from __future__ import annotations

import argparse
import math

import torch

from core.backprop import gradcheck
from core.cli import add_json_flag, emit
from core.errors import UserError

DTYPES = {"float64": torch.float64, "float32": torch.float32}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gradcheck", help="gradient check of a small MLP (two-sided differences)")
    parser.add_argument("--eps", type=float, default=gradcheck.DEFAULT_EPS, help="step ε (default: %(default)g)")
    parser.add_argument("--bug", action="store_true", help="plant the wrong tanh derivative 1 − y")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not (math.isfinite(args.eps) and 0 < args.eps < 1):
        raise UserError("bp.err.eps", eps=args.eps)
    checks = {name: gradcheck.check(dtype, args.eps, args.bug) for name, dtype in DTYPES.items()}
    worst = {name: max(c.error for c in rows) for name, rows in checks.items()}
    result = {"eps": args.eps, "bug": args.bug, "max_relative_error": worst,
              "parameters": {name: [{"name": c.name, "shape": list(c.shape), "relative_error": c.error,
                                     "verdict": c.verdict} for c in rows] for name, rows in checks.items()}}
    lines = [f"eps {args.eps:g}{', planted bug' if args.bug else ''}"]
    for name, rows in checks.items():
        lines.append(f"{name}: largest relative error {worst[name]:.2e}")
        lines += [f"  {c.name:3s} {str(c.shape):8s} {c.error:.2e} {c.verdict}" for c in rows]
    emit(result, args.json, "\n".join(lines))
    return 1 if worst["float64"] > gradcheck.SUSPICIOUS else 0
