"""Training on the real corpora cuts the loss clearly, samples look like the corpus, and the trained LSTM
keeps a far larger gradient from 30 characters back than the plain RNN (measured numbers in the report)."""
from __future__ import annotations

from collections import Counter

import pytest
from core.errors import UserError
from core.rnn import corpora, gradients, sample
from core.rnn.model import ModelConfig, build
from core.rnn.train import TrainSettings, train_cells
from core.rnn.vocab import Vocab

pytestmark = pytest.mark.usefixtures("one_torch_thread")
ENGLISH = TrainSettings(hidden=64, seq_len=48, steps=200, eval_every=50)


@pytest.fixture(scope="module")
def english(one_torch_thread) -> dict:
    return train_cells(corpora.english(), ("rnn", "lstm"), ENGLISH)


def _share_in(text: str, common: set[str]) -> float:
    return sum(c in common for c in text) / len(text)


def test_english_loss_falls_clearly(english) -> None:
    for cell, trained in english.items():
        start, end = trained.curve.eval_bpc[0], trained.curve.eval_bpc[-1]
        print(f"{cell}: held-out {start:.2f} → {end:.2f} bits/char after {ENGLISH.steps} steps")
        assert start > 6.0, "an untrained model is near log2(V) ≈ 6.3 bits"
        assert end < 3.6, f"{cell} learned little: {start:.2f} → {end:.2f}"
        assert trained.curve.eval_steps == [0, 50, 100, 150, 200]


def test_english_samples_look_like_english(english) -> None:
    text = corpora.english()
    common = {c for c, _ in Counter(text).most_common(20)}
    trained = english["lstm"]
    ours = sample.generate(trained.model, trained.vocab, "The ", 400, 0.8).text
    untrained = build(trained.model.config, seed=1).eval()
    baseline = sample.generate(untrained, trained.vocab, "The ", 400, 0.8).text
    assert _share_in(ours, common) > 0.8 > _share_in(baseline, common) + 0.3, (ours, baseline)
    assert sum(ours.count(w) for w in (" the ", " to ", " and ", " of ", " in ")) >= 2, ours


def test_trained_lstm_gradient_survives_longer_than_the_rnn(english) -> None:
    """At distance 30 (fixed seed): RNN ≈ 2e-9, LSTM ≈ 8e-7 measured here; the theory says LSTM > RNN."""
    ids = english["rnn"].vocab.encode(corpora.english()[-5000:])
    at_30 = {cell: float(gradients.mean_norms(t.model, ids, 30)[29]) for cell, t in english.items()}
    print(f"‖∂h_T/∂h_t‖ at T − t = 30: {at_30}")
    assert at_30["lstm"] > 10 * at_30["rnn"]


def test_chinese_loss_falls_and_samples_use_common_characters() -> None:
    text = corpora.chinese()
    assert "/" not in text[:5000] and "迈向充满希望的新世纪" in text
    settings = TrainSettings(hidden=64, seq_len=32, batch_size=16, steps=100, eval_every=50)
    trained = train_cells(text, ("lstm",), settings)["lstm"]
    start, end = trained.curve.eval_bpc[0], trained.curve.eval_bpc[-1]
    print(f"Chinese LSTM: held-out {start:.2f} → {end:.2f} bits/char, vocabulary {len(trained.vocab)}")
    assert start - end > 1.5
    common = {c for c, _ in Counter(text).most_common(200)}
    ours = sample.generate(trained.model, trained.vocab, "中国", 300, 0.8).text
    baseline = sample.generate(build(trained.model.config, seed=1).eval(), trained.vocab, "中国", 300, 0.8).text
    assert _share_in(ours, common) > _share_in(baseline, common) + 0.3, (ours, baseline)


def test_stop_keeps_what_was_trained() -> None:
    calls = []
    result = train_cells(corpora.english()[:5000], ("gru",), TrainSettings(hidden=8, seq_len=16, steps=50),
                         report=calls.append, stopped=lambda: len(calls) >= 3)
    assert result["gru"].curve.steps == [1, 2, 3] and len(calls) == 3


def test_sampling_is_seeded_and_reports_distributions(english) -> None:
    trained = english["lstm"]
    one = sample.generate(trained.model, trained.vocab, "The ", 50, 1.0, seed=7)
    two = sample.generate(trained.model, trained.vocab, "The ", 50, 1.0, seed=7)
    assert one == two and len(one.text) == 50 and len(one.top_probs) == 50
    assert all(0 < sum(p) <= 1 + 1e-5 for p in one.top_probs), "the top candidates' share of the probability"
    assert all(p[0] >= p[-1] for p in one.top_probs)
    cold = sample.generate(trained.model, trained.vocab, "The ", 50, 0.2)
    assert sum(p[0] for p in cold.top_probs) > sum(p[0] for p in one.top_probs), "a low temperature is surer"


@pytest.mark.parametrize("text, key", [("", "err.text_empty"), ("abc\x01\x02\x03\x04" * 20, "err.text_binary")])
def test_bad_own_text_is_refused(text: str, key: str) -> None:
    with pytest.raises(UserError) as error:
        corpora.own_text(text)
    assert error.value.key == key


def test_binary_upload_and_short_text_and_unseen_prime() -> None:
    with pytest.raises(UserError, match="binary|not text|text"):
        corpora.own_text(upload=b"\x89PNG\x00\x00\x01")
    with pytest.raises(UserError) as error:
        train_cells("short text", ("rnn",), TrainSettings(seq_len=16))
    assert error.value.key == "rnn.err.too_short"
    model = build(ModelConfig(3, "rnn", 4), 0)
    with pytest.raises(UserError) as error:
        sample.generate(model, Vocab(("a", "b", "c")), "xyz", 10, 1.0)
    assert error.value.key == "rnn.err.unseen_chars"
