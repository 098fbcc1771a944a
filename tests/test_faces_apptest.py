"""The faces page through the real app frame, in both languages: uploads, verdicts, face book, geometry."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from PIL import Image

from core.i18n import translate
from tests.conftest import ASSETS, LANGS, assert_clean, run_page
from tests.page_links import named, open_link

FACES = ASSETS / "faces"


def upload(at, key: str, path, data: bytes | None = None) -> None:
    """Switch photo panel ``key`` to upload and upload ``path`` (two runs: the uploader appears after the first)."""
    at.radio(key=f"{key}_source").set_value("upload").run()
    at.file_uploader(key=f"{key}_upload").set_value((path.name, data or path.read_bytes(), "image/jpeg")).run()


def texts(elements) -> list[str]:
    return [element.value for element in elements]


@pytest.mark.parametrize("lang", LANGS)
def test_two_uploads_give_the_verdict(lang: str) -> None:
    at = run_page("faces", lang)
    assert_clean(at)
    upload(at, "face_a", FACES / "obama3.jpg")
    upload(at, "face_b", FACES / "obama2.jpg")
    assert_clean(at)
    same = translate("face.same_short", lang)
    assert any(text.lower().startswith(same.lower()) for text in texts(at.success)), texts(at.success)

    upload(at, "face_b", FACES / "biden.jpg")
    assert_clean(at)
    different = translate("face.different_short", lang)
    assert any(text.lower().startswith(different.lower()) for text in texts(at.info)), texts(at.info)
    labels = [metric.label for metric in at.metric]
    assert translate("face.cosine", lang) in labels and translate("face.l2", lang) in labels


def test_several_faces_choose_which() -> None:
    """Photo B holds Obama and Biden side by side; choosing the face flips the verdict against Obama."""
    halves = [Image.open(FACES / name).convert("RGB") for name in ("obama2.jpg", "biden.jpg")]
    halves = [im.resize((im.width * 500 // im.height, 500)) for im in halves]
    both = Image.new("RGB", (sum(im.width for im in halves), 500))
    both.paste(halves[0], (0, 0))
    both.paste(halves[1], (halves[0].width, 0))
    buffer = io.BytesIO()
    both.save(buffer, "JPEG", quality=90)
    at = run_page("faces", "en")
    upload(at, "face_b", FACES / "two_faces.jpg", data=buffer.getvalue())
    assert_clean(at)
    picker = at.selectbox(key="face_b_face")
    assert len(picker.options) == 2 and picker.options[1].startswith("Face 2 (score ")
    verdicts = set()
    for index in (0, 1):
        at.selectbox(key="face_b_face").set_value(index).run()
        assert_clean(at)
        verdicts |= {t.split(":")[0] for t in texts(at.success) + texts(at.info)
                     if t.startswith(("Same person:", "Different people:"))}
    assert verdicts == {"Same person", "Different people"}


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many photos the real face pipeline analyses during the test."""
    import core.faces.pipeline as pipeline

    photos: list[int] = []
    real = pipeline.analyse_batch

    def counting(models, images):
        photos.extend(image.size[0] for image in images)
        return real(models, images)

    monkeypatch.setattr(pipeline, "analyse_batch", counting)
    return photos


def test_threshold_only_redecides_and_an_uploads_faces_stay_in_its_session(analysed: list[int]) -> None:
    at = run_page("faces", "en")
    assert any(text.startswith("Same person") for text in texts(at.success))
    analysed.clear()
    at.slider(key="face_threshold").set_value(0.95).run()
    assert_clean(at)
    assert any(text.startswith("Different people") for text in texts(at.info))
    assert analysed == [], "moving the threshold must not analyse any photo again"
    assert not run_page("faces", "en").exception and analysed == [], "the sample portraits' faces serve every session"

    data = (FACES / "obama3.jpg").read_bytes() + b"\0"  # bytes no other test uploads (JPEG ignores the tail)
    upload(at, "face_a", FACES / "obama3.jpg", data=data)
    assert_clean(at)
    assert len(analysed) == 1
    at.slider(key="face_threshold").set_value(0.5).run()
    assert len(analysed) == 1, "the uploader's session keeps its own result"
    other = run_page("faces", "en")
    upload(other, "face_a", FACES / "obama3.jpg", data=data)
    assert_clean(other)
    assert len(analysed) == 2, "another session never gets what was found in someone's photo"


