"""``python -m core rnn-gradients [--json]``: ‖∂h_T/∂h_t‖ against T − t for RNN, GRU and LSTM.

Each cell is measured at initialisation and after training on the bundled corpus with and without
gradient clipping; the plain RNN's ‖W_hh^L‖ is printed beside it (the notes' W^L argument).
"""
from __future__ import annotations

import argparse

from core.cli import add_json_flag, emit
from core.device import configure_threads
from core.rnn import corpora
from core.rnn.gradients import study
from core.rnn.train import TrainSettings

STUDY_DEFAULTS = TrainSettings(hidden=64, steps=300, clip=0.25)  # clipping at 0.25 bites: typical norms are 0.2–1


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("rnn-gradients", help="gradient norm through time for RNN, GRU and LSTM")
    parser.add_argument("--corpus", choices=("en", "zh"), default="en")
    parser.add_argument("--steps", type=int, default=STUDY_DEFAULTS.steps, help="training steps per model")
    parser.add_argument("--hidden", type=int, default=STUDY_DEFAULTS.hidden)
    parser.add_argument("--clip", type=float, default=STUDY_DEFAULTS.clip, help="max gradient norm when clipped")
    parser.add_argument("--distance", type=int, default=50, help="largest T − t measured")
    parser.add_argument("--seed", type=int, default=0)
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    configure_threads()
    settings = TrainSettings(hidden=args.hidden, steps=args.steps, clip=args.clip, seed=args.seed)
    result = study(corpora.load(args.corpus), settings, args.distance)
    table = {f"{cell}/{state}": [float(f"{v:.4g}") for v in norms] for (cell, state), norms in result.norms.items()}
    report = {
        "distances": result.distances.tolist(), "norms": table,
        "w_power": {state: [float(f"{v:.4g}") for v in norms] for state, norms in result.w_power.items()},
        "rnn_sigma_max": result.sigma_max, "rnn_spectral_radius": result.radius,
        "bpc": {f"{cell}/{state}": round(v, 4) for (cell, state), v in result.final_bpc.items()},
    }
    marks = [d for d in (1, 10, 30, args.distance) if d <= args.distance]
    lines = ["model".ljust(18) + "".join(f"L={d}".rjust(11) for d in marks)]
    lines += [name.ljust(18) + "".join(f"{values[d - 1]:11.3g}" for d in marks) for name, values in table.items()]
    lines += [f"‖W^L‖ {state}".ljust(18) + "".join(f"{values[d - 1]:11.3g}" for d in marks)
              for state, values in report["w_power"].items()]
    emit(report, args.json, "\n".join(lines))
    return 0
