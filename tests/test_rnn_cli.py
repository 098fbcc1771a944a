"""``python -m core rnn`` and ``python -m core rnn-gradients``: JSON results and short error messages."""
from __future__ import annotations

import json

import pytest

from core.cli import main
from core.rnn import corpora

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_rnn_json_trains_on_a_file_and_samples(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "news.txt"
    path.write_text(corpora.english()[:40_000], encoding="utf-8")
    args = ["rnn", "--text", str(path), "--cell", "lstm", "--steps", "60", "--hidden", "32", "--seq", "32",
            "--prime", "The ", "--length", "80", "--json"]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["cell"] == "lstm" and result["steps"] == 60 and result["characters"] == 40_000
    assert result["bpc_start"] - result["bpc_end"] > 1.5, result
    assert len(result["sample"]) == 80 and result["prime"] == "The "


def test_rnn_text_output_uses_the_chinese_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rnn", "--corpus", "zh", "--cell", "rnn", "--steps", "5", "--hidden", "8", "--seq", "16",
                 "--prime", "中国", "--length", "10"]) == 0
    first, second = capsys.readouterr().out.splitlines()[:2]
    assert first.startswith("rnn: ") and "bits/char after 5 steps" in first and second.startswith("中国")


@pytest.mark.parametrize(("content", "args", "message"), [
    (b"\x00\x01binary", [], "look like text"),
    ("tiny text".encode(), [], "needs at least"),
    (corpora.english()[:3000].encode(), ["--prime", "€€"], "never saw"),
])
def test_rnn_bad_input_is_a_short_message(tmp_path, capsys: pytest.CaptureFixture[str], content: bytes,
                                          args: list[str], message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert main(["rnn", "--text", str(path), "--steps", "2", "--hidden", "8", "--seq", "16", *args]) == 2
    assert message in capsys.readouterr().err


def test_rnn_gradients_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The hyphenated command; tiny models, so only the structure is checked here (numbers: test_rnn_train)."""
    assert main(["rnn-gradients", "--steps", "5", "--hidden", "8", "--distance", "12", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["distances"] == list(range(1, 13))
    assert set(result["norms"]) == {f"{c}/{s}" for c in ("rnn", "gru", "lstm")
                                    for s in ("untrained", "clipped", "unclipped")}
    assert all(len(v) == 12 and all(x >= 0 for x in v) for v in result["norms"].values())
    assert set(result["w_power"]) == {"untrained", "clipped", "unclipped"} and result["rnn_sigma_max"]["untrained"] > 0
