"""GloVe 6B 50d as a word space: analogies, neighbours, OOV messages, evaluation and maps."""
import numpy as np
import pytest
from sklearn.decomposition import PCA

from core.errors import UserError
from core.word2vec import evaluate, explore, figures, projection
from core.word2vec.glove import DEFAULT_RESTRICT, load_glove
from core.word2vec.space import EXAMPLES, Space, examples_for


@pytest.fixture(scope="module")
def glove():
    return load_glove()


@pytest.mark.parametrize("method", explore.METHODS)
@pytest.mark.parametrize(("a", "b", "c", "d"), [("king", "man", "woman", "queen"),
                                                ("paris", "france", "germany", "berlin")])
def test_analogies(glove, method: str, a: str, b: str, c: str, d: str) -> None:
    rows = explore.analogy(glove, a, b, c, method, topn=5, restrict=DEFAULT_RESTRICT)
    assert rows[0][0] == d, rows
    assert {a, b, c}.isdisjoint(w for w, _ in rows), "query words are never answers"


def test_restricting_to_frequent_words_hides_junk(glove) -> None:
    everything = [w for w, _ in explore.neighbours(glove, "paris", 5, restrict=None)]
    frequent = [w for w, _ in explore.neighbours(glove, "paris", 5, restrict=DEFAULT_RESTRICT)]
    assert "prohertrib" in everything
    assert "prohertrib" not in frequent
    assert all(glove.key_to_index[w] < DEFAULT_RESTRICT for w in frequent)


def test_neighbours_are_sorted_cosines(glove) -> None:
    rows = explore.neighbours(glove, "King", 10, DEFAULT_RESTRICT)  # case folded to the vocabulary
    scores = [s for _, s in rows]
    assert scores == sorted(scores, reverse=True)
    word, score = rows[0]
    assert score == pytest.approx(explore.similarity(glove, "king", word), abs=1e-5)


def test_unknown_word_suggests_close_spellings(glove) -> None:
    with pytest.raises(UserError) as caught:
        explore.neighbours(glove, "kingg")
    assert caught.value.key == "w2v.err.oov"
    assert "king" in caught.value.params["close"]
    assert "kingg" in caught.value.message("zh")
    with pytest.raises(UserError) as caught:
        explore.lookup(glove, "qqqqqqqqqqqqqqqqqqqqxz")
    assert caught.value.key == "w2v.err.oov_nothing_close"


def test_odd_one_out_and_similarity(glove) -> None:
    odd, rows = explore.odd_one_out(glove, explore.parse_words("breakfast, cereal dinner、lunch"))
    assert odd == "cereal"
    assert [w for w, _ in rows][0] == odd
    assert explore.similarity(glove, "cat", "dog") > explore.similarity(glove, "cat", "economy")
    with pytest.raises(UserError):
        explore.odd_one_out(glove, ["cat", "dog"])


def test_evaluation_scores(glove) -> None:
    questions = evaluate.english_questions(per_section=10)
    assert len(questions) == 140
    score = evaluate.analogy_accuracy(glove, questions)
    assert score.total + score.skipped == len(questions)
    assert 0.3 < score.accuracy < 0.9, score  # GloVe 50d: ~45% on the sample
    wordsim = evaluate.wordsim_spearman(glove)
    assert wordsim.pairs == 353 and 0.4 < wordsim.spearman < 0.7, wordsim


def test_analogy_accuracy_agrees_with_gensim(glove) -> None:
    """Our one-matrix-product 3CosAdd gives the same answer as gensim's most_similar, question by question."""
    questions = evaluate.english_questions(per_section=2, seed=3)
    known = [q for q in questions if all(glove.key_to_index.get(w, 10**9) < 30_000 for w in q)]
    expected = sum(glove.most_similar(positive=[b, c], negative=[a], topn=1, restrict_vocab=30_000)[0][0] == d
                   for a, b, c, d in known)
    assert evaluate.analogy_accuracy(glove, questions, 30_000).correct == expected


