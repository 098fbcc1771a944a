"""Scale-out on real parts: Debian's nginx with deploy/nginx.conf in front of two `streamlit run` replicas.

The load test's students go through nginx only: pages, their own uploads (Streamlit's upload endpoint),
a slider, a face enrolment. An upload that reached another replica than its session's websocket would be
refused ("Invalid session_id"), so 0 errors also shows that the route cookie keeps each tab on one replica.
"""
from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.server  # real app servers (and nginx) in subprocesses

sys.path.insert(0, str(ROOT / "bench"))
from deploy.local import NGINX, topology  # noqa: E402
from load import load_test, report  # noqa: E402

STUDENTS = 4


@pytest.fixture(scope="module")
def through_nginx(tmp_path_factory):
    """(nginx base URL, replica pids, folder of nginx's and the replicas' logs)."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (Debian package nginx-light; `make test` installs it)")
    folder = tmp_path_factory.mktemp("nginx")
    with topology(2, workdir=folder) as running:
        yield running.base, running.pids, folder


def tracebacks(folder: Path) -> str:
    """What the replicas logged after a "Traceback" line, for the failure message."""
    return "\n".join(log.read_text(errors="replace").partition("Traceback")[2][:3000]
                     for log in sorted(folder.glob("replica-*.log")))


def test_nginx_health_and_route_cookie(through_nginx) -> None:
    base, _, _ = through_nginx
    with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
        assert response.read() == b"ok"
    with urllib.request.urlopen(f"{base}/", timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    assert any(c.startswith("dlvl_route=") for c in cookies), cookies


def test_students_through_nginx_with_uploads_get_no_errors(through_nginx) -> None:
    base, pids, folder = through_nginx
    figures = load_test(STUDENTS, base, pids, ramp=0.2, idle_s=0,
                        pages=["home", "detection", "faces"])
    print(report(figures))
    errors = {name: a["errors"] for name, a in figures["actions"].items() if a["errors"]}
    assert errors == {}, tracebacks(folder)
    assert figures["hung_students"] == 0 and figures["connect_errors"] == []
    assert {a["n"] for a in figures["actions"].values()} == {STUDENTS}
    assert any("upload" in name for name in figures["actions"])
