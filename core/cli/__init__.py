"""``python -m core``: the app's compute from the command line.

Each subcommand lives in its own module in this package and defines
``add_parser(subparsers) -> None``, registering a parser whose ``func(args) -> int`` runs it.
Modules are discovered, so a page issue adds its command by adding a file.
Every command prints JSON with ``--json`` (see ``emit``).
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from typing import Any

from core.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="Deep Learning Visual Lab compute")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}").add_parser(subparsers)
    return parser


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def emit(result: Any, as_json: bool, text: str) -> None:
    """Print ``result`` as JSON, or ``text`` for people."""
    print(json.dumps(result, ensure_ascii=False, indent=2) if as_json else text)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as error:
        print(f"error: {error.message('en')}", file=sys.stderr)
        return 2
