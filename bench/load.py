"""Load test: N simulated students on one real server (or on nginx + replicas), as a class uses the lab.

    .venv/bin/python bench/load.py -n 20              # or: make loadtest N=20
    .venv/bin/python bench/load.py -n 20 --replicas 2 # nginx in front of two `streamlit run` (deploy/local.py)

Each student is its own browser tab speaking Streamlit's websocket protocol (bench/st_client.py) and does the
same mixed visit: Home, then each page, uploading its OWN photos (distinct bytes, so no server-wide cache can
answer for it) through Streamlit's real upload endpoint, moving a slider, switching a tab, enrolling a face.
Reported: per page and action p50 / p95 / max seconds and errors; server CPU-seconds per script run (from
/proc/<pid>/stat of every server process); server RSS at start, peak, and after the sessions closed and the
server sat idle; the load average, since a shared machine inflates every figure. One untimed student runs the
visit first on each server process (``--no-warmup`` to skip), so the figures are about a class, not about
loading models once.

``--think S``: each student pauses a random 0.5 S .. 1.5 S (seeded per student) before each action, as a reader
looks at the page; pauses are not timed. The default, 0, is a stress test: every student's next action leaves the
moment the last one answered, so 20 such students load a server like far more than 20 people in a classroom.
Loopback only; every loop is bounded in count and in time (``--deadline``).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from websockets.exceptions import ConnectionClosed

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from st_client import AppSession, serve, stop  # noqa: E402

IMAGES = ROOT / "assets" / "images"
FACES = ROOT / "assets" / "faces"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- a student's own photos


def own_photo(path: Path, student: int, max_side: int = 640) -> bytes:
    """``path`` as a PNG that no other student uploads: a small coloured patch in a corner seeded by ``student``."""
    image = Image.open(path).convert("RGB")
    image.thumbnail((max_side, max_side))
    rng = random.Random(student)
    patch = Image.new("RGB", (6, 6), tuple(rng.randrange(256) for _ in range(3)))
    image.paste(patch, (rng.randrange(4), rng.randrange(4)))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# ---------------------------------------------------------------- the visit


def choose(tab: AppSession, key: str, index: int) -> None:
    """Pick the ``index``-th shown option of a radio / selectbox / keyed tab bar."""
    tab.set(key, tab.options(key)[index])


def image_inputs(tab: AppSession) -> list[str]:
    """The ``key``s of the ``pages/ui.py: image_input(key)`` pickers the last run drew, in drawing order."""
    return [key[: -len("_source")] for key in tab.last.widgets if key.endswith("_source")]


def upload_photo(tab: AppSession, key: str, data: bytes) -> None:
    """``pages/ui.py: image_input(key)``: switch its source to "upload", then upload."""
    choose(tab, f"{key}_source", 1)
    tab.run()
    tab.upload(f"{key}_upload", f"student-{key}.png", data)


def move_slider(tab: AppSession, key: str, fraction: float) -> None:
    """Move a slider to ``fraction`` of its range (snapped to its step)."""
    proto = tab.widget(key).proto
    step = proto.step or 1
    value = proto.min + round((proto.max - proto.min) * fraction / step) * step
    tab.set(key, value)
    tab.run()


def enrol(tab: AppSession, face: bytes, name: str) -> None:
    """The faces page's book tab: a photo, then a typed name and a click (one form: one run)."""
    upload_photo(tab, "book", face)
    tab.set("book_name", name)
    tab.click("book_enrol")
    tab.widget("book_forget_pick")  # drawn once the book holds an entry: KeyError if the enrolment failed


@dataclass
class Student:
    number: int
    photo: bytes  # a scene for detection and the CNN page
    face: bytes  # a portrait for the faces page


Step = tuple[str, Callable[[AppSession, Student], None]]
VISIT: list[Step] = [
    ("home: open", lambda t, s: t.run("")),
    ("cnn_features: open", lambda t, s: t.run("cnn_features")),
    ("cnn_features: upload", lambda t, s: upload_photo(t, "cnn_image", s.photo)),
    ("cnn_features: tab", lambda t, s: (choose(t, "cnn_tab", -1), t.run())),
    ("detection: open", lambda t, s: t.run("detection")),
    ("detection: upload", lambda t, s: upload_photo(t, "det", s.photo)),
    ("detection: slider", lambda t, s: move_slider(t, "det_conf", 0.3)),
    ("faces: open", lambda t, s: t.run("faces")),
    ("faces: upload", lambda t, s: upload_photo(t, "face_a", s.face)),
    ("faces: enrol", lambda t, s: enrol(t, s.face, f"student {s.number}")),
    ("optimizers: open", lambda t, s: t.run("optimizers")),
    ("optimizers: slider", lambda t, s: move_slider(t, "opt_steps", 0.5)),
    ("activations: open", lambda t, s: t.run("activations")),
    ("activations: slider", lambda t, s: move_slider(t, "act_depth_depth", 0.5)),
    ("style_transfer: open", lambda t, s: t.run("style_transfer")),
    ("word2vec: open", lambda t, s: t.run("word2vec")),
    ("attention: open", lambda t, s: t.run("attention")),
    ("home: back", lambda t, s: t.run("")),
]


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    runs: int = 0  # script runs, all students together
    active: int = 0  # students connected now
    most_active: int = 0  # the most connected at once: a fast server may finish one visit before the next arrives
    lock: threading.Lock = field(default_factory=threading.Lock)


