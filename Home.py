"""Entry point: the frame around every page (navigation, language, device) and the Home page.

Run with ``make run`` (or ``streamlit run Home.py``). Streamlit runs this file on every
interaction; it only routes, the pages do the work.
"""
from __future__ import annotations

import streamlit as st

from core.assets import Status, statuses
from core.assets.registry import INSTALL_COMMAND
from core.device import configure_threads, device_label
from core.i18n import LANGUAGES, normalise_language
from pages.ui import tr

PAGES: dict[str, list[tuple[str, str]]] = {
    # section key -> (page id, icon); the page file is pages/<id>.py, its URL /<id>.
    "nav.section.foundations": [("activations", ":material/show_chart:"), ("optimizers", ":material/speed:")],
    "nav.section.vision": [
        ("cnn_features", ":material/grid_on:"),
        ("detection", ":material/center_focus_strong:"),
        ("faces", ":material/face:"),
        ("style_transfer", ":material/palette:"),
    ],
    "nav.section.language": [("word2vec", ":material/hub:"), ("rnn", ":material/replay:"),
                              ("attention", ":material/visibility:")],
}


def choose_language() -> None:
    """Language switch, kept in the session and mirrored in the URL (``?lang=zh``) for links."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = normalise_language(st.query_params.get("lang"))
    st.sidebar.radio(
        "Language / 语言", list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="lang", horizontal=True
    )
    st.query_params["lang"] = st.session_state["lang"]


@st.cache_data(ttl=300, show_spinner=False)
def asset_table() -> list[tuple[str, str, str, float | None, bool]]:
    """(id, description, status, size MB, default) for every asset; hashes are checked once."""
    return [(a.id, a.description, s.value, a.size / 1e6 if a.size else None, a.default) for a, s in statuses()]


def show_assets() -> None:
    rows = asset_table()
    defaults = [r for r in rows if r[4]]
    missing = [r for r in defaults if r[2] != Status.INSTALLED.value]
    if missing:
        st.warning(tr("home.assets_missing", missing=len(missing), count=len(defaults), command=INSTALL_COMMAND))
    else:
        st.success(tr("home.assets_ok", count=len(defaults)))
    with st.expander(tr("home.models")):
        st.dataframe(
            {
                tr("assets.col.id"): [r[0] for r in rows],
                tr("assets.col.what"): [r[1] for r in rows],
                tr("assets.col.status"): [_status_text(r[2], r[4]) for r in rows],
                tr("assets.col.size"): [round(r[3], 1) if r[3] else None for r in rows],
            },
            hide_index=True,
        )


def _status_text(status: str, default: bool) -> str:
    if status == Status.MISSING.value and not default:
        return tr("assets.status.optional")
    return tr(f"assets.status.{status}")


def home() -> None:
    st.title(tr("app.title"))
    st.markdown(f"**{tr('app.tagline')}**")
    st.markdown(tr("home.intro"))
    for section, pages in PAGES.items():
        st.subheader(tr(section))
        columns = st.columns(len(pages))
        for column, (page_id, icon) in zip(columns, pages):
            with column.container(border=True):
                st.markdown(f"**{tr(f'page.{page_id}')}**")
                st.caption(tr(f"blurb.{page_id}"))
                st.page_link(f"pages/{page_id}.py", label=tr("home.open"), icon=icon)
    st.divider()
    st.caption(tr("app.device", device=device_label(), threads=configure_threads()))
    show_assets()


def run() -> None:
    st.set_page_config(page_title="Deep Learning Visual Lab", page_icon=":material/neurology:", layout="wide")
    choose_language()
    navigation = {
        "": [st.Page(home, title=tr("nav.home"), icon=":material/home:", url_path="home", default=True)],
        **{
            tr(section): [
                st.Page(f"pages/{page_id}.py", title=tr(f"page.{page_id}"), icon=icon, url_path=page_id)
                for page_id, icon in pages
            ]
            for section, pages in PAGES.items()
        },
    }
    page = st.navigation(navigation)
    st.sidebar.caption(tr("app.device", device=device_label(), threads=configure_threads()))
    page.run()


run()
