"""Face verification: two photos, one decision; a one-shot face book; the geometry behind both.

Privacy: the models are shared by every session, and so is what is found in the sample portraits.
Nothing derived from a reader's own photo is: its faces, crops and embeddings (``input_cache``) and
the face book live in that session's ``st.session_state`` only: never in a server-wide cache, on disk,
in a log or in a link; gone when the session ends. The threshold, the face choice and the triplet
controls only re-decide and re-draw.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
import torch
from PIL import Image

from core.device import device
from core.faces import figures
from core.faces.draw import annotate
from core.faces.facebook import MAX_ENTRIES, MAX_NAME, FaceBook
from core.faces.pipeline import FaceModels, PhotoFaces, analyse, load_models
from core.faces.verify import DEFAULT_THRESHOLD, Verdict, decide
from core.image_input import jpeg_bytes, load_image, png_bytes, sample_bytes
from core.url_state import Param
from pages.faces_geometry import geometry_tab, keep_valid
from pages.ui import (ASSETS_DIR, chart, download_csv, image_input, input_cache, page_title, share_link, theory, tr,
                      url_state, user_errors)

FACE_SAMPLES = {name: ASSETS_DIR / "faces" / f"{name}.jpg" for name in ("obama", "obama2", "obama3", "biden")}
BOOK_SAMPLES = {"obama": "face.sample.obama", "obama2": "face.sample.obama", "obama3": "face.sample.obama",
                "biden": "face.sample.biden"}
BOOK = "face_book"
PARAMS = [Param("face_threshold", "t", DEFAULT_THRESHOLD, low=0.0, high=1.0),
          Param("geo_alpha", "alpha", 0.2, low=0.0, high=1.0)]  # settings only: never a photo or a name
DISPLAY_BOX = (640, 360)  # largest width, height of a drawn photo on the page


@dataclass(frozen=True)
class Probe:
    """The face currently chosen in one photo panel."""

    faces: PhotoFaces
    index: int

    @property
    def embedding(self) -> torch.Tensor:
        return self.faces.embeddings[self.index]


@st.cache_resource(show_spinner=False)
def face_models() -> FaceModels:
    return load_models(device())


def faces_of(data: bytes, image: Image.Image) -> PhotoFaces:
    """Detect, align and embed once per photo (see the module docstring for where it is kept)."""
    with user_errors():
        models = face_models()
    return _analysed(data, image, models)


@input_cache(max_entries=8)
def _analysed(data: bytes, _image: Image.Image, _models: FaceModels) -> PhotoFaces:
    return analyse(_models, _image)


@input_cache(max_entries=16)
def drawn_photo(data: bytes, _image: Image.Image, _faces: PhotoFaces, index: int) -> tuple[bytes, bytes | None]:
    """The photo with its faces boxed (``index`` highlighted) and fitted to the page as JPEG, and the chosen face's
    aligned crop as PNG (None without a face): drawn and encoded once, not on every rerun (``st.image`` shows
    bytes as they are)."""
    shown = annotate(_image, _faces, index)
    shown.thumbnail(DISPLAY_BOX)  # a tall portrait must not push everything else off the screen
    crop = png_bytes(Image.fromarray(_faces.crops[index])) if len(_faces) else None
    return jpeg_bytes(shown), crop


def session_book() -> FaceBook:
    return st.session_state.setdefault(BOOK, FaceBook())


def pick_face(key: str, faces: PhotoFaces) -> int:
    if len(faces) < 2:
        return 0
    options = list(range(len(faces)))
    keep_valid(key, options)
    labels = {i: tr("face.option", number=i + 1, score=float(faces.scores[i])) for i in options}
    return st.selectbox(tr("face.pick"), options, key=key, format_func=labels.__getitem__)


def photo_panel(key: str, title_key: str, default_sample: str) -> Probe | None:
    """A photo picker, its faces drawn, the chosen face's aligned crop; None (with a message) if no face."""
    st.subheader(tr(title_key))
    image, data = image_input(key, default_sample=default_sample, samples=FACE_SAMPLES, camera=True, private=True)
    with st.spinner(tr("face.working")):
        faces = faces_of(data, image)
    index = pick_face(f"{key}_face", faces)
    photo_column, crop_column = st.columns([2, 1])
    photo, crop = drawn_photo(data, image, faces, index)
    photo_column.image(photo, caption=tr("face.found", count=len(faces)))
    if crop is None:
        st.warning(tr("face.err.no_face"))
        return None
    crop_column.image(crop, caption=tr("face.aligned"), width=112)
    return Probe(faces, index)


def verify_tab(threshold: float) -> None:
    result = st.container()  # the verdict and its numbers go first, filled once both photos are analysed
    left, right = st.columns(2, gap="large")
    with left:
        a = photo_panel("face_a", "face.photo_a", "obama")
    with right:
        b = photo_panel("face_b", "face.photo_b", "obama2")
    if a is None or b is None:
        return
    verdict = decide(a.embedding, b.embedding, threshold)
    numbers = {"cosine": verdict.cosine, "threshold": verdict.threshold, "margin": verdict.margin}
    with result:
        if verdict.same:
            st.success(tr("face.same", **numbers))
        else:
            st.info(tr("face.different", **numbers))
        cosine, l2, margin = st.columns(3)
        cosine.metric(tr("face.cosine"), f"{verdict.cosine:.3f}")
        l2.metric(tr("face.l2"), f"{verdict.l2:.3f}")
        margin.metric(tr("face.margin"), f"{verdict.margin:+.3f}")
    chart(figures.verdict_scale(verdict, tr("face.different_short"), tr("face.same_short"), tr("face.cosine")),
          key="face_scale", width="stretch")
    st.caption(tr("face.l2_note", l2=verdict.l2_threshold))
    download_csv(verdict_table(verdict), "face_verification.csv", key="face_scores_csv")


