"""``python -m core transfer``: trains on a folder tree it has never seen, reports scores, refuses bad trees."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.cli import main
from tests.conftest import ASSETS

pytestmark = pytest.mark.usefixtures("one_torch_thread")
SOURCES = {"cat": "chelsea.png", "coffee": "coffee.png", "rocket": "rocket.jpg"}


def crops(photo: Path, count: int, seed: int) -> list[Image.Image]:
    """Random square crops (a third to two thirds of the short side) of one of the sample photos."""
    image = Image.open(photo).convert("RGB")
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        side = int(min(image.size) * rng.uniform(0.35, 0.65))
        x, y = int(rng.integers(0, image.width - side)), int(rng.integers(0, image.height - side))
        out.append(image.crop((x, y, x + side, y + side)).resize((96, 96)))
    return out


def write_tree(root: Path, per_class: int, seed: int) -> Path:
    for name, file in SOURCES.items():
        folder = root / name
        folder.mkdir(parents=True)
        for n, crop in enumerate(crops(ASSETS / "images" / file, per_class, seed)):
            crop.save(folder / f"shot_{seed}_{n:02d}.jpg", quality=90)
    return root


def test_trains_on_an_unseen_tree_and_reports_sensible_scores(tmp_path: Path, capsys) -> None:
    train_dir, val_dir = write_tree(tmp_path / "train", 10, seed=1), write_tree(tmp_path / "val", 4, seed=2)
    code = main(["transfer", str(train_dir), "--val-dir", str(val_dir), "--epochs", "30", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["classes"] == sorted(SOURCES) and report["validation_photos"] == 12
    assert report["train_photos"] == 30
    assert report["accuracy"] >= 0.75, report  # chance is 1/3
    matrix = np.array(report["confusion_matrix"])
    assert matrix.sum() == 12 and matrix.sum(axis=1).tolist() == [4, 4, 4]
    assert all(0 <= v <= 1 for v in report["per_class"]["f1"])


def test_seeded_split_without_a_validation_folder(tmp_path: Path, capsys) -> None:
    train_dir = write_tree(tmp_path / "train", 8, seed=3)
    assert main(["transfer", str(train_dir), "--epochs", "10", "--backbone", "squeezenet1_1"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("accuracy ") and "on 6 photos" in text and "coffee" in text


def test_bad_trees_get_clear_messages(tmp_path: Path, capsys) -> None:
    one = write_tree(tmp_path / "one", 2, seed=4)
    for name in ("coffee", "rocket"):
        for file in (one / name).iterdir():
            file.unlink()
        (one / name).rmdir()
    assert main(["transfer", str(one)]) == 2
    assert "at least two classes" in capsys.readouterr().err
    broken = write_tree(tmp_path / "broken", 2, seed=5)
    (broken / "cat" / "notes.jpg").write_text("not a photo")
    assert main(["transfer", str(broken)]) == 2
    error = capsys.readouterr().err
    assert "notes.jpg" in error and "not an image" in error.lower()
    assert main(["transfer", str(tmp_path / "missing")]) == 2
    assert "is not a folder" in capsys.readouterr().err
