"""The activation registry: autograd derivatives against finite differences, and the notes against the curves."""
import pytest
import torch

from core.activations import functions as fx
from core.errors import UserError

KINKS = torch.tensor([-3.0, 0.0, 3.0], dtype=torch.float64)  # ReLU-likes at 0, Hardswish at ±3
ODD_PARAMS = {"leaky_relu": {"slope": 0.2}, "prelu": {"a": 0.6}, "elu": {"alpha": 2.0}, "swish": {"beta": 3.0}}


def _grid(low: float = -6.0, high: float = 6.0, n: int = 1201) -> torch.Tensor:
    x = torch.linspace(low, high, n, dtype=torch.float64)  # (N,)
    far = (x[:, None] - KINKS[None, :]).abs().min(dim=1).values > 1e-3
    return x[far]


@pytest.mark.parametrize("params_kind", ["default", "odd"])
@pytest.mark.parametrize("act_id", list(fx.ACTIVATIONS))
def test_autograd_derivative_matches_finite_differences(act_id: str, params_kind: str) -> None:
    params = ODD_PARAMS.get(act_id, {}) if params_kind == "odd" else None
    x = _grid()
    _, dy = fx.curve(act_id, x, params)
    h = 1e-6
    module = fx.make(act_id, params).double()
    with torch.no_grad():
        numeric = (module(x + h) - module(x - h)) / (2 * h)
    torch.testing.assert_close(dy, numeric, atol=1e-6, rtol=1e-5)


def test_curve_values_are_torch_functions() -> None:
    x = _grid(-8, 8)
    F = torch.nn.functional
    oracles = {"sigmoid": torch.sigmoid(x), "relu": F.relu(x), "gelu": F.gelu(x), "softplus": F.softplus(x),
               "swish": F.silu(x), "mish": F.mish(x), "hardswish": F.hardswish(x), "step": (x > 0).double()}
    for act_id, expected in oracles.items():
        torch.testing.assert_close(fx.curve(act_id, x)[0], expected, msg=act_id)


def test_gelu_tanh_is_within_a_thousandth_of_exact() -> None:
    x = _grid(-8, 8)
    gap = (fx.curve("gelu_tanh", x)[0] - fx.curve("gelu", x)[0]).abs().max()
    assert 0 < gap < 1e-3


def test_large_beta_swish_tends_to_relu() -> None:
    x = _grid(-4, 4)
    assert (fx.curve("swish", x, {"beta": 10.0})[0] - x.clamp(min=0)).abs().max() < 0.03


@pytest.mark.parametrize("act_id", list(fx.ACTIVATIONS))
def test_notes_agree_with_the_curve(act_id: str) -> None:
    """The notes table's facts are checked against autograd, not copied."""
    a = fx.get(act_id)
    _, slope = fx.curve(act_id, torch.tensor([-5.0], dtype=torch.float64))
    assert (slope[0] == 0) == a.dead_units, "dead units exactly when f' = 0 on the whole negative side"
    _, dy = fx.curve(act_id, torch.tensor([-20.0, 20.0], dtype=torch.float64))
    if a.saturates != "none":
        assert abs(dy[0]) < 1e-6, "saturates: f' -> 0 for very negative x"
    assert (abs(dy[1]) < 1e-6) == (a.saturates == "both")
    y, _ = fx.curve(act_id, _grid(-10, 10))
    if a.zero_centred:
        assert y.min() < 0 < y.max()
    low = a.output_range.split(",")[0]
    if low.startswith("[") and low[1:].replace("−", "-").replace(".", "").lstrip("-").isdigit():
        assert abs(float(low[1:].replace("−", "-")) - float(y.min())) < 0.01, "the stated minimum is the curve's"


def test_step_cannot_be_trained_and_is_left_out_of_networks() -> None:
    _, dy = fx.curve("step", _grid())
    assert torch.count_nonzero(dy) == 0
    assert "step" not in fx.TRAINABLE and "relu" in fx.TRAINABLE


def test_prelu_slope_is_learnable() -> None:
    module = fx.make("prelu", {"a": 0.3})
    assert [p.shape for p in module.parameters()] == [torch.Size([1])]


def test_bad_ids_and_parameters_are_user_errors() -> None:
    with pytest.raises(UserError) as error:
        fx.make("nope")
    assert error.value.key == "act.err.unknown_activation"
    with pytest.raises(UserError) as error:
        fx.make("elu", {"alpha": 99.0})
    assert error.value.key == "act.err.param_range"