def verdict_table(verdict: Verdict) -> dict[str, list]:
    """The verification's numbers (never an embedding or a photo) as one CSV row."""
    decision = tr("face.same_short") if verdict.same else tr("face.different_short")
    return {tr("face.cosine"): [round(verdict.cosine, 4)], tr("face.l2"): [round(verdict.l2, 4)],
            tr("face.threshold"): [verdict.threshold], tr("face.margin"): [round(verdict.margin, 4)],
            tr("face.decision"): [decision]}


def enrol_samples() -> None:
    """Button callback: enrol the four sample portraits (3 x Obama, 1 x Biden)."""
    book = session_book()
    for sample, name_key in BOOK_SAMPLES.items():
        data = sample_bytes(FACE_SAMPLES[sample])
        faces = faces_of(data, load_image(data))
        book.enrol(tr(name_key), faces.embeddings[0], faces.crops[0])


def enrol_form(probe: Probe, full: bool) -> None:
    """The name and its button in one form: typing reruns nothing, the click enrols (one script run, not two)."""
    with st.form("book_enrol_form", border=False):
        name = st.text_input(tr("face.book.name"), key="book_name", max_chars=MAX_NAME)
        enrolled = st.form_submit_button(tr("face.book.enrol"), key="book_enrol", disabled=full)
    if enrolled:
        with user_errors(stop=False):  # no name typed: say so, keep the rest of the page
            session_book().enrol(name, probe.embedding, probe.faces.crops[probe.index])


def book_tab(threshold: float) -> Probe | None:
    """Enrol, identify, forget; returns the probe face for the geometry tab."""
    book = session_book()
    st.caption(tr("face.book.privacy"))
    full = len(book.entries) >= MAX_ENTRIES
    st.button(tr("face.book.samples"), key="book_samples", help=tr("face.book.samples_help"),
              on_click=enrol_samples, disabled=len(book.entries) + len(BOOK_SAMPLES) > MAX_ENTRIES)
    left, right = st.columns(2, gap="large")
    with left:
        probe = photo_panel("book", "face.book.photo", "obama2")
    with right:
        if probe is not None:
            enrol_form(probe, full)
            if full:
                st.caption(tr("face.err.book_full", limit=MAX_ENTRIES))
            found = book.identify(probe.embedding, threshold)
            if found.nearest is None:
                st.info(tr("face.book.empty"))
            elif found.name is not None:
                st.success(tr("face.book.match", name=found.name, similarity=found.similarity))
            else:
                st.warning(tr("face.book.unknown", name=found.nearest.name, similarity=found.similarity))
        show_book(book)
    return probe


def show_book(book: FaceBook) -> None:
    st.markdown(f"**{tr('face.book.count', count=len(book.entries))}**")
    if not book.entries:
        return
    st.image([entry.thumbnail for entry in book.entries], caption=[entry.label for entry in book.entries], width=96)
    ids = [entry.id for entry in book.entries]
    labels = {entry.id: entry.label for entry in book.entries}
    keep_valid("book_forget_pick", ids)
    pick, forget, forget_all = st.columns([2, 1, 1], vertical_alignment="bottom")
    chosen = pick.selectbox(tr("face.book.forget_pick"), ids, format_func=labels.__getitem__, key="book_forget_pick")
    forget.button(tr("face.book.forget"), key="book_forget", on_click=book.forget, args=(chosen,))
    forget_all.button(tr("face.book.forget_all"), key="book_forget_all", on_click=book.forget_all)


def main() -> None:
    url_state(PARAMS)
    page_title("page.faces")
    st.markdown(tr("face.intro"))
    share_link()
    threshold = st.slider(tr("face.threshold"), 0.0, 1.0, step=0.001, format="%.3f", key="face_threshold",
                          help=tr("face.threshold_help"))
    verify, book, geometry = st.tabs([tr("face.tab.verify"), tr("face.tab.book"), tr("face.tab.geometry")])
    with verify:
        verify_tab(threshold)
    with book:
        probe = book_tab(threshold)
    with geometry:
        geometry_tab(session_book(), None if probe is None else probe.embedding, threshold)
    theory([
        r"\cos(a,b) = \frac{a \cdot b}{\lVert a\rVert\,\lVert b\rVert},\qquad \lVert a-b\rVert^2 = 2 - 2\cos(a,b)"
        r"\ \ (\lVert a\rVert = \lVert b\rVert = 1)",
        r"\text{same}(x_1,x_2) \iff \cos\big(f(x_1), f(x_2)\big) \ge \tau",
        r"\text{id}(x) = \arg\max_k\ e_k \cdot f(x)\ \text{ if } \max_k e_k \cdot f(x) \ge \tau \text{, else unknown}",
        r"L(A,P,N) = \max\big(\lVert f(A)-f(P)\rVert - \lVert f(A)-f(N)\rVert + \alpha,\ 0\big)",
        r"\min_{s,R,t} \sum_{i=1}^{5} \lVert s R\,p_i + t - q_i \rVert^2 \quad \text{(alignment, Umeyama)}",
    ], "face.theory")


main()
