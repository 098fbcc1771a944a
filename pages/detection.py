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
from plotly.subplots import make_subplots
from PIL import Image

from core.assets.registry import FETCH_FULL_COMMAND
from core.detection import draw, pipeline
from core.detection.darknet import Darknet
from core.detection.postprocess import Selection, iou_parts
from core.detection.preprocess import INPUT_SIZES, RESIZE_MODES
from pages.ui import image_input, option_labels, page_title, theory, tr, user_errors

VIEWS = ("detections", "nms", "grid", "heatmap", "iou")
IOU_CANVAS = (400, 300)


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


@st.cache_resource(max_entries=16, show_spinner=False)
def raw_predictions(data: bytes, model_id: str, size: int, mode: str,
                    _image: Image.Image) -> tuple[pipeline.RawPrediction, float]:
    """One forward pass per (image bytes, model, size, mode); also returns its time in ms."""
    start = time.perf_counter()
    raw = pipeline.raw_predictions(load_model(model_id), _image, size, mode)
    return raw, (time.perf_counter() - start) * 1000


def controls(names: list[str]) -> Params:
    models = pipeline.available_models()
    model_id = st.radio(tr("det.model"), models, format_func=option_labels("det.model."), key="det_model")
    if "yolov3" not in models:
        st.caption(tr("det.full_missing", command=FETCH_FULL_COMMAND))
    size = st.select_slider(tr("det.size"), INPUT_SIZES, value=pipeline.DEFAULT_SIZE, key="det_size")
    mode = st.radio(tr("det.mode"), RESIZE_MODES, format_func=option_labels("det.mode."), horizontal=True,
                    key="det_mode")
    conf = st.slider(tr("det.conf"), 0.01, 1.0, pipeline.DEFAULT_CONF, 0.01, key="det_conf")
    iou = st.slider(tr("det.iou"), 0.05, 1.0, pipeline.DEFAULT_IOU, 0.05, key="det_iou")
    chosen = st.multiselect(tr("det.classes"), range(len(names)), format_func=names.__getitem__,
                            placeholder=tr("det.classes_placeholder"), key="det_classes")
    return Params(model_id, size, mode, conf, iou, frozenset(chosen) or None)


def show_detections(image: Image.Image, detections: list[pipeline.Detection], raw: pipeline.RawPrediction) -> None:
    annotated = draw.annotate(image, torch.tensor([d.box for d in detections]).view(-1, 4),
                              [d.class_id for d in detections], [f"{d.label} {d.score:.2f}" for d in detections])
    st.image(annotated, width="stretch")
    st.download_button(tr("det.download"), draw.png_bytes(annotated), file_name="detections.png",
                       mime="image/png", key="det_download")
    if not detections:
        st.info(tr("det.none"))
        return
    st.dataframe({
        tr("det.col.class"): [d.label for d in detections],
        tr("det.col.score"): [round(d.score, 3) for d in detections],
        tr("det.col.objectness"): [round(d.objectness, 3) for d in detections],
        tr("det.col.class_prob"): [round(d.class_prob, 3) for d in detections],
        tr("det.col.box"): [", ".join(f"{v:.0f}" for v in d.box) for d in detections],
        tr("det.col.scale"): [_grid_name(raw, d.scale) for d in detections],
        tr("det.col.cell"): [f"{d.cell[0]}, {d.cell[1]}" for d in detections],
        tr("det.col.anchor"): ["{:.0f}×{:.0f}".format(*raw.anchors[d.scale][d.anchor]) for d in detections],
    }, hide_index=True)


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


def show_heatmaps(raw: pipeline.RawPrediction) -> None:
    grids = raw.candidates.grids
    figure = make_subplots(rows=1, cols=len(grids),
                           subplot_titles=[tr("det.heat_title", rows=r, cols=c) for r, c in grids])
    for scale in range(len(grids)):
        heat = raw.candidates.objectness_map(scale).amax(dim=0)  # (rows, cols)
        figure.add_trace(go.Heatmap(z=heat.numpy(), zmin=0, zmax=1, colorscale="Viridis", showscale=scale == 0),
                         row=1, col=scale + 1)
        figure.update_yaxes(autorange="reversed", row=1, col=scale + 1)  # row 0 at the top, like the image
    figure.update_layout(height=420, margin=dict(l=10, r=10, t=40, b=10))
    st.plotly_chart(figure, key="det_heatmaps")
    st.caption(tr("det.heat_caption"))


def _box_controls(title_key: str, key: str, default: tuple[int, int, int, int]) -> list[float]:
    st.markdown(f"**{tr(title_key)}**")
    width, height = IOU_CANVAS
    x = st.slider(tr("det.iou_x"), 0, width, default[0], key=f"{key}_x")
    y = st.slider(tr("det.iou_y"), 0, height, default[1], key=f"{key}_y")
    w = st.slider(tr("det.iou_w"), 10, width, default[2], key=f"{key}_w")
    h = st.slider(tr("det.iou_h"), 10, height, default[3], key=f"{key}_h")
    return [x, y, min(width, x + w), min(height, y + h)]


def show_iou(threshold: float) -> None:
    left, middle, right = st.columns([1, 1, 2])
    with left:
        a = _box_controls("det.iou_a", "det_iou_a", (60, 60, 180, 140))
    with middle:
        b = _box_controls("det.iou_b", "det_iou_b", (150, 110, 180, 140))
    intersection, union, value = iou_parts(torch.tensor(a), torch.tensor(b))
    with right:
        st.image(draw.iou_picture(a, b, IOU_CANVAS), width="stretch")
        st.metric(tr("det.iou_value"), f"{value:.3f}")
        st.latex(rf"\mathrm{{IoU}} = \frac{{\text{{{tr('det.iou_intersection')}}}}}{{\text{{{tr('det.iou_union')}}}}}"
                 rf" = \frac{{{intersection:.0f}}}{{{union:.0f}}} = {value:.3f}")
        verdict = tr("det.iou_suppressed") if value > threshold else tr("det.iou_kept")
        st.caption(tr("det.iou_verdict", threshold=threshold, verdict=verdict))


def _grid_name(raw: pipeline.RawPrediction, scale: int) -> str:
    rows, cols = raw.candidates.grids[scale]
    return f"{rows}×{cols}"


def main() -> None:
    page_title("page.detection")
    st.markdown(tr("det.intro"))
    with user_errors():
        names = class_names()
    left, right = st.columns([1, 2])
    with left:
        image, data = image_input("det", default_sample="coffee", camera=True)
        params = controls(names)
    with user_errors(), st.spinner():
        raw, forward_ms = raw_predictions(data, params.model_id, params.size, params.mode, image)
    start = time.perf_counter()
    detections, selection = pipeline.detect(raw, names, params.conf, params.iou,
                                            set(params.classes) if params.classes else None)
    filter_ms = (time.perf_counter() - start) * 1000
    with right:
        view = st.radio(tr("det.view"), VIEWS, format_func=option_labels("det.view."), horizontal=True,
                        key="det_view")
        st.caption(tr("det.summary", candidates=len(raw.candidates.objectness), scales=len(raw.candidates.grids),
                      grids=", ".join(_grid_name(raw, s) for s in range(len(raw.candidates.grids))),
                      over=len(selection.index), kept=len(detections), forward_ms=forward_ms,
                      filter_ms=filter_ms))
        if view == "detections":
            show_detections(image, detections, raw)
        elif view == "nms":
            show_nms(image, raw, selection)
        elif view == "grid":
            show_grid(raw, detections, params.size)
        elif view == "heatmap":
            show_heatmaps(raw)
        else:
            show_iou(params.iou)
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
