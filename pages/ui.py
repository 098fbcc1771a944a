"""Streamlit helpers shared by every page: language, titles, errors, image and text input, caches
that keep uploads private, and settings in the URL. Background jobs (``ui_jobs``) and results to
take away (``ui_results``) have modules of their own; pages import all of them from here.

Everything here is about widgets and messages. Models and computation live in ``core``.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st
from PIL import Image
from streamlit.runtime.pages_manager import PagesManager

from core.errors import UserError
from core.i18n import normalise_language, translate
from core.image_input import ACCEPTED_EXTENSIONS, load_image, sample_bytes
from core.text_input import check_text, decode_text_upload
from core.url_state import Param, from_query, to_query

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
SAMPLE_IMAGES: dict[str, Path] = {
    "coffee": ASSETS_DIR / "images" / "coffee.png",
    "motorcycle": ASSETS_DIR / "images" / "motorcycle_left.png",
    "astronaut": ASSETS_DIR / "images" / "astronaut.png",
    "chelsea": ASSETS_DIR / "images" / "chelsea.png",
    "rocket": ASSETS_DIR / "images" / "rocket.jpg",
}


def _route_every_page_through_home() -> None:
    """Make a direct link such as ``/detection?lang=zh`` run inside the ``Home.py`` frame.

    Streamlit treats a folder named ``pages/`` as an old-style multipage app until the first
    ``st.navigation`` call in the process: the first visitor of a page URL would get that page
    without the frame (no language, an auto-generated menu). This module is imported on the
    first script run of every server process, so here the old mode is switched off once and
    that run restarted, now through ``Home.py``.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


_route_every_page_through_home()


def lang() -> str:
    """The reader's language code (``en`` / ``zh``), chosen in the sidebar of ``Home.py``."""
    return normalise_language(st.session_state.get("lang"))


def tr(key: str, **params: Any) -> str:
    """The translated text for ``key`` in the reader's language."""
    return translate(key, lang(), **params)


def option_labels(prefix: str) -> Callable[[object], str]:
    """A widget ``format_func`` showing ``tr(prefix + option)`` in the reader's language of this run.

    Streamlit may call ``format_func`` outside the script run (AppTest does), where the session's
    language is unknown, so the language is read now and bound in.
    """
    code = lang()
    return lambda option: translate(f"{prefix}{option}", code)


def page_title(key: str) -> None:
    """The page's ``h1``; browser tests wait for it."""
    st.title(tr(key))


@contextmanager
def user_errors(stop: bool = True) -> Iterator[None]:
    """Show a ``UserError`` as a translated message and stop the page, never a traceback.

    ``stop=False``: only the rest of the ``with`` block is skipped; the page goes on below it.
    Anything else is a bug: the page shows a short generic message and the traceback goes
    to the server log only (``showErrorDetails = "none"`` keeps it out of the page).
    """
    try:
        yield
    except UserError as error:
        st.error(error.message(lang()))
        if stop:
            st.stop()


UPLOAD_CACHE_ENTRIES = 12  # results of a reader's own uploads kept in their session (all pages together)


def _digest(data: bytes | str) -> tuple[int, str]:
    """(length, sha256): the length first, so telling a sample from an upload mostly skips the hash."""
    return len(data), hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def remember_upload(data: bytes | str) -> None:
    """Mark ``data`` (an upload's bytes, or the text decoded from it) as this reader's own:
    ``input_cache`` keeps work on it in this session only."""
    st.session_state.setdefault("_uploads", set()).add(_digest(data))


def _is_upload(value: object, uploads: set[tuple[int, str]]) -> bool:
    if isinstance(value, (bytes, str)):
        return any(len(value) == size for size, _ in uploads) and _digest(value) in uploads
    return isinstance(value, tuple) and any(_is_upload(item, uploads) for item in value)


