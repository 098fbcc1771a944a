"""Face verification: two photos, one decision; a one-shot face book; the geometry behind both.

Privacy and caching: the models are shared by every session (``st.cache_resource``), but
nothing derived from a photo is. Each session keeps its own small cache of analysed photos
(boxes, landmarks, aligned crops, embeddings; keyed by the sha256 of the bytes, never the
bytes themselves) and its face book in ``st.session_state``: nothing crosses sessions,
nothing is written to disk or logged, all of it is gone when the session ends. A
cross-session embedding cache would only save the sample photos' analysis (about a second)
at the price of keeping biometric templates after their owner has left, so there is none.
The threshold, the face choice and the triplet controls only re-decide and re-draw.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st
import torch
from PIL import Image

from core.device import device
from core.faces.draw import annotate
from core.faces.facebook import MAX_ENTRIES, MAX_NAME, FaceBook
from core.faces.geometry import error_rates, pair_scores, pca_2d, triplet
from core.faces.pipeline import FaceModels, PhotoFaces, analyse, load_models, photo_key
from core.faces.verify import DEFAULT_THRESHOLD, Verdict, decide
from core.image_input import load_image
from pages.ui import ASSETS_DIR, image_input, page_title, theory, tr, user_errors

FACE_SAMPLES = {name: ASSETS_DIR / "faces" / f"{name}.jpg" for name in ("obama", "obama2", "obama3", "biden")}
BOOK_SAMPLES = {"obama": "face.sample.obama", "obama2": "face.sample.obama", "obama3": "face.sample.obama",
                "biden": "face.sample.biden"}
PHOTO_CACHE = "face_photos"  # session_state: sha256 -> PhotoFaces, the last few photos of this session
PHOTO_CACHE_SIZE = 8
BOOK = "face_book"
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
    """Detect, align and embed once per photo per session (see the module docstring)."""
    cache: OrderedDict[str, PhotoFaces] = st.session_state.setdefault(PHOTO_CACHE, OrderedDict())
    key = photo_key(data)
    if key not in cache:
        with user_errors():
            models = face_models()
        cache[key] = analyse(models, image)
        while len(cache) > PHOTO_CACHE_SIZE:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return cache[key]


def session_book() -> FaceBook:
    return st.session_state.setdefault(BOOK, FaceBook())


def keep_valid(key: str, options: list) -> None:
    """Drop a widget's remembered value that is no longer among its options (a new photo, a forgotten face)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


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
    shown = annotate(image, faces, index)
    shown.thumbnail(DISPLAY_BOX)  # a tall portrait must not push everything else off the screen
    photo, crop = st.columns([2, 1])
    photo.image(shown, caption=tr("face.found", count=len(faces)))
    if len(faces) == 0:
        st.warning(tr("face.err.no_face"))
        return None
    crop.image(faces.crops[index], caption=tr("face.aligned"), width=112)
    return Probe(faces, index)


def scale_chart(verdict: Verdict) -> go.Figure:
    """The pair's cosine on a line from -0.2 to 1 with the two decision regions."""
    figure = go.Figure()
    figure.add_vrect(x0=-0.2, x1=verdict.threshold, fillcolor="#ff9800", opacity=0.15, line_width=0,
                     annotation_text=tr("face.different_short"), annotation_position="top left")
    figure.add_vrect(x0=verdict.threshold, x1=1.0, fillcolor="#00c853", opacity=0.15, line_width=0,
                     annotation_text=tr("face.same_short"), annotation_position="top right")
    figure.add_vline(x=verdict.threshold, line_dash="dash", line_color="#555")
    figure.add_trace(go.Scatter(x=[verdict.cosine], y=[0], mode="markers+text", text=[f"{verdict.cosine:.3f}"],
                                textposition="bottom center", marker={"size": 16, "color": "#1565c0"},
                                hoverinfo="skip"))
    figure.update_layout(height=150, margin={"l": 10, "r": 10, "t": 30, "b": 30}, showlegend=False,
                         xaxis={"range": [-0.2, 1.0], "title": tr("face.cosine")},
                         yaxis={"visible": False, "range": [-1, 1]})
    return figure


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
    st.plotly_chart(scale_chart(verdict), key="face_scale", config={"displayModeBar": False})
    st.caption(tr("face.l2_note", l2=verdict.l2_threshold))


