"""A browser tab without a browser: Streamlit 1.67's own websocket protocol, plus its real upload endpoint.

Used by the load test (``bench/load.py``), the word2vec page benchmark and the privacy / deploy tests.
It does what the browser's JavaScript does and no more: fetch ``/`` (behind nginx: the sticky-routing
cookie) and ``/_stcore/health`` (the XSRF cookie), open ``/_stcore/stream`` with the XSRF token as a subprotocol,
send ``BackMsg.rerun_script`` with every widget value it holds, read ``ForwardMsg`` deltas until the run
finishes, and upload a file as ``st.file_uploader`` does (``file_urls_request`` over the socket, then a
multipart ``PUT`` to ``/_stcore/upload_file/<session>/<file>``). Widgets are found by the ``key=`` the
page gave them (Streamlit puts it at the end of the element id), never by position, so a page can move
its widgets around without breaking a client. It sends no hashes of messages it already holds, so the
server sends every element in full, as to a fresh tab: a little more work than a browser's revisit.
"""
from __future__ import annotations

import http.cookiejar
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parent.parent
MEDIA_URL = re.compile(rb"/media/[0-9a-f]+\.[a-z0-9]+")
ID_PREFIX = "$$ID-"  # Streamlit's element ids: "$$ID-<hash>-<user key>"


class RunError(RuntimeError):
    """A script run that did not finish cleanly (an exception element, an error box, or a stop)."""


@dataclass
class Widget:
    """A widget the server drew: its element id, kind (``slider``, ``button``…) and its proto."""

    id: str
    kind: str
    proto: object


@dataclass
class Run:
    """What one script run sent: seconds to ``script_finished``, element kinds, widgets by key, media URLs."""

    seconds: float
    elements: set[str] = field(default_factory=set)
    widgets: dict[str, Widget] = field(default_factory=dict)
    tabs: dict[str, list[str]] = field(default_factory=dict)  # tab-bar key -> tab labels
    media: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)  # exception / error-box texts


def user_key(element_id: str) -> str | None:
    """The ``key=`` a page gave a widget, read off Streamlit's element id; None for keyless ones."""
    if not element_id.startswith(ID_PREFIX):
        return element_id or None
    key = element_id[len(ID_PREFIX):].split("-", 1)[-1]
    return None if key == "None" else key


