"""The model server on a real local Ray instance: every deployed pass equals the in-process path.

One Ray instance on 127.0.0.1 for the module (2 CPUs, small object store, no dashboard); the
deployments batch as configured. Compared on the same inputs: YOLO candidates, faces, CNN
logits, fast and any-painting style, attention maps; then concurrent requests (batched), an
unreachable server (a clear message) and the in-process fallback.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from core.errors import UserError
from core.serve.client import call, remote_or_local
from tests.conftest import LANGS, free_port

ASSETS = Path(__file__).resolve().parent.parent / "assets"
pytestmark = pytest.mark.serve


@pytest.fixture(scope="module")
def server() -> str:
    if os.environ.get("CI") != "true":
        pytest.importorskip("ray", reason="Ray Serve is installed by `make test` (requirements-serve.txt)")
    import ray
    from ray import serve

    from core.serve.deployments import run_all

    saved = {k: os.environ.get(k) for k in ("DLVL_SERVE_REPLICA_CPUS", "DLVL_SERVE_BATCH", "DLVL_SERVE_WAIT_MS",
                                           "DLVL_THREADS", "DLVL_SERVE_ADDRESS")}
    os.environ.update(DLVL_SERVE_REPLICA_CPUS="0", DLVL_SERVE_BATCH="8", DLVL_SERVE_WAIT_MS="20", DLVL_THREADS="1")
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=128 * 1024**2, log_to_driver=False,
             configure_logging=False)
    try:
        address = run_all("127.0.0.1", free_port())
        os.environ["DLVL_SERVE_ADDRESS"] = address
        yield address
    finally:
        serve.shutdown()
        ray.shutdown()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _rgb(name: str, side: int = 320) -> Image.Image:
    image = Image.open(ASSETS / name).convert("RGB")
    image.thumbnail((side, side))
    return image


@pytest.fixture
def both(server: str, monkeypatch: pytest.MonkeyPatch):
    """``both(f)``: ``f()`` once through the model server, once in-process (no address), as a pair."""
    def run(compute):
        remote = compute()
        with monkeypatch.context() as local:
            local.delenv("DLVL_SERVE_ADDRESS")
            return remote, compute()
    return run


def test_detection_through_the_server_equals_in_process(both) -> None:
    from core.detection.pipeline import load_model, raw_predictions

    model, photo = load_model("yolov3-tiny"), _rgb("images/coffee.png", 640)
    remote, local = both(lambda: raw_predictions(model, photo, 416).candidates)
    assert remote.grids == local.grids
    for name in ("boxes", "objectness", "class_probs"):
        assert torch.allclose(getattr(remote, name), getattr(local, name), atol=1e-4), name
    assert torch.equal(remote.cell, local.cell) and torch.equal(remote.anchor, local.anchor)


def test_concurrent_requests_are_batched_and_each_gets_its_own_answer(server: str) -> None:
    from core.detection.preprocess import fit

    images = [_rgb(f"images/{n}", 480) for n in ("coffee.png", "motorcycle_left.png", "astronaut.png", "chelsea.png")]
    inputs = [fit(image, 320)[0].numpy() for image in images * 2]  # 8 requests, 4 distinct

    def ask(pixels: np.ndarray) -> np.ndarray:
        return call("detect", {"pixels": pixels}, {"model": "yolov3-tiny"})["objectness"]

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, inputs))
    for i in range(4):
        np.testing.assert_allclose(answers[i], answers[i + 4], atol=1e-5)
        assert not np.allclose(answers[i], answers[(i + 1) % 4]), "distinct photos, distinct answers"


def test_faces_through_the_server_equal_in_process(both) -> None:
    from core.device import device
    from core.faces.pipeline import analyse, load_models

    models, photo = load_models(device()), _rgb("faces/obama.jpg", 480)
    remote, local = both(lambda: analyse(models, photo))
    assert len(remote) == len(local) >= 1
    np.testing.assert_allclose(remote.boxes, local.boxes, atol=0.05)
    assert float((remote.embeddings * local.embeddings).sum(dim=1).min()) > 0.9999


def test_cnn_top5_through_the_server_equals_in_process(both) -> None:
    from core.cnn.classify import classify
    from core.cnn.models import load_model

    model, photo = load_model("squeezenet1_1"), _rgb("images/coffee.png")
    remote, local = both(lambda: classify(model, photo))
    assert [p.index for p in remote] == [p.index for p in local]
    np.testing.assert_allclose([p.probability for p in remote], [p.probability for p in local], atol=1e-4)


def test_styles_through_the_server_equal_in_process(both) -> None:
    from core.style import arbitrary, fast

    content, painting = _rgb("images/chelsea.png", 256), _rgb("images/rocket.jpg", 256)
    net = fast.load_multistyle26()
    remote, local = both(lambda: np.asarray(fast.stylise(net, content, {3: 0.7, 9: 0.3}, 128)))
    assert remote.shape == local.shape and np.abs(remote.astype(int) - local.astype(int)).max() <= 1

    predictor, transformer = arbitrary.load_predictor(), arbitrary.load_transformer()
    remote, local = both(lambda: arbitrary.style_vector(predictor, painting))
    assert torch.allclose(remote, local, atol=1e-4)
    remote, local = both(lambda: np.asarray(arbitrary.stylise(transformer, content, local, 128)))
    assert np.abs(remote.astype(int) - local.astype(int)).max() <= 1


def test_attention_through_the_server_equals_in_process(both) -> None:
    from core.attention.extract import attend, encode
    from core.attention.model import load_minilm

    minilm = load_minilm()
    encoded = encode(minilm, "The animal didn't cross the street because it was too tired.")
    remote, local = both(lambda: attend(minilm, encoded))
    assert remote.tokens == local.tokens
    assert torch.allclose(remote.weights, local.weights, atol=1e-5)


def test_bad_input_found_by_the_server_comes_back_as_the_same_message(server: str) -> None:
    """The full YOLOv3 is not installed on the server: the app gets the server's translated message."""
    with pytest.raises(UserError) as error:
        call("detect", {"pixels": np.zeros((3, 320, 320), np.uint8)}, {"model": "yolov3"})
    assert error.value.key == "err.asset_missing"


