"""How good is a space? Analogy accuracy (3CosAdd) and Spearman correlation with human similarity.

English: gensim's bundled ``questions-words.txt`` (Mikolov's 19,544 analogies; a seeded sample
per section, for speed) and ``wordsim353.tsv``. Chinese: a small analogy set written for this
lab (capitals and provincial capitals, every ordered pair of pairs). Questions whose words are
not all among the searched words are skipped and counted as out of vocabulary.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from itertools import permutations

import numpy as np
from gensim.models import KeyedVectors

from core.assets import resolve


Question = tuple[str, str, str, str]  # a : b :: c : d, i.e. d ≈ b − a + c

ZH_PAIRS: dict[str, list[tuple[str, str]]] = {
    "capital-country": [("北京", "中国"), ("东京", "日本"), ("华盛顿", "美国"), ("莫斯科", "俄罗斯"),
                        ("伦敦", "英国"), ("巴黎", "法国"), ("汉城", "韩国"), ("柏林", "德国"),
                        ("曼谷", "泰国"), ("新德里", "印度"), ("开罗", "埃及"), ("河内", "越南")],
    "province-capital": [("广东", "广州"), ("湖北", "武汉"), ("四川", "成都"), ("浙江", "杭州"),
                         ("江苏", "南京"), ("湖南", "长沙"), ("河南", "郑州"), ("山东", "济南"),
                         ("福建", "福州"), ("辽宁", "沈阳")],
}


@dataclass(frozen=True)
class AnalogyScore:
    correct: int
    total: int  # questions answered (all four words known)
    skipped: int  # questions with an unknown word

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else math.nan


@dataclass(frozen=True)
class SimilarityScore:
    spearman: float
    pairs: int  # pairs with both words known
    oov_ratio: float  # percent of pairs skipped


def english_questions(per_section: int = 25, seed: int = 0) -> list[Question]:
    """A seeded sample of ``per_section`` questions from each of the 14 sections of questions-words.txt."""
    sections: list[list[Question]] = []
    for line in resolve("questions-words").read_text(encoding="utf-8").splitlines():
        if line.startswith(":"):
            sections.append([])
        elif line.strip():
            a, b, c, d = line.lower().split()
            sections[-1].append((a, b, c, d))
    rng = random.Random(seed)
    return [q for section in sections for q in rng.sample(section, min(per_section, len(section)))]


def chinese_questions() -> list[Question]:
    """Every ordered pair of pairs within each section of ``ZH_PAIRS``."""
    return [(a, b, c, d) for pairs in ZH_PAIRS.values() for (a, b), (c, d) in permutations(pairs, 2)]


def analogy_accuracy(space: KeyedVectors, questions: list[Question], restrict: int | None = 30_000) -> AnalogyScore:
    """Share of questions whose 3CosAdd answer (a, b, c excluded) is d, all at once as one matrix product."""
    vocab = space.index_to_key[:restrict] if restrict else space.index_to_key
    index = {w: i for i, w in enumerate(vocab)}
    known = [q for q in questions if all(w in index for w in q)]
    if not known:
        return AnalogyScore(0, 0, len(questions))
    unit = space.vectors[: len(vocab)] / space.norms[: len(vocab), None]  # (V, D)
    ids = np.array([[index[w] for w in q] for q in known])  # (Q, 4)
    target = unit[ids[:, 1]] - unit[ids[:, 0]] + unit[ids[:, 2]]  # (Q, D)
    scores = target @ unit.T  # (Q, V)
    rows = np.arange(len(known))
    for column in range(3):
        scores[rows, ids[:, column]] = -np.inf
    correct = int((scores.argmax(axis=1) == ids[:, 3]).sum())
    return AnalogyScore(correct, len(known), len(questions) - len(known))


def wordsim_spearman(space: KeyedVectors) -> SimilarityScore:
    """Spearman correlation between the space's cosines and human ratings on wordsim353."""
    path = resolve("wordsim353")
    _, spearman, oov = space.evaluate_word_pairs(str(path), restrict_vocab=min(len(space), 100_000),
                                                   case_insensitive=True)
    total = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    pairs = round(total * (1 - oov / 100))
    value = float(spearman.statistic) if pairs >= 3 else math.nan
    return SimilarityScore(value, pairs, float(oov))
