"""What the app keeps once per server process: uploads off disk, closed sessions released, memory handed
back to the system, and the frame's texts (navigation, device caption, asset table) that no session changes.

``Home.py`` calls ``server()`` on every run (cached, so it is built once per process). Streamlit
specifics live here, out of the router; ``core`` never imports Streamlit.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time
from dataclasses import dataclass

import pyarrow as pa
import streamlit as st
from starlette.formparsers import MultiPartParser
from streamlit import config, runtime
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime import RuntimeState

from core.assets import Status, statuses
from core.device import configure_threads, device_label
from core.i18n import translate
from pages.catalog import PAGES

SERVING = (RuntimeState.NO_SESSIONS_CONNECTED, RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED)

# ---------------------------------------------------------------- once per server process


class Malloc:
    """glibc's allocator, tuned for a long-lived server whose memory comes and goes with sessions.

    Why: every script run is a new thread, and glibc gives busy threads arenas of their own (up to 8 per
    core); what a closed session freed then stays scattered over them. And glibc raises its mmap threshold
    each time a big block is freed, so later photos and feature maps land in the heap, where a freed block
    is returned only if nothing sits above it. The process never shrank (bench/load.py: 2.2 GB peak, 2.0 GB
    after the class left). Two arenas, blocks of 1 MiB and more always mapped on their own (returned the
    moment they are freed), and a trim after sessions close keep three rounds of a class flat.
    Elsewhere (musl, macOS) it does nothing.
    """

    M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8  # mallopt parameter numbers from glibc's malloc.h
    ARENAS, MMAP_THRESHOLD = 2, 1 << 20

    def __init__(self) -> None:
        path = ctypes.util.find_library("c")
        libc = ctypes.CDLL(path) if path else None
        self.glibc = libc if libc is not None and hasattr(libc, "malloc_trim") else None
        if self.glibc is not None:
            self.glibc.mallopt(self.M_ARENA_MAX, self.ARENAS)
            self.glibc.mallopt(self.M_MMAP_THRESHOLD, self.MMAP_THRESHOLD)

    def trim(self) -> None:
        """Give freed memory back to the system (after sessions closed)."""
        if self.glibc is not None:
            self.glibc.malloc_trim(0)


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

    def __init__(self, grace: float, malloc: Malloc):
        super().__init__(name=self.NAME, daemon=True)
        self.grace = grace
        self.malloc = malloc
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
                self.malloc.trim()
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
    """Once per server process: uploads kept off disk, closed sessions released (``SessionJanitor``) and their
    memory handed back (``Malloc``).

    Starlette spools a multipart body larger than ``MultiPartParser.spool_max_size`` (1 MiB) to a
    temporary file in ``TMPDIR``, on disk on most servers. Streamlit reads the whole file into memory
    right after, so keeping the part in memory up to the upload limit costs no extra peak memory, and
    it holds wherever the app runs (a tmpfs ``TMPDIR`` would not: Docker's /dev/shm is 64 MB).
    A browser's session runs this script before it shows an uploader, so this is set before its uploads.
    """
    MultiPartParser.spool_max_size = (config.get_option("server.maxUploadSize") + 1) * 1024 * 1024
    janitor = next((t for t in threading.enumerate() if t.name == SessionJanitor.NAME), None)
    if janitor is None:  # else the resource cache was cleared: keep the thread that runs
        janitor = SessionJanitor(grace=config.get_option("server.disconnectedSessionTTL") / 2, malloc=Malloc())
        janitor.start()
    return Server(janitor, threading.Lock())


@dataclass(frozen=True)
class FrameTexts:
    """What the frame shows in one language that no session changes."""

    device: str  # the device caption
    assets: int  # default assets
    missing: int  # of which not installed
    table: pa.Table  # every asset and its status
    pages: dict[str, list[StreamlitPage]]  # the navigation: copy the pages before use (see Home.py)


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
    return FrameTexts(device, len(defaults), sum(s is not Status.INSTALLED for s in defaults), table,
                      navigation(code))


def navigation(code: str) -> dict[str, list[StreamlitPage]]:
    """The pages by section in one language (``st.Page`` looks its file up on the disk: building the 14 on
    every run was 6 % of the server's CPU under load)."""
    home = translate("nav.home", code)
    return {
        # Streamlit serves the default page at / only: its own path would answer "Page not found". So /home,
        # Home's path before, is a hidden alias of it (a real file: a fresh server's first run knows it too),
        # and the default page reserves a path that nothing links to.
        "": [st.Page("pages/home.py", title=home, icon=":material/home:", url_path="index", default=True),
             st.Page("pages/home.py", title=home, icon=":material/home:", url_path="home", visibility="hidden")],
        **{
            translate(section, code): [
                st.Page(f"pages/{page_id}.py", title=translate(f"page.{page_id}", code), icon=icon,
                        url_path=page_id)
                for page_id, icon in pages
            ]
            for section, pages in PAGES.items()
        },
    }