def test_pca_matches_sklearn(glove) -> None:
    words = projection.map_words(glove, ["king", "woman"], per_word=10, restrict=DEFAULT_RESTRICT)
    vectors = projection.unit_vectors(glove, words)
    ours = projection.project(vectors, "pca", 3)
    theirs = PCA(n_components=3).fit_transform(vectors)
    np.testing.assert_allclose(np.abs(ours), np.abs(theirs), atol=1e-4)  # axes agree up to sign


def test_tsne_map(glove) -> None:
    words = projection.map_words(glove, ["paris"], per_word=20, restrict=DEFAULT_RESTRICT)
    coords = projection.project(projection.unit_vectors(glove, words), "tsne", 2)
    assert coords.shape == (len(words), 2) and np.isfinite(coords).all()
    with pytest.raises(ValueError):
        projection.project(coords[:2], "pca", 2)


def test_3cosmul_matches_gensim_and_respects_the_restriction(glove) -> None:
    ours = explore.cosmul(glove, "king", "man", "woman", topn=10, restrict=None)
    theirs = glove.most_similar_cosmul(positive=["king", "woman"], negative=["man"], topn=10)
    assert [w for w, _ in ours] == [w for w, _ in theirs]
    np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], rtol=1e-4)
    restricted = explore.cosmul(glove, "paris", "france", "germany", topn=20, restrict=10_000)
    assert all(glove.key_to_index[w] < 10_000 for w, _ in restricted)


def test_map_points_of_a_neighbourhood_and_of_frequent_words(glove) -> None:
    words, coords = projection.map_points(glove, ["king", "queen"], 0, "pca", 2, DEFAULT_RESTRICT)
    assert words == projection.map_words(glove, ["king", "queen"], 8, DEFAULT_RESTRICT)
    np.testing.assert_allclose(coords, projection.project(projection.unit_vectors(glove, words), "pca", 2))
    words, coords = projection.map_points(glove, ["the", "xylophone"], 50, "pca", 3, DEFAULT_RESTRICT)
    assert words[:50] == explore.frequent_words(glove, 50) and words[50:] == ["xylophone"], "seeds not among them join the map"
    assert coords.shape == (51, 3)
    words, coords = projection.map_points(glove, ["the"], 2, "pca", 2, DEFAULT_RESTRICT)
    assert len(words) == 2 and coords.shape == (0, 2), "too few words to project"


def test_word_map_highlights_the_query_and_draws_the_analogy(glove) -> None:
    words, coords = projection.map_points(glove, ["king", "man", "woman", "queen"], 0, "pca", 2, DEFAULT_RESTRICT)
    figure = figures.word_map(words, coords, "king", (("king", "man", "woman"), "queen"))
    trace = figure.data[0]
    assert list(trace.hovertext) == words
    red = {w for w, colour in zip(words, trace.marker.color) if colour == "#d62728"}
    assert red == {"king", "man", "woman", "queen"}
    arrows = [(a.ax, a.ay, a.x, a.y) for a in figure.layout.annotations]
    position = {w: tuple(coords[i]) for i, w in enumerate(words)}
    assert arrows == [position["man"] + position["king"], position["woman"] + position["queen"]], "b → a, c → d"
    words, coords = projection.map_points(glove, ["paris"], 0, "pca", 3, DEFAULT_RESTRICT)
    figure = figures.word_map(words, coords, "paris", None)
    assert len(figure.data) == 1 and figure.data[0].type == "scatter3d"


def test_examples_are_in_their_spaces(glove) -> None:
    ex = examples_for(Space("glove", "glove", glove, DEFAULT_RESTRICT, chinese=False))
    assert ex is EXAMPLES["glove"]
    assert all(w in glove.key_to_index for w in (ex.word, *ex.analogy, *ex.pair, *explore.parse_words(ex.odd)))
    upload = examples_for(Space("upload:x", "upload:abc", glove, None, chinese=False))
    assert upload.word == "the" and all(w in glove.index_to_key[:200] for w in upload.analogy)
