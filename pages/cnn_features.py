"""CNN feature maps: a convolution workbench, a layer cost calculator, and pretrained CNNs on your image."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import torch
from PIL import Image

from core.cnn.classify import top_k
from core.cnn.conv_workbench import KERNELS, ConvSettings, convolve, effective_padding, output_size, pool, to_display, to_gray
from core.cnn.costs import ConvLayer, bottleneck_cost, separable_cost, standard_cost
from core.cnn.features import Activations, compute_activations
from core.cnn.gradcam import grad_cam
from core.cnn.models import IMAGENET_CATEGORIES, INPUT_SIZE, CnnModel, available_models, load_model
from core.cnn.receptive_field import Field, receptive_fields
from core.cnn.render import COLORMAPS, overlay, render_layer, top_channels
from core.errors import UserError
from pages.ui import image_input, option_labels, page_title, theory, tr, user_errors

DISPLAY_SIDE = 480  # the photo under overlays is drawn at most this large


# ---------------------------------------------------------------- cached heavy work


@st.cache_resource(show_spinner=False)
def _model(model_id: str) -> CnnModel:
    return load_model(model_id)


@st.cache_resource(show_spinner=False)
def _fields(model_id: str) -> dict[str, Field]:
    return receptive_fields(_model(model_id).stages)


@st.cache_resource(max_entries=6, show_spinner=False)
def _activations(model_id: str, data: bytes, _image: Image.Image) -> tuple[Activations, Image.Image]:
    """One forward pass per (model, image bytes), plus the downsized photo the overlays are drawn on."""
    photo = _image.copy()
    photo.thumbnail((DISPLAY_SIDE, DISPLAY_SIDE), Image.Resampling.LANCZOS)
    return compute_activations(_model(model_id), _image), photo


@st.cache_data(max_entries=32, show_spinner=False)
def _grad_cam(model_id: str, data: bytes, layer: str, class_index: int, _image: Image.Image) -> np.ndarray:
    return grad_cam(_model(model_id), _image, layer, class_index).numpy()


# ---------------------------------------------------------------- convolution workbench


def conv_controls() -> tuple[str, ConvSettings]:
    """The preset kernel and the convolution's geometry (stride, padding, dilation)."""
    cols = st.columns([3, 2, 3, 2])
    name = cols[0].selectbox(tr("cnn.kernel"), list(KERNELS), format_func=option_labels("cnn.kernel."),
                             index=list(KERNELS).index("sobel_x"), key="cnn_kernel")
    stride = cols[1].slider(tr("cnn.stride"), 1, 4, 1, key="cnn_stride")
    with cols[2]:
        mode = st.radio(tr("cnn.padding_mode"), ["valid", "same", "custom"], index=1, horizontal=True,
                        format_func=option_labels("cnn.padding."), key="cnn_padding_mode")
        padding = st.slider(tr("cnn.padding"), 0, 6, 1, key="cnn_padding") if mode == "custom" else 0
    dilation = cols[3].slider(tr("cnn.dilation"), 1, 4, 1, key="cnn_dilation")
    return name, ConvSettings(stride, mode, padding, dilation)


def kernel_editor(name: str) -> torch.Tensor:
    """The 3x3 weights, starting from the preset; editing a cell changes the convolution live."""
    st.caption(tr("cnn.kernel_edit"))
    preset = pd.DataFrame(KERNELS[name], columns=["1", "2", "3"])
    edited = st.data_editor(preset, key=f"cnn_kernel_edit_{name}", hide_index=True, width="content")
    values = edited.to_numpy(dtype=np.float32, na_value=np.nan)  # (3, 3)
    if np.isnan(values).any():
        with user_errors():
            raise UserError("cnn.err.kernel_nan")
    return torch.from_numpy(values)


def _size_latex(n: int, f_eff: int, p: int, s: int, out: int) -> str:
    return rf"N_{{out}} = \left\lfloor \frac{{{n} + 2\cdot{p} - {f_eff}}}{{{s}}} \right\rfloor + 1 = {out}"


def conv_section(image: Image.Image) -> None:
    name, settings = conv_controls()
    col_in, col_kernel, col_out = st.columns([5, 3, 5])
    with col_kernel:
        kernel = kernel_editor(name)
        absolute = st.checkbox(tr("cnn.absolute"), value=True, help=tr("cnn.absolute_help"), key="cnn_absolute")
    gray = to_gray(image)  # (H, W)
    with user_errors():
        out = convolve(gray, kernel, settings)  # (H_out, W_out)
    col_in.image(to_display(gray), caption=tr("cnn.input", height=gray.shape[0], width=gray.shape[1]))
    col_out.image(to_display(out, absolute), caption=tr("cnn.output", height=out.shape[0], width=out.shape[1]))
    p, f_eff = effective_padding(settings, 3), settings.dilation * 2 + 1
    st.markdown(tr("cnn.size_formula", f_eff=f_eff))
    for n in gray.shape:
        st.latex(_size_latex(n, f_eff, p, settings.stride, output_size(n, 3, p, settings.stride, settings.dilation)))
    st.subheader(tr("cnn.pooling"))
    k = st.slider(tr("cnn.pool_size"), 2, 4, 2, key="cnn_pool_size")
    if min(out.shape) < k:
        return
    response = out.abs() if absolute else out
    col_max, col_avg = st.columns(2)
    for col, kind in ((col_max, "max"), (col_avg, "avg")):
        pooled = pool(response, kind, k, k)  # (H_out / k, W_out / k)
        shown = Image.fromarray(to_display(pooled)).resize((pooled.shape[1] * k, pooled.shape[0] * k),
                                                           Image.Resampling.NEAREST)  # blocks stay visible
        col.image(shown, caption=tr(f"cnn.pool.{kind}", height=pooled.shape[0], width=pooled.shape[1]))
    st.caption(tr("cnn.pool_note"))


