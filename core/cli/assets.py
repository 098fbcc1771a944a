"""``python -m core assets``: list every asset with its status; ``assets fetch --full`` downloads.

Exits non-zero when a default asset is missing or altered, so scripts and CI can rely on it.
"""
from __future__ import annotations

import argparse
import sys

from core.assets import Status, statuses
from core.assets.fetch import download, full_size_assets
from core.assets.resolve import status
from core.cli import add_json_flag, emit


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("assets", help="asset status; 'fetch --full' downloads full-size weights")
    add_json_flag(parser)
    parser.set_defaults(func=list_assets)
    actions = parser.add_subparsers(dest="action")
    fetch = actions.add_parser("fetch", help="download assets from their https sources")
    fetch.add_argument("--full", action="store_true", required=True,
                       help="the full-size canonical weights (needs internet)")
    add_json_flag(fetch)
    fetch.set_defaults(func=fetch_full)


def list_assets(args: argparse.Namespace) -> int:
    rows = [
        {"id": a.id, "status": s.value, "default": a.default, "size": a.size,
         "source": a.package or a.url, "description": a.description, "licence": a.licence}
        for a, s in statuses()
    ]
    broken = [r for r in rows if r["default"] and r["status"] != Status.INSTALLED.value]
    lines = [f"{'asset':28} {'status':10} {'MB':>8}  source"]
    for r in rows:
        size = f"{r['size'] / 1e6:8.1f}" if r["size"] else f"{'?':>8}"
        state = r["status"] if r["default"] or r["status"] != "missing" else "optional"
        lines.append(f"{r['id']:28} {state:10} {size}  {r['source']}")
    if broken:
        lines.append(f"\n{len(broken)} default asset(s) missing or altered: run `make install`.")
    emit({"assets": rows, "ok": not broken}, args.json, "\n".join(lines))
    return 1 if broken else 0


def fetch_full(args: argparse.Namespace) -> int:
    results = {}
    for entry in full_size_assets():
        if status(entry) is Status.INSTALLED:
            results[entry.id] = "already installed"
            continue
        print(f"downloading {entry.id} from {entry.url}", file=sys.stderr)
        path = download(entry, progress=_print_progress)
        print(file=sys.stderr)
        results[entry.id] = str(path)
    emit(results, args.json, "\n".join(f"{k}: {v}" for k, v in results.items()))
    return 0


def _print_progress(received: int, total: int | None) -> None:
    share = f" ({100 * received / total:.0f}%)" if total else ""
    print(f"\r  {received / 1e6:.1f} MB{share}", end="", file=sys.stderr)
