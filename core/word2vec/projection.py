"""Project word vectors to 2-D or 3-D for a map: PCA (fast, linear, default) or t-SNE (slow, local).

PCA keeps the directions of largest variance, so parallel offsets (king→queen, man→woman)
stay parallel on the map; t-SNE keeps neighbourhoods but bends global geometry.
"""
from __future__ import annotations

import threading

import numpy as np
from gensim.models import KeyedVectors
from threadpoolctl import threadpool_limits

from core.word2vec.explore import frequent_words

PROJECTIONS = ("pca", "tsne")
# Maps are small (≤ 500 words): one BLAS/OpenMP thread is fastest, and on a busy shared CPU
# thread pools spinning against other sessions made t-SNE 20× slower. The limit is process-wide
# while it holds, so projections take turns (each is cached by the page anyway).
_ONE_AT_A_TIME = threading.Lock()


def project(vectors: np.ndarray, method: str = "pca", dims: int = 2, seed: int = 0) -> np.ndarray:
    """(N, D) vectors → (N, dims) coordinates. Needs N > dims."""
    if method not in PROJECTIONS:
        raise ValueError(f"unknown projection {method!r}; expected one of {PROJECTIONS}")
    if dims not in (2, 3):
        raise ValueError(f"dims must be 2 or 3, not {dims}")
    n = vectors.shape[0]
    if n <= dims:
        raise ValueError(f"need more than {dims} words to project, got {n}")
    # scikit-learn loads with the first map, not with the page: ~22k objects fewer for every full
    # gc.collect to walk until then. Before the limit: threadpoolctl limits the pools already loaded.
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    with _ONE_AT_A_TIME, threadpool_limits(limits=1):
        if method == "pca":
            return PCA(n_components=dims, svd_solver="full").fit_transform(vectors)  # (N, dims)
        centred = vectors - vectors.mean(axis=0)  # (N, D)
        tsne = TSNE(n_components=dims, perplexity=min(30.0, (n - 1) / 3), init="pca", random_state=seed,
                    max_iter=500)
        return tsne.fit_transform(centred.astype(np.float64))  # (N, dims)


def map_points(space: KeyedVectors, seeds: list[str], frequent: int, method: str, dims: int,
               restrict: int | None) -> tuple[list[str], np.ndarray]:
    """The words of a map and their coordinates (N, dims); no coordinates (0, dims) if too few words.

    ``frequent`` > 0 maps that many frequent words (plus the seeds), else the seeds' neighbourhoods.
    """
    if frequent:
        words = frequent_words(space, frequent)
        words += [w for w in seeds if w not in words]
    else:
        words = map_words(space, seeds, 8, restrict)
    if len(words) <= dims:
        return words, np.zeros((0, dims))
    return words, project(unit_vectors(space, words), method, dims)


def map_words(space: KeyedVectors, seeds: list[str], per_word: int = 10, restrict: int | None = None) -> list[str]:
    """The words to draw around ``seeds`` (vocabulary keys): each seed and its nearest neighbours."""
    words: dict[str, None] = {}
    for seed in seeds:
        words[seed] = None
        for word, _ in space.most_similar(seed, topn=per_word, restrict_vocab=restrict):
            words[word] = None
    return list(words)


def unit_vectors(space: KeyedVectors, words: list[str]) -> np.ndarray:
    """(N, D) unit-length vectors of ``words``: maps show directions, as cosine does."""
    return np.stack([space.get_vector(w, norm=True) for w in words])


def map_seeds(query: str | None, analogy: tuple[tuple[str, str, str], str] | None) -> tuple[str, ...]:
    """The words a neighbourhood map is built around: the query and the analogy's four, once each, in order."""
    words = ([query] if query else []) + (list(analogy[0]) + [analogy[1]] if analogy else [])
    return tuple(dict.fromkeys(words))
