"""Attention heatmaps: a real transformer's self-attention, head by head, and positional encoding.

The model runs once per (text, window) and its 6 × 12 attention maps are cached; toggles
re-tidy the cached maps once, and every slider (layer, head, threshold, token) only picks and
draws.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import streamlit as st
import torch

from core.attention import figures
from core.attention.by_hand import attention_steps, start_matrix, torch_difference
from core.attention.extract import WINDOW, Attention, Encoded, attend, encode, token_embeddings
from core.attention.model import MiniLM, load_minilm
from core.attention.positional import add_to_embeddings, similarity, sinusoidal
from core.attention.theory import THEORY
from core.attention.transform import below, thumbnails
from core.attention.views import MODES, Tidy, as_table, pick, tidy
from core.url_state import Param
from pages.ui import (chart, download_csv, input_cache, option_labels, page_title, share_link, text_input_or_upload,
                      theory, tr, url_state, user_errors)

SAMPLE_FILE = Path(__file__).resolve().parent.parent / "assets" / "text" / "attention_sample.txt"
SAMPLE = SAMPLE_FILE.read_text("utf-8").strip()
VIEWS = ("heatmap", "head", "model", "positional", "by_hand")
FOCUS = "it"  # the sample's coreference head (layer 4, head 2): "it" → "animal"
THUMB = 32  # model-view maps are pooled down to at most this many rows
PE_TOKENS = 48  # "PE added to embeddings" shows the window's first tokens only
PE_DIMS = [16, 32, 64, 128, 256, 384, 512]
HEADS = tuple(str(h + 1) for h in range(12))  # the head view's choice, as head numbers: MiniLM has 12 per layer
PARAMS = [
    Param("att_text", "text", SAMPLE, max_len=500), Param("att_window", "window", 0, low=0, high=999),
    Param("att_view", "view", "heatmap", options=VIEWS), Param("att_mode", "mode", "head", options=MODES),
    Param("att_layer", "layer", 4, low=1, high=6), Param("att_head", "head", 2, low=1, high=12),
    Param("att_hide_special", "specials_hidden", True), Param("att_merge_words", "words", False),
    Param("att_threshold", "min", 0.0, low=0.0, high=0.5), Param("att_token", "token", -1, low=0, high=511),
    Param("att_heads", "heads", HEADS, options=HEADS),
    Param("att_pe_positions", "positions", 64, low=8, high=512), Param("att_pe_dim", "dim", 128, options=PE_DIMS),
    Param("att_hand_tokens", "n", 3, low=2, high=6), Param("att_hand_dim", "d", 2, low=1, high=4),
    Param("att_temperature", "temp", 1.0, low=0.1, high=5.0),
]


@dataclass(frozen=True)
class Params:
    mode: str
    layer: int  # 0-based
    head: int  # 0-based
    hide_special: bool
    merge_words: bool
    threshold: float


# ---------------------------------------------------------------- cached heavy work (one copy per server)


@st.cache_resource(show_spinner=False)
def _model() -> MiniLM:
    return load_minilm()


@input_cache(max_entries=32)
def _encode(text: str) -> Encoded:
    return encode(_model(), text)


# A 512-token window's maps take 75 MB (6 × 12 × 512 × 512 float32): keep few, drop idle ones after an hour.
@input_cache(max_entries=6, ttl=3600)
def _attention(text: str, window: int) -> Attention:
    return attend(_model(), _encode(text), window)


@input_cache(max_entries=8, ttl=3600)
def _tidy(text: str, window: int, hide_special: bool, merge_words: bool) -> Tidy:
    return tidy(_attention(text, window), hide_special=hide_special, merge_words=merge_words)


@input_cache(max_entries=16)
def _thumbs(text: str, window: int, hide_special: bool, merge_words: bool) -> np.ndarray:
    return thumbnails(_tidy(text, window, hide_special, merge_words).weights, THUMB).numpy()


# ---------------------------------------------------------------- input and controls


def read_input() -> tuple[str, Encoded, int]:
    """The text, its tokens, and the 512-token window to look at (with notes for long or non-English text)."""
    text = text_input_or_upload("att", SAMPLE, label_key="att.input", upload_label_key="att.upload")
    with user_errors(), st.spinner(tr("att.loading")):
        encoded = _encode(text)
    if encoded.looks_non_english:
        st.warning(tr("att.note.non_english", unknown=encoded.unknown, total=len(encoded.tokens)))
        st.code(" ".join(encoded.tokens[:400]), language=None, wrap_lines=True)
    windows = encoded.windows
    if st.session_state["att_window"] >= len(windows):  # a link made for a longer text
        st.session_state["att_window"] = 0
    if len(windows) > 1:
        st.info(tr("att.note.windows", tokens=len(encoded.ids), size=WINDOW, windows=len(windows)))
        st.selectbox(tr("att.window"), range(len(windows)), key="att_window",
                     format_func={w: tr("att.window.item", number=w + 1, start=start + 1, end=end)
                                  for w, (start, end) in enumerate(windows)}.__getitem__)
    return text, encoded, st.session_state["att_window"]


def controls(layers: int, heads: int) -> Params:
    """Which map to show and how to tidy it; every choice here is cheap."""
    with st.container(border=True):
        left, middle, right = st.columns([1.1, 1.4, 1.2])
        mode = left.radio(tr("att.mode"), MODES, key="att_mode", format_func=option_labels("att.mode."))
        layer = middle.slider(tr("att.layer"), 1, layers, key="att_layer")
        head = middle.slider(tr("att.head"), 1, heads, key="att_head", disabled=mode != "head")
        hide_special = right.toggle(tr("att.hide_special"), key="att_hide_special")
        merge_words = right.toggle(tr("att.merge_words"), key="att_merge_words")
        threshold = right.slider(tr("att.threshold"), 0.0, 0.5, step=0.01, key="att_threshold",
                                 help=tr("att.threshold.help"))
    return Params(mode, layer - 1, head - 1, hide_special, merge_words, threshold)


def _heatmap(view: Tidy, p: Params, heads: int) -> None:
    """The chosen map, and its weights as a CSV (rows attend to columns)."""
    matrix = below(pick(view, p.mode, p.layer, p.head), p.threshold)  # (N, N)
    st.markdown(f"**{tr(f'att.title.{p.mode}', layer=p.layer + 1, head=p.head + 1, heads=heads)}**")
    chart(figures.heatmap(matrix.numpy(), view.labels, x_title=tr("att.axis.to"), y_title=tr("att.axis.from"),
                          value=tr("att.axis.weight")), "att_heatmap_chart", width="stretch")
    name = f"attention_{p.mode}_layer{p.layer + 1}" + (f"_head{p.head + 1}" if p.mode == "head" else "")
    download_csv(as_table(matrix.nan_to_num(0.0), view.labels, row_name=tr("att.axis.from")), f"{name}.csv",
                 "att_weights_csv")


def show_head_view(view: Tidy, p: Params, heads: int) -> None:
    st.caption(tr("att.head_view.caption", layer=p.layer + 1))
    labels = view.labels
    if st.session_state["att_token"] not in range(len(labels)):
        st.session_state["att_token"] = labels.index(FOCUS) if FOCUS in labels else 0
    left, right = st.columns([1, 2])
    token = left.selectbox(tr("att.token"), range(len(labels)), key="att_token",
                           format_func=lambda i: f"{i + 1}: {labels[i]}")
    numbers = {str(h + 1): tr("att.head.number", number=h + 1) for h in range(heads)}  # as in the link: "1"…
    chosen = right.multiselect(tr("att.heads"), list(numbers), key="att_heads", format_func=numbers.__getitem__)
    shown = sorted(int(h) - 1 for h in chosen)  # 0-based head indices
    chart(figures.head_view(view.weights[p.layer].numpy(), labels, token, shown, threshold=p.threshold,
                            head_name=tr("att.head")), "att_head_chart", width="stretch")


def _select_from_grid(heads: int) -> None:
    """A click on a map of the model view makes it the chosen layer and head (markers run layer by layer)."""
    points = st.session_state["att_grid"].selection.points
    if points:
        layer, head = divmod(int(points[0]["point_index"]), heads)
        st.session_state.update(att_layer=layer + 1, att_head=head + 1, att_mode="head")


def show_model_view(text: str, window: int, view: Tidy, p: Params, heads: int) -> None:
    st.caption(tr("att.model_view.caption"))
    thumbs = _thumbs(text, window, p.hide_special, p.merge_words)
    grid = figures.model_view(thumbs, (p.layer, p.head), layer_name=tr("att.layer"), head_name=tr("att.head"))
    chart(grid, "att_grid", on_select=partial(_select_from_grid, heads), selection_mode="points", width="stretch")
    _heatmap(view, Params("head", p.layer, p.head, p.hide_special, p.merge_words, p.threshold), heads)


def show_positional(minilm: MiniLM, att: Attention) -> None:
    st.caption(tr("att.pe.caption"))
    left, right = st.columns(2)
    positions = left.slider(tr("att.pe.positions"), 8, 512, step=8, key="att_pe_positions")
    dim = right.select_slider(tr("att.pe.dim"), PE_DIMS, key="att_pe_dim")
    pe = sinusoidal(positions, dim)  # (P, d)
    left, right = st.columns(2)
    left.markdown(f"**{tr('att.pe.matrix')}**")
    chart(figures.matrix(pe.numpy(), x_title=tr("att.pe.dimension"), y_title=tr("att.pe.position"), height=420),
          "att_pe_chart", left, width="stretch")
    right.markdown(f"**{tr('att.pe.similarity')}**")
    chart(figures.matrix(similarity(pe).numpy(), x_title=tr("att.pe.position"), y_title=tr("att.pe.position"),
                         colorscale="Viridis", height=420), "att_pe_sim_chart", right, width="stretch")
    st.markdown(f"**{tr('att.pe.added', tokens=min(PE_TOKENS, len(att.tokens)))}**")
    tokens = att.tokens[:PE_TOKENS]
    parts = add_to_embeddings(token_embeddings(minilm, minilm.tokenizer.convert_tokens_to_ids(tokens)))  # (T, 384)
    shown = {"att.pe.embedding": parts.embeddings, "att.pe.encoding": parts.encoding, "att.pe.sum": parts.total}
    for column, (key, values) in zip(st.columns(3), shown.items()):
        column.markdown(tr(key))
        figure = figures.matrix(values.numpy(), x_title=tr("att.pe.dimension"), y_title=tr("att.pe.token"),
                                y_labels=tokens, height=360)
        chart(figure, f"att_pe_{key}", column, width="stretch")


def _editor(name: str, rows: int, cols: int, seed: int) -> torch.Tensor:
    """An editable small matrix (rows = tokens x1…xn); empty cells count as 0."""
    start = start_matrix(rows, cols, seed)
    frame = {f"{name}{j + 1}": start[:, j].tolist() for j in range(cols)}
    st.markdown(f"**{name}**")
    edited = st.data_editor(frame, key=f"att_{name.lower()}_{rows}x{cols}", hide_index=True)
    values = np.array([[edited[c][i] for c in frame] for i in range(rows)], dtype=float)
    return torch.tensor(np.nan_to_num(values), dtype=torch.float32)


def show_by_hand() -> None:
    st.caption(tr("att.hand.caption"))
    left, middle, right = st.columns(3)
    n = left.number_input(tr("att.hand.tokens"), 2, 6, key="att_hand_tokens")
    d = middle.number_input(tr("att.hand.dim"), 1, 4, key="att_hand_dim")
    temperature = right.slider(tr("att.hand.temperature"), 0.1, 5.0, step=0.1, key="att_temperature")
    q_col, k_col, v_col = st.columns(3)
    with q_col:
        q = _editor("Q", n, d, 1)
    with k_col:
        k = _editor("K", n, d, 2)
    with v_col:
        v = _editor("V", n, d, 3)
    steps = attention_steps(q, k, v, temperature)
    keys = ("att.hand.scores", "att.hand.scaled", "att.hand.weights", "att.hand.output")
    for column, key, figure in zip(st.columns(4), keys, figures.by_hand(steps, [f"x{i + 1}" for i in range(n)])):
        column.markdown(tr(key, d=d, temperature=temperature))
        chart(figure, f"att_{key}", column, width="stretch")
    st.caption(tr("att.hand.check", delta=torch_difference(q, k, v, temperature, steps.output)))


def main() -> None:
    url_state(PARAMS)
    page_title("page.attention")
    st.markdown(tr("att.intro"))
    share_link()
    with user_errors(), st.spinner(tr("att.loading")):
        minilm = _model()
    text, encoded, window = read_input()
    with user_errors(), st.spinner(tr("att.computing")):
        att = _attention(text, window)
    st.caption(tr("att.tokens", count=len(att.tokens)))
    p = controls(minilm.layers, minilm.heads)
    view = _tidy(text, window, p.hide_special, p.merge_words)
    chosen = st.radio(tr("att.view"), VIEWS, horizontal=True, key="att_view", format_func=option_labels("att.view."))
    if chosen == "heatmap":
        st.caption(tr("att.heatmap.caption"))
        _heatmap(view, p, minilm.heads)
    elif chosen == "head":
        show_head_view(view, p, minilm.heads)
    elif chosen == "model":
        show_model_view(text, window, view, p, minilm.heads)
    elif chosen == "positional":
        show_positional(minilm, att)
    else:
        show_by_hand()
    theory(THEORY, "att.theory")


main()
