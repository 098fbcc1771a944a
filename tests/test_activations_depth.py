"""Gradients through depth: the classic vanishing / exploding settings and their fixes."""
import numpy as np
import pytest
import torch

from core.activations import depth as dp
from core.errors import UserError

pytestmark = pytest.mark.usefixtures("one_torch_thread")
WIDTH = 128


@pytest.fixture(scope="module")
def runs() -> dict[str, dp.DepthResult]:
    configs = {
        "sigmoid_small": dp.DepthConfig(depth=20, width=WIDTH, activation="sigmoid", init="small"),
        "relu_he": dp.DepthConfig(depth=20, width=WIDTH, activation="relu", init="he"),
        "relu_large": dp.DepthConfig(depth=20, width=WIDTH, activation="relu", init="custom", std=0.2),
        "tanh_xavier": dp.DepthConfig(depth=20, width=WIDTH, activation="tanh", init="xavier"),
        "sigmoid_small_bn": dp.DepthConfig(depth=20, width=WIDTH, activation="sigmoid", init="small",
                                           batchnorm=True),
    }
    return {name: dp.run_depth(config) for name, config in configs.items()}


def test_sigmoid_with_small_init_vanishes(runs) -> None:
    r = runs["sigmoid_small"]
    assert dp.DepthResult.ratio(r.grad_norm) > 100, "weight gradients shrink >100x from last to first layer"
    assert dp.DepthResult.ratio(r.delta_norm) > 100
    assert dp.verdict(r) == "vanishing"


def test_relu_with_he_init_keeps_the_scale(runs) -> None:
    r = runs["relu_he"]
    assert 0.1 < dp.DepthResult.ratio(r.grad_norm) < 10
    assert r.grad_norm.max() / r.grad_norm.min() < 10, "every layer within 10x"
    assert dp.verdict(r) == "healthy"
    assert 0.3 < r.flat_fraction.mean() < 0.7, "ReLU zeroes about half of the units"


def test_relu_with_large_init_explodes(runs) -> None:
    r = runs["relu_large"]
    assert dp.DepthResult.ratio(r.delta_norm) < 0.01, "the backprop signal grows >100x towards the input"
    assert r.act_std[-1] > 100 * r.act_std[0], "activations grow layer after layer"
    assert dp.verdict(r) == "exploding"


def test_matching_inits_and_batchnorm_fix_it(runs) -> None:
    assert dp.verdict(runs["tanh_xavier"]) == "healthy"
    assert dp.verdict(runs["sigmoid_small_bn"]) == "healthy"
    assert runs["sigmoid_small_bn"].grad_norm[0] > 1e6 * max(runs["sigmoid_small"].grad_norm[0], 1e-38)


def test_result_shapes_and_determinism(runs) -> None:
    r = runs["relu_he"]
    assert r.samples.shape == (20, dp.SAMPLE)
    for values in (r.act_mean, r.act_std, r.grad_norm, r.delta_norm, r.flat_fraction):
        assert values.shape == (20,) and np.isfinite(values).all()
    again = dp.run_depth(dp.DepthConfig(depth=20, width=WIDTH, activation="relu", init="he"))
    np.testing.assert_array_equal(again.grad_norm, r.grad_norm)


@pytest.mark.parametrize(("init", "expected"), [("small", 0.01), ("xavier", (1 / 256) ** 0.5),
                                                ("he", (2 / 256) ** 0.5), ("custom", 0.3)])
def test_initialisers_give_the_course_std(init: str, expected: float) -> None:
    weight = torch.empty(256, 256)
    dp.init_weight(weight, init, std=0.3)
    assert abs(float(weight.std()) - expected) < 0.03 * expected


def test_parametrised_activation_and_bad_settings() -> None:
    r = dp.run_depth(dp.DepthConfig(depth=3, width=16, activation="leaky_relu", params=(("slope", 0.2),)))
    assert r.grad_norm.shape == (3,)
    with pytest.raises(UserError):
        dp.run_depth(dp.DepthConfig(depth=dp.MAX_DEPTH + 1))
    with pytest.raises(UserError):
        dp.run_depth(dp.DepthConfig(depth=2, init="orthogonal"))
