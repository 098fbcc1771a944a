"""The real all-MiniLM-L6-v2: attention shapes, row sums after every toggle, a coreference head, windows."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import torch

from core.attention.extract import WINDOW, attend, encode, token_embeddings
from core.attention.model import load_minilm
from core.attention.views import MODES, pick, tidy
from core.errors import TextInputError
from tests.conftest import ROOT

SENTENCE = "The animal didn't cross the street because it was too tired."
PIECES = "Tokenization splits unbelievably long embeddings into pieces."


@pytest.fixture(scope="module")
def minilm():
    return load_minilm()


@pytest.fixture(scope="module")
def sentence(minilm):
    return attend(minilm, encode(minilm, SENTENCE))


def test_model_is_frozen_and_has_6_layers_of_12_heads(minilm) -> None:
    assert (minilm.layers, minilm.heads) == (6, 12)
    assert not minilm.model.training
    assert not any(p.requires_grad for p in minilm.model.parameters())


def test_shapes_and_rows_sum_to_one(sentence) -> None:
    t = len(sentence.tokens)
    assert sentence.tokens[0] == "[CLS]" and sentence.tokens[-1] == "[SEP]"
    assert sentence.weights.shape == (6, 12, t, t)
    torch.testing.assert_close(sentence.weights.sum(-1), torch.ones(6, 12, t))


@pytest.mark.parametrize("hide_special", [False, True])
@pytest.mark.parametrize("merge_words", [False, True])
def test_rows_sum_to_one_after_hiding_and_merging(minilm, hide_special: bool, merge_words: bool) -> None:
    att = attend(minilm, encode(minilm, PIECES))
    assert any(token.startswith("##") for token in att.tokens), "the sentence must contain word pieces"
    view = tidy(att, hide_special=hide_special, merge_words=merge_words)
    n = len(view.labels)
    expected = (len(att.words) if merge_words else len(att.tokens) - 2) + (0 if hide_special else 2)
    assert n == expected
    assert view.weights.shape == (6, 12, n, n) and view.rollout.shape == (6, n, n)
    torch.testing.assert_close(view.weights.sum(-1), torch.ones(6, 12, n))
    torch.testing.assert_close(view.rollout.sum(-1), torch.ones(6, n))
    for mode in MODES:
        torch.testing.assert_close(pick(view, mode, 2, 5).sum(-1), torch.ones(n))
    if merge_words:
        assert "Tokenization" in view.labels and "unbelievably" in view.labels
    assert ("[CLS]" in view.labels) is not hide_special


def test_some_head_links_it_to_animal(sentence) -> None:
    """Coreference: a head where "it" attends to "animal" more than to any other non-special token."""
    it, animal = sentence.tokens.index("it"), sentence.tokens.index("animal")
    rows = sentence.weights[:, :, it, 1:-1]  # (L, H, T-2): from "it" to the non-special tokens
    winners = rows.argmax(-1) + 1  # back to token positions
    found = (winners == animal).nonzero().tolist()
    assert found, "no head attends from 'it' most to 'animal'"


def test_600_tokens_give_windows_not_an_error(minilm) -> None:
    encoded = encode(minilm, " ".join(["word"] * 600))
    assert len(encoded.ids) == 600
    assert encoded.windows == [(0, WINDOW), (WINDOW, 600)]
    last = attend(minilm, encoded, 1)
    assert last.weights.shape == (6, 12, 600 - WINDOW + 2, 600 - WINDOW + 2)


def test_chinese_is_flagged_with_unknown_tokens(minilm) -> None:
    encoded = encode(minilm, "我们今天学习注意力机制")
    assert encoded.looks_non_english
    assert encoded.unknown > 0 and "[UNK]" in encoded.tokens
    assert not encode(minilm, SENTENCE).looks_non_english


def test_text_without_tokens_is_a_user_error(minilm) -> None:
    with pytest.raises(TextInputError) as error:
        encode(minilm, "\u200b\u200b")
    assert error.value.key == "att.err.no_tokens"


def test_token_embeddings_are_the_models_table(minilm) -> None:
    encoded = encode(minilm, SENTENCE)
    embeddings = token_embeddings(minilm, encoded.ids)
    assert embeddings.shape == (len(encoded.ids), 384)
    table = minilm.model.get_input_embeddings().weight
    torch.testing.assert_close(embeddings[1], table[encoded.ids[1]].float().cpu())


def test_cli_prints_one_head_as_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "core", "attention", SENTENCE, "--layer", "4", "--head", "2", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    data = json.loads(result.stdout)
    t = len(data["tokens"])
    assert data["shape"] == [6, 12, t, t] and (data["layer"], data["head"]) == (4, 2)
    assert len(data["attention"]) == t and all(abs(sum(row) - 1) < 1e-3 for row in data["attention"])
    assert data["windows"] == 1
