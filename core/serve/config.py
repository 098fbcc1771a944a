"""Where the model server is and how it batches, from ``DLVL_SERVE_*`` environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ServeConfig:
    address: str  # e.g. "http://ray-head:8000"; empty: everything runs in-process (the default)
    fallback: bool  # when the server cannot be reached, run in-process instead of showing an error
    timeout_s: float  # per request, from the app
    max_batch_size: int  # @serve.batch: most requests in one forward pass
    batch_wait_ms: float  # @serve.batch: how long the first request waits for company
    replica_cpus: float  # Ray's CPU accounting per replica (0 lets a small test machine hold them all)
    replica_gpus: float  # GPUs per replica on a GPU node (e.g. 0.2: five deployments share one GPU)

    @property
    def enabled(self) -> bool:
        return bool(self.address)


def serve_config() -> ServeConfig:
    """Read now (not at import), so a test or a deploy can set the variables before the first call."""
    env = os.environ.get
    return ServeConfig(
        address=env("DLVL_SERVE_ADDRESS", "").rstrip("/"),
        fallback=env("DLVL_SERVE_FALLBACK", "0") == "1",
        timeout_s=float(env("DLVL_SERVE_TIMEOUT_S", "60")),
        max_batch_size=int(env("DLVL_SERVE_BATCH", "8")),
        batch_wait_ms=float(env("DLVL_SERVE_WAIT_MS", "10")),
        replica_cpus=float(env("DLVL_SERVE_REPLICA_CPUS", "1")),
        replica_gpus=float(env("DLVL_SERVE_REPLICA_GPUS", "0")),
    )
