"""``python -m core neighbours WORD [--model glove|wiki|peoples-daily]``: nearest words by cosine.

GloVe is pretrained; ``wiki`` and ``peoples-daily`` are trained first with the page's default
settings for that corpus (15–90 s on a 2-core CPU).
"""
from __future__ import annotations

import argparse

from gensim.models import KeyedVectors

from core.cli import add_json_flag, emit
from core.word2vec import corpora, explore
from core.word2vec.glove import DEFAULT_RESTRICT, load_glove
from core.word2vec.train import DEFAULTS, train

MODELS = ("glove", "wiki", "peoples-daily")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("neighbours", help="nearest neighbours of a word (GloVe or word2vec)")
    parser.add_argument("word")
    parser.add_argument("--model", choices=MODELS, default="glove", help="word space (default: glove)")
    parser.add_argument("--topn", type=int, default=10, help="how many neighbours (default: 10)")
    parser.add_argument("--restrict", type=int, default=DEFAULT_RESTRICT,
                        help="GloVe only: search the N most frequent words (default: %(default)s)")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def space_for(model: str) -> KeyedVectors:
    if model == "glove":
        return load_glove()
    trained, _ = train(corpora.load(model), DEFAULTS[model])
    trained.wv.fill_norms()
    return trained.wv


def run(args: argparse.Namespace) -> int:
    space = space_for(args.model)
    restrict = args.restrict if args.model == "glove" else None
    word = explore.lookup(space, args.word)
    rows = explore.neighbours(space, word, args.topn, restrict)
    result = {"word": word, "model": args.model,
              "neighbours": [{"word": w, "cosine": round(s, 4)} for w, s in rows]}
    emit(result, args.json, "\n".join(f"{w}\t{s:.3f}" for w, s in rows))
    return 0
