"""The performance layer: the plain model's answers, off with DLVL_ACCEL=0, never changing the model."""
import pytest
import torch
from torch import nn

from core.accel import Accelerated, accelerate


def _small_net() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 4, 1)).eval()


def test_switched_off_by_the_setting(monkeypatch) -> None:
    model = _small_net()
    monkeypatch.setenv("DLVL_ACCEL", "0")
    assert accelerate(model) is model
    monkeypatch.setenv("DLVL_ACCEL", "1")
    assert isinstance(accelerate(model), Accelerated)


def test_same_answer_without_gradients_and_the_model_untouched() -> None:
    model = _small_net()
    before = {name: (p.clone(), p.stride()) for name, p in model.state_dict().items()}
    fast = Accelerated(model)
    x = torch.rand(2, 3, 20, 28)
    with torch.enable_grad():
        out = fast(x)
    assert not out.requires_grad and out.dtype == torch.float32
    with torch.no_grad():
        assert torch.allclose(out, model(x), atol=1e-5)
    for name, p in model.state_dict().items():
        assert torch.equal(p, before[name][0]) and p.stride() == before[name][1], name


def test_other_attributes_come_from_the_plain_model() -> None:
    model = _small_net()
    model.heads = ("a", "b")
    assert Accelerated(model).heads == ("a", "b")
    with pytest.raises(AttributeError):
        Accelerated(model).no_such_attribute  # noqa: B018


def test_with_gradients_autograd_reaches_the_input() -> None:
    model = _small_net().requires_grad_(False)
    x = torch.rand(1, 3, 12, 12, requires_grad=True)
    Accelerated(model, gradients=True)(x).square().sum().backward()
    y = x.detach().clone().requires_grad_(True)
    model(y).square().sum().backward()
    assert x.grad is not None and x.grad.is_contiguous()
    assert torch.allclose(x.grad, y.grad, atol=1e-5)
