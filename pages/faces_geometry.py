"""The geometry tab of the faces page (``pages/faces.py``), not a page of its own.

The session's face book on a PCA map with the probe face, the triplet loss on three of its faces,
and its genuine / impostor pair scores against the threshold. Everything here is drawn from the
book in ``st.session_state``; nothing leaves the session.
"""
from __future__ import annotations

import streamlit as st
import torch

from core.faces import figures
from core.faces.facebook import FaceBook
from core.faces.facemap import default_triplet, face_map
from core.faces.geometry import error_rates, pair_scores, triplet
from pages.ui import chart, tr


def keep_valid(key: str, options: list) -> None:
    """Drop a widget's remembered value that is no longer among its options (a new photo, a forgotten face)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def map_view(book: FaceBook, probe: torch.Tensor | None) -> None:
    """Enrolled faces and the probe in the PCA plane, with the probe's true distances."""
    layout = face_map(book.matrix(), probe)
    axes = (tr("face.geo.axis", number=1, share=layout.explained[0]),
            tr("face.geo.axis", number=2, share=layout.explained[1]))
    figure = figures.face_map(layout, [e.name for e in book.entries], [e.label for e in book.entries],
                              None if probe is None else tr("face.geo.probe"), axes)
    chart(figure, key="face_map", width="stretch")


def triplet_panel(book: FaceBook) -> None:
    st.subheader(tr("face.geo.triplet"))
    entries = {entry.id: entry for entry in book.entries}
    ids = list(entries)
    for key in ("geo_anchor", "geo_positive", "geo_negative"):
        keep_valid(key, ids)
    defaults = [ids[i] for i in default_triplet(book.labels())]
    columns = st.columns(3)
    labels = {i: entry.label for i, entry in entries.items()}
    chosen = [column.selectbox(tr(f"face.geo.{role}"), ids, index=ids.index(default), key=f"geo_{role}",
                               format_func=labels.__getitem__)
              for column, role, default in zip(columns, ("anchor", "positive", "negative"), defaults)]
    for column, entry_id in zip(columns, chosen):
        column.image(entries[entry_id].thumbnail, width=80)
    alpha = st.slider(tr("face.geo.alpha"), 0.0, 1.0, step=0.05, key="geo_alpha")
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
    chart(figures.score_histogram(scores, threshold, tr("face.geo.genuine"), tr("face.geo.impostor"),
                                  tr("face.cosine"), tr("face.geo.pairs")), key="face_hist", width="stretch")
    rates = error_rates(scores, threshold)
    far, frr = st.columns(2)
    far.metric(tr("face.geo.far"), f"{rates.far:.0%}")
    frr.metric(tr("face.geo.frr"), f"{rates.frr:.0%}")
    st.caption(tr("face.geo.rates_note", genuine=len(scores.genuine), impostor=len(scores.impostor)))


def geometry_tab(book: FaceBook, probe: torch.Tensor | None, threshold: float) -> None:
    """The face book's map (with the book tab's probe face, an embedding), a triplet and pair scores."""
    if len(book.entries) < 2:
        st.info(tr("face.geo.need_two"))
        return
    st.subheader(tr("face.geo.map"))
    map_view(book, probe)
    st.caption(tr("face.geo.map_note"))
    triplet_panel(book)
    histogram_panel(book, threshold)
