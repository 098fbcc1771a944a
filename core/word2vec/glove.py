"""GloVe 6B 50d (400k English words) as a gensim ``KeyedVectors``: a ready-made space, no training.

Rows are ordered by corpus frequency, so "the most frequent N words" is simply the first N
rows: gensim's ``restrict_vocab=N`` searches those only, which hides the rare junk tokens
(``paris`` → ``prohertrib``) that a full search returns.
"""
from __future__ import annotations

import numpy as np
from gensim.models import KeyedVectors

from core.assets import resolve

GLOVE_WORDS = 400_000
DEFAULT_RESTRICT = 50_000  # neighbours among the 50k most frequent words


def load_glove() -> KeyedVectors:
    """The 400k × 50 GloVe space, unit norms precomputed; the page caches it once per server, never changed."""
    import pyarrow.parquet as pq

    vectors = np.load(resolve("glove-6b-50d"))  # (400000, 50) float32
    words = pq.read_table(resolve("glove-6b-index")).column("index").to_pylist()
    if vectors.shape != (len(words), 50):
        raise ValueError(f"GloVe vectors {vectors.shape} do not match {len(words)} words")
    space = KeyedVectors(vectors.shape[1])
    space.add_vectors(words, vectors)  # no counts: the row order already is the frequency order
    space.fill_norms()
    return space
