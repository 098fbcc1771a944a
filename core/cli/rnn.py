"""``python -m core rnn --text FILE --cell lstm --steps N [--json]``: train a char-level model, report, sample.

Without ``--text`` the bundled English (``--corpus en``) or Chinese (``--corpus zh``) corpus is used.
Prints the held-out bits per character before and after training and a sample.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from core.cli import add_json_flag, emit
from core.device import configure_threads
from core.rnn import corpora
from core.rnn.model import CELLS
from core.rnn.sample import generate
from core.rnn.train import TrainSettings, train_cells


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    defaults = TrainSettings()
    parser = subparsers.add_parser("rnn", help="train a character-level RNN / GRU / LSTM and sample from it")
    parser.add_argument("--text", type=Path, help="a UTF-8 (or GB18030) text file to train on")
    parser.add_argument("--corpus", choices=("en", "zh"), default="en", help="bundled corpus when no --text")
    parser.add_argument("--cell", choices=CELLS, default="lstm")
    parser.add_argument("--steps", type=int, default=defaults.steps)
    parser.add_argument("--hidden", type=int, default=defaults.hidden)
    parser.add_argument("--layers", type=int, default=defaults.layers)
    parser.add_argument("--seq", type=int, default=defaults.seq_len, help="characters per training window")
    parser.add_argument("--lr", type=float, default=defaults.lr)
    parser.add_argument("--clip", type=float, default=defaults.clip, help="max gradient norm, 0 = off")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--prime", default=None, help="text to start the sample with (default: the text's start)")
    parser.add_argument("--length", type=int, default=200, help="characters to sample")
    parser.add_argument("--temperature", type=float, default=0.8)
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    configure_threads()
    text = corpora.own_text(upload=args.text.read_bytes()) if args.text else corpora.load(args.corpus)
    settings = TrainSettings(hidden=args.hidden, layers=args.layers, seq_len=args.seq, lr=args.lr, clip=args.clip,
                             steps=args.steps, seed=args.seed)
    trained = train_cells(text, (args.cell,), settings)[args.cell]
    prime = args.prime if args.prime is not None else text[:20]
    sample = generate(trained.model, trained.vocab, prime, args.length, args.temperature, args.seed)
    curve = trained.curve
    result = {
        "cell": args.cell, "steps": len(curve.steps), "vocab": len(trained.vocab), "characters": len(text),
        "bpc_start": round(curve.eval_bpc[0], 4), "bpc_end": round(curve.eval_bpc[-1], 4),
        "train_bpc_first": round(curve.train_bpc[0], 4), "train_bpc_last": round(curve.train_bpc[-1], 4),
        "prime": prime, "sample": sample.text,
    }
    emit(result, args.json, f"{args.cell}: {result['bpc_start']:.3f} → {result['bpc_end']:.3f} bits/char "
                            f"after {result['steps']} steps\n{prime}{sample.text}")
    return 0
