"""Neural style transfer: instant styles, any painting as a style, and a Gatys optimisation to watch."""
from __future__ import annotations

import time
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st
from PIL import Image

from core.device import device_label
from core.errors import UserError
from core.jobs import SLOTS
from core.settings import LIMITS
from core.style import arbitrary, fast
from core.style.gatys import INITS, OPTIMIZERS, GatysConfig, layer_gram, optimise
from core.style.images import blend, fit_side, png_bytes, to_image, to_tensor
from core.style.jobs import Job, JobState, start_job
from core.style.vgg import (
    DEFAULT_CONTENT_LAYER,
    DEFAULT_STYLE_LAYERS,
    FeatureNet,
    load_feature_net,
)
from pages.ui import (
    SAMPLE_IMAGES,
    image_input,
    lang,
    option_labels,
    page_title,
    theory,
    tr,
    user_errors,
)

MODES = ("fast", "arbitrary", "gatys")
THUMB_SIDE = 96
GRAM_CHANNELS = 48  # channels drawn of a Gram matrix: 512×512 would be a grey blur
BETAS = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 10000.0)


# ---------------------------------------------------------------- shared models (one per process)


@st.cache_resource(show_spinner=False)
def fast_model():
    return fast.load_multistyle26()


@st.cache_resource(show_spinner=False)
def arbitrary_models():
    return arbitrary.load_predictor(), arbitrary.load_transformer()


@st.cache_resource(show_spinner=False)
def feature_net() -> FeatureNet:
    return load_feature_net()


# ---------------------------------------------------------------- heavy work, cached per input


@st.cache_data(show_spinner=False)
def thumbnails() -> list[Image.Image]:
    """All 26 styles on one small sample, rendered once per process."""
    sample = Image.open(SAMPLE_IMAGES["chelsea"]).convert("RGB")
    return [fast.stylise(fast_model(), sample, index, THUMB_SIDE) for index in range(fast.NUM_STYLES)]


@st.cache_data(max_entries=32, show_spinner=False)
def fast_result(_content: Image.Image, content_key: bytes, style: tuple[tuple[int, float], ...], side: int):
    start = time.perf_counter()
    image = fast.stylise(fast_model(), _content, dict(style), side)
    return image, time.perf_counter() - start


@st.cache_data(max_entries=32, show_spinner=False)
def style_vector(_image: Image.Image, image_key: bytes):
    return arbitrary.style_vector(arbitrary_models()[0], _image).cpu()


@st.cache_data(max_entries=32, show_spinner=False)
def arbitrary_result(_content: Image.Image, content_key: bytes, _vector, vector_key: tuple[bytes, bytes, float],
                     side: int):
    start = time.perf_counter()
    image = arbitrary.stylise(arbitrary_models()[1], _content, _vector, side)
    return image, time.perf_counter() - start


# ---------------------------------------------------------------- sections


def side_slider(key: str, default: int) -> int:
    top = LIMITS.max_style_size
    return st.slider(tr("style.size"), 64, top, min(default, top), step=32, key=key)


def show_pair(content: Image.Image, result: Image.Image, seconds: float, download_key: str) -> None:
    left, right = st.columns(2)
    left.image(content, caption=tr("style.original"), width="stretch")
    right.image(result, caption=tr("style.result"), width="stretch")
    st.caption(tr("style.timing", seconds=seconds, device=device_label()))
    st.download_button(tr("style.download"), png_bytes(result), file_name="stylised.png", mime="image/png",
                       key=download_key)


def style_name(index: int) -> str:
    return tr("style.style_name", number=index + 1)


def fast_section(content: Image.Image, content_bytes: bytes) -> None:
    with st.expander(tr("style.gallery"), expanded=True):
        st.caption(tr("style.gallery_caption"))
        st.image(thumbnails(), caption=[style_name(i) for i in range(fast.NUM_STYLES)], width=THUMB_SIDE)
    controls, output = st.columns([1, 2])
    with controls:
        names = [style_name(i) for i in range(fast.NUM_STYLES)]
        index = st.selectbox(tr("style.pick"), range(fast.NUM_STYLES), index=18, format_func=names.__getitem__,
                             key="style_fast_index")
        style: dict[int, float] = {index: 1.0}
        if st.toggle(tr("style.blend_second"), key="style_fast_blend"):
            second = st.selectbox(tr("style.second_pick"), range(fast.NUM_STYLES), index=6,
                                  format_func=names.__getitem__, key="style_fast_second")
            share = st.slider(tr("style.style_mix"), 0.0, 1.0, 0.5, 0.05, key="style_fast_share")
            style = {index: 1.0 - share}
            style[second] = style.get(second, 0.0) + share
        side = side_slider("style_fast_side", 512)
        strength = st.slider(tr("style.strength"), 0.0, 1.0, 1.0, 0.05, key="style_fast_strength")
    with output, user_errors():
        stylised, seconds = fast_result(content, content_bytes, tuple(sorted(style.items())), side)
        show_pair(fit_side(content, side), blend(stylised, content, strength), seconds, "style_fast_download")


