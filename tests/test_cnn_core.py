"""core.cnn: conv arithmetic vs torch, kernels, costs, receptive fields, the functional walk, top-5, Grad-CAM."""
from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torchvision.models import vgg16

from core.cli import main as cli_main
from core.convert.efficientnet_lite import load_efficientnet_lite0
from core.convert.squeezenet import load_squeezenet1_1
from core.cnn.classify import classify, top_k
from core.cnn.conv_workbench import ConvSettings, convolve, kernel_tensor, output_size, pool
from core.cnn.costs import ConvLayer, bottleneck_cost, separable_cost, standard_cost
from core.cnn.features import compute_activations, resized_input, walk
from core.cnn.gradcam import grad_cam
from core.cnn.models import available_models, load_model, vgg_imagenet_model
from core.cnn.receptive_field import receptive_fields
from core.cnn.render import COLORMAPS, colormap_lut, render_layer
from core.errors import UserError
from tests.conftest import ASSETS

COFFEE = ASSETS / "images" / "coffee.png"
ESPRESSO = 967


@pytest.fixture(scope="module")
def coffee() -> Image.Image:
    return Image.open(COFFEE).convert("RGB")


@pytest.fixture(scope="module")
def models() -> dict:
    return {m: load_model(m) for m in ("squeezenet1_1", "efficientnet-lite0", "vgg16-hed")}


# ---------------------------------------------------------------- convolution workbench


GRID = list(itertools.product([5, 8, 17], [1, 3, 5], [0, 1, 2], [1, 2, 3], [1, 2]))


@pytest.mark.parametrize("n, f, p, s, d", GRID)
def test_output_size_formula_matches_conv2d(n: int, f: int, p: int, s: int, d: int) -> None:
    expected = output_size(n, f, p, s, d)
    if expected < 1:
        with pytest.raises(RuntimeError):
            F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, f, f), stride=s, padding=p, dilation=d)
        return
    out = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, f, f), stride=s, padding=p, dilation=d)
    assert out.shape[-2:] == (expected, expected)


@pytest.mark.parametrize("dilation", [1, 2, 3])
def test_same_padding_keeps_the_size_at_stride_1(dilation: int) -> None:
    out = convolve(torch.rand(20, 31), kernel_tensor("blur"), ConvSettings(1, "same", 0, dilation))
    assert out.shape == (20, 31)


def test_valid_and_custom_padding_and_a_kernel_that_does_not_fit() -> None:
    image = torch.rand(10, 12)
    assert convolve(image, kernel_tensor("sharpen"), ConvSettings(1, "valid")).shape == (8, 10)
    assert convolve(image, kernel_tensor("sharpen"), ConvSettings(2, "custom", 3)).shape == (7, 8)
    with pytest.raises(UserError) as error:
        convolve(torch.rand(4, 4), kernel_tensor("sharpen"), ConvSettings(1, "valid", 0, 3))
    assert error.value.key == "cnn.err.kernel_too_big"


def test_sobel_is_strongest_on_a_vertical_edge() -> None:
    image = torch.zeros(32, 32)
    image[:, 16:] = 1.0  # dark left half, bright right half: one vertical edge between columns 15 and 16
    response = convolve(image, kernel_tensor("sobel_x"), ConvSettings(1, "valid")).abs()  # (30, 30)
    column_strength = response.mean(dim=0)
    assert int(column_strength.argmax()) + 1 in (15, 16), "output column j sees input columns j..j+2"
    assert float(response[:, :10].max()) == 0.0, "a flat area gives no response"
    across = convolve(image, kernel_tensor("sobel_y"), ConvSettings(1, "valid")).abs()
    assert float(across.max()) == 0.0, "the horizontal-edge Sobel ignores a vertical edge"


def test_max_pooling_is_at_least_average_pooling() -> None:
    x = torch.randn(16, 16)
    assert pool(x, "max", 2, 2).shape == (8, 8)
    assert torch.all(pool(x, "max", 2, 2) >= pool(x, "avg", 2, 2))


# ---------------------------------------------------------------- costs


def test_inception_bottleneck_example() -> None:
    layer = ConvLayer(28, 28, 192, 32, 5)
    assert standard_cost(layer).mults == 120_422_400  # "about 120M"
    assert bottleneck_cost(layer, 16).mults == 12_443_648  # "about 12.4M"


def test_depthwise_separable_saves_8_to_9x_for_3x3() -> None:
    layer = ConvLayer(56, 56, 256, 256, 3)
    ratio = standard_cost(layer).mults / separable_cost(layer).mults
    assert 8 < ratio < 9
    assert ratio == pytest.approx(1 / (1 / 256 + 1 / 9))


