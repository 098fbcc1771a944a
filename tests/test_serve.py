"""The model server on a real local Ray instance: every deployed pass equals the in-process path.

One Ray instance on 127.0.0.1 for the module (2 CPUs, small object store, no dashboard); the
deployments batch as configured. Compared on the same inputs: YOLO candidates, faces, CNN
logits, fast and any-painting style, attention maps; then concurrent requests (batched), an
unreachable server (a clear message) and the in-process fallback.
"""
from __future__ import annotations

import os
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from core.errors import UserError
from core.serve import passes
from core.serve.client import call, remote_or_local

ASSETS = Path(__file__).resolve().parent.parent / "assets"
pytestmark = pytest.mark.serve


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
        address = run_all("127.0.0.1", _free_port())
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


def test_detection_candidates_equal_in_process(server: str) -> None:
    from core.detection.pipeline import load_model
    from core.detection.preprocess import fit

    model = load_model("yolov3-tiny")
    pixels, _ = fit(_rgb("images/coffee.png", 640), 416)  # (3, 416, 416) uint8
    remote = passes.candidates_from_arrays(call("detect", {"pixels": pixels.numpy()}, {"model": "yolov3-tiny"}))
    local = passes.detection_candidates(model, [pixels])[0]
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


def test_faces_equal_in_process(server: str) -> None:
    from core.device import device
    from core.faces.pipeline import analyse, load_models

    photo = _rgb("faces/obama.jpg", 480)
    remote = passes.faces_from_arrays(call("faces", {"photo": np.asarray(photo)}))
    local = analyse(load_models(device()), photo)
    assert len(remote) == len(local) >= 1
    np.testing.assert_allclose(remote.boxes, local.boxes, atol=0.05)
    cosine = (remote.embeddings * local.embeddings).sum(dim=1)
    assert float(cosine.min()) > 0.9999


def test_cnn_logits_equal_in_process(server: str) -> None:
    from core.cnn.features import compute_activations
    from core.cnn.models import load_model

    image = _rgb("images/coffee.png")
    remote = call("classify", {"image": np.asarray(image)}, {"model": "squeezenet1_1"})["logits"]
    local = compute_activations(load_model("squeezenet1_1"), image).logits.numpy()
    np.testing.assert_allclose(remote, local, atol=1e-3)
    assert int(remote.argmax()) == int(local.argmax())


def test_styles_equal_in_process(server: str) -> None:
    from core.style import arbitrary, fast

    content, painting = _rgb("images/chelsea.png", 256), _rgb("images/rocket.jpg", 256)
    remote = call("style/fast", {"content": np.asarray(content)}, {"style": {"3": 1.0}, "side": 128})["image"]
    local = np.asarray(fast.stylise(fast.load_multistyle26(), content, 3, 128))
    assert remote.shape == local.shape and np.abs(remote.astype(int) - local.astype(int)).max() <= 1

    vector = call("style/vector", {"painting": np.asarray(painting)})["vector"]
    predictor, transformer = arbitrary.load_predictor(), arbitrary.load_transformer()
    np.testing.assert_allclose(vector, arbitrary.style_vector(predictor, painting).numpy(), atol=1e-4)
    remote = call("style/arbitrary", {"content": np.asarray(content), "vector": vector}, {"side": 128})["image"]
    local = np.asarray(arbitrary.stylise(transformer, content, torch.from_numpy(vector), 128))
    assert np.abs(remote.astype(int) - local.astype(int)).max() <= 1


def test_attention_equal_in_process(server: str) -> None:
    from core.attention.extract import attend, encode
    from core.attention.model import load_minilm

    text = "The animal didn't cross the street because it was too tired."
    remote = call("attention", {}, {"text": text, "window": 0})["weights"]
    minilm = load_minilm()
    local = attend(minilm, encode(minilm, text)).weights.numpy()
    np.testing.assert_allclose(remote, local, atol=1e-5)


def test_bad_input_found_by_the_server_comes_back_as_the_same_message(server: str) -> None:
    with pytest.raises(UserError) as error:
        call("attention", {}, {"text": "\u200b\u200b", "window": 0})
    assert error.value.key == "att.err.no_tokens"


def test_unreachable_server_gives_a_clear_message_or_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLVL_SERVE_ADDRESS", f"http://127.0.0.1:{_free_port()}")  # nothing listens there
    monkeypatch.setenv("DLVL_SERVE_TIMEOUT_S", "5")
    ask = dict(route="attention", arrays=dict, params={"text": "hi", "window": 0}, decode=lambda a: "remote",
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
