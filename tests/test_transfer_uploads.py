"""Photos uploaded to the training page: bad input gets clear messages, and nothing touches the disk or the log."""
from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from core.i18n import translate
from core.settings import LIMITS
from tests.conftest import ASSETS, LANGS, assert_clean, run_page
from tests.test_faces_privacy import no_disk_writes
from tests.test_transfer_cli import SOURCES, crops

SECRET = "private-photo-5d1e"


def jpegs(photo: str, count: int, seed: int) -> list[tuple[str, bytes, str]]:
    files = []
    for n, crop in enumerate(crops(ASSETS / "images" / photo, count, seed)):
        buffer = io.BytesIO()
        crop.save(buffer, format="JPEG")
        files.append((f"{SECRET}-{n}.jpg", buffer.getvalue(), "image/jpeg"))
    return files


def own(lang: str):
    def setup(at) -> None:
        at.session_state["tl_source"] = "own"
    return run_page("transfer", lang, timeout=600, setup=setup)


@pytest.mark.parametrize("lang", LANGS)
def test_a_non_image_and_a_class_of_500_photos(lang: str) -> None:
    at = own(lang)
    at.file_uploader(key="tl_files_0").set_value(jpegs("chelsea.png", 3, seed=1)).run()
    at.file_uploader(key="tl_files_1").set_value([("notes.jpg", b"just text", "image/jpeg")]).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors[0].startswith("“notes.jpg”") and translate("err.image_not_image", lang) in errors[0]
    empty = translate("tl.err.empty_class", lang, name=translate("tl.class_default", lang, n=2))
    assert errors[1:] == [empty]  # the bad file is left out, so the class is still empty
    tiny = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(tiny, format="PNG")
    at.file_uploader(key="tl_files_1").set_value([(f"red{n}.png", tiny.getvalue(), "image/png") for n in range(500)])
    at.run()
    assert [e.value for e in at.error] == [translate("tl.err.class_too_big", lang, name=translate(
        "tl.class_default", lang, n=2), count=500, limit=LIMITS.max_transfer_per_class)]
    assert at.session_state["tl_view"] == "photos" and at.info[0].value == translate("tl.fix_photos", lang)


def test_uploaded_photos_train_without_touching_disk_or_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    at = own("en")
    at.radio(key="tl_view").set_value("train").run()
    caplog.set_level(logging.DEBUG)
    with no_disk_writes(tmp_path) as events:
        for k, photo in enumerate(SOURCES.values()):
            if k == 2:
                at.slider(key="tl_n_classes").set_value(3).run()
            at.file_uploader(key=f"tl_files_{k}").set_value(jpegs(photo, 6, seed=k)).run()
        at.button(key="tl_start").click().run()
        assert at.session_state["_jobs"]["transfer"].wait(600)
        at.run()
        at.radio(key="tl_view").set_value("evaluate").run()
    assert_clean(at)
    assert float(at.metric[0].value.rstrip("%")) >= 60  # three classes: chance is a third
    assert events == []
    for record in caplog.records:
        assert SECRET not in record.getMessage()
