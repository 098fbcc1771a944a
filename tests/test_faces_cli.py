"""``python -m core faces verify|embed``: JSON results and a clear error for a photo without a face."""
from __future__ import annotations

import json

import pytest

from core.cli import main
from tests.conftest import ASSETS

FACES = ASSETS / "faces"


def _cli(capsys: pytest.CaptureFixture, *args) -> tuple[int, str, str]:
    code = main(["faces", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_json_same_and_different_person(capsys: pytest.CaptureFixture) -> None:
    code, out, err = _cli(capsys, "verify", FACES / "obama.jpg", FACES / "obama3.jpg", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["same_person"] is True and result["cosine"] > result["threshold"]
    assert abs(result["l2"] ** 2 - (2 - 2 * result["cosine"])) < 1e-4
    assert result["faces_a"] == 1 and len(result["face_a"]["landmarks"]) == 5

    code, out, _ = _cli(capsys, "verify", FACES / "obama.jpg", FACES / "biden.jpg", "--json", "--threshold", "0.3")
    different = json.loads(out)
    assert code == 0 and different["same_person"] is False and different["margin"] < 0
    assert different["threshold"] == 0.3


def test_embed_json_gives_unit_128d_vectors(capsys: pytest.CaptureFixture) -> None:
    code, out, err = _cli(capsys, "embed", FACES / "biden.jpg", "--json")
    assert code == 0, err
    faces = json.loads(out)["faces"]
    assert len(faces) == 1
    embedding = faces[0]["embedding"]
    assert len(embedding) == 128 and abs(sum(v * v for v in embedding) - 1) < 1e-4
    assert len(faces[0]["box"]) == 4 and 0 < faces[0]["score"] <= 1


def test_no_face_is_a_clear_error(capsys: pytest.CaptureFixture) -> None:
    code, _, err = _cli(capsys, "verify", FACES / "obama.jpg", ASSETS / "images" / "coffee.png")
    assert code == 2
    assert err.startswith("error: No face found in this photo")