def test_parameter_counts_match_torch_modules() -> None:
    layer = ConvLayer(28, 28, 192, 32, 5)
    standard = nn.Conv2d(192, 32, 5)
    separable = nn.Sequential(nn.Conv2d(192, 192, 5, groups=192), nn.Conv2d(192, 32, 1))
    bottleneck = nn.Sequential(nn.Conv2d(192, 16, 1), nn.Conv2d(16, 32, 5))
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert standard_cost(layer).params == count(standard)
    assert separable_cost(layer).params == count(separable)
    assert bottleneck_cost(layer, 16).params == count(bottleneck)


# ---------------------------------------------------------------- receptive fields


def test_vgg16_receptive_fields_match_known_values(models) -> None:
    fields = receptive_fields(models["vgg16-hed"].stages)
    known = {"conv1_1": 3, "conv1_2": 5, "pool1": 6, "conv2_2": 14, "pool2": 16, "conv3_3": 40, "pool3": 44,
             "conv4_3": 92, "pool4": 100, "conv5_1": 132, "conv5_3": 196, "pool5": 212}
    assert {name: fields[name].size for name in known} == known
    assert fields["conv5_3"].jump == 16 and fields["pool5"].jump == 32


def test_receptive_field_of_dilated_conv() -> None:
    fields = receptive_fields([("a", nn.Conv2d(1, 1, 3, dilation=2)), ("b", nn.Conv2d(1, 1, 3, stride=2))])
    assert (fields["a"].size, fields["b"].size, fields["b"].jump) == (5, 7, 2)


# ---------------------------------------------------------------- models, features, classes


@pytest.mark.parametrize("model_id, loader", [("squeezenet1_1", load_squeezenet1_1),
                                              ("efficientnet-lite0", load_efficientnet_lite0)])
def test_walk_gives_the_same_logits_as_the_network(models, coffee, model_id: str, loader) -> None:
    model = models[model_id]
    x = model.preprocess(resized_input(coffee))
    with torch.inference_mode():
        _, logits = walk(model, x)
        torch.testing.assert_close(logits, loader()(x), rtol=1e-4, atol=1e-4)


def test_imagenet_vgg_wiring_matches_torchvision_forward() -> None:
    """The ImageNet VGG path (weights need internet) is wired right: same logits as ``vgg(x)``."""
    torch.manual_seed(0)
    vgg = vgg16(weights=None).eval()
    model = vgg_imagenet_model("vgg16-imagenet", vgg)
    assert model.layer_names[:3] == ["conv1_1", "conv1_2", "pool1"] and model.layer_names[-1] == "pool5"
    x = torch.rand(1, 3, 64, 64)
    with torch.inference_mode():
        torch.testing.assert_close(walk(model, x)[1], vgg(x))


def test_offline_models_are_always_available() -> None:
    assert {"squeezenet1_1", "efficientnet-lite0", "vgg16-hed"} <= set(available_models())


def test_activations_are_ranked_and_leave_the_model_untouched(models, coffee) -> None:
    model = models["vgg16-hed"]
    before = {k: v.clone() for k, v in nn.Sequential(*[s for _, s in model.stages]).state_dict().items()}
    acts = compute_activations(model, coffee)
    assert acts.logits is None
    assert acts.shape("conv1_1") == (64, 224, 224) and acts.shape("conv5_3") == (512, 14, 14)
    means = acts.maps["conv3_3"].numpy().mean(axis=(1, 2))
    assert sorted(acts.order["conv3_3"].tolist()) == list(range(256))
    assert np.all(np.diff(means[acts.order["conv3_3"]]) <= 0), "strongest channel first"
    for _, stage in model.stages:
        for module in stage.modules():
            assert not module._forward_hooks and not module._forward_pre_hooks
    after = nn.Sequential(*[s for _, s in model.stages]).state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)


@pytest.mark.parametrize("model_id", ["squeezenet1_1", "efficientnet-lite0"])
def test_top1_is_espresso_on_coffee(models, coffee, model_id: str) -> None:
    predictions = classify(models[model_id], coffee)
    assert len(predictions) == 5 and predictions[0].label == "espresso" and predictions[0].index == ESPRESSO
    assert all(a.probability >= b.probability for a, b in zip(predictions, predictions[1:]))


