"""The by-hand cells equal torch's layers; the recorded memory, the step table and the Jacobian norms are right."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from core.errors import UserError
from core.rnn import gradients, memory, sample, unrolled
from core.rnn.model import CELLS, ModelConfig, build
from core.rnn.vocab import Vocab

pytestmark = pytest.mark.usefixtures("one_torch_thread")
TEXT = "the cat sat on the mat; 猫坐在垫子上。\nthe end."
VOCAB = Vocab.of(TEXT)


def _model(cell: str, layers: int = 2, hidden: int = 12, seed: int = 3):
    model = build(ModelConfig(len(VOCAB), cell, hidden, layers, embedding=6), seed).eval()
    with torch.no_grad():  # biases away from zero so every term of the formulas matters
        for name, p in model.recurrent.named_parameters():
            if name.startswith("bias"):
                p.add_(0.3 * torch.randn_like(p))
    return model


@pytest.mark.parametrize("cell", CELLS)
def test_by_hand_cell_equals_torch_on_every_layer(cell: str) -> None:
    model = _model(cell)
    ids = VOCAB.encode(TEXT)
    with torch.no_grad():
        out, state = model.recurrent(model.embed(ids)[None])  # (1, T, H), state (layers, 1, H)
    traces = memory.record(model, ids, TEXT)
    assert len(traces) == 2
    np.testing.assert_allclose(traces[-1].hidden, out[0].numpy(), atol=1e-6)
    h_n = state[0] if cell == "lstm" else state
    for layer, trace in enumerate(traces):
        np.testing.assert_allclose(trace.hidden[-1], h_n[layer, 0].numpy(), atol=1e-6)
    if cell == "lstm":
        for layer, trace in enumerate(traces):
            np.testing.assert_allclose(trace.cell_state[-1], state[1][layer, 0].numpy(), atol=1e-6)
        gates = traces[0].gates
        assert set(gates) == {"i", "f", "g", "o"} and traces[0].names == ("h", "c", "i", "f", "g", "o")
        assert all(((gates[g] > 0) & (gates[g] < 1)).all() for g in "ifo"), "sigmoid gates lie in (0, 1)"
    expected = {"rnn": set(), "gru": {"r", "z", "n"}, "lstm": {"i", "f", "g", "o"}}[cell]
    assert set(traces[0].gates) == expected


@pytest.mark.parametrize("cell", CELLS)
def test_step_table_h_equals_torch_first_layer(cell: str) -> None:
    model = _model(cell, layers=1)
    position = 9
    table = unrolled.step_table(model, VOCAB, TEXT, position, units=5)
    with torch.no_grad():
        out, _ = model.recurrent(model.embed(VOCAB.encode(TEXT))[None])  # (1, T, H)
    np.testing.assert_allclose(table["h_t"], out[0, position, :5].numpy(), atol=1e-6)
    np.testing.assert_allclose(table["h_{t-1}"], out[0, position - 1, :5].numpy(), atol=1e-6)
    if cell == "lstm":
        c = np.array(table["f"]) * np.array(table["c_{t-1}"]) + np.array(table["i"]) * np.array(table["g"])
        np.testing.assert_allclose(table["c_t"], c, atol=1e-6)


def test_rank_units_puts_the_most_varying_first() -> None:
    values = np.stack([np.zeros(50), np.sin(np.arange(50)), 0.1 * np.cos(np.arange(50))], axis=1)  # (T, 3)
    assert memory.rank_units(values).tolist() == [1, 2, 0]


@pytest.mark.parametrize("cell", CELLS)
def test_jacobian_norms_equal_a_full_autograd_jacobian(cell: str) -> None:
    """The one-backward batch trick against torch.autograd.functional.jacobian, step by step."""
    model = _model(cell, layers=2, hidden=8).requires_grad_(False)
    ids = VOCAB.encode(TEXT[:9])
    norms = gradients.jacobian_norms(model, ids)  # distances 1 … 8
    x = model.embed(ids)[None]  # (1, T, E)
    zeros = torch.zeros(2, 1, 8)

    def run(h_t: torch.Tensor, start: int, c_t: torch.Tensor) -> torch.Tensor:
        state = (h_t, c_t) if cell == "lstm" else h_t
        for t in range(start, len(ids)):
            _, state = model.recurrent(x[:, t:t + 1], state)
        return (state[0] if cell == "lstm" else state)[-1, 0]  # (H,) top layer h_T

    state = (zeros, zeros) if cell == "lstm" else zeros
    for t in range(len(ids) - 1):  # the state after step t, then the rest of the text
        _, state = model.recurrent(x[:, t:t + 1], state)
        h_t, c_t = (state if cell == "lstm" else (state, zeros))
        jac = torch.autograd.functional.jacobian(lambda h: run(h, t + 1, c_t), h_t)  # (H, layers, 1, H)
        expected = torch.linalg.matrix_norm(jac.reshape(8, 16), ord=2)
        assert norms[len(ids) - 2 - t] == pytest.approx(float(expected), rel=1e-4, abs=1e-9)


def test_power_norms_are_matrix_powers() -> None:
    w = torch.randn(6, 6, generator=torch.Generator().manual_seed(0)) * 0.5
    expected = [float(torch.linalg.matrix_norm(torch.linalg.matrix_power(w.double(), k), ord=2)) for k in (1, 2, 5)]
    assert gradients.power_norms(w, 5)[[0, 1, 4]].tolist() == pytest.approx(expected)


def test_unseen_characters_are_named() -> None:
    with pytest.raises(UserError) as error:
        VOCAB.encode("a yak zoo x")
    assert error.value.key == "rnn.err.unseen_chars" and ": k x y z." in error.value.message()


def test_unrolled_drawing_repeats_one_cell() -> None:
    source = unrolled.dot("lstm", 'a"b\n', steps=4)
    assert source.count("LSTM") == 4 and 'x2\\n\\"' in source and "↵" in source and "h3, c3" in source


@pytest.mark.parametrize("cell", CELLS)
def test_sampling_steps_equal_torch_reading_the_whole_text(cell: str) -> None:
    """Each generated step's distribution equals what torch's layer gives reading prime + generated text at once."""
    model = _model(cell, layers=2)
    result = sample.generate(model, VOCAB, "the ", 30, temperature=0.7, seed=1)
    with torch.no_grad():
        scores, _ = model(VOCAB.encode("the " + result.text)[None])  # (1, T, V)
    probs = torch.softmax(scores[0, 3:-1] / 0.7, dim=1)  # (30, V): after the prime, after each generated char
    top = torch.topk(probs, len(result.top_probs[0]), dim=1).values
    np.testing.assert_allclose(np.array(result.top_probs), top.numpy(), atol=1e-5)
    chosen = probs[torch.arange(30), VOCAB.encode(result.text)]
    np.testing.assert_allclose(result.chosen_prob, chosen.numpy(), atol=1e-5)