# ---------------------------------------------------------------- cost calculator


def cost_section() -> None:
    st.markdown(tr("cnn.cost.help"))
    cols = st.columns(6)
    side = cols[0].number_input(tr("cnn.cost.side"), 1, 1024, 28, key="cnn_cost_side")
    c_in = cols[1].number_input(tr("cnn.cost.c_in"), 1, 4096, 192, key="cnn_cost_c_in")
    c_out = cols[2].number_input(tr("cnn.cost.c_out"), 1, 4096, 32, key="cnn_cost_c_out")
    f = cols[3].number_input(tr("cnn.cost.f"), 1, 11, 5, key="cnn_cost_f")
    stride = cols[4].number_input(tr("cnn.cost.stride"), 1, 4, 1, key="cnn_cost_stride")
    bottleneck = cols[5].number_input(tr("cnn.cost.bottleneck"), 1, 4096, 16, key="cnn_cost_bottleneck")
    layer = ConvLayer(int(side), int(side), int(c_in), int(c_out), int(f), int(stride))
    designs = {"standard": standard_cost(layer), "separable": separable_cost(layer),
               "bottleneck_design": bottleneck_cost(layer, int(bottleneck))}
    base = designs["standard"].mults
    labels = [tr(f"cnn.cost.{key}") for key in designs]
    table = pd.DataFrame({
        tr("cnn.cost.design"): labels,
        tr("cnn.cost.params"): [f"{c.params:,}" for c in designs.values()],
        tr("cnn.cost.mults"): [f"{c.mults:,}" for c in designs.values()],
        tr("cnn.cost.saving"): [f"{base / c.mults:.1f}×" for c in designs.values()],
    })
    st.dataframe(table, hide_index=True)
    figure = go.Figure(go.Bar(x=[c.mults / 1e6 for c in designs.values()], y=labels, orientation="h",
                              text=[f"{c.mults / 1e6:.1f}M" for c in designs.values()], textposition="auto"))
    figure.update_layout(height=220, margin=dict(l=10, r=10, t=30, b=10), xaxis_title=tr("cnn.cost.chart"),
                         yaxis=dict(autorange="reversed"))
    st.plotly_chart(figure, key="cnn_cost_chart")
    st.markdown(tr("cnn.cost.formulas"))
    st.latex(r"\text{standard: } H_{out} W_{out} \cdot C_{out} \cdot f^2 C_{in}")
    st.latex(r"\text{separable: } H_{out} W_{out} \cdot (f^2 C_{in} + C_{in} C_{out}),"
             r"\quad \frac{\text{separable}}{\text{standard}} = \frac{1}{C_{out}} + \frac{1}{f^2}")
    st.latex(r"\text{bottleneck: } H W \cdot C_{in} C_b + H_{out} W_{out} \cdot C_{out} f^2 C_b")


# ---------------------------------------------------------------- pretrained networks


@dataclass(frozen=True)
class NetParams:
    model_id: str
    layer: str
    count: int
    colormap: str
    alpha: float


def net_controls(fields_of: dict[str, Field], acts: Activations, model: CnnModel, model_id: str) -> NetParams:
    """Layer, grid size, colour map and opacity; the layer list shows each layer's shape and field."""
    names = model.layer_names
    labels = {name: tr("cnn.layer_option", layer=name, channels=acts.shape(name)[0], height=acts.shape(name)[1],
                       width=acts.shape(name)[2], field=fields_of[name].size) for name in names}
    cols = st.columns([2, 1, 1, 1])
    layer = cols[0].selectbox(tr("cnn.layer"), names, index=len(names) // 3, format_func=labels.__getitem__,
                              key=f"cnn_layer_{model_id}")
    count = cols[1].slider(tr("cnn.grid_count"), 4, 32, 16, step=4, key="cnn_grid_count")
    colormap = cols[2].selectbox(tr("cnn.colormap"), COLORMAPS, key="cnn_colormap")
    alpha = cols[3].slider(tr("cnn.alpha"), 0.0, 1.0, 0.55, step=0.05, key="cnn_alpha")
    return NetParams(model_id, layer, count, colormap, alpha)


