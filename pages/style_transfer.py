"""Neural style transfer: instant styles, any painting as a style, and a Gatys optimisation to watch."""
from __future__ import annotations

import time
from functools import partial

import streamlit as st
from PIL import Image

from core.device import device_label
from core.jobs import JobSnapshot
from core.settings import LIMITS
from core.style import arbitrary, fast, figures
from core.style.colour import keep_colours
from core.style.gatys import INITS, OPTIMIZERS, GatysConfig
from core.style.grams import gram_pair
from core.style.images import blend, fit_side
from core.tensors import to_image
from core.style.jobs import GatysResult, gatys_work
from core.style.share import BETAS, MODES, PARAMS
from core.style.vgg import FeatureNet, load_feature_net
from pages.ui import (SAMPLE_IMAGES, chart, input_cache, download_png, image_input, job_panel, option_labels, page_title,
                      session_job, share_link, start_session_job, theory, tr, url_state, user_errors)

THUMB_SIDE = 96


@st.cache_resource(show_spinner=False)
def fast_model():
    return fast.load_multistyle26()


@st.cache_resource(show_spinner=False)
def arbitrary_models():
    return arbitrary.load_predictor(), arbitrary.load_transformer()


@st.cache_resource(show_spinner=False)
def feature_net() -> FeatureNet:
    return load_feature_net()


@st.cache_data(show_spinner=False)
def thumbnails() -> list[Image.Image]:
    """All 26 styles on one small sample, rendered once per process."""
    sample = Image.open(SAMPLE_IMAGES["chelsea"]).convert("RGB")
    return [fast.stylise(fast_model(), sample, index, THUMB_SIDE) for index in range(fast.NUM_STYLES)]


@input_cache(max_entries=32)
def fast_result(_content: Image.Image, content_key: bytes, style: tuple[tuple[int, float], ...], side: int):
    start = time.perf_counter()
    image = fast.stylise(fast_model(), _content, dict(style), side)
    return image, time.perf_counter() - start


@input_cache(max_entries=32)
def style_vector(_image: Image.Image, image_key: bytes):
    return arbitrary.style_vector(arbitrary_models()[0], _image).cpu()


@input_cache(max_entries=32)
def arbitrary_result(_content: Image.Image, content_key: bytes, _vector, vector_key: tuple[bytes, bytes, float],
                     side: int):
    start = time.perf_counter()
    image = arbitrary.stylise(arbitrary_models()[1], _content, _vector, side)
    return image, time.perf_counter() - start


@st.cache_data(max_entries=16, show_spinner=False)
def grams(job_serial: int, layer: str, _result: GatysResult):
    """The style's and the best image's Gram matrices of one finished run, once per layer."""
    return gram_pair(feature_net(), _result, _result.last.best, layer)


def side_slider(key: str) -> int:
    return st.slider(tr("style.size"), 64, LIMITS.max_style_size, step=32, key=key)


def colours(result: Image.Image, content: Image.Image) -> Image.Image:
    """The result as shown: with the photo's own colours when the reader keeps them."""
    return keep_colours(result, content) if st.session_state.get("style_keep_colours") else result


def show_pair(content: Image.Image, result: Image.Image, seconds: float, download_key: str) -> None:
    left, right = st.columns(2)
    left.image(content, caption=tr("style.original"), width="stretch")
    right.image(result, caption=tr("style.result"), width="stretch")
    st.caption(tr("style.timing", seconds=seconds, device=device_label()))
    download_png(result, "stylised.png", key=download_key)


