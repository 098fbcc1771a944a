"""Entry point: the frame around every page (navigation, language, device) and the Home page.

Run with ``make run`` (or ``streamlit run Home.py``). Streamlit runs this file on every
interaction; it only routes, the pages do the work. What the frame shows that does not depend
on the session (titles per language, the device, the asset table) is computed once per server.
Its first run in a process also sets up what the server needs for privacy (see ``server``).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import pyarrow as pa
import streamlit as st
from starlette.formparsers import MultiPartParser
from streamlit import config, runtime
from streamlit.runtime import RuntimeState
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.assets import Status, statuses
from core.assets.registry import INSTALL_COMMAND
from core.device import configure_threads, device_label
from core.i18n import LANGUAGES, normalise_language, translate

SERVING = (RuntimeState.NO_SESSIONS_CONNECTED, RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED)

# ---------------------------------------------------------------- once per server process


class SessionJanitor(threading.Thread):
    """Closes every session that stayed disconnected for half of ``server.disconnectedSessionTTL``.

    Why: Streamlit keeps a disconnected session for that TTL so a tab can reconnect after a network
    blip, but in 1.67 a session that expires from that store is only forgotten, never shut down: its
    uploaded files and its media stay in memory for the life of the process. Closing it ourselves,
    while the store still holds it, runs Streamlit's own shutdown (uploads dropped, media URLs 404).
    Public Runtime calls only; this thread does nothing else and works on an idle server too.
    """

    NAME = "dlvl-session-janitor"
    PERIOD = 2.0  # seconds between two looks

    def __init__(self, grace: float):
        super().__init__(name=self.NAME, daemon=True)
        self.grace = grace
        self.lock = threading.Lock()
        self.sessions: dict[str, float | None] = {}  # session id -> since when it is disconnected
        self.sweep = False  # one more pass for orphaned downloads (Streamlit deletes those on a second pass)

    def track(self, session_id: str) -> None:
        with self.lock:
            self.sessions.setdefault(session_id, None)

    def run(self) -> None:
        while True:
            time.sleep(self.PERIOD)
            app = runtime.get_instance() if runtime.exists() else None
            if app is None or app.state not in SERVING:  # not started yet, stopping, or AppTest's stand-in
                continue
            if self.sweep:
                app.media_file_mgr.remove_orphaned_files()
            self.sweep = False
            now = time.monotonic()
            with self.lock:
                for session_id, since in list(self.sessions.items()):
                    if app.is_active_session(session_id):
                        self.sessions[session_id] = None
                    elif since is None:
                        self.sessions[session_id] = now
                    elif now - since >= self.grace:
                        app.clear_user_info_for_session(session_id)  # thread-safe: closes it on the event loop
                        del self.sessions[session_id]
                        self.sweep = True


@dataclass(frozen=True)
class Server:
    """What the app keeps once per server process."""

    janitor: SessionJanitor
    import_lock: threading.Lock  # see the first import of pages.ui below


@st.cache_resource(show_spinner=False)
def server() -> Server:
    """Once per server process: uploads kept off disk, closed sessions released (``SessionJanitor``).

    Starlette spools a multipart body larger than ``MultiPartParser.spool_max_size`` (1 MiB) to a
    temporary file in ``TMPDIR``, on disk on most servers. Streamlit reads the whole file into memory
    right after, so keeping the part in memory up to the upload limit costs no extra peak memory, and
    it holds wherever the app runs (a tmpfs ``TMPDIR`` would not: Docker's /dev/shm is 64 MB).
    A browser's session runs this script before it shows an uploader, so this is set before its uploads.
    """
    MultiPartParser.spool_max_size = (config.get_option("server.maxUploadSize") + 1) * 1024 * 1024
    janitor = next((t for t in threading.enumerate() if t.name == SessionJanitor.NAME), None)
    if janitor is None:  # else the resource cache was cleared: keep the thread that runs
        janitor = SessionJanitor(grace=config.get_option("server.disconnectedSessionTTL") / 2)
        janitor.start()
    return Server(janitor, threading.Lock())


# The first import of pages.ui in a process restarts the run that makes it (st.rerun inside the module, see
# pages/ui.py), leaving the module half-initialised for a moment: a second session importing it at that
# instant got "cannot import name 'tr'" (the load test saw it on a fresh server with several students).
with server().import_lock:
    from pages.ui import lang, tr

PAGES: dict[str, list[tuple[str, str]]] = {
    # section key -> (page id, icon); the page file is pages/<id>.py, its URL /<id>.
    "nav.section.foundations": [
        ("backprop", ":material/school:"),
        ("activations", ":material/show_chart:"),
        ("optimizers", ":material/speed:"),
    ],
    "nav.section.vision": [
        ("cnn_features", ":material/grid_on:"),
        ("detection", ":material/center_focus_strong:"),
        ("faces", ":material/face:"),
        ("style_transfer", ":material/palette:"),
    ],
    "nav.section.language": [("word2vec", ":material/hub:"), ("attention", ":material/visibility:")],
}


# ---------------------------------------------------------------- the frame


def choose_language() -> None:
    """Language switch, kept in the session and mirrored in the URL (``?lang=zh``) for links."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = normalise_language(st.query_params.get("lang"))
    st.sidebar.radio(
        "Language / 语言", list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="lang", horizontal=True
    )
    st.query_params["lang"] = st.session_state["lang"]


@dataclass(frozen=True)
class FrameTexts:
    """What the frame shows in one language that no session changes."""

    device: str  # the device caption
    assets: int  # default assets
    missing: int  # of which not installed
    table: pa.Table  # every asset and its status


@st.cache_resource(ttl=300, show_spinner=False)
def frame_texts(code: str) -> FrameTexts:
    """Built once per server and language, shared read-only by every session (no copy, unlike cache_data);
    asset statuses are read again every 5 minutes (files are hashed only once)."""
    rows = statuses()
    defaults = [s for a, s in rows if a.default]

    def status_text(asset, status: Status) -> str:
        shown = "optional" if status is Status.MISSING and not asset.default else status.value
        return translate(f"assets.status.{shown}", code)

    table = pa.table({
        translate("assets.col.id", code): [a.id for a, _ in rows],
        translate("assets.col.what", code): [a.description for a, _ in rows],
        translate("assets.col.status", code): [status_text(a, s) for a, s in rows],
        translate("assets.col.size", code): [round(a.size / 1e6, 1) if a.size else None for a, _ in rows],
    })
    device = translate("app.device", code, device=device_label(), threads=configure_threads())
    return FrameTexts(device, len(defaults), sum(s is not Status.INSTALLED for s in defaults), table)


def show_assets(texts: FrameTexts) -> None:
    if texts.missing:
        st.warning(tr("home.assets_missing", missing=texts.missing, count=texts.assets, command=INSTALL_COMMAND))
    else:
        st.success(tr("home.assets_ok", count=texts.assets))
    with st.expander(tr("home.models")):
        st.dataframe(texts.table, hide_index=True)


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
    texts = frame_texts(lang())
    st.caption(texts.device)
    show_assets(texts)


def run() -> None:
    server().janitor.track(get_script_run_ctx().session_id)
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
    st.sidebar.caption(frame_texts(lang()).device)
    page.run()


run()
