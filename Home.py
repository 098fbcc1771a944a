"""Entry point: the frame around every page (navigation, language, device).

Run with ``make run`` (or ``streamlit run Home.py``). Streamlit runs this file on every
interaction; it only routes, the pages (``pages/home.py`` first) do the work. What the frame shows
that does not depend on the session is computed once per server, and its first run in a process
sets up what the server needs for privacy (``pages/serving.py``).
"""
from __future__ import annotations

import copy

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.i18n import LANGUAGES, normalise_language
from pages.serving import frame_texts, server

# The first import of pages.ui in a process restarts the run that makes it (st.rerun inside the module, see
# pages/ui.py), leaving the module half-initialised for a moment: a second session importing it at that
# instant got "cannot import name 'tr'" (the load test saw it on a fresh server with several students).
with server().import_lock:
    from pages.ui import lang, tr
    from pages.ui_results import CHART_FORMATS


def choose_language() -> None:
    """Language switch, kept in the session and mirrored in the URL (``?lang=zh``) for links."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = normalise_language(st.query_params.get("lang"))
    st.sidebar.radio(
        "Language / 语言", list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="lang", horizontal=True
    )
    st.query_params["lang"] = st.session_state["lang"]


def choose_chart_format() -> None:
    """PNG or SVG for every chart's toolbar download (plotly's own export), kept for the session."""
    labels = {"png": "PNG", "svg": tr("ui.chart_format.svg")}
    st.sidebar.radio(tr("ui.chart_format"), CHART_FORMATS, format_func=labels.__getitem__, key="chart_format",
                     horizontal=True, help=tr("ui.chart_format_help"))


def run() -> None:
    server().janitor.track(get_script_run_ctx().session_id)
    st.set_page_config(page_title="Deep Learning Visual Lab", page_icon=":material/neurology:", layout="wide")
    choose_language()
    texts = frame_texts(lang())
    # st.navigation marks the page it returns as runnable for this run only: each run gets its own copies
    page = st.navigation({section: [copy.copy(p) for p in pages] for section, pages in texts.pages.items()})
    choose_chart_format()
    st.sidebar.caption(texts.device)
    page.run()


run()
