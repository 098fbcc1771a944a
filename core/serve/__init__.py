"""Model inference on Ray Serve, for when one server is not enough (off unless configured).

The app's default is embedded: every model runs in-process. With ``DLVL_SERVE_ADDRESS`` set, the
stateless forward passes (YOLO raw predictions, face detection + embeddings, CNN top-5, fast
style, attention maps) are sent to Ray Serve deployments that batch many users' requests,
while work with gradients or per-user state (Grad-CAM, Gatys, training) stays in the app.

- the passes themselves stay where they live (``core.detection.pipeline.candidates_batch``,
  ``core.faces.pipeline.analyse_batch``, ``core.cnn.classify.logits_batch``, ``core.style.fast.paint``,
  ``core.style.arbitrary.paint``, ``core.attention.extract.attention_maps``); each public function
  that runs one (``raw_predictions``, ``analyse``, ``classify``, ``stylise``, ``attend``…) picks the
  backend through ``client.remote_or_local``, so pages never change;
- ``wire``: how arrays travel over HTTP (``.npz``, never pickle);
- ``client``: the app side, a few lines of urllib, so app replicas never import Ray;
- ``deployments``: the Ray Serve side (imports Ray; only installed by ``requirements-serve.txt``).
"""
