"""``python -m core stylize``: a built-in style, a style image, and clear errors."""
import json

from PIL import Image

from core.cli import main
from tests.conftest import ASSETS

CONTENT = str(ASSETS / "images" / "coffee.png")


def test_builtin_style_and_style_image(tmp_path, capsys) -> None:
    out = tmp_path / "out.png"
    assert main(["stylize", CONTENT, "--style", "19", "--size", "96", "-o", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["mode"] == "builtin" and Image.open(out).size == (96, 64) == tuple(summary["size"])
    out2 = tmp_path / "painted.png"
    assert main(["stylize", CONTENT, "--style", str(ASSETS / "images" / "rocket.jpg"), "--size", "96",
                 "-o", str(out2)]) == 0
    assert Image.open(out2).size == (96, 64)


def test_bad_style_is_a_clear_error(tmp_path, capsys) -> None:
    assert main(["stylize", CONTENT, "--style", "27", "-o", str(tmp_path / "x.png")]) == 2
    assert "numbered 1 to 26" in capsys.readouterr().err
    assert main(["stylize", CONTENT, "--style", "nope.jpg", "-o", str(tmp_path / "x.png")]) == 2
    assert "neither a style number" in capsys.readouterr().err
