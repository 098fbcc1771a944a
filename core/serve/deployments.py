"""The Ray Serve side: one deployment per stateless forward pass, each batching with ``@serve.batch``.

Start them with ``python -m core serve-models`` (a local Ray on one machine) or, on a Ray cluster,
from a Serve config whose applications use ``build_app`` (deploy/ray/). Each deployment loads its model once
per replica, on CUDA when the node has a GPU (``core.device``), and answers ``POST /<route>``
with ``.npz`` bodies (``core.serve.wire``). Batches collect up to ``DLVL_SERVE_BATCH`` requests or
wait ``DLVL_SERVE_WAIT_MS`` after the first, whichever comes first.
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np
import torch
from PIL import Image
from ray import serve
from starlette.requests import Request
from starlette.responses import Response

from core.attention.extract import attention_maps
from core.attention.model import load_minilm
from core.cnn.classify import logits_batch
from core.cnn.models import load_model as load_cnn
from core.detection.pipeline import candidates_batch
from core.detection.pipeline import load_model as load_detector
from core.device import device
from core.errors import UserError
from core.faces.pipeline import analyse_batch
from core.faces.pipeline import load_models as load_face_models
from core.serve.config import serve_config
from core.serve.wire import pack, unpack
from core.style import arbitrary, fast

APPS = ("detect", "faces", "classify", "style", "attention")  # one application each, at /<name>


def _image(array: np.ndarray) -> Image.Image:
    return Image.fromarray(np.ascontiguousarray(array, dtype=np.uint8), "RGB")


class _Endpoint:
    """Unpack a request, wait for its batch's answer, pack it; a ``UserError`` becomes a 422 the app translates."""

    def _tune(self, batching: tuple[int, float], *batched: Any) -> None:
        """Set each ``@serve.batch`` method's batch size and wait (ms) for this replica."""
        for method in batched:
            method.set_max_batch_size(batching[0])
            method.set_batch_wait_timeout_s(batching[1] / 1000)

    async def _answer(self, request: Request, handle: Any) -> Response:
        arrays, params = unpack(await request.body())
        try:
            result = await handle(arrays, params)
        except UserError as error:
            return Response(json.dumps({"key": error.key, "params": error.params}, default=str), status_code=422,
                            media_type="application/json")
        return Response(pack(result), media_type="application/octet-stream")


@serve.deployment
class Detector(_Endpoint):
    def __init__(self, batching: tuple[int, float]) -> None:
        self._load = load_detector
        self._models: dict[str, Any] = {}
        self._tune(batching, self.predict)

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.01)
    async def predict(self, requests: list[tuple[str, np.ndarray]]) -> list[dict[str, np.ndarray]]:
        answers: list[dict[str, np.ndarray]] = [{}] * len(requests)
        for model_id in {model_id for model_id, _ in requests}:
            rows = [i for i, (m, _) in enumerate(requests) if m == model_id]
            model = self._models.setdefault(model_id, self._load(model_id))
            found = candidates_batch(model, [torch.from_numpy(requests[i][1].copy()) for i in rows])
            for i, candidates in zip(rows, found):
                answers[i] = candidates.to_arrays()
        return answers

    async def __call__(self, request: Request) -> Response:
        return await self._answer(request, lambda a, p: self.predict((p["model"], a["pixels"])))


@serve.deployment
class FaceAnalyser(_Endpoint):
    def __init__(self, batching: tuple[int, float]) -> None:
        self._models = load_face_models(device())
        self._tune(batching, self.analyse)

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.01)
    async def analyse(self, photos: list[np.ndarray]) -> list[dict[str, np.ndarray]]:
        return [faces.to_arrays() for faces in analyse_batch(self._models, [_image(p) for p in photos])]

    async def __call__(self, request: Request) -> Response:
        return await self._answer(request, lambda a, p: self.analyse(a["photo"]))


@serve.deployment
class Classifier(_Endpoint):
    def __init__(self, batching: tuple[int, float]) -> None:
        self._load = load_cnn
        self._models: dict[str, Any] = {}
        self._tune(batching, self.logits)

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.01)
    async def logits(self, requests: list[tuple[str, np.ndarray]]) -> list[dict[str, np.ndarray]]:
        answers: list[dict[str, np.ndarray]] = [{}] * len(requests)
        for model_id in {model_id for model_id, _ in requests}:
            rows = [i for i, (m, _) in enumerate(requests) if m == model_id]
            model = self._models.setdefault(model_id, self._load(model_id))
            for i, logits in zip(rows, logits_batch(model, [_image(requests[i][1]) for i in rows])):
                answers[i] = {"logits": logits.numpy()}
        return answers

    async def __call__(self, request: Request) -> Response:
        return await self._answer(request, lambda a, p: self.logits((p["model"], a["image"])))


