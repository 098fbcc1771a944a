"""The word2vec page's settings as link parameters (``core.url_state``), one set per corpus and space.

Training settings are kept per corpus (each corpus has its own defaults) and the starting words
per kind of space (GloVe, People's Daily, Wikipedia), so their widgets have one key each and
their URL names a short suffix: ``ep.pd=8``, ``word.wiki=peace``. Words typed for an uploaded
text are not shared: they would give away the text.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.url_state import Param
from core.word2vec import corpora, explore, projection
from core.word2vec.glove import DEFAULT_RESTRICT, GLOVE_WORDS
from core.word2vec.space import EXAMPLES
from core.word2vec.train import DEFAULTS, TrainSettings

DIMS = ("10", "25", "50", "100", "200", "300")  # vector sizes offered (strings: a select slider's options)
CORPUS_SUFFIX = {"peoples-daily": "pd", "wiki": "wiki", "upload": "up"}
KIND_SUFFIX = {"glove": "", "peoples-daily": ".pd", "wiki": ".wiki"}
WORD_LEN = 60


def training_params(corpus: str) -> list[Param]:
    """Widget key ``w2v_<field>_<corpus>`` for each training setting, defaults from ``train.DEFAULTS``."""
    d, s = DEFAULTS[corpus], CORPUS_SUFFIX[corpus]
    return [
        Param(f"w2v_arch_{corpus}", f"arch.{s}", "skip-gram" if d.skip_gram else "cbow", options=("skip-gram", "cbow")),
        Param(f"w2v_objective_{corpus}", f"obj.{s}", "ns" if d.negative else "hs", options=("ns", "hs")),
        Param(f"w2v_negative_{corpus}", f"k.{s}", d.negative or 5, low=1, high=20),
        Param(f"w2v_window_{corpus}", f"win.{s}", d.window, low=1, high=10),
        Param(f"w2v_dims_{corpus}", f"dims.{s}", str(d.dims), options=DIMS),
        Param(f"w2v_min_count_{corpus}", f"min.{s}", d.min_count, low=1, high=20),
        Param(f"w2v_epochs_{corpus}", f"ep.{s}", d.epochs, low=1, high=50),
        Param(f"w2v_seed_{corpus}", f"seed.{s}", d.seed, low=0, high=9999),
    ]


def settings_from(corpus: str, values: Mapping[str, Any]) -> TrainSettings:
    """The training settings the widgets of ``training_params(corpus)`` show (``values``: widget key -> value)."""
    default = DEFAULTS[corpus]
    value = {param.key.removeprefix("w2v_").removesuffix(f"_{corpus}"): values.get(param.key, param.default)
             for param in training_params(corpus)}
    return TrainSettings(skip_gram=value["arch"] == "skip-gram",
                         negative=0 if value["objective"] == "hs" else int(value["negative"]),
                         window=int(value["window"]), dims=int(value["dims"]), min_count=int(value["min_count"]),
                         epochs=int(value["epochs"]), seed=int(value["seed"]), workers=default.workers,
                         sample=default.sample)


def word_params(kind: str) -> list[Param]:
    """The explorer's typed words for a known space, defaults from ``space.EXAMPLES``."""
    ex, s = EXAMPLES[kind], KIND_SUFFIX[kind]
    words = {"word": ex.word, "a": ex.analogy[0], "b": ex.analogy[1], "c": ex.analogy[2],
             "sim_a": ex.pair[0], "sim_b": ex.pair[1]}
    return [Param(f"w2v_{name}_{kind}", f"{name}{s}", value, max_len=WORD_LEN) for name, value in words.items()] + [
        Param(f"w2v_odd_{kind}", f"odd{s}", ex.odd, max_len=4 * WORD_LEN)]


PARAMS: list[Param] = [
    Param("w2v_source", "src", "glove", options=("glove", "train")),
    Param("w2v_restrict", "top", DEFAULT_RESTRICT, low=5_000, high=GLOVE_WORDS),
    Param("w2v_corpus", "corpus", corpora.CORPORA[0], options=corpora.CORPORA),
    Param("w2v_topn", "n", 10, low=3, high=30),
    Param("w2v_method", "method", explore.METHODS[0], options=explore.METHODS),
    Param("w2v_map_content", "map", "neighbourhood", options=("neighbourhood", "frequent")),
    Param("w2v_map_method", "proj", projection.PROJECTIONS[0], options=projection.PROJECTIONS),
    Param("w2v_map_dims", "d", 2, low=2, high=3),
    Param("w2v_map_count", "count", 200, low=50, high=500),
    *(param for corpus in corpora.CORPORA for param in training_params(corpus)),
    *(param for kind in KIND_SUFFIX for param in word_params(kind)),
]