def input_cache(max_entries: int = 16, ttl: float | None = None) -> Callable[[Callable], Callable]:
    """``st.cache_resource`` for work on a page's input, except work on a reader's own upload.

    A sample's result serves every session, once per server. The result of an upload (and any image
    made from it) is kept in the uploader's session state instead, which Streamlit drops when the
    session closes (Home's janitor closes it within 30 s of the tab), so nothing made from an upload
    outlives its session. The key is the call's arguments, except those named with a leading ``_``
    (Streamlit's own rule for unhashable arguments).
    """
    def decorate(func: Callable) -> Callable:
        shared = st.cache_resource(max_entries=max_entries, ttl=ttl, show_spinner=False)(func)
        signature = inspect.signature(func)

        @functools.wraps(func)
        def cached(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            key = (func.__qualname__, *(v for n, v in bound.arguments.items() if not n.startswith("_")))
            if not _is_upload(key, st.session_state.get("_uploads", set())):
                return shared(*args, **kwargs)
            memo: OrderedDict = st.session_state.setdefault("_upload_cache", OrderedDict())
            if key not in memo:
                memo[key] = func(*args, **kwargs)
                while len(memo) > UPLOAD_CACHE_ENTRIES:
                    memo.popitem(last=False)
            memo.move_to_end(key)
            return memo[key]

        return cached

    return decorate


@input_cache(max_entries=32)
def _decode_image(data: bytes) -> Image.Image:
    return load_image(data)


def image_input(key: str, *, default_sample: str = "coffee", samples: dict[str, Path] | None = None,
                camera: bool = False, private: bool = False, link_name: str = "img") -> tuple[Image.Image, bytes]:
    """A sample / upload (/ camera) picker; returns the decoded RGB image and its raw bytes.

    The bytes are the cache key for the heavy work a page does with the image (``input_cache``).
    Bad uploads show a clear message and stop the page. Uploads stay in memory, in this session.
    The chosen sample is part of the page's link as ``link_name`` (pages with two pickers name them apart).
    ``private`` photos (faces) stay out of links (an upload's decoded image stays in its session, as always).
    """
    samples = samples or SAMPLE_IMAGES
    sources = ["sample", "upload"] + (["camera"] if camera else [])
    labels = {s: tr(f"ui.source.{s}") for s in sources}  # fixed now: AppTest formats outside the run
    source = st.radio(tr("ui.source"), sources, format_func=labels.__getitem__, horizontal=True, key=f"{key}_source")
    data: bytes | None = None
    if source == "upload":
        uploaded = st.file_uploader(tr("ui.upload_image"), type=ACCEPTED_EXTENSIONS, key=f"{key}_upload")
        data = uploaded.getvalue() if uploaded is not None else None
    elif source == "camera":
        shot = st.camera_input(tr("ui.camera"), key=f"{key}_camera")
        data = shot.getvalue() if shot is not None else None
    if data is not None:
        remember_upload(data)
    if data is None:
        names = list(samples)
        sample = Param(f"{key}_sample", link_name, default_sample if default_sample in names else names[0],
                       options=tuple(names))
        if not private:  # which sample photo is part of a shared view; face photos stay out of links
            url_state([sample])
        elif sample.key not in st.session_state:
            st.session_state[sample.key] = sample.default
        name = st.selectbox(tr("ui.or_sample"), names, key=sample.key)
        data = sample_bytes(samples[name])
    with user_errors():
        return _decode_image(data), data


def text_input_or_upload(key: str, default: str, *, label_key: str, upload_label_key: str) -> str:
    """A text area plus an optional .txt upload (which wins); returns checked text or stops the page."""
    if f"{key}_text" not in st.session_state:  # a link (``url_state``) may have set it already
        st.session_state[f"{key}_text"] = default
    typed = st.text_area(tr(label_key), key=f"{key}_text")
    uploaded = st.file_uploader(tr(upload_label_key), type=["txt"], key=f"{key}_upload")
    with user_errors():
        if uploaded is not None:
            remember_upload(uploaded.getvalue())
            text = decode_text_upload(uploaded.getvalue())
            remember_upload(text)
            return text
        return check_text(typed)


def theory(latex: list[str], body_key: str) -> None:
    """The "idea behind it" block every page ends with: a few lines and the key formulas."""
    with st.expander(tr("ui.theory"), expanded=False):
        st.markdown(tr(body_key))
        for formula in latex:
            st.latex(formula)


# ---------------------------------------------------------------- settings in the URL


def url_state(params: Sequence[Param]) -> None:
    """Seed this page's widgets from the link once, then keep the link in step with them.

    Call it before the widgets, and create those widgets with ``key=`` only (no ``value=`` or
    ``index=``): their first value comes from the link, else from ``Param.default``. Streamlit
    has already stored a moved widget's new value when the rerun starts, so the query string
    written here is the view the reader sees. ``lang`` stays as the frame set it.
    """
    restored = from_query(params, st.query_params.to_dict())
    for param in params:
        if param.key not in st.session_state:
            st.session_state[param.key] = restored.get(param.key, param.default)
    wanted = to_query(params, st.session_state)
    for param in params:
        if param.name in st.query_params and param.name not in wanted:
            del st.query_params[param.name]
    for name, text in wanted.items():
        if st.query_params.get(name) != text:
            st.query_params[name] = text


def share_link() -> None:
    """A "copy link to this view" box: the page's URL with its settings, ready to post to a class."""
    query = urlencode(st.query_params.to_dict())
    url = f"{st.context.url or ''}?{query}" if query else (st.context.url or "")
    with st.popover(tr("ui.share"), icon=":material/link:"):
        st.caption(tr("ui.share_help"))
        st.code(url, language=None, wrap_lines=True)


# Page helpers with a module of their own; every page imports its helpers from here, one place.
from pages.ui_jobs import job_panel, session_job, start_session_job  # noqa: E402,F401
from pages.ui_results import chart, download_bytes, download_csv, download_png  # noqa: E402,F401
