"""YOLOv3 detection: the boxes, and how YOLO arrived at them (grids, anchors, NMS, IoU).

The network runs once per (image, model, input size, resize mode) and its decoded candidates
are cached; confidence, NMS IoU, class filter and view only re-filter and re-draw.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st
import torch
from PIL import Image

from core.assets.registry import FETCH_FULL_COMMAND
from core.detection import draw, figures, pipeline
from core.detection.darknet import Darknet
from core.detection.postprocess import Selection, iou_parts
from core.detection.preprocess import INPUT_SIZES, RESIZE_MODES
from core.detection.share import IOU_CANVAS, VIEWS, detection_params
from core.detection.table import annotated, detection_rows, grid_name
from pages.ui import (chart, input_cache, download_csv, download_png, image_input, option_labels, page_title, share_link, theory,
                      tr, url_state, user_errors)


@dataclass(frozen=True)
class Params:
    model_id: str
    size: int
    mode: str
    conf: float
    iou: float
    classes: frozenset[int] | None  # None: every class


@st.cache_resource(show_spinner=False)
def load_model(model_id: str) -> Darknet:
    return pipeline.load_model(model_id)


@st.cache_resource(show_spinner=False)
def class_names() -> list[str]:
    return pipeline.class_names()


@st.cache_resource(show_spinner=False)
def available_models() -> list[str]:
    return pipeline.available_models()


@input_cache(max_entries=16)
def raw_predictions(data: bytes, model_id: str, size: int, mode: str,
                    _image: Image.Image) -> tuple[pipeline.RawPrediction, float]:
    """One forward pass per (image bytes, model, size, mode); also returns its time in ms."""
    start = time.perf_counter()
    raw = pipeline.raw_predictions(load_model(model_id), _image, size, mode)
    return raw, (time.perf_counter() - start) * 1000


@input_cache(max_entries=16)
def heatmaps(data: bytes, model_id: str, size: int, mode: str, titles: tuple[str, ...],
             _raw: pipeline.RawPrediction) -> go.Figure:
    """The objectness heatmaps, drawn once per prediction and language."""
    return figures.objectness_heatmaps(_raw, titles)


def controls(names: list[str]) -> Params:
    models = available_models()
    model_id = st.radio(tr("det.model"), models, format_func=option_labels("det.model."), key="det_model")
    if "yolov3" not in models:
        st.caption(tr("det.full_missing", command=FETCH_FULL_COMMAND))
    size = st.select_slider(tr("det.size"), INPUT_SIZES, key="det_size")
    mode = st.radio(tr("det.mode"), RESIZE_MODES, format_func=option_labels("det.mode."), horizontal=True,
                    key="det_mode")
    conf = st.slider(tr("det.conf"), 0.01, 1.0, step=0.01, key="det_conf")
    iou = st.slider(tr("det.iou"), 0.05, 1.0, step=0.05, key="det_iou")
    chosen = st.multiselect(tr("det.classes"), names, placeholder=tr("det.classes_placeholder"), key="det_classes")
    return Params(model_id, size, mode, conf, iou, frozenset(names.index(name) for name in chosen) or None)


def show_detections(image: Image.Image, detections: list[pipeline.Detection], raw: pipeline.RawPrediction) -> None:
    picture = annotated(image, detections)
    st.image(picture, width="stretch")
    download_png(picture, "detections.png", key="det_download")
    if not detections:
        st.info(tr("det.none"))
        return
    table = {tr(f"det.col.{name}"): column for name, column in detection_rows(detections, raw).items()}
    st.dataframe(table, hide_index=True)
    download_csv(table, "detections.csv", key="det_csv")


def show_nms(image: Image.Image, raw: pipeline.RawPrediction, selection: Selection) -> None:
    boxes = raw.transform.to_original(raw.candidates.boxes[selection.index])  # (K, 4)
    labels, kept = selection.labels.tolist(), selection.kept.tolist()
    st.caption(tr("det.nms_caption", before=len(kept), after=sum(kept)))
    left, right = st.columns(2)
    left.markdown(f"**{tr('det.before_nms')}**")
    left.image(draw.nms_view(image, boxes, labels, kept), width="stretch")
    right.markdown(f"**{tr('det.after_nms')}**")
    right.image(draw.nms_view(image, boxes[selection.kept], [l for l, k in zip(labels, kept) if k], [True] * sum(kept)),
                width="stretch")


def show_grid(raw: pipeline.RawPrediction, detections: list[pipeline.Detection], size: int) -> None:
    options = {s: tr("det.grid_option", rows=rows, cols=cols, stride=size // cols)
               for s, (rows, cols) in enumerate(raw.candidates.grids)}
    if st.session_state.get("det_grid_scale") not in options:  # a link's third head on a two-head model
        st.session_state["det_grid_scale"] = 0
    scale = st.radio(tr("det.grid_scale"), list(options), format_func=options.__getitem__, horizontal=True,
                     key="det_grid_scale")
    mine = [d for d in detections if d.scale == scale]
    boxes = raw.candidates.boxes[[d.candidate for d in mine]].view(-1, 4)  # input pixels
    picture = draw.grid_view(raw.network_input, raw.candidates.grids[scale], [d.cell for d in mine],
                             [raw.anchors[scale][d.anchor] for d in mine], boxes, [d.class_id for d in mine])
    st.image(picture, width="stretch")
    anchors = ", ".join(f"{w:.0f}×{h:.0f}" for w, h in raw.anchors[scale])
    st.caption(tr("det.grid_caption", size=size, anchors=anchors))
    if not mine:
        st.info(tr("det.grid_none"))


def _box_controls(title_key: str, key: str) -> list[float]:
    st.markdown(f"**{tr(title_key)}**")
    width, height = IOU_CANVAS
    x = st.slider(tr("det.iou_x"), 0, width, key=f"{key}_x")
    y = st.slider(tr("det.iou_y"), 0, height, key=f"{key}_y")
    w = st.slider(tr("det.iou_w"), 10, width, key=f"{key}_w")
    h = st.slider(tr("det.iou_h"), 10, height, key=f"{key}_h")
    return [x, y, min(width, x + w), min(height, y + h)]


def show_iou(threshold: float) -> None:
    left, middle, right = st.columns([1, 1, 2])
    with left:
        a = _box_controls("det.iou_a", "det_iou_a")
    with middle:
        b = _box_controls("det.iou_b", "det_iou_b")
    intersection, union, value = iou_parts(torch.tensor(a), torch.tensor(b))
    with right:
        st.image(draw.iou_picture(a, b, IOU_CANVAS), width="stretch")
        st.metric(tr("det.iou_value"), f"{value:.3f}")
        st.latex(rf"\mathrm{{IoU}} = \frac{{\text{{{tr('det.iou_intersection')}}}}}{{\text{{{tr('det.iou_union')}}}}}"
                 rf" = \frac{{{intersection:.0f}}}{{{union:.0f}}} = {value:.3f}")
        verdict = tr("det.iou_suppressed") if value > threshold else tr("det.iou_kept")
        st.caption(tr("det.iou_verdict", threshold=threshold, verdict=verdict))


def show(image: Image.Image, data: bytes, params: Params, raw: pipeline.RawPrediction, forward_ms: float,
         names: list[str]) -> None:
    start = time.perf_counter()
    detections, selection = pipeline.detect(raw, names, params.conf, params.iou,
                                            set(params.classes) if params.classes else None)
    filter_ms = (time.perf_counter() - start) * 1000
    view = st.radio(tr("det.view"), VIEWS, format_func=option_labels("det.view."), horizontal=True, key="det_view")
    grids = range(len(raw.candidates.grids))
    st.caption(tr("det.summary", candidates=len(raw.candidates.objectness), scales=len(grids),
                  grids=", ".join(grid_name(raw, s) for s in grids), over=len(selection.index), kept=len(detections),
                  forward_ms=forward_ms, filter_ms=filter_ms))
    if view == "detections":
        show_detections(image, detections, raw)
    elif view == "nms":
        show_nms(image, raw, selection)
    elif view == "grid":
        show_grid(raw, detections, params.size)
    elif view == "heatmap":
        titles = tuple(tr("det.heat_title", rows=r, cols=c) for r, c in raw.candidates.grids)
        chart(heatmaps(data, params.model_id, params.size, params.mode, titles, raw), key="det_heatmaps",
              width="stretch")
        st.caption(tr("det.heat_caption"))
    else:
        show_iou(params.iou)


def main() -> None:
    with user_errors():
        names = class_names()
    url_state(detection_params(available_models(), names))
    page_title("page.detection")
    st.markdown(tr("det.intro"))
    share_link()
    left, right = st.columns([1, 2])
    with left:
        image, data = image_input("det", default_sample="coffee", camera=True)
        params = controls(names)
    with user_errors(), st.spinner():
        raw, forward_ms = raw_predictions(data, params.model_id, params.size, params.mode, image)
    with right:
        show(image, data, params, raw, forward_ms, names)
    theory([
        r"b_x = \big(\sigma(t_x) + c_x\big)\,s,\quad b_y = \big(\sigma(t_y) + c_y\big)\,s,"
        r"\quad b_w = p_w\,e^{t_w},\quad b_h = p_h\,e^{t_h}",
        r"\text{confidence} = \underbrace{\sigma(t_o)}_{\text{objectness}}"
        r"\times \underbrace{\max_c \sigma(t_c)}_{\text{class probability}}",
        r"\mathrm{IoU}(A, B) = \frac{|A \cap B|}{|A \cup B|},\qquad d(\text{box}, \text{anchor}) = 1 - \mathrm{IoU}",
        r"\text{grid} = \frac{\text{input}}{32}:\quad \frac{416}{32} = 13,\quad \frac{416}{16} = 26,"
        r"\quad \frac{416}{8} = 52",
    ], "det.theory")


main()
