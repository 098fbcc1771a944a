"""The docker-compose topology on this machine, without Docker: Debian's nginx in front of N `streamlit run`.

    .venv/bin/python deploy/local.py --replicas 2 --listen 0.0.0.0:8501    # or: make serve REPLICAS=2

Each replica is ``streamlit run Home.py`` on its own loopback port, with the project's .streamlit/config.toml
and torch limited to one thread per replica (``DLVL_THREADS``; several processes share the cores). nginx
gets deploy/nginx.conf, the same file docker compose mounts, with its upstream lines pointed at the replicas.
It starts once every replica answers /_stcore/health; Ctrl-C stops everything.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from st_client import free_port, serve, stop, wait_healthy  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAIN = """worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
{site}
}}
"""


def render(replica_ports: list[int], listen: str) -> str:
    """deploy/nginx.conf with its upstream pointed at ``replica_ports`` on loopback and ``listen`` as address."""
    lines = []
    for line in (ROOT / "deploy" / "nginx.conf").read_text().splitlines():
        if line.rstrip().endswith("# replicas"):
            indent, rest = line[: len(line) - len(line.lstrip())], line.strip().split(None, 2)[2]
            lines += [f"{indent}server 127.0.0.1:{port} {rest}" for port in replica_ports]
        elif line.rstrip().endswith("# listen"):
            lines.append(line.replace("listen 80;", f"listen {listen};"))
        else:
            lines.append(line)
    return "\n".join(lines)


@contextmanager
def replica(port: int, log: Path) -> Iterator[subprocess.Popen]:
    env = {**os.environ, "DLVL_THREADS": os.environ.get("DLVL_THREADS", "1")}
    with open(log, "wb") as out:
        server, _ = serve(port=port, log=out, env=env)
        try:
            yield server
        finally:
            stop(server)


@dataclass(frozen=True)
class Topology:
    base: str  # nginx, where students go
    pids: list[int]  # the replicas' server processes
    replicas: list[str]  # each replica's own base URL on loopback (to warm it up, to measure it)


@contextmanager
def topology(replicas: int, listen: str | None = None, workdir: Path | None = None) -> Iterator[Topology]:
    """nginx + ``replicas`` app servers on loopback."""
    if not Path(NGINX).exists():
        raise FileNotFoundError("nginx is not installed (Debian package 'nginx-light'; `make serve` installs it)")
    listen = listen or f"127.0.0.1:{free_port()}"
    with ExitStack() as stack:
        folder = workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dlvl-nginx-")))
        ports = [free_port() for _ in range(replicas)]
        servers = [stack.enter_context(replica(port, folder / f"replica-{port}.log")) for port in ports]
        conf = folder / "nginx.conf"
        conf.write_text(MAIN.format(dir=folder, site=render(ports, listen)))
        nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            host, port = listen.rsplit(":", 1)
            base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
            wait_healthy(base, seconds=30)
            yield Topology(base, [server.pid for server in servers], [f"http://127.0.0.1:{p}" for p in ports])
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--listen", default="0.0.0.0:8501", help="nginx's address (host:port)")
    args = parser.parse_args()
    with topology(args.replicas, args.listen) as running:
        print(f"nginx on {args.listen} in front of {running.replicas} (pids {running.pids}); Ctrl-C stops",
              flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
