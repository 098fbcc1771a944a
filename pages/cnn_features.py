"""CNN feature maps: a convolution workbench, a layer cost calculator, and pretrained CNNs on your image."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st
import torch
from PIL import Image

from core.cnn.classify import top_k
from core.cnn.conv_workbench import KERNELS, ConvSettings, blocks, convolve, pool, size_latex, to_display, to_gray
from core.cnn.costs import ConvLayer, compare
from core.cnn.features import Activations, compute_activations
from core.cnn.figures import cost_chart
from core.cnn.gradcam import grad_cam
from core.cnn.models import IMAGENET_CATEGORIES, INPUT_SIZE, LOADERS, CnnModel, available_models, load_model
from core.cnn.receptive_field import Field, receptive_fields
from core.cnn.render import COLORMAPS, channel_ranks, mosaic, overlay, render_layer, top_channels
from core.cnn.theory import COST_FORMULAS, THEORY
from core.errors import UserError
from core.url_state import Param
from pages.ui import (chart, download_csv, download_png, image_input, input_cache, option_labels,
                      page_title, share_link, theory, tr, url_state, user_errors)

DISPLAY_SIDE = 480  # the photo under overlays is drawn at most this large
TABS = ("conv", "cost", "net")
COST_INPUTS = (("side", 28, 1024), ("c_in", 192, 4096), ("c_out", 32, 4096), ("f", 5, 11), ("stride", 1, 4),
               ("bottleneck", 16, 4096))  # (name, default, largest)
PARAMS = [
    Param("cnn_tab_id", "tab", "conv", options=TABS),
    Param("cnn_kernel", "kernel", "sobel_x", options=list(KERNELS)), Param("cnn_stride", "stride", 1, low=1, high=4),
    Param("cnn_padding_mode", "padding", "same", options=("valid", "same", "custom")),
    Param("cnn_padding", "p", 1, low=0, high=6), Param("cnn_dilation", "dilation", 1, low=1, high=4),
    Param("cnn_absolute", "abs", True), Param("cnn_pool_size", "pool", 2, low=2, high=4),
    *(Param(f"cnn_cost_{name}", f"cost_{name}", default, low=1, high=high) for name, default, high in COST_INPUTS),
    Param("cnn_model", "model", "squeezenet1_1", options=[*LOADERS]), Param("cnn_alpha", "alpha", 0.55, low=0, high=1),
    Param("cnn_colormap", "colormap", "Viridis", options=COLORMAPS), Param("cnn_grid_count", "count", 16, low=4, high=32),
]


@st.cache_resource(show_spinner=False)
def _model(model_id: str) -> CnnModel:
    return load_model(model_id)


@st.cache_resource(show_spinner=False)
def _fields(model_id: str) -> dict[str, Field]:
    return receptive_fields(_model(model_id).stages)


@input_cache(max_entries=6)
def _activations(model_id: str, data: bytes, _image: Image.Image) -> tuple[Activations, Image.Image]:
    """One forward pass per (model, image bytes), plus the downsized photo the overlays are drawn on."""
    photo = _image.copy()
    photo.thumbnail((DISPLAY_SIDE, DISPLAY_SIDE), Image.Resampling.LANCZOS)
    return compute_activations(_model(model_id), _image), photo


@input_cache(max_entries=32)
def _grad_cam(model_id: str, data: bytes, layer: str, class_index: int, _image: Image.Image) -> np.ndarray:
    return grad_cam(_model(model_id), _image, layer, class_index).numpy()


def conv_controls() -> tuple[str, ConvSettings]:
    """The preset kernel and the convolution's geometry (stride, padding, dilation)."""
    cols = st.columns([3, 2, 3, 2])
    name = cols[0].selectbox(tr("cnn.kernel"), list(KERNELS), format_func=option_labels("cnn.kernel."),
                             key="cnn_kernel")
    stride = cols[1].slider(tr("cnn.stride"), 1, 4, key="cnn_stride")
    with cols[2]:
        mode = st.radio(tr("cnn.padding_mode"), ["valid", "same", "custom"], horizontal=True,
                        format_func=option_labels("cnn.padding."), key="cnn_padding_mode")
        padding = st.slider(tr("cnn.padding"), 0, 6, key="cnn_padding") if mode == "custom" else 0
    dilation = cols[3].slider(tr("cnn.dilation"), 1, 4, key="cnn_dilation")
    return name, ConvSettings(stride, mode, padding, dilation)


def kernel_editor(name: str) -> torch.Tensor:
    """The 3x3 weights, starting from the preset; editing a cell changes the convolution live."""
    st.caption(tr("cnn.kernel_edit"))
    edited = st.data_editor(pd.DataFrame(KERNELS[name], columns=["1", "2", "3"]), key=f"cnn_kernel_edit_{name}",
                            hide_index=True, width="content")
    values = edited.to_numpy(dtype=np.float32, na_value=np.nan)  # (3, 3)
    with user_errors():
        if np.isnan(values).any():
            raise UserError("cnn.err.kernel_nan")
    return torch.from_numpy(values)