def enrol_samples() -> None:
    """Button callback: enrol the four sample portraits (3 x Obama, 1 x Biden)."""
    book = session_book()
    for sample, name_key in BOOK_SAMPLES.items():
        data = FACE_SAMPLES[sample].read_bytes()
        faces = faces_of(data, load_image(data))
        book.enrol(tr(name_key), faces.embeddings[0], faces.crops[0])


def enrol(probe: Probe) -> None:
    """Button callback: enrol the chosen face under the typed name."""
    session_book().enrol(st.session_state.get("book_name", ""), probe.embedding, probe.faces.crops[probe.index])


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
            name = st.text_input(tr("face.book.name"), key="book_name", max_chars=MAX_NAME)
            st.button(tr("face.book.enrol"), key="book_enrol", on_click=enrol, args=(probe,),
                      disabled=full or not name.strip())
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


def map_chart(book: FaceBook, probe: Probe | None) -> go.Figure:
    """Enrolled faces (one colour per name) and the probe in the PCA plane, probe-to-face distances drawn."""
    embeddings = book.matrix()
    if probe is not None:
        embeddings = torch.cat([embeddings, probe.embedding[None]])
    projection = pca_2d(embeddings)
    points = projection.points.tolist()
    figure = go.Figure()
    if probe is not None:
        px, py = points[-1]
        for entry, (x, y) in zip(book.entries, points):
            distance = float(torch.dist(entry.embedding, probe.embedding))
            figure.add_trace(go.Scatter(x=[px, x], y=[py, y], mode="lines", line={"dash": "dot", "color": "#999"},
                                        hoverinfo="skip", showlegend=False))
            figure.add_annotation(x=(px + x) / 2, y=(py + y) / 2, text=f"{distance:.2f}", showarrow=False,
                                  font={"size": 11, "color": "#555"})
    for name in dict.fromkeys(book.labels()):
        rows = [i for i, entry in enumerate(book.entries) if entry.name == name]
        figure.add_trace(go.Scatter(x=[points[i][0] for i in rows], y=[points[i][1] for i in rows], name=name,
                                    mode="markers+text", text=[book.entries[i].label for i in rows],
                                    textposition="top center", marker={"size": 12}))
    if probe is not None:
        figure.add_trace(go.Scatter(x=[points[-1][0]], y=[points[-1][1]], name=tr("face.geo.probe"),
                                    mode="markers+text", text=[tr("face.geo.probe")], textposition="bottom center",
                                    marker={"size": 18, "symbol": "star", "color": "#111"}))
    share = projection.explained
    figure.update_layout(height=420, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                         xaxis_title=tr("face.geo.axis", number=1, share=share[0]),
                         yaxis_title=tr("face.geo.axis", number=2, share=share[1]))
    figure.update_yaxes(scaleanchor="x", scaleratio=1)
    return figure


def triplet_panel(book: FaceBook) -> None:
    st.subheader(tr("face.geo.triplet"))
    entries = {entry.id: entry for entry in book.entries}
    ids = list(entries)
    for key in ("geo_anchor", "geo_positive", "geo_negative"):
        keep_valid(key, ids)
    anchor_id = ids[0]
    same = [i for i in ids[1:] if entries[i].name == entries[anchor_id].name]
    other = [i for i in ids if entries[i].name != entries[anchor_id].name]
    defaults = (anchor_id, (same or ids[1:])[0], (other or ids[-1:])[0])
    columns = st.columns(3)
    labels = {i: entry.label for i, entry in entries.items()}
    chosen = [column.selectbox(tr(f"face.geo.{role}"), ids, index=ids.index(default), key=f"geo_{role}",
                               format_func=labels.__getitem__)
              for column, role, default in zip(columns, ("anchor", "positive", "negative"), defaults)]
    for column, entry_id in zip(columns, chosen):
        column.image(entries[entry_id].thumbnail, width=80)
    alpha = st.slider(tr("face.geo.alpha"), 0.0, 1.0, 0.2, 0.05, key="geo_alpha")
    a, p, n = (entries[i] for i in chosen)
    result = triplet(a.embedding, p.embedding, n.embedding, alpha)
    st.latex(rf"L = \max\big(d(A,P) - d(A,N) + \alpha,\ 0\big) = \max({result.d_ap:.3f} - {result.d_an:.3f}"
             rf" + {alpha:.2f},\ 0) = {result.loss:.3f}")
    st.caption(tr("face.geo.triplet_active" if result.loss > 0 else "face.geo.triplet_zero"))
    if p.name != a.name or n.name == a.name:
        st.caption(tr("face.geo.triplet_labels"))


