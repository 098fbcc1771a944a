"""The project's fixed layout and its rules: core never imports streamlit; the run/test entry points exist."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from core.settings import Limits
from tests.conftest import PAGE_IDS, ROOT


def test_fixed_layout_exists() -> None:
    for name in ["requirements.txt", "README.md", "Home.py", "pages", "core", "tests", "assets", "Makefile",
                 ".ci/run", ".streamlit/config.toml", "assets/LICENSES.md"]:
        assert (ROOT / name).exists(), name
    for page_id in PAGE_IDS:
        assert (ROOT / "pages" / f"{page_id}.py").is_file(), page_id


@pytest.mark.cli
def test_core_never_imports_streamlit() -> None:
    """Import every module of core in a fresh interpreter; streamlit must not be loaded."""
    script = (
        "import importlib, pkgutil, sys, core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'core.'):\n"
        "    if m.name != 'core.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_ci_runs_make_test_without_hiding_failures() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert "make test" in script and "set -euo pipefail" in script
    assert "|| true" not in script


def test_server_config_keeps_tracebacks_out_and_uploads_within_the_limit() -> None:
    """No traceback in a page; Streamlit's upload cap is the one ``core.settings`` checks."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"  # Streamlit's `false` still sends a trace line
    assert config["server"]["maxUploadSize"] == Limits().max_upload_mb
    assert 4 <= config["server"]["disconnectedSessionTTL"] <= 60  # Home.py's janitor closes at half of it


def test_core_uses_public_torch_only() -> None:
    """Speed comes from core/accel.py with documented tools: no private torch API, no hand kernels."""
    private = re.compile(r"torch\._C|torch\.ops\.mkldnn|thnn")
    found = [f"{path.relative_to(ROOT)}:{number}" for path in sorted((ROOT / "core").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if private.search(line)]
    assert not found, found
