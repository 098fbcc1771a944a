"""Benchmark the word2vec page: training time per corpus and mode, neighbour query latency,
projection time, and a cached revisit of the page.

    .venv/bin/python bench/bench_word2vec.py [--epochs 1]

Peers in the same run: gensim's ``most_similar`` against a brute-force numpy search over the
same vectors (same answer, ratio reported); CBOW against skip-gram on the same corpus; the page's
revisit against the Home page through the same frame, on the same real server.
Goals: a neighbour query under 50 ms, a cached revisit under 100 ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from st_client import AppSession, serve, stop  # noqa: E402

from core.word2vec import corpora, explore, projection  # noqa: E402
from core.word2vec.glove import DEFAULT_RESTRICT, load_glove  # noqa: E402
from core.word2vec.train import DEFAULTS, train  # noqa: E402


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    """Median seconds over ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def numpy_neighbours(unit: np.ndarray, words: list[str], index: int, topn: int) -> list[str]:
    """Peer: cosine by one matrix-vector product over the unit vectors, then argpartition."""
    scores = unit @ unit[index]  # (N,)
    scores[index] = -np.inf
    best = np.argpartition(-scores, topn)[:topn]
    return [words[i] for i in best[np.argsort(-scores[best])]]


def bench_training(epochs: int) -> None:
    print(f"\n## Training ({epochs} epoch(s) each, one worker)")
    print(f"{'corpus':<15}{'mode':<11}{'tokens':>9}{'vocab':>8}{'seconds':>9}{'s/epoch':>9}{'words/s':>10}")
    for corpus in ("peoples-daily", "wiki"):
        load_seconds, sentences = timed(lambda: corpora.load(corpus))
        tokens = corpora.count_tokens(sentences)
        print(f"{corpus:<15}{'(load)':<11}{tokens:>9}{'':>8}{load_seconds:>9.2f}")
        for skip_gram in (True, False):
            settings = replace(DEFAULTS[corpus], skip_gram=skip_gram, epochs=epochs)
            seconds, (model, _) = timed(lambda: train(sentences, settings))
            mode = "skip-gram" if skip_gram else "CBOW"
            print(f"{corpus:<15}{mode:<11}{tokens:>9}{len(model.wv):>8}{seconds:>9.2f}{seconds / epochs:>9.2f}"
                  f"{tokens * epochs / seconds:>10.0f}")


def bench_queries() -> None:
    seconds, glove = timed(load_glove)
    print(f"\n## GloVe load (400k × 50): {seconds:.2f} s")
    unit = glove.get_normed_vectors()[:DEFAULT_RESTRICT]
    words = glove.index_to_key[:DEFAULT_RESTRICT]
    queries = ["king", "paris", "computer", "river", "music", "doctor", "china", "happy"]
    ours = statistics.median(timed(lambda q=q: explore.neighbours(glove, q, 10, DEFAULT_RESTRICT), 20)[0]
                             for q in queries)
    peer = statistics.median(timed(lambda q=q: numpy_neighbours(unit, words, glove.key_to_index[q], 10), 20)[0]
                             for q in queries)
    same = all([w for w, _ in explore.neighbours(glove, q, 10, DEFAULT_RESTRICT)]
               == numpy_neighbours(unit, words, glove.key_to_index[q], 10) for q in queries)
    analogy = timed(lambda: explore.analogy(glove, "king", "man", "woman", "3cosadd", 10, DEFAULT_RESTRICT), 20)[0]
    cosmul = timed(lambda: explore.analogy(glove, "king", "man", "woman", "3cosmul", 10, DEFAULT_RESTRICT), 20)[0]
    oov = timed(lambda: explore.close_spellings(glove, "kingg"), 3)[0]
    print(f"\n## Queries on GloVe, top 10 among {DEFAULT_RESTRICT} words (median)")
    print(f"{'query':<34}{'ms':>8}")
    print(f"{'neighbours (gensim most_similar)':<34}{ours * 1e3:>8.2f}")
    print(f"{'neighbours (numpy brute force)':<34}{peer * 1e3:>8.2f}   ratio ours/peer {ours / peer:.2f}, same answers: {same}")
    print(f"{'analogy 3CosAdd':<34}{analogy * 1e3:>8.2f}")
    print(f"{'analogy 3CosMul':<34}{cosmul * 1e3:>8.2f}")
    print(f"{'OOV close spellings (difflib)':<34}{oov * 1e3:>8.2f}")

    print("\n## Projection of unit vectors")
    print(f"{'words':>6}{'method':>8}{'dims':>6}{'seconds':>10}")
    for count in (100, 500):
        vectors = unit[:count]
        for method, dims in (("pca", 2), ("pca", 3), ("tsne", 2), ("tsne", 3)):
            seconds = timed(lambda: projection.project(vectors, method, dims))[0]
            print(f"{count:>6}{method:>8}{dims:>6}{seconds:>10.3f}")