def test_top_k_is_softmax_order() -> None:
    logits = torch.zeros(1000)
    logits[ESPRESSO], logits[3] = 5.0, 4.0
    best = top_k(logits, 2)
    assert [p.index for p in best] == [ESPRESSO, 3]
    assert best[0].probability == pytest.approx(float(logits.softmax(-1)[ESPRESSO]))


def test_vgg_hed_cannot_classify(models, coffee) -> None:
    with pytest.raises(ValueError):
        classify(models["vgg16-hed"], coffee)


# ---------------------------------------------------------------- Grad-CAM


@pytest.mark.parametrize("model_id", ["squeezenet1_1", "efficientnet-lite0"])
@pytest.mark.parametrize("corner", [(0, 0), (112, 112), (0, 112)])
def test_grad_cam_is_strongest_where_the_object_is(models, coffee, model_id: str, corner: tuple[int, int]) -> None:
    """A coffee cup pasted into one quadrant of a plain grey canvas: the espresso map peaks in that quadrant."""
    canvas = Image.new("RGB", (224, 224), (128, 128, 128))
    canvas.paste(coffee.crop((60, 0, 540, 360)).resize((112, 84)), corner)
    model = models[model_id]
    cam = grad_cam(model, canvas, model.cam_layer, ESPRESSO)  # (h, w) in [0, 1]
    assert float(cam.max()) == pytest.approx(1.0)
    h, w = cam.shape
    quadrants = {(x, y): float(cam[y * h // 2:(y + 1) * h // 2, x * w // 2:(x + 1) * w // 2].mean())
                 for x in (0, 1) for y in (0, 1)}
    assert max(quadrants, key=quadrants.get) == (corner[0] // 112, corner[1] // 112)


# ---------------------------------------------------------------- drawing and CLI


def test_render_layer_from_cache(models, coffee) -> None:
    acts = compute_activations(models["squeezenet1_1"], coffee)
    photo = coffee.resize((150, 100))
    view = render_layer(acts, "fire5", 12, "Viridis", None, photo, 0.5)
    assert view.channels == [int(c) for c in acts.order["fire5"][:12]] and view.channel == view.channels[0]
    assert len(view.tiles) == 12 and view.tiles[0].shape == (96, 96, 3)
    assert view.overlaid.shape == view.large.shape == (100, 150, 3)
    assert render_layer(acts, "fire5", 12, "Magma", 7, photo, 0.5).channel == 7
    for name in COLORMAPS:
        assert colormap_lut(name).shape == (256, 3)


def test_cli_classify_json(capsys) -> None:
    assert cli_main(["classify", str(COFFEE), "--model", "efficientnet-lite0", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == "efficientnet-lite0" and len(result["top"]) == 5
    assert result["top"][0]["label"] == "espresso"


def test_cli_classify_rejects_a_non_image(tmp_path, capsys) -> None:
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    assert cli_main(["classify", str(bad)]) == 2
    assert "image" in capsys.readouterr().err


def test_size_formula_blocks_and_mosaic() -> None:
    import numpy as np
    import torch

    from core.cnn.conv_workbench import ConvSettings, blocks, output_size, size_latex
    from core.cnn.costs import ConvLayer, compare, standard_cost
    from core.cnn.figures import cost_chart
    from core.cnn.render import mosaic

    latex = size_latex(213, ConvSettings(2, "valid", 0, 1))
    assert r"\frac{213 + 2\cdot0 - 3}{2}" in latex and latex.endswith(f"= {output_size(213, 3, 0, 2)}")
    assert size_latex(10, ConvSettings(1, "custom", 2, 2)).endswith("= 10"), "(10 + 4 - 5) / 1 + 1"
    shown = blocks(torch.tensor([[0.0, 1.0], [1.0, 0.0]]), 3)
    assert shown.size == (6, 6) and np.asarray(shown)[:3, :3].max() == 0 and np.asarray(shown)[:3, 3:].min() == 255
    sheet = mosaic([np.full((4, 4, 3), i, dtype=np.uint8) for i in range(5)], columns=3, gap=1)
    assert sheet.size == (3 * 4 + 2, 2 * 4 + 1) and np.asarray(sheet)[5, 5, 0] == 4, "tile 4: row 1, column 1"
    layer = ConvLayer(28, 28, 192, 32, 5)
    designs = compare(layer, 16)
    assert list(designs) == ["standard", "separable", "bottleneck_design"] and designs["standard"] == standard_cost(layer)
    assert list(cost_chart(designs, ["a", "b", "c"], "M").data[0].y) == ["a", "b", "c"]