def arbitrary_section(content: Image.Image, content_bytes: bytes) -> None:
    controls, output = st.columns([1, 2])
    with controls:
        st.markdown(f"**{tr('style.style_image')}**")
        style, style_bytes = image_input("style_painting", default_sample="rocket")
        other = st.radio(tr("style.blend_with"), ("own", "second"), horizontal=True, key="style_arb_other",
                         format_func=option_labels("style.blend."))
        if other == "second":
            st.markdown(f"**{tr('style.second_style')}**")
            second, second_bytes = image_input("style_second", default_sample="astronaut")
        else:
            second, second_bytes = content, content_bytes
        t = st.slider(tr("style.mix"), 0.0, 1.0, 1.0, 0.05, key="style_arb_mix")
        side = side_slider("style_arb_side", arbitrary.CONTENT_SIDE)
    with output, user_errors():
        vector = arbitrary.mix(style_vector(second, second_bytes), style_vector(style, style_bytes), t)
        stylised, seconds = arbitrary_result(content, content_bytes, vector, (style_bytes, second_bytes, t), side)
        show_pair(fit_side(content, side), stylised, seconds, "style_arb_download")
        st.markdown(f"**{tr('style.vector')}**")
        figure = go.Figure(go.Bar(y=vector.flatten().tolist()))
        figure.update_layout(height=200, margin=dict(l=10, r=10, t=10, b=10),
                             xaxis_title=tr("style.vector.index"), yaxis_title=tr("style.vector.value"))
        st.plotly_chart(figure, width="stretch", key="style_vector_chart")
        st.caption(tr("style.vector_caption"))


# ---------------------------------------------------------------- Gatys


@dataclass(frozen=True)
class SessionJob:
    """This session's optimisation and what it was started with (for the Gram matrices)."""

    job: Job
    config: GatysConfig
    style: Image.Image


def gatys_controls(net: FeatureNet) -> GatysConfig:
    layers = net.relu_layers
    with st.expander(tr("style.settings"), expanded=False):
        content_layer = st.selectbox(tr("style.content_layer"), layers, index=layers.index(DEFAULT_CONTENT_LAYER),
                                     key="style_g_content_layer")
        chosen = st.multiselect(tr("style.style_layers"), layers, default=list(DEFAULT_STYLE_LAYERS),
                                key="style_g_style_layers")
        weights = {layer: st.slider(tr("style.layer_weight", layer=layer), 0.0, 1.0, 1.0, 0.1,
                                    key=f"style_g_w_{layer}") for layer in chosen}
        alpha = st.number_input(tr("style.alpha"), 0.0, 100.0, 1.0, 0.5, key="style_g_alpha")
        beta = st.select_slider(tr("style.beta"), BETAS, value=30.0, key="style_g_beta")
        optimizer = st.radio(tr("style.optimizer"), OPTIMIZERS, format_func=option_labels("style.optimizer."),
                             horizontal=True, key="style_g_optimizer")
        lr = st.slider(tr("style.lr"), 0.005, 0.1, 0.02, 0.005, key="style_g_lr") if optimizer == "adam" else 0.02
        init = st.radio(tr("style.init"), INITS, format_func=option_labels("style.init."), horizontal=True,
                        key="style_g_init")
        size = st.slider(tr("style.size"), 64, LIMITS.max_style_size, min(192, LIMITS.max_style_size), 32,
                         key="style_g_size")
        steps = st.slider(tr("style.steps"), 5, LIMITS.max_style_steps, min(60, LIMITS.max_style_steps), 5,
                          key="style_g_steps")
    return GatysConfig(content_layer, weights, alpha, float(beta), optimizer, init, size, steps, lr)


def gatys_section(content: Image.Image) -> None:
    net = feature_net()
    controls, output = st.columns([1, 2])
    with controls:
        st.markdown(f"**{tr('style.style_image')}**")
        style, _ = image_input("style_painting", default_sample="rocket")
        config = gatys_controls(net)
        st.caption(tr("style.loss_net", name=net.label))
        current: SessionJob | None = st.session_state.get("style_job")
        busy = current is not None and current.job.alive
        if st.button(tr("style.start"), type="primary", disabled=busy, key="style_g_start"):
            with user_errors():
                config.check()
                job = start_job(current.job if current else None, lambda: optimise(net, content, style, config))
                st.session_state["style_job"] = SessionJob(job, config, style)
    with output:
        job_view(net)