def conv_section(image: Image.Image) -> None:
    name, settings = conv_controls()
    col_in, col_kernel, col_out = st.columns([5, 3, 5])
    with col_kernel:
        kernel = kernel_editor(name)
        absolute = st.checkbox(tr("cnn.absolute"), help=tr("cnn.absolute_help"), key="cnn_absolute")
    gray = to_gray(image)  # (H, W)
    with user_errors():
        out = convolve(gray, kernel, settings)  # (H_out, W_out)
    col_in.image(to_display(gray), caption=tr("cnn.input", height=gray.shape[0], width=gray.shape[1]))
    col_out.image(to_display(out, absolute), caption=tr("cnn.output", height=out.shape[0], width=out.shape[1]))
    st.markdown(tr("cnn.size_formula", f_eff=settings.dilation * 2 + 1))
    for n in gray.shape:
        st.latex(size_latex(n, settings))
    st.subheader(tr("cnn.pooling"))
    k = st.slider(tr("cnn.pool_size"), 2, 4, key="cnn_pool_size")
    if min(out.shape) < k:
        return
    response = out.abs() if absolute else out
    for col, kind in zip(st.columns(2), ("max", "avg")):
        pooled = pool(response, kind, k, k)  # (H_out / k, W_out / k)
        col.image(blocks(pooled, k), caption=tr(f"cnn.pool.{kind}", height=pooled.shape[0], width=pooled.shape[1]))
    st.caption(tr("cnn.pool_note"))


def cost_section() -> None:
    st.markdown(tr("cnn.cost.help"))
    side, c_in, c_out, f, stride, bottleneck = (
        int(column.number_input(tr(f"cnn.cost.{name}"), 1, high, key=f"cnn_cost_{name}"))
        for column, (name, _, high) in zip(st.columns(3) * 2, COST_INPUTS))
    designs = compare(ConvLayer(side, side, c_in, c_out, f, stride), bottleneck)
    base, labels = designs["standard"].mults, [tr(f"cnn.cost.{key}") for key in designs]
    table = pd.DataFrame({
        tr("cnn.cost.design"): labels,
        tr("cnn.cost.params"): [f"{c.params:,}" for c in designs.values()],
        tr("cnn.cost.mults"): [f"{c.mults:,}" for c in designs.values()],
        tr("cnn.cost.saving"): [f"{base / c.mults:.1f}×" for c in designs.values()],
    })
    st.dataframe(table, hide_index=True)
    download_csv(table, "conv_costs.csv", "cnn_cost_csv")
    chart(cost_chart(designs, labels, tr("cnn.cost.chart")), "cnn_cost_chart", width="stretch")
    st.markdown(tr("cnn.cost.formulas"))
    for formula in COST_FORMULAS:
        st.latex(formula)


@dataclass(frozen=True)
class NetParams:
    model_id: str
    layer: str
    count: int
    colormap: str
    alpha: float


def net_controls(fields_of: dict[str, Field], acts: Activations, model: CnnModel) -> NetParams:
    """Layer, grid size, colour map and opacity; the layer list shows each layer's shape and field."""
    labels = {name: tr("cnn.layer_option", layer=name, channels=acts.shape(name)[0], height=acts.shape(name)[1],
                       width=acts.shape(name)[2], field=fields_of[name].size) for name in model.layer_names}
    cols = st.columns([2, 1, 1, 1])
    layer = cols[0].selectbox(tr("cnn.layer"), model.layer_names, format_func=labels.__getitem__,
                              key=f"cnn_layer_{model.id}")
    count = cols[1].slider(tr("cnn.grid_count"), 4, 32, step=4, key="cnn_grid_count")
    colormap = cols[2].selectbox(tr("cnn.colormap"), COLORMAPS, key="cnn_colormap")
    alpha = cols[3].slider(tr("cnn.alpha"), 0.0, 1.0, step=0.05, key="cnn_alpha")
    return NetParams(model.id, layer, count, colormap, alpha)