def fast_controls() -> tuple[dict[int, float], int, float]:
    """(style index -> weight, image side, strength)."""
    names = [tr("style.style_name", number=i + 1) for i in range(fast.NUM_STYLES)]
    index = st.selectbox(tr("style.pick"), range(fast.NUM_STYLES), format_func=names.__getitem__,
                         key="style_fast_index")
    style: dict[int, float] = {index: 1.0}
    if st.toggle(tr("style.blend_second"), key="style_fast_blend"):
        second = st.selectbox(tr("style.second_pick"), range(fast.NUM_STYLES), format_func=names.__getitem__,
                              key="style_fast_second")
        share = st.slider(tr("style.style_mix"), 0.0, 1.0, step=0.05, key="style_fast_share")
        style = {index: 1.0 - share}
        style[second] = style.get(second, 0.0) + share
    return style, side_slider("style_fast_side"), st.slider(tr("style.strength"), 0.0, 1.0, step=0.05,
                                                            key="style_fast_strength")


def fast_section(content: Image.Image, content_bytes: bytes) -> None:
    with st.expander(tr("style.gallery"), expanded=True):
        st.caption(tr("style.gallery_caption"))
        st.image(thumbnails(), caption=[tr("style.style_name", number=i + 1) for i in range(fast.NUM_STYLES)],
                 width=THUMB_SIDE)
    controls, output = st.columns([1, 2])
    with controls:
        style, side, strength = fast_controls()
    with output, user_errors():
        stylised, seconds = fast_result(content, content_bytes, tuple(sorted(style.items())), side)
        shown = fit_side(content, side)
        show_pair(shown, colours(blend(stylised, content, strength), shown), seconds, "style_fast_download")


def arbitrary_section(content: Image.Image, content_bytes: bytes) -> None:
    controls, output = st.columns([1, 2])
    with controls:
        st.markdown(f"**{tr('style.style_image')}**")
        style, style_bytes = image_input("style_painting", default_sample="rocket", link_name="painting")
        other = st.radio(tr("style.blend_with"), ("own", "second"), horizontal=True, key="style_arb_other",
                         format_func=option_labels("style.blend."))
        if other == "second":
            st.markdown(f"**{tr('style.second_style')}**")
            second, second_bytes = image_input("style_second", default_sample="astronaut", link_name="second")
        else:
            second, second_bytes = content, content_bytes
        t = st.slider(tr("style.mix"), 0.0, 1.0, step=0.05, key="style_arb_mix")
        side = side_slider("style_arb_side")
    with output, user_errors():
        vector = arbitrary.mix(style_vector(second, second_bytes), style_vector(style, style_bytes), t)
        stylised, seconds = arbitrary_result(content, content_bytes, vector, (style_bytes, second_bytes, t), side)
        shown = fit_side(content, side)
        show_pair(shown, colours(stylised, shown), seconds, "style_arb_download")
        st.markdown(f"**{tr('style.vector')}**")
        chart(figures.style_vector(vector.flatten().tolist(), tr("style.vector.index"), tr("style.vector.value")),
              key="style_vector_chart", width="stretch")
        st.caption(tr("style.vector_caption"))


def gatys_controls(net: FeatureNet) -> GatysConfig:
    layers = net.relu_layers
    with st.expander(tr("style.settings"), expanded=False):
        content_layer = st.selectbox(tr("style.content_layer"), layers, key="style_g_content_layer")
        chosen = st.multiselect(tr("style.style_layers"), layers, key="style_g_style_layers")
        weights = {layer: st.slider(tr("style.layer_weight", layer=layer), 0.0, 1.0, step=0.1,
                                    key=f"style_g_w_{layer}") for layer in chosen}
        alpha = st.number_input(tr("style.alpha"), 0.0, 100.0, step=0.5, key="style_g_alpha")
        beta = st.select_slider(tr("style.beta"), BETAS, key="style_g_beta")
        optimizer = st.radio(tr("style.optimizer"), OPTIMIZERS, format_func=option_labels("style.optimizer."),
                             horizontal=True, key="style_g_optimizer")
        lr = st.slider(tr("style.lr"), 0.005, 0.1, step=0.005, key="style_g_lr") if optimizer == "adam" else 0.02
        init = st.radio(tr("style.init"), INITS, format_func=option_labels("style.init."), horizontal=True,
                        key="style_g_init")
        size = st.slider(tr("style.size"), 64, LIMITS.max_style_size, step=32, key="style_g_size")
        steps = st.slider(tr("style.steps"), 5, LIMITS.max_style_steps, step=5, key="style_g_steps")
    return GatysConfig(content_layer, weights, alpha, float(beta), optimizer, init, size, steps, lr)


