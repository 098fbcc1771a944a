"""The training playground: datasets, learning, overfitting and its cures."""
import numpy as np
import pytest
import torch

from core.activations.datasets import DATASETS, make_dataset, split
from core.activations.playground import OPTIMIZERS, NetConfig, Playground
from core.errors import UserError

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _train(pg: Playground, steps: int, chunk: int = 50) -> Playground:
    for _ in range(steps // chunk):
        pg.train(chunk)
    return pg


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_balanced_two_class_sets(name: str) -> None:
    points, labels = make_dataset(name, 200, 0.1, seed=3)
    assert points.shape == (200, 2) and points.dtype == np.float32
    assert set(np.unique(labels)) == {0.0, 1.0} and labels.mean() == 0.5
    assert np.abs(points).max() < 2.5
    again, _ = make_dataset(name, 200, 0.1, seed=3)
    np.testing.assert_array_equal(points, again)


def test_dataset_geometry_without_noise() -> None:
    points, labels = make_dataset("circles", 300, 0.0)
    radius = np.linalg.norm(points, axis=1)
    assert radius[labels == 1].max() < radius[labels == 0].min(), "inner disc is class 1"
    points, labels = make_dataset("xor", 300, 0.0)
    np.testing.assert_array_equal(labels, (points[:, 0] * points[:, 1] > 0).astype(np.float32))


def test_split_sizes_and_bad_names() -> None:
    data = split(*make_dataset("moons", 100, 0.1), 0.3)
    assert (len(data.x_train), len(data.x_test)) == (30, 70)
    assert data.extent > np.abs(data.x_train).max()
    with pytest.raises(UserError):
        make_dataset("swiss_roll", 100, 0.1)
    with pytest.raises(UserError):
        make_dataset("moons", 10**6, 0.1)


def test_small_relu_mlp_learns_circles() -> None:
    data = split(*make_dataset("circles", 400, 0.1), 0.5)
    pg = _train(Playground(data, NetConfig(layers=2, neurons=8, activation="relu"), lr=0.03), 500)
    assert pg.history.test_acc[-1] > 0.95
    assert pg.steps == 500 and len(pg.history.step) == 11  # the initial evaluation plus one per update


@pytest.fixture(scope="module")
def overfit_data():
    """30 noisy training points, the rest for testing."""
    return split(*make_dataset("circles", 100, 0.2), 0.3)


@pytest.fixture(scope="module")
def unregularised(overfit_data) -> Playground:
    return _train(Playground(overfit_data, NetConfig(layers=4, neurons=64), lr=0.01), 1000)


def test_large_mlp_on_30_noisy_points_overfits(overfit_data, unregularised) -> None:
    h = unregularised.history
    assert len(overfit_data.x_train) == 30
    assert h.train_acc[-1] == 1.0
    assert h.test_loss[-1] > h.train_loss[-1]
    assert h.test_loss[-1] > 2 * min(h.test_loss), "test loss rises after its minimum"


def test_l2_cures_overfitting(overfit_data, unregularised) -> None:
    pg = _train(Playground(overfit_data, NetConfig(layers=4, neurons=64), lr=0.01, l2=0.3), 1000)
    assert pg.history.test_loss[-1] < 0.5 * unregularised.history.test_loss[-1]


def test_dropout_lowers_test_loss(overfit_data, unregularised) -> None:
    pg = _train(Playground(overfit_data, NetConfig(layers=4, neurons=64, dropout=0.5), lr=0.01), 1000)
    assert pg.history.test_loss[-1] < unregularised.history.test_loss[-1]
    assert pg.history.train_loss[-1] > unregularised.history.train_loss[-1], "dropout stops memorising"


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_lowers_the_loss(optimizer: str) -> None:
    data = split(*make_dataset("blobs", 100, 0.1), 0.5)
    pg = _train(Playground(data, NetConfig(optimizer=optimizer, activation="tanh"), lr=0.03), 100)
    assert pg.history.train_loss[-1] < 0.7 * pg.history.train_loss[0]


def test_boundary_batchnorm_dropout_and_live_settings() -> None:
    data = split(*make_dataset("xor", 100, 0.1), 0.5)
    pg = Playground(data, NetConfig(layers=3, neurons=16, activation="gelu", dropout=0.3, batchnorm=True), lr=0.01)
    pg.train(20)
    axis, probs = pg.boundary(100)
    assert axis.shape == (100,) and probs.shape == (100, 100)
    assert ((probs >= 0) & (probs <= 1)).all()
    assert axis[0] == -data.extent and axis[-1] == pytest.approx(data.extent)
    np.testing.assert_array_equal(probs, pg.boundary(100)[1]), "eval mode: no dropout noise in the picture"
    pg.set_hyper(lr=0.3, l2=1.0)
    assert pg.optimizer.param_groups[0]["lr"] == 0.3 and pg.l2 == 1.0


def test_same_seed_same_network() -> None:
    a, b = (NetConfig(seed=5), NetConfig(seed=5))
    from core.activations.playground import build_mlp

    for p, q in zip(build_mlp(a).parameters(), build_mlp(b).parameters()):
        torch.testing.assert_close(p, q)
    with pytest.raises(UserError):
        build_mlp(NetConfig(layers=0))