def visit(base: str, student: Student, results: Results, deadline: float, timeout: float,
          steps: list[Step] = VISIT, think: float = 0.0) -> None:
    """One student's visit; an action's time covers all the script runs it takes (e.g. pick source + upload).

    ``think``: the mean pause before each action (0.5x to 1.5x of it, seeded by the student), not timed.
    """
    pauses = random.Random(student.number)
    try:
        tab = AppSession(base, timeout=timeout)
    except Exception as error:  # noqa: BLE001 - a student who could not even connect is an error too
        with results.lock:
            results.errors["connect"].append(f"{type(error).__name__}: {error}"[:300])
        return
    with results.lock:
        results.active += 1
        results.most_active = max(results.most_active, results.active)
    lost = ""  # after a timeout or a dropped connection the tab's stream is out of step: skip the rest
    try:
        for name, step in steps:
            if think:
                time.sleep(min(think * pauses.uniform(0.5, 1.5), max(deadline - time.monotonic(), 0)))
            if lost or time.monotonic() > deadline:
                with results.lock:
                    results.errors[name].append(f"skipped: {lost or 'deadline passed'}")
                continue
            runs_before = tab.runs
            start = time.perf_counter()
            try:
                step(tab, student)
            except Exception as error:  # noqa: BLE001 - every failure is counted and reported, none hidden
                with results.lock:
                    results.errors[name].append(f"{type(error).__name__}: {error}"[:300])
                if isinstance(error, (TimeoutError, ConnectionClosed)):
                    lost = f"{type(error).__name__} in {name}"
            else:
                with results.lock:
                    results.times[name].append(time.perf_counter() - start)
            with results.lock:
                results.runs += tab.runs - runs_before
    finally:
        tab.close()
        with results.lock:
            results.active -= 1


# ---------------------------------------------------------------- the server, seen from /proc


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes (all their threads), from /proc/<pid>/stat."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


class PeakRss(threading.Thread):
    """Samples the servers' RSS every half second until stopped; keeps the peak."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.stopped = pids, rss_mb(pids), threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            self.peak = max(self.peak, rss_mb(self.pids))


@contextmanager
def servers(replicas: int, url: str | None, pids: list[int], logs: Path | None):
    """(base URL, server pids, the URLs that reach each server for the warm-up): a given server, one
    ``streamlit run``, or nginx + ``replicas`` replicas.

    ``logs``: a folder for the servers' logs (tracebacks of pages that failed), else they are dropped.
    """
    if logs:
        logs.mkdir(parents=True, exist_ok=True)
    if url:
        yield url, pids, [url]
    elif replicas:
        from deploy.local import topology

        with topology(replicas, workdir=logs) as running:
            yield running.base, running.pids, running.replicas
    else:
        server, base = serve(log=open(logs / "server.log", "wb") if logs else subprocess.DEVNULL)
        try:
            yield base, [server.pid], [base]
        finally:
            stop(server)


# ---------------------------------------------------------------- the test


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def steps_for(pages: list[str] | None) -> list[Step]:
    """The visit's steps on ``pages`` (``home`` included), or all of them."""
    return [step for step in VISIT if pages is None or step[0].split(":")[0] in pages]


def student(number: int) -> Student:
    return Student(number, own_photo(IMAGES / "coffee.png", number), own_photo(FACES / "obama.jpg", number))