# Streamlit runs gc.collect(2) after every script run by default (runner.postScriptGC). With torch
# imported that full collection walks ~500k objects, and it holds the GIL while the finished run's
# last messages wait to be sent, so every page's rerun pays for it. .streamlit/config.toml turns it
# off; the same server with Streamlit's default is timed alongside, to show what that setting saves.
SERVERS = {"as configured": (), "Streamlit default GC": ("--runner.postScriptGC", "true")}


def bench_page(repeat: int = 15) -> None:
    """A cached revisit, timed on a real server as a browser sees it (GloVe view: neighbours, analogy, map).

    Why a real server and not AppTest: AppTest recompiles the page on every run (the server keeps
    its bytecode), polls for the result and builds its own element tree, which made up about half
    of the time it reported. Here the time runs from sending the rerun request to the server's
    "script finished": the Home.py frame, the page script, serialising every element and the
    loopback transfer, no more. The Home page, through the same frame, is timed alongside: the
    frame's part that no page can avoid. Servers are measured in turn, round by round, so a busy
    machine weighs on each alike.
    """
    servers = {name: serve(*options) for name, options in SERVERS.items()}
    times: dict[str, dict[str, list[float]]] = {}
    try:
        tabs = {name: AppSession(url) for name, (_, url) in servers.items()}
        for name, tab in tabs.items():
            tab.run("")
            times[name] = {"first visit (loads GloVe, projects)": [tab.run("word2vec").seconds],
                           "revisit, back from Home": [], "rerun in place": [], "Home page (frame reference)": []}
        for _ in range(repeat):
            for name, tab in tabs.items():
                times[name]["Home page (frame reference)"].append(tab.run("").seconds)
                run = tab.run("word2vec")
                assert {"plotly_chart", "dataframe"} <= run.elements, f"the map and the tables were drawn: {run.elements}"
                times[name]["revisit, back from Home"].append(run.seconds)
                times[name]["rerun in place"].append(tab.run("word2vec").seconds)
        for tab in tabs.values():
            tab.close()
    finally:
        for server, _ in servers.values():
            stop(server)
    print(f"\n## Page on a real server (streamlit run Home.py + websocket client; ms, median / min of {repeat})")
    print(f"{'':<38}" + "".join(f"{name:>24}" for name in SERVERS))
    for row in times[next(iter(SERVERS))]:
        cells = [times[name][row] for name in SERVERS]
        print(f"{row:<38}" + "".join(f"{statistics.median(c) * 1e3:>15.1f} / {min(c) * 1e3:6.1f}" for c in cells))
    revisit = {name: statistics.median(times[name]["revisit, back from Home"]) * 1e3 for name in SERVERS}
    own = {name: revisit[name] - statistics.median(times[name]["Home page (frame reference)"]) * 1e3 for name in SERVERS}
    print(f"{'revisit − Home (medians)':<38}" + "".join(f"{own[name]:>24.1f}" for name in SERVERS))
    configured = revisit["as configured"]
    print(f"goal, a cached revisit under 100 ms: {'met' if configured < 100 else 'NOT met'} ({configured:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=1, help="epochs per training run (default 1)")
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    bench_queries()
    bench_page()
    if not args.skip_training:
        bench_training(args.epochs)


if __name__ == "__main__":
    main()