def job_view(net: FeatureNet) -> None:
    """The job's live view: polls once a second while the job is alive (a fragment, not the page)."""
    current: SessionJob | None = st.session_state.get("style_job")
    if current is None:
        st.info(tr("style.not_started"))
        return

    @st.fragment(run_every=1.0 if current.job.alive else None)
    def live() -> None:
        job = current.job
        if st.button(tr("style.stop"), disabled=not job.alive, key="style_g_stop"):
            job.stop()
        progress = job.latest
        if job.state is JobState.WAITING:
            st.info(tr("style.waiting", running=SLOTS.running, ahead=job.waiting_ahead))
        elif job.state is JobState.FAILED:
            failed = job.error
            st.error(failed.message(lang()) if isinstance(failed, UserError) else tr("style.err.failed"))
        elif progress is None:
            st.info(tr("style.stopped", step=0) if job.state is JobState.STOPPED else tr("style.starting"))
        else:
            status = {JobState.RUNNING: tr("style.running", step=progress.step, steps=progress.steps),
                      JobState.DONE: tr("style.done", steps=progress.step),
                      JobState.STOPPED: tr("style.stopped", step=progress.step)}[job.state]
            st.progress(progress.step / progress.steps, text=status)
            left, right = st.columns(2)
            left.image(to_image(progress.image), caption=tr("style.current", step=progress.step),
                       width="stretch")
            best = to_image(progress.best)
            right.image(best, caption=tr("style.best", loss=progress.best_loss), width="stretch")
            right.download_button(tr("style.download"), png_bytes(best), file_name="gatys.png", mime="image/png",
                                  key="style_g_download")
            cost_chart(progress.history, current.config)
            if not job.alive:
                gram_view(net, current, progress.best)
            else:
                st.caption(tr("style.gram_later"))
        if not job.alive and st.session_state.get("style_job_final") is not job:
            st.session_state["style_job_final"] = job
            st.rerun()  # the whole page: ends the polling and re-enables Start

    live()


def cost_chart(history, config: GatysConfig) -> None:
    points = list(history)
    steps = [p.step for p in points]
    figure = go.Figure()
    for name, values in (("total", [p.total for p in points]),
                         ("content", [config.alpha * p.content for p in points]),
                         ("style", [config.beta * p.style for p in points])):
        positive = [v if v > 0 else None for v in values]  # a log axis has no 0 (content cost at step 1)
        figure.add_trace(go.Scatter(x=steps, y=positive, name=tr(f"style.cost.{name}"), mode="lines"))
    figure.update_layout(height=280, margin=dict(l=10, r=10, t=30, b=10), title=tr("style.costs"),
                         xaxis_title=tr("style.step"), yaxis_title=tr("style.cost"), yaxis_type="log")
    st.plotly_chart(figure, width="stretch", key="style_cost_chart")


def gram_view(net: FeatureNet, current: SessionJob, generated) -> None:
    st.markdown(f"**{tr('style.gram')}**")
    layers = [name for name, w in current.config.style_layers.items() if w > 0]
    layer = st.selectbox(tr("style.gram_layer"), layers, key="style_g_gram_layer")
    style_t = to_tensor(fit_side(current.style, current.config.size, 1))
    columns = st.columns(2)
    pairs = ((columns[0], "style.gram_style", style_t), (columns[1], "style.gram_generated", generated))
    for column, title, image in pairs:
        gram = layer_gram(net, image, layer)[:GRAM_CHANNELS, :GRAM_CHANNELS].cpu().numpy()
        figure = go.Figure(go.Heatmap(z=gram, colorscale="Viridis", showscale=False))
        figure.update_layout(height=260, margin=dict(l=10, r=10, t=30, b=10), title=tr(title),
                             yaxis_autorange="reversed")
        column.plotly_chart(figure, width="stretch", key=f"style_gram_{title}")
    st.caption(tr("style.gram_caption", channels=min(GRAM_CHANNELS, gram.shape[0]), layer=layer))


# ---------------------------------------------------------------- page


def main() -> None:
    page_title("page.style_transfer")
    st.caption(tr("style.intro"))
    mode = st.radio(tr("style.mode"), MODES, format_func=option_labels("style.mode."), horizontal=True,
                    key="style_mode")
    with st.expander(tr("style.content"), expanded=True):
        content, content_bytes = image_input("style_content", default_sample="chelsea")
    if mode == "fast":
        fast_section(content, content_bytes)
    elif mode == "arbitrary":
        arbitrary_section(content, content_bytes)
    else:
        gatys_section(content)
    theory([
        r"J_{content}(C,G)=\frac{\lVert a^{[l]}(C)-a^{[l]}(G)\rVert^2}{\lVert a^{[l]}(C)\rVert^2}",
        r"G^{[l]}_{kk'}=\frac{1}{C\,H\,W}\sum_{i=1}^{H}\sum_{j=1}^{W}a^{[l]}_{ijk}\,a^{[l]}_{ijk'}",
        r"J_{style}(S,G)=\sum_{l}\lambda_l\,\frac{\lVert G^{[l]}(S)-G^{[l]}(G)\rVert_F^2}{\lVert G^{[l]}(S)\rVert_F^2}",
        r"J(G)=\alpha\,J_{content}(C,G)+\beta\,J_{style}(S,G)",
        r"\text{feed-forward: } \hat y = f_W(x, s),\quad \mathrm{CIN}(z)=\gamma_s\frac{z-\mu(z)}{\sigma(z)}+\beta_s",
    ], "style.theory")


main()
