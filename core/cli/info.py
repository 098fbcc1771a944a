"""``python -m core info``: version, device, library versions and asset status."""
from __future__ import annotations

import argparse
import platform

import torch
import torchvision

import core
from core.assets import Status, statuses
from core.cli import add_json_flag, emit
from core.device import configure_threads, device, device_label


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("info", help="version, device and asset status")
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    assets = {entry.id: state.value for entry, state in statuses()}
    result = {
        "version": core.__version__,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "device": device().type,
        "device_label": device_label(),
        "cpu_threads": configure_threads(),
        "assets": assets,
    }
    installed = sum(state == Status.INSTALLED.value for state in assets.values())
    text = (
        f"Deep Learning Visual Lab {core.__version__}\n"
        f"torch {torch.__version__}, torchvision {torchvision.__version__}, python {result['python']}\n"
        f"device: {device_label()}, {configure_threads()} CPU thread(s)\n"
        f"assets: {installed}/{len(assets)} installed (python -m core assets for details)"
    )
    emit(result, args.json, text)
    return 0