@serve.deployment
class Stylist(_Endpoint):
    """The 26-style network and the any-painting pair on one replica (small models): /style/{fast,vector,arbitrary}."""

    def __init__(self, batching: tuple[int, float]) -> None:
        self._fast = fast.load_multistyle26()
        self._predictor, self._transformer = arbitrary.load_predictor(), arbitrary.load_transformer()
        self._tune(batching, self.fast, self.vector, self.arbitrary)

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.01)
    async def fast(self, requests: list[tuple[np.ndarray, np.ndarray]]) -> list[dict[str, np.ndarray]]:
        """Images of different sizes: painted one by one inside the batch."""
        return [{"image": np.asarray(fast.paint(self._fast, _image(c), torch.from_numpy(w)))} for c, w in requests]

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.01)
    async def vector(self, squares: list[np.ndarray]) -> list[dict[str, np.ndarray]]:
        x = [arbitrary.predict_vector(self._predictor, _image(square)) for square in squares]
        return [{"vector": v.numpy()} for v in x]

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.01)
    async def arbitrary(self, requests: list[tuple[np.ndarray, np.ndarray]]) -> list[dict[str, np.ndarray]]:
        return [{"image": np.asarray(arbitrary.paint(self._transformer, _image(c), torch.from_numpy(v)))}
                for c, v in requests]

    async def __call__(self, request: Request) -> Response:
        route = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        if route == "vector":
            return await self._answer(request, lambda a, p: self.vector(a["painting"]))
        if route == "arbitrary":
            return await self._answer(request, lambda a, p: self.arbitrary((a["content"], a["vector"])))
        return await self._answer(request, lambda a, p: self.fast((a["content"], a["weights"])))


@serve.deployment
class AttentionMaps(_Endpoint):
    def __init__(self, batching: tuple[int, float]) -> None:
        self._minilm = load_minilm()
        self._tune(batching, self.maps)

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.01)
    async def maps(self, windows: list[np.ndarray]) -> list[dict[str, np.ndarray]]:
        """Windows of different lengths: one forward pass each inside the batch."""
        return [{"weights": attention_maps(self._minilm, ids.tolist()).numpy()} for ids in windows]

    async def __call__(self, request: Request) -> Response:
        return await self._answer(request, lambda a, p: self.maps(a["ids"]))


DEPLOYMENTS = {"detect": Detector, "faces": FaceAnalyser, "classify": Classifier, "style": Stylist,
               "attention": AttentionMaps}


def application(name: str, max_batch_size: int | None = None, wait_ms: float | None = None,
                gpus: float | None = None) -> Any:
    """The bound Ray Serve application ``name``; what the arguments leave out comes from ``DLVL_SERVE_*``."""
    config = serve_config()
    batching = (max_batch_size or config.max_batch_size, config.batch_wait_ms if wait_ms is None else wait_ms)
    resources = {"num_cpus": config.replica_cpus, "num_gpus": config.replica_gpus if gpus is None else gpus}
    # A replica admits max_ongoing_requests at once (Ray's default, 5, would cap every batch at 5).
    return DEPLOYMENTS[name].options(name=name, ray_actor_options=resources,
                                     max_ongoing_requests=2 * batching[0] + 2).bind(batching)


def run_all(host: str = "127.0.0.1", port: int = 8000, names: tuple[str, ...] = APPS) -> str:
    """Deploy ``names`` on the Ray instance already started (``ray.init``); returns the HTTP address."""
    serve.start(http_options={"host": host, "port": port})
    for name in names:
        serve.run(application(name), name=name, route_prefix=f"/{name}", blocking=False)
    return f"http://{host}:{port}"


def build_app(args: dict[str, Any]) -> Any:
    """Ray Serve's application builder, for a cluster's Serve config (deploy/ray/serve-config.yaml):
    ``import_path: core.serve.deployments:build_app``, ``args: {name: detect, max_batch_size: 16, wait_ms: 10, gpus: 0.25}``."""
    return application(str(args["name"]), int(args.get("max_batch_size", 0)) or None,
                       float(args["wait_ms"]) if "wait_ms" in args else None,
                       float(args["gpus"]) if "gpus" in args else None)
