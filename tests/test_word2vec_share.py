"""The word2vec page's pure parts: link parameters and settings, map seeds, corpus keys."""
import pytest

from core.url_state import from_query, to_query
from core.word2vec import corpora
from core.word2vec.glove import load_glove
from core.word2vec.projection import map_seeds
from core.word2vec.share import PARAMS, settings_from, training_params
from core.word2vec.space import corpus_key, glove_space, scores
from core.word2vec.train import DEFAULTS


@pytest.mark.parametrize("corpus", corpora.CORPORA)
def test_untouched_widgets_give_the_corpus_defaults(corpus: str) -> None:
    assert settings_from(corpus, {}) == DEFAULTS[corpus]


def test_widget_values_become_training_settings() -> None:
    values = {"w2v_arch_wiki": "cbow", "w2v_objective_wiki": "hs", "w2v_negative_wiki": 9, "w2v_dims_wiki": "25",
              "w2v_epochs_wiki": 3}
    settings = settings_from("wiki", values)
    assert not settings.skip_gram and settings.negative == 0, "hierarchical softmax: no negative samples"
    assert settings.dims == 25 and settings.epochs == 3 and settings.window == DEFAULTS["wiki"].window


def test_link_names_are_unique_and_round_trip() -> None:
    assert len({p.name for p in PARAMS}) == len(PARAMS) and len({p.key for p in PARAMS}) == len(PARAMS)
    values = {"w2v_epochs_peoples-daily": 8, "w2v_word_wiki": "peace", "w2v_map_dims": 3}
    query = to_query(PARAMS, values)
    assert query == {"ep.pd": "8", "word.wiki": "peace", "d": "3"}
    assert from_query(PARAMS, query) == values
    assert from_query(training_params("upload"), {"dims.up": "11", "ep.up": "0"}) == {}, "not an offered value"


def test_map_seeds_are_the_query_and_the_analogy_once_each() -> None:
    assert map_seeds("king", (("king", "man", "woman"), "queen")) == ("king", "man", "woman", "queen")
    assert map_seeds(None, None) == ()


def test_corpus_key_names_an_upload_by_its_bytes() -> None:
    assert corpus_key("wiki") == "wiki"
    first, second = corpus_key("upload", b"a b c"), corpus_key("upload", b"a b d")
    assert first.startswith("upload:") and first != second and first == corpus_key("upload", b"a b c")


def test_glove_scores_are_english_with_wordsim() -> None:
    analogy, wordsim = scores(glove_space(load_glove(), 50_000))
    assert analogy.total > 0 and 0 < analogy.accuracy <= 1 and wordsim is not None and wordsim.spearman > 0.4
