"""``python -m core loss`` and ``python -m core gradcheck``: JSON, text, exit codes and short errors."""
from __future__ import annotations

import json

import pytest
import torch
import torch.nn.functional as F

from core.cli import main


def test_loss_json_reproduces_the_notes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["loss", "--scores", "3.2", "5.1", "-1.7", "--label", "0", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [round(p, 2) for p in result["probabilities"]] == [0.13, 0.87, 0.0]
    assert round(result["cross_entropy"], 2) == 2.04 and round(result["hinge"], 2) == 2.9
    scores = torch.tensor([[3.2, 5.1, -1.7]], dtype=torch.float64)
    assert result["cross_entropy"] == pytest.approx(float(F.cross_entropy(scores, torch.tensor([0]))), rel=1e-12)


def test_loss_text_and_margin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["loss", "--scores", "1", "2", "3", "4", "--label", "3", "--delta", "2"]) == 0
    out = capsys.readouterr().out
    assert "cross-entropy" in out and "hinge         1.0000" in out  # only 3 comes within 2 of 4: 3 − 4 + 2


@pytest.mark.parametrize(("args", "message"), [
    (["--scores", "1", "2", "--label", "5"], "not a class index"),
    (["--scores", "1", "nan", "--label", "0"], "finite"),
    (["--scores", "1", "--label", "0"], "needs"),
])
def test_loss_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(["loss", *args]) == 2
    assert message in capsys.readouterr().err


def test_gradcheck_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gradcheck", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    worst = result["max_relative_error"]
    assert worst["float64"] < 1e-7 < worst["float32"]
    assert [p["name"] for p in result["parameters"]["float64"]] == ["W1", "b1", "W2", "b2"]


def test_gradcheck_bug_fails_with_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gradcheck", "--bug"]) == 1
    assert "suspicious" in capsys.readouterr().out
    assert main(["gradcheck", "--eps", "0"]) == 2