def gatys_section(content: Image.Image) -> None:
    net = feature_net()
    controls, output = st.columns([1, 2])
    with controls:
        st.markdown(f"**{tr('style.style_image')}**")
        style, _ = image_input("style_painting", default_sample="rocket", link_name="painting")
        config = gatys_controls(net)
        st.caption(tr("style.loss_net", name=net.label))
        job = session_job("gatys")
        if st.button(tr("style.start"), type="primary", disabled=job is not None and job.alive, key="style_g_start"):
            with user_errors():
                job = start_session_job("gatys", gatys_work(net, content, style, config), name="gatys")
    with output:
        if job is None:
            st.info(tr("style.not_started"))
            return
        job_panel(job, partial(show_progress, content=content), key="style_g_job", draw_says_stopped=True)
        if not job.alive and job.result is not None and job.result.last is not None:
            gram_view(job.serial, job.result)


def show_progress(snap: JobSnapshot, content: Image.Image) -> None:
    """The running optimisation: progress, the current and best images, the costs (polled each second)."""
    if snap.latest is None or snap.latest.last is None:
        st.info(tr("style.starting") if snap.alive else tr("style.stopped", step=0))
        return
    config, progress = snap.latest.config, snap.latest.last
    status = {"running": tr("style.running", step=progress.step, steps=progress.steps),
              "done": tr("style.done", steps=progress.step)}.get(snap.state.value, tr("style.stopped", step=progress.step))
    st.progress(progress.step / progress.steps, text=status)
    left, right = st.columns(2)
    left.image(colours(to_image(progress.image), content), caption=tr("style.current", step=progress.step),
               width="stretch")
    best = colours(to_image(progress.best), content)
    right.image(best, caption=tr("style.best", loss=progress.best_loss), width="stretch")
    download_png(best, "gatys.png", key="style_g_download", container=right)
    names = {name: tr(f"style.cost.{name}") for name in ("total", "content", "style")}
    chart(figures.costs(list(progress.history), config.alpha, config.beta, names, tr("style.costs"), tr("style.step"),
                        tr("style.cost")), key="style_cost_chart", width="stretch")
    if snap.alive:
        st.caption(tr("style.gram_later"))


def gram_view(serial: int, result: GatysResult) -> None:
    st.markdown(f"**{tr('style.gram')}**")
    layers = [name for name, w in result.config.style_layers.items() if w > 0]
    layer = st.selectbox(tr("style.gram_layer"), layers, key="style_g_gram_layer")
    style_gram, generated_gram = grams(serial, layer, result)
    left, right = st.columns(2)
    chart(figures.gram(style_gram, tr("style.gram_style")), key="style_gram_style", container=left, width="stretch")
    chart(figures.gram(generated_gram, tr("style.gram_generated")), key="style_gram_generated", container=right,
          width="stretch")
    st.caption(tr("style.gram_caption", channels=style_gram.shape[0], layer=layer))


def main() -> None:
    url_state(PARAMS)
    page_title("page.style_transfer")
    st.caption(tr("style.intro"))
    share_link()
    mode = st.radio(tr("style.mode"), MODES, format_func=option_labels("style.mode."), horizontal=True,
                    key="style_mode")
    st.toggle(tr("style.keep_colours"), key="style_keep_colours", help=tr("style.keep_colours_help"))
    with st.expander(tr("style.content"), expanded=True):
        content, content_bytes = image_input("style_content", default_sample="chelsea", link_name="photo")
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
        r"\text{keep colours: } Y \leftarrow Y(\hat y),\quad (C_b, C_r) \leftarrow (C_b, C_r)(x)",
    ], "style.theory")


main()
