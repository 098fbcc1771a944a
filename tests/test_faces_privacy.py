"""Uploaded faces stay in memory: a verify writes no file anywhere and logs nothing about the upload.

An audit hook (PEP 578) records every file opened for writing, every rename, removal and
temp-file creation in this process while a verify runs; the temp dir and the cwd are also
pointed at fresh empty folders that must still be empty afterwards.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import torch

from core.faces.pipeline import analyse, load_models
from core.faces.verify import decide
from core.image_input import load_image
from tests.conftest import ASSETS, run_page
from tests.test_faces_apptest import upload

FACES = ASSETS / "faces"
UPLOAD_NAME = "private-face-7f3a9c.jpg"
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
FILE_EVENTS = {"os.rename", "os.replace", "os.remove", "os.unlink", "os.mkdir", "os.truncate", "os.link",
               "os.symlink", "shutil.copyfile", "shutil.move", "tempfile.mkstemp", "tempfile.mkdtemp"}

_events: list[tuple] | None = None


def _audit(event: str, args: tuple) -> None:
    if _events is None:
        return
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & WRITE_FLAGS)
        if writing and not isinstance(path, int):
            _events.append((event, str(path), mode))
    elif event in FILE_EVENTS:
        _events.append((event, *map(str, args)))


sys.addaudithook(_audit)  # hooks cannot be removed; it only records while ``_events`` is a list


@contextmanager
def no_disk_writes(tmp_path: Path) -> Iterator[list[tuple]]:
    """Record file writes; temp dir and cwd are fresh empty folders for the duration."""
    global _events
    temp, work = tmp_path / "temp", tmp_path / "cwd"
    temp.mkdir()
    work.mkdir()
    saved_cwd, saved_tempdir, saved_env = os.getcwd(), tempfile.tempdir, os.environ.get("TMPDIR")
    os.chdir(work)
    tempfile.tempdir = str(temp)
    os.environ["TMPDIR"] = str(temp)
    _events = []
    try:
        yield _events
    finally:
        events, _events = _events, None
        os.chdir(saved_cwd)
        tempfile.tempdir = saved_tempdir
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env
        events.extend(("left in temp dir", str(p)) for p in temp.rglob("*"))
        events.extend(("left in cwd", str(p)) for p in work.rglob("*"))


def test_core_verify_writes_nothing(tmp_path: Path) -> None:
    models = load_models(torch.device("cpu"))
    analyse(models, load_image((FACES / "biden.jpg").read_bytes()))  # warm up lazy imports first
    data_a, data_b = (FACES / "obama.jpg").read_bytes(), (FACES / "obama2.jpg").read_bytes()
    with no_disk_writes(tmp_path) as events:
        a = analyse(models, load_image(data_a))
        b = analyse(models, load_image(data_b))
        verdict = decide(a.face(0), b.face(0))
    assert verdict.same
    assert events == []


def test_page_verify_with_uploads_writes_and_logs_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    at = run_page("faces", "en")  # warm: models loaded, modules imported
    data = (FACES / "obama3.jpg").read_bytes()
    caplog.set_level(logging.DEBUG)
    with no_disk_writes(tmp_path) as events:
        for key in ("face_a", "face_b"):
            upload(at, key, Path(UPLOAD_NAME), data=data)
    assert not at.exception and not at.error
    assert any(text.value.startswith("Same person") for text in at.success), "the verify really ran"
    assert events == []
    for record in caplog.records:
        message = record.getMessage()
        assert UPLOAD_NAME not in message and repr(data[:16])[2:-1] not in message, message


def test_the_watch_catches_writes(tmp_path: Path) -> None:
    """The checks above can fail: a write through open, tempfile or PIL is recorded."""
    from PIL import Image

    with no_disk_writes(tmp_path) as events:
        Path("note.txt").write_text("x")
        with tempfile.NamedTemporaryFile(suffix=".jpg"):
            pass
        Image.new("RGB", (4, 4)).save(tmp_path / "elsewhere.png")
    kinds = [event[0] for event in events]
    assert kinds.count("open") >= 3 and {"os.remove", "os.unlink"} & set(kinds)
    assert ("left in cwd", str(tmp_path / "cwd" / "note.txt")) in events