def load_test(n: int, base: str, pids: list[int], *, warmup: list[str] | None = None, ramp: float = 0.5,
              deadline_s: float = 1200, timeout: float = 300, idle_s: float = 40,
              pages: list[str] | None = None, think: float = 0.0) -> dict:
    """Run the visit (on ``pages``, default all) for ``n`` students at once on ``base``; the figures as a dict.

    ``warmup``: one untimed visit on each of these URLs first (every server process: each loads its models).
    """
    steps = steps_for(pages)
    students = [student(i) for i in range(n)]
    for number, url in enumerate(warmup or []):
        visit(url, student(-1 - number), Results(), time.monotonic() + deadline_s, timeout, steps)
    rss_start, load_start = rss_mb(pids), os.getloadavg()[0]
    peak = PeakRss(pids)
    peak.start()
    results = Results()
    cpu_start, wall_start = cpu_seconds(pids), time.perf_counter()
    deadline = time.monotonic() + deadline_s
    threads = []
    for one in students:  # students arrive one after another, `ramp` seconds apart
        thread = threading.Thread(target=visit, args=(base, one, results, deadline, timeout, steps, think),
                                  daemon=True)
        thread.start()
        threads.append(thread)
        time.sleep(ramp)
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + timeout)
    wall, cpu = time.perf_counter() - wall_start, cpu_seconds(pids) - cpu_start
    load_end = os.getloadavg()[0]
    time.sleep(idle_s)  # every tab closed: what the servers keep once idle
    peak.stopped.set()
    hung = sum(thread.is_alive() for thread in threads)
    return {
        "students": n, "most_at_once": results.most_active, "ramp_s": ramp, "think_s": think, "servers": len(pids),
        "wall_s": wall, "script_runs": results.runs, "server_cpu_s": cpu,
        "cpu_ms_per_run": 1e3 * cpu / max(results.runs, 1), "rss_mb": {"start": rss_start, "peak": peak.peak,
        "idle": rss_mb(pids)}, "loadavg": {"start": load_start, "end": load_end}, "hung_students": hung,
        "connect_errors": results.errors.get("connect", []),
        "actions": {name: {"n": len(results.times.get(name, [])), "errors": results.errors.get(name, []),
                           **({"p50": statistics.median(t), "p95": percentile(t, 0.95), "max": max(t)}
                              if (t := results.times.get(name)) else {})} for name, _ in steps},
    }


def report(figures: dict) -> str:
    """The figures as markdown: a summary line, one table row per page and action, the distinct errors."""
    f, rss, load = figures, figures["rss_mb"], figures["loadavg"]
    pace = f"pausing ~{f['think_s']:g} s before each action" if f["think_s"] else "no pauses: a stress test"
    lines = [f"## {f['students']} students arriving {f['ramp_s']:g} s apart ({pace}; at most {f['most_at_once']} at "
             f"once), {f['servers']} server process(es): "
             f"load average {load['start']:.1f} -> {load['end']:.1f} on {os.cpu_count()} CPUs",
             f"{f['script_runs']} script runs in {f['wall_s']:.0f} s; server CPU {f['server_cpu_s']:.1f} s"
             f" = {f['cpu_ms_per_run']:.0f} ms per run; RSS MB start {rss['start']:.0f}, "
             f"peak {rss['peak']:.0f}, idle after {rss['idle']:.0f}; "
             f"students still running at the deadline: {f['hung_students']}, "
             f"could not connect: {len(f['connect_errors'])}", "",
             "| page: action | n | p50 s | p95 s | max s | errors |", "|---|---:|---:|---:|---:|---:|"]
    for name, a in figures["actions"].items():
        cells = [f"{a[k]:.2f}" if k in a else "-" for k in ("p50", "p95", "max")]
        lines.append(f"| {name} | {a['n']} | {' | '.join(cells)} | {len(a['errors'])} |")
    errors = [f"- connect: {e}" for e in sorted(set(figures["connect_errors"]))]
    errors += [f"- {name}: {e}" for name, a in figures["actions"].items() for e in sorted(set(a["errors"]))]
    return "\n".join(lines + (["", "Errors:", *errors] if errors else []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--students", type=int, default=5)
    parser.add_argument("--replicas", type=int, default=0,
                        help="nginx in front of this many replicas (deploy/local.py)")
    parser.add_argument("--url", help="an app already running (then give --pid for its server process)")
    parser.add_argument("--pid", type=int, action="append", default=[])
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--ramp", type=float, default=0.5, help="seconds between two students' arrivals")
    parser.add_argument("--deadline", type=float, default=1200, help="no step starts after this many seconds")
    parser.add_argument("--idle", type=float, default=40, help="seconds idle before the last RSS reading")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a student looks at the page before each action (0: stress test)")
    parser.add_argument("--pages", nargs="+", help="only these pages' steps (e.g. home detection faces)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--logs", type=Path, help="keep the servers' logs in this folder")
    args = parser.parse_args()
    with ExitStack() as stack:
        base, pids, warm = stack.enter_context(servers(args.replicas, args.url, args.pid, args.logs))
        figures = load_test(args.students, base, pids, warmup=None if args.no_warmup else warm, ramp=args.ramp,
                            deadline_s=args.deadline, idle_s=args.idle, pages=args.pages,
                            think=args.think)
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