def test_photo_without_a_face_gives_the_clear_message() -> None:
    at = run_page("faces", "zh")
    upload(at, "face_a", ASSETS / "images" / "coffee.png")
    assert_clean(at)
    assert translate("face.err.no_face", "zh") in texts(at.warning)
    assert not any(text.startswith("同一人") or text.startswith("不同的人") for text in texts(at.success) + texts(at.info))


def test_face_book_enrol_identify_forget_and_geometry() -> None:
    at = run_page("faces", "en")
    assert "The face book is empty: enrol a face, or the sample photos." in texts(at.info)
    at.button(key="book_samples").click().run()
    assert_clean(at)
    book = at.session_state["face_book"]
    assert [entry.name for entry in book.entries] == ["Obama", "Obama", "Obama", "Biden"]
    assert any(text.startswith("Identified: Obama") for text in texts(at.success))
    # Geometry: the triplet panel and the genuine/impostor histogram with error rates.
    assert {m.label for m in at.metric} >= {"False accept rate", "False reject rate"}
    assert any("L = " in latex.value for latex in at.latex)
    at.slider(key="geo_alpha").set_value(1.0).run()
    assert "Loss > 0" in " ".join(texts(at.caption))

    # A new person, enrolled from one photo under a typed name, is then identified.
    upload(at, "book", FACES / "biden.jpg")
    at.button(key="book_enrol").click().run()  # no name yet: a message, nothing enrolled, the page goes on
    assert translate("face.err.name_empty", "en") in texts(at.error)
    assert len(at.session_state["face_book"].entries) == 4 and at.selectbox(key="book_forget_pick")
    at.text_input(key="book_name").input("Joe")
    at.button(key="book_enrol").click().run()  # one run: the form sends the name with the click
    assert_clean(at)
    assert len(at.session_state["face_book"].entries) == 5
    assert any(text.startswith("Identified: Joe") or text.startswith("Identified: Biden")
               for text in texts(at.success))

    at.selectbox(key="book_forget_pick").set_value(1).run()
    at.button(key="book_forget").click().run()
    assert [entry.id for entry in at.session_state["face_book"].entries] == [2, 3, 4, 5]
    at.button(key="book_forget_all").click().run()
    assert_clean(at)
    assert at.session_state["face_book"].entries == []
    assert "Enrol at least two faces in the face book to see the map (the sample photos are a quick start)." in texts(at.info)
    assert "The face book is empty: enrol a face, or the sample photos." in texts(at.info)


def test_face_book_is_per_session() -> None:
    first = run_page("faces", "en")
    first.button(key="book_samples").click().run()
    assert len(first.session_state["face_book"].entries) == 4
    second = run_page("faces", "en")
    assert len(second.session_state["face_book"].entries) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_link_restores_the_threshold_and_the_scores_download(lang: str, served: dict) -> None:
    """A strict threshold from the link turns the two Obama samples into "different"; the CSV holds only scores."""
    at = open_link("faces", {"t": "0.95", "alpha": "0.5", "lang": lang})
    assert_clean(at)
    assert at.slider(key="face_threshold").value == 0.95 and at.session_state["geo_alpha"] == 0.5
    different = translate("face.different_short", lang)
    assert any(text.lower().startswith(different.lower()) for text in texts(at.info))
    assert at.query_params["t"] == "0.95" and set(at.query_params) == {"t", "alpha", "lang"}, "no photo in the link"
    download = named(served, "face_verification.csv")
    assert download.mimetype == "text/csv"
    table = pd.read_csv(io.BytesIO(download.data), encoding="utf-8-sig")
    cosine = float(at.metric[0].value)
    assert list(table.columns) == [translate(k, lang) for k in ("face.cosine", "face.l2", "face.threshold",
                                                                "face.margin", "face.decision")]
    assert len(table) == 1 and abs(table.iloc[0, 0] - cosine) < 1e-3 and table.iloc[0, 2] == 0.95
    assert table.iloc[0, 4] == different
    assert len(download.data) < 500, "scores only: no embedding, no photo"