@pytest.fixture
def counted_calls(server: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Routes the app sent to the model server during a test (the real ``call``, counted on the way)."""
    from core.serve import client

    counts: dict[str, int] = {}
    real = client.call

    def counting(route: str, *args, **kwargs):
        counts[route] = counts.get(route, 0) + 1
        return real(route, *args, **kwargs)

    monkeypatch.setattr(client, "call", counting)
    return counts


@pytest.mark.parametrize("lang", LANGS)
def test_detection_page_apptest_passes_with_the_serve_backend(counted_calls: dict[str, int], lang: str) -> None:
    from tests import test_detection_apptest

    test_detection_apptest.test_upload_is_detected_and_every_view_renders(lang)
    assert counted_calls.get("detect", 0) >= 1, counted_calls  # the upload (new bytes, never cached) ran there


@pytest.mark.parametrize("lang", LANGS)
def test_faces_page_apptests_pass_with_the_serve_backend(counted_calls: dict[str, int], lang: str) -> None:
    from tests import test_faces_apptest

    test_faces_apptest.test_two_uploads_give_the_verdict(lang)
    if lang == "en":
        test_faces_apptest.test_face_book_enrol_identify_forget_and_geometry()
    assert counted_calls.get("faces", 0) >= 2, counted_calls  # face photos are never cached across sessions


def test_unreachable_server_gives_a_clear_message_or_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLVL_SERVE_ADDRESS", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    monkeypatch.setenv("DLVL_SERVE_TIMEOUT_S", "5")
    ask = dict(route="attention", request=lambda: ({"ids": np.arange(3)}, {}), decode=lambda a: "remote",
               local=lambda: "in-process")
    with pytest.raises(UserError) as error:
        remote_or_local(**ask)
    assert error.value.key == "serve.err.unavailable" and "127.0.0.1" in error.value.message("en")
    monkeypatch.setenv("DLVL_SERVE_FALLBACK", "1")
    assert remote_or_local(**ask) == "in-process"
    monkeypatch.delenv("DLVL_SERVE_ADDRESS")
    assert remote_or_local(**ask) == "in-process", "no address: embedded, as by default"


@pytest.mark.parametrize("config", ["deploy/ray/serve-config.yaml", "deploy/ray/rayservice.yaml"])
def test_every_application_of_the_deploy_configs_builds(config: str) -> None:
    """The cluster configs name real applications with valid arguments (built, not deployed)."""
    if os.environ.get("CI") != "true":
        pytest.importorskip("ray", reason="Ray Serve is installed by `make test` (requirements-serve.txt)")
    import importlib

    import yaml

    from core.serve.deployments import APPS

    document = yaml.safe_load((ASSETS.parent / config).read_text())
    serve_config = yaml.safe_load(document["spec"]["serveConfigV2"]) if "spec" in document else document
    names = []
    for app in serve_config["applications"]:
        module, builder = app["import_path"].split(":")
        bound = getattr(importlib.import_module(module), builder)(app["args"])
        assert type(bound).__name__ == "Application" and app["route_prefix"] == f"/{app['args']['name']}"
        names.append(app["args"]["name"])
    assert sorted(names) == sorted(APPS)