class AppSession:
    """One browser tab on a running app (``base`` is ``http://host:port``, directly or through a proxy)."""

    def __init__(self, base: str, timeout: float = 300, resume: str | None = None, record: bool = False):
        """``resume``: a session id to reconnect to, as a reloaded tab does; ``record``: keep every frame."""
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.http.open(f"{self.base}/", timeout=timeout).read()  # the page (behind nginx: the route cookie)
        self.http.open(f"{self.base}/_stcore/health", timeout=timeout).read()  # sets _streamlit_xsrf
        self.xsrf = self._cookie("_streamlit_xsrf")
        host = self.base.split("://", 1)[1]
        protocols = ["streamlit", self.xsrf or "none"] + ([resume] if resume else [])
        self.socket = connect(f"ws://{host}/_stcore/stream", subprotocols=protocols, max_size=None, legacy=True,
                              open_timeout=timeout, origin=self.base,
                              additional_headers={"Cookie": self._cookie_header()})
        self.session_id = ""
        self.states: dict[str, WidgetState] = {}  # widget id -> the value this tab holds, sent on every rerun
        self.page = ""
        self.last: Run | None = None
        self.runs = 0  # script runs this tab asked for
        self.frames: list[bytes] | None = [] if record else None  # every ForwardMsg as received

    def _cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def _cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)

    # ------------------------------------------------------------ running

    def run(self, page: str | None = None, lang: str = "en", check: bool = True) -> Run:
        """Run ``page`` ("" is Home; None reruns the current page) with the widget values held; wait for the end.

        Raises ``RunError`` when ``check`` and the run showed an exception or an error box.
        """
        self.page = self.page if page is None else page
        request = BackMsg()
        request.rerun_script.query_string = f"lang={lang}"
        request.rerun_script.page_name = self.page
        request.rerun_script.widget_states.widgets.extend(self.states.values())
        start = time.perf_counter()
        self.socket.send(request.SerializeToString())
        run = self._receive_run(start)
        self.runs += 1
        drawn = {widget.id for widget in run.widgets.values()}  # as the browser: forget unmounted widgets,
        self.states = {i: state for i, state in self.states.items()  # and a button fires once
                       if i in drawn and state.WhichOneof("value") != "trigger_value"}
        self.last = run
        if check and ("exception" in run.elements or run.texts):
            raise RunError(f"{self.page or 'Home'}: {run.texts or run.elements}")
        return run

    def _receive_run(self, start: float) -> Run:
        run = Run(seconds=0.0)
        tab_bar: str | None = None
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            raw = self.socket.recv(timeout=max(deadline - time.monotonic(), 0.1))
            if self.frames is not None:
                self.frames.append(raw)
            run.media.update(m.decode() for m in MEDIA_URL.findall(raw))
            message = ForwardMsg.FromString(raw)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.session_id = message.new_session.initialize.session_id
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                tab_bar = None
                self._note_element(message.delta.new_element, run)
            elif kind == "delta" and message.delta.WhichOneof("type") == "add_block":
                block = message.delta.add_block
                if block.WhichOneof("type") == "tab_container" and user_key(block.id):
                    tab_bar = user_key(block.id)
                    run.tabs[tab_bar] = []
                    run.widgets[tab_bar] = Widget(block.id, "tabs", block)
                elif block.WhichOneof("type") == "tab" and tab_bar is not None:
                    run.tabs[tab_bar].append(block.tab.label)
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a rerun the page asked for (st.rerun, a fresh server's first run): keep reading
                run.seconds = time.perf_counter() - start
                if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    run.texts.append(f"script_finished={message.script_finished}")
                return run
        raise TimeoutError(f"{self.page or 'Home'} did not finish within {self.timeout} s")

    @staticmethod
    def _note_element(element, run: Run) -> None:
        kind = element.WhichOneof("type")
        run.elements.add(kind)
        proto = getattr(element, kind)
        if kind == "exception":
            run.texts.append(f"{proto.type}: {proto.message}")
        elif kind == "alert" and proto.format == type(proto).ERROR:
            run.texts.append(proto.body)
        element_id = getattr(proto, "id", "") if proto.DESCRIPTOR.fields_by_name.get("id") else ""
        if isinstance(element_id, str) and element_id and user_key(element_id):
            run.widgets[user_key(element_id)] = Widget(element_id, kind, proto)

    # ------------------------------------------------------------ widgets

    def widget(self, key: str) -> Widget:
        """The widget the last run drew with ``key=key``; KeyError names the keys it did draw."""
        assert self.last is not None, "run a page first"
        if key not in self.last.widgets:
            raise KeyError(f"no widget with key {key!r} on {self.page or 'Home'}: {sorted(self.last.widgets)}")
        return self.last.widgets[key]

    def set(self, key: str, value: object) -> None:
        """Hold a value for the widget ``key`` (sent on every later rerun), typed by the widget's kind."""
        widget = self.widget(key)
        state = WidgetState(id=widget.id)
        if widget.kind == "slider":
            state.double_array_value.data.extend(value if isinstance(value, (list, tuple)) else [value])
        elif widget.kind in ("checkbox", "toggle"):
            state.bool_value = bool(value)
        elif widget.kind == "button":
            state.trigger_value = True
        elif widget.kind == "number_input":
            state.double_value = float(value)
        else:  # radio, selectbox, text_input, tabs, select_slider labels…: the shown string
            state.string_value = str(value)
        self.states[widget.id] = state

    def options(self, key: str) -> list[str]:
        """The shown option labels of a radio / selectbox, or the tab labels of a keyed tab bar."""
        widget = self.widget(key)
        if widget.kind == "tabs":
            return list(self.last.tabs[key])
        return list(widget.proto.options)

    def click(self, key: str) -> Run:
        self.set(key, True)
        return self.run()

    def upload(self, key: str, name: str, data: bytes, mime: str = "image/png") -> Run:
        """Upload ``data`` to the ``st.file_uploader`` with ``key=key`` as the browser does, then rerun."""
        widget = self.widget(key)
        urls = self.upload_urls(name)
        self.put_file(urls.upload_url, name, data, mime)
        state = WidgetState(id=widget.id)
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(name=name, size=len(data), file_id=urls.file_id, file_urls=urls))
        self.states[widget.id] = state
        return self.run()

    def upload_urls(self, name: str):
        """Ask the session where to upload ``name`` (``file_urls_request``); its ``FileURLs``."""
        request = BackMsg()
        request.file_urls_request.request_id = uuid.uuid4().hex
        request.file_urls_request.session_id = self.session_id
        request.file_urls_request.file_names.append(name)
        self.socket.send(request.SerializeToString())
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            message = ForwardMsg.FromString(self.socket.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            if message.WhichOneof("type") == "file_urls_response":
                return message.file_urls_response.file_urls[0]
        raise TimeoutError("no file_urls_response")

    def upload_request(self, upload_url: str, name: str, data: bytes, mime: str) -> tuple[str, bytes, dict]:
        """(url, body, headers) of the multipart ``PUT`` the browser sends to Streamlit's upload endpoint."""
        boundary = secrets.token_hex(16)
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: {mime}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        url = upload_url if upload_url.startswith("http") else f"{self.base}{upload_url}"
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": self.xsrf or "",
                   "Origin": self.base, "Cookie": self._cookie_header()}
        return url, body, headers

    def put_file(self, upload_url: str, name: str, data: bytes, mime: str) -> None:
        url, body, headers = self.upload_request(upload_url, name, data, mime)
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            if response.status != 204:
                raise RunError(f"upload answered {response.status}")

    def close(self) -> None:
        self.socket.close()


# ---------------------------------------------------------------- a real server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(base: str, seconds: float = 120) -> None:
    """Wait until ``base``/_stcore/health answers ``ok`` (Streamlit's own health check)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{base} did not answer /_stcore/health within {seconds:.0f} s")


def stop(server: subprocess.Popen, seconds: float = 30) -> None:
    """End a server started by ``serve``: ask, then insist."""
    server.terminate()
    try:
        server.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def serve(*options: str, script: str = "Home.py", port: int | None = None, log=subprocess.DEVNULL,
          env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """``streamlit run <script>`` on a loopback port, as ``make run`` starts it; (process, base URL)."""
    port = port or free_port()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
                               "--server.address", "127.0.0.1", "--server.headless", "true", *options],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base)
    except RuntimeError:
        server.kill()
        raise
    return server, base
