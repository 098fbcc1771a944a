"""Benchmark the word2vec page: training time per corpus and mode, neighbour query latency,
projection time, and a cached revisit of the page.

    .venv/bin/python bench/bench_word2vec.py [--epochs 1]

Peers in the same run: gensim's ``most_similar`` against a brute-force numpy search over the
same vectors (same answer, ratio reported); CBOW against skip-gram on the same corpus.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def bench_page() -> None:
    """The page through Streamlit's AppTest: a first visit, then cached revisits (GloVe default view).

    AppTest adds its own overhead (a fresh script thread, re-compiling the page each run, polling
    every 20 ms), so the page's own script time is measured too, around the page's ``run``.
    """
    from streamlit.navigation.page import StreamlitPage
    from streamlit.testing.v1 import AppTest

    script_times: list[float] = []
    original = StreamlitPage.run

    def timed_run(page: StreamlitPage) -> None:
        start = time.perf_counter()
        try:
            original(page)
        finally:
            script_times.append(time.perf_counter() - start)

    StreamlitPage.run = timed_run
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "Home.py"), default_timeout=300)
    at.session_state["lang"] = "en"
    at.run()
    cold = timed(lambda: at.switch_page("pages/word2vec.py").run())[0]
    script_times.clear()
    warm = timed(lambda: at.run(), 5)[0]
    StreamlitPage.run = original
    assert not at.exception
    print("\n## Page (AppTest, GloVe view: neighbours, analogy, map, evaluation)")
    print(f"first visit (GloVe already in memory; evaluates, projects): {cold * 1e3:8.0f} ms")
    print(f"cached revisit, AppTest round trip (median of 5):           {warm * 1e3:8.0f} ms")
    print(f"cached revisit, page script incl. compile (median of 5):    {statistics.median(script_times) * 1e3:8.0f} ms")


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
