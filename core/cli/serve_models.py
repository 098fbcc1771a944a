"""``python -m core serve-models``: start a local Ray instance and deploy the model server on it.

For one machine or a try-out; on a cluster use ``serve run`` with ``core.serve.deployments`` (deploy/).
The app uses it when started with ``DLVL_SERVE_ADDRESS=http://HOST:PORT``.
"""
from __future__ import annotations

import argparse
import threading

from core.cli import add_json_flag, emit


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve-models", help="run the stateless forward passes on a local Ray Serve")
    parser.add_argument("--host", default="127.0.0.1", help="address the HTTP proxy listens on")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--cpus", type=int, default=None, help="CPUs Ray may use (default: all)")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import ray

    from core.serve.deployments import APPS, run_all

    ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
    address = run_all(args.host, args.port)
    emit({"address": address, "applications": list(APPS)}, args.json,
         f"model server ready at {address} ({', '.join(APPS)}); set DLVL_SERVE_ADDRESS={address} for the app")
    threading.Event().wait()  # serve until interrupted
    return 0