def histogram_panel(book: FaceBook, threshold: float) -> None:
    st.subheader(tr("face.geo.hist"))
    scores = pair_scores(book.matrix(), book.labels())
    if len(scores.genuine) == 0 or len(scores.impostor) == 0:
        st.info(tr("face.geo.need_pairs"))
        return
    figure = go.Figure()
    bins = {"start": -0.2, "end": 1.0, "size": 0.04}
    figure.add_trace(go.Histogram(x=scores.genuine.tolist(), name=tr("face.geo.genuine"), xbins=bins,
                                  marker_color="#00c853", opacity=0.65))
    figure.add_trace(go.Histogram(x=scores.impostor.tolist(), name=tr("face.geo.impostor"), xbins=bins,
                                  marker_color="#ff6d00", opacity=0.65))
    figure.add_vline(x=threshold, line_dash="dash", line_color="#333")
    figure.update_layout(barmode="overlay", height=320, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                         xaxis={"title": tr("face.cosine"), "range": [-0.2, 1.0]},
                         yaxis_title=tr("face.geo.pairs"), legend={"orientation": "h", "y": 1.15})
    st.plotly_chart(figure, key="face_hist")
    rates = error_rates(scores, threshold)
    far, frr = st.columns(2)
    far.metric(tr("face.geo.far"), f"{rates.far:.0%}")
    frr.metric(tr("face.geo.frr"), f"{rates.frr:.0%}")
    st.caption(tr("face.geo.rates_note", genuine=len(scores.genuine), impostor=len(scores.impostor)))


def geometry_tab(book: FaceBook, probe: Probe | None, threshold: float) -> None:
    if len(book.entries) < 2:
        st.info(tr("face.geo.need_two"))
        return
    st.subheader(tr("face.geo.map"))
    st.plotly_chart(map_chart(book, probe), key="face_map")
    st.caption(tr("face.geo.map_note"))
    triplet_panel(book)
    histogram_panel(book, threshold)


page_title("page.faces")
st.markdown(tr("face.intro"))
threshold = st.slider(tr("face.threshold"), 0.0, 1.0, DEFAULT_THRESHOLD, 0.001, format="%.3f", key="face_threshold",
                      help=tr("face.threshold_help"))
verify, book, geometry = st.tabs([tr("face.tab.verify"), tr("face.tab.book"), tr("face.tab.geometry")])
with verify:
    verify_tab(threshold)
with book:
    book_probe = book_tab(threshold)
with geometry:
    geometry_tab(session_book(), book_probe, threshold)
theory([r"\cos(a,b) = \frac{a \cdot b}{\lVert a\rVert\,\lVert b\rVert},\qquad \lVert a-b\rVert^2 = 2 - 2\cos(a,b)"
        r"\ \ (\lVert a\rVert = \lVert b\rVert = 1)",
        r"\text{same}(x_1,x_2) \iff \cos\big(f(x_1), f(x_2)\big) \ge \tau",
        r"\text{id}(x) = \arg\max_k\ e_k \cdot f(x)\ \text{ if } \max_k e_k \cdot f(x) \ge \tau \text{, else unknown}",
        r"L(A,P,N) = \max\big(\lVert f(A)-f(P)\rVert - \lVert f(A)-f(N)\rVert + \alpha,\ 0\big)",
        r"\min_{s,R,t} \sum_{i=1}^{5} \lVert s R\,p_i + t - q_i \rVert^2 \quad \text{(alignment, Umeyama)}"],
       "face.theory")