def classes_section(model_id: str, model: CnnModel, acts: Activations, data: bytes, image: Image.Image,
                    photo: Image.Image, alpha: float) -> None:
    """Top-5 classes and a Grad-CAM overlay for a chosen class, or a note when the network has no classifier."""
    if acts.logits is None:
        st.info(tr("cnn.no_classifier"))
        return
    predictions = top_k(acts.logits, 5)
    left, right = st.columns([2, 3])
    with left:
        st.subheader(tr("cnn.top5"))
        st.dataframe(pd.DataFrame({tr("cnn.class"): [p.label for p in predictions],
                                   tr("cnn.probability"): [p.probability for p in predictions]}),
                     hide_index=True, column_config={tr("cnn.probability"): st.column_config.ProgressColumn(
                         format="percent", min_value=0.0, max_value=1.0)})
    with right:
        st.subheader(tr("cnn.gradcam"))
        indices = list(range(len(IMAGENET_CATEGORIES)))
        c1, c2 = st.columns(2)
        class_index = c1.selectbox(tr("cnn.gradcam_class"), indices, index=predictions[0].index,
                                   format_func=lambda i: IMAGENET_CATEGORIES[i], key=f"cnn_cam_class_{model_id}")
        names = model.layer_names
        cam_layer = c2.selectbox(tr("cnn.gradcam_layer"), names, index=names.index(model.cam_layer or names[-1]),
                                 key=f"cnn_cam_layer_{model_id}")
        with st.spinner(tr("cnn.gradcam")):
            cam = _grad_cam(model_id, data, cam_layer, class_index, image)  # (h, w) in [0, 1]
        st.image(overlay(photo, cam, "Turbo", alpha),
                 caption=tr("cnn.gradcam_caption", label=IMAGENET_CATEGORIES[class_index], layer=cam_layer))


def net_section(image: Image.Image, data: bytes) -> None:
    models = available_models()
    model_id = st.selectbox(tr("cnn.model"), models, format_func=option_labels("cnn.model."), key="cnn_model")
    with user_errors(), st.spinner(tr("cnn.running", model=tr(f"cnn.model.{model_id}"))):
        model = _model(model_id)
        acts, photo = _activations(model_id, data, image)
    fields_of = _fields(model_id)
    params = net_controls(fields_of, acts, model, model_id)
    channels, height, width = acts.shape(params.layer)
    field = fields_of[params.layer]
    st.caption(tr("cnn.layer_facts", channels=channels, height=height, width=width, field=field.size,
                  jump=field.jump, size=INPUT_SIZE))
    count = min(params.count, channels)
    st.markdown(tr("cnn.grid_title", count=count, channels=channels, layer=params.layer))
    grid = st.container(key="cnn_grid")  # filled below, once the picked channel is known
    strongest = top_channels(acts, params.layer, count)
    chosen = st.pills(tr("cnn.pick"), strongest, default=strongest[0], format_func=lambda c: f"#{c}",
                      key=f"cnn_pick_{model_id}_{params.layer}")
    view = render_layer(acts, params.layer, count, params.colormap, chosen, photo, params.alpha)
    grid.image(view.tiles, caption=[f"#{c}" for c in view.channels], width=96)
    channel = view.channel
    mean = float(acts.maps[params.layer][channel].numpy().mean())
    big, over = st.columns(2)
    big.image(view.large, caption=tr("cnn.channel_large", channel=channel, mean=f"{mean:.3g}"))
    over.image(view.overlaid, caption=tr("cnn.channel_overlay", channel=channel))
    classes_section(model_id, model, acts, data, image, photo, params.alpha)


# ---------------------------------------------------------------- page

page_title("page.cnn_features")
st.caption(tr("cnn.intro"))
image, data = image_input("cnn_image", default_sample="coffee")
conv_tab, cost_tab, net_tab = st.tabs([tr("cnn.tab.conv"), tr("cnn.tab.cost"), tr("cnn.tab.net")],
                                      key="cnn_tab", on_change="rerun")
if conv_tab.open:
    with conv_tab:
        conv_section(image)
if cost_tab.open:
    with cost_tab:
        cost_section()
if net_tab.open:
    with net_tab:
        net_section(image, data)
theory([
    r"N_{out} = \left\lfloor \frac{N + 2P - d(f-1) - 1}{S} \right\rfloor + 1",
    r"z_{i,j,k} = b_k + \sum_{u=0}^{f-1}\sum_{v=0}^{f-1}\sum_{c=1}^{C_{in}} w_{u,v,c,k}\, x_{iS+u,\, jS+v,\, c}",
    r"\#\text{params} = (f \cdot f \cdot C_{in} + 1)\cdot C_{out}",
    r"r_l = r_{l-1} + (k_l - 1)\, j_{l-1}, \qquad j_l = j_{l-1}\, s_l, \qquad r_0 = j_0 = 1",
    r"p_c = \frac{e^{z_c}}{\sum_{c'} e^{z_{c'}}}, \qquad "
    r"L^c_{\text{Grad-CAM}} = \mathrm{ReLU}\Big(\sum_k \alpha^c_k A^k\Big),\ \ "
    r"\alpha^c_k = \frac{1}{hw}\sum_{i,j} \frac{\partial y^c}{\partial A^k_{ij}}",
], "cnn.theory")