def classes_section(model: CnnModel, acts: Activations, data: bytes, image: Image.Image, photo: Image.Image,
                    alpha: float) -> None:
    """Top-5 classes and a Grad-CAM overlay for a chosen class, or a note when the network has no classifier."""
    if acts.logits is None:
        st.info(tr("cnn.no_classifier"))
        return
    predictions = top_k(acts.logits, 5)
    url_state([Param(f"cnn_cam_class_{model.id}", "cam_class", predictions[0].index, low=0, high=999)])
    left, right = st.columns([2, 3])
    left.subheader(tr("cnn.top5"))
    top5 = pd.DataFrame({tr("cnn.class"): [p.label for p in predictions],
                         tr("cnn.probability"): [p.probability for p in predictions]})
    left.dataframe(top5, hide_index=True, column_config={tr("cnn.probability"): st.column_config.ProgressColumn(
        format="percent", min_value=0.0, max_value=1.0)})
    download_csv(top5, "top5.csv", "cnn_top5_csv", left)
    right.subheader(tr("cnn.gradcam"))
    c1, c2 = right.columns(2)
    class_index = c1.selectbox(tr("cnn.gradcam_class"), range(len(IMAGENET_CATEGORIES)),
                               format_func=IMAGENET_CATEGORIES.__getitem__, key=f"cnn_cam_class_{model.id}")
    cam_layer = c2.selectbox(tr("cnn.gradcam_layer"), model.layer_names, key=f"cnn_cam_layer_{model.id}")
    with st.spinner(tr("cnn.gradcam")):
        cam = _grad_cam(model.id, data, cam_layer, class_index, image)  # (h, w) in [0, 1]
    shown = Image.fromarray(overlay(photo, cam, "Turbo", alpha))
    right.image(shown, caption=tr("cnn.gradcam_caption", label=IMAGENET_CATEGORIES[class_index], layer=cam_layer))
    download_png(shown, f"gradcam_{model.id}_{cam_layer}_{class_index}.png", "cnn_cam_png", right)


def net_section(image: Image.Image, data: bytes) -> None:
    model_id = st.selectbox(tr("cnn.model"), available_models(), format_func=option_labels("cnn.model."),
                            key="cnn_model")
    with user_errors(), st.spinner(tr("cnn.running", model=tr(f"cnn.model.{model_id}"))):
        model = _model(model_id)
        acts, photo = _activations(model_id, data, image)
    names = model.layer_names  # per network, under the same short names in the link for every network
    url_state([Param(f"cnn_layer_{model_id}", "layer", names[len(names) // 3], options=names),
               Param(f"cnn_cam_layer_{model_id}", "cam_layer", model.cam_layer or names[-1], options=names)])
    fields_of = _fields(model_id)
    params = net_controls(fields_of, acts, model)
    (channels, height, width), field = acts.shape(params.layer), fields_of[params.layer]
    st.caption(tr("cnn.layer_facts", channels=channels, height=height, width=width, field=field.size,
                  jump=field.jump, size=INPUT_SIZE))
    count = min(params.count, channels)
    st.markdown(tr("cnn.grid_title", count=count, channels=channels, layer=params.layer))
    grid = st.container(key="cnn_grid")  # filled below, once the picked channel is known
    strongest = top_channels(acts, params.layer, count)
    pick_key = f"cnn_pick_{model_id}_{params.layer}"
    url_state([Param(pick_key, "channel", strongest[0], options=strongest)])
    chosen = st.pills(tr("cnn.pick"), strongest, format_func=lambda c: f"#{c}", key=pick_key)
    view = render_layer(acts, params.layer, count, params.colormap, chosen, photo, params.alpha)
    grid.image(view.tiles, caption=[f"#{c}" for c in view.channels], width=96)
    download_png(mosaic(view.tiles), f"feature_maps_{model_id}_{params.layer}.png", "cnn_grid_png")
    big, over = st.columns(2)
    mean = float(acts.maps[params.layer][view.channel].numpy().mean())
    big.image(view.large, caption=tr("cnn.channel_large", channel=view.channel, mean=f"{mean:.3g}"))
    over.image(view.overlaid, caption=tr("cnn.channel_overlay", channel=view.channel))
    classes_section(model, acts, data, image, photo, params.alpha)
    with st.expander(tr("cnn.ranks")):
        ranks = channel_ranks(acts, params.layer)
        st.dataframe(ranks, hide_index=True, height=240)
        download_csv(ranks, f"channel_ranks_{model_id}_{params.layer}.csv", "cnn_ranks_csv")


def tabs() -> tuple:
    """The three tabs, only the open one runs; the link keeps the open tab's id (its label is translated)."""
    labels = [tr(f"cnn.tab.{t}") for t in TABS]
    if st.session_state.get("cnn_tab") not in labels:  # first run, a link, or the language changed
        st.session_state["cnn_tab"] = labels[TABS.index(st.session_state["cnn_tab_id"])]
    opened = st.tabs(labels, key="cnn_tab", on_change="rerun")
    st.session_state["cnn_tab_id"] = TABS[labels.index(st.session_state["cnn_tab"])]
    url_state([PARAMS[0]])  # the open tab (first of PARAMS), now known, into the link
    return opened


def main() -> None:
    url_state(PARAMS)
    page_title("page.cnn_features")
    st.caption(tr("cnn.intro"))
    link = st.container()  # filled last: the open tab and the network's settings join the link further down
    image, data = image_input("cnn_image", default_sample="coffee")
    sections = (lambda: conv_section(image), cost_section, lambda: net_section(image, data))
    for tab, section in zip(tabs(), sections):
        if tab.open:
            with tab:
                section()
    theory(THEORY, "cnn.theory")
    with link:
        share_link()


main()
