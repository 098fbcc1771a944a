"""Gatys optimisation on the real VGG: the cost falls, Stop keeps an image, the shared VGG never changes."""

import pytest
import torch

from core.errors import UserError
from core.settings import LIMITS
from core.style.gatys import GatysConfig, costs, layer_gram, loss_features, optimise, targets
from core.style.vgg import VggFeatures, extract


def test_layer_names_and_named_outputs(vgg_net) -> None:
    assert vgg_net.names[:5] == ("conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1")
    assert {"relu4_2", "relu5_1"} <= set(vgg_net.relu_layers)
    outputs = VggFeatures(vgg_net, ["relu3_1", "relu1_1"])(torch.rand(1, 3, 64, 64))
    assert outputs._fields == ("relu1_1", "relu3_1")  # network order
    assert outputs.relu1_1.shape[1:] == (64, 64, 64)
    assert outputs.relu3_1.shape[1:] == (256, 16, 16)
    assert (outputs.relu3_1 >= 0).all()
    with pytest.raises(ValueError):
        extract(vgg_net, torch.rand(1, 3, 32, 32), ["relu9_9"])


def test_named_outputs_match_running_the_shared_layers_in_turn(vgg_net) -> None:
    """Against the torchvision ``features`` stack itself; a conv output asked for is not rectified in place."""
    image = torch.rand(1, 3, 40, 48)
    features = extract(vgg_net, image, ["conv1_1", "relu1_1", "relu2_2", "pool2"])
    expected, x = {}, vgg_net.preprocess(image)
    with torch.no_grad():
        for name, layer in zip(vgg_net.names, vgg_net.features):
            x = torch.relu(x) if isinstance(layer, torch.nn.ReLU) else layer(x)
            expected[name] = x
    assert (features["conv1_1"] < 0).any()
    for name, value in features.items():
        assert torch.allclose(value, expected[name], atol=1e-4), name


@pytest.mark.parametrize("accel", ["0", "1"], ids=["plain", "accelerated"])
def test_thirty_steps_halve_the_cost_and_leave_the_vgg_alone(vgg_net, style_photos, accel, monkeypatch) -> None:
    monkeypatch.setenv("DLVL_ACCEL", accel)
    before = [p.detach().clone() for p in vgg_net.features.parameters()]
    config = GatysConfig(size=128, steps=30, optimizer="lbfgs", init="content")
    progress = list(optimise(vgg_net, *style_photos, config))
    history = progress[-1].history
    assert len(history) == 30 and [p.step for p in history] == list(range(1, 31))
    assert history[0].content == pytest.approx(0.0, abs=1e-6), "starts from the content image"
    assert history[-1].total < 0.5 * history[0].total, (history[0], history[-1])
    best = progress[-1]
    assert best.best_loss == min(p.total for p in history)
    assert best.best.shape == (1, 3, 85, 128) and 0 <= best.best.min() and best.best.max() <= 1
    assert all(torch.equal(a, b) for a, b in zip(before, vgg_net.features.parameters())), "shared VGG unchanged"
    assert not any(p.requires_grad for p in vgg_net.features.parameters())


def test_the_accelerated_loss_network_gives_autograd_s_costs_and_gradient(vgg_net, monkeypatch) -> None:
    """The served loss network (channels-last, autograd kept) against the plain one, for the image's gradient."""
    config = GatysConfig()
    content, style = torch.rand(1, 3, 48, 64), torch.rand(1, 3, 48, 64)
    goal = targets(vgg_net, content, style, config)
    results = []
    for accel in ("0", "1"):
        monkeypatch.setenv("DLVL_ACCEL", accel)
        image = torch.rand(1, 3, 48, 64, generator=torch.Generator().manual_seed(0)).requires_grad_(True)
        total = costs(loss_features(vgg_net, config), image, goal, config)[2]
        total.backward()
        results.append((total.detach(), image.grad))
    (plain_cost, plain_grad), (fast_cost, fast_grad) = results
    assert torch.allclose(fast_cost, plain_cost, rtol=1e-4)
    assert (fast_grad - plain_grad).norm() < 1e-2 * plain_grad.norm()


def test_adam_from_noise_also_descends(vgg_net, style_photos) -> None:
    config = GatysConfig(size=64, steps=10, optimizer="adam", init="noise", lr=0.05)
    history = list(optimise(vgg_net, *style_photos, config))[-1].history
    assert history[-1].total < history[0].total


def test_caps_and_choices_are_checked(vgg_net, style_photos) -> None:
    for config, key in ((GatysConfig(size=LIMITS.max_style_size + 32), "style.err.size_cap"),
                        (GatysConfig(steps=LIMITS.max_style_steps + 1), "style.err.steps_cap"),
                        (GatysConfig(style_layers={"relu1_1": 0.0}), "style.err.no_style_layer")):
        with pytest.raises(UserError) as error:
            next(optimise(vgg_net, *style_photos, config))
        assert error.value.key == key


def test_layer_gram_is_symmetric(vgg_net) -> None:
    gram = layer_gram(vgg_net, torch.rand(1, 3, 48, 48), "relu2_1")
    assert gram.shape == (128, 128)
    assert torch.allclose(gram, gram.T, atol=1e-5)


def test_vgg19_layer_names_for_the_full_size_model() -> None:
    import torchvision

    from core.vgg_layers import layer_names

    names = layer_names(torchvision.models.vgg19().features)
    assert len(names) == 37 and names[-1] == "pool5"
    assert {"relu4_2", "relu5_4", "conv3_4"} <= set(names)
