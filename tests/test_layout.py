"""The project's fixed layout and its rules: core never imports streamlit; the run/test entry points exist."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import PAGE_IDS, ROOT


def test_fixed_layout_exists() -> None:
    for name in ["requirements.txt", "README.md", "Home.py", "pages", "core", "tests", "assets", "Makefile",
                 ".ci/run", ".streamlit/config.toml", "assets/LICENSES.md"]:
        assert (ROOT / name).exists(), name
    for page_id in PAGE_IDS:
        assert (ROOT / "pages" / f"{page_id}.py").is_file(), page_id


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


def test_readme_starts_with_the_two_commands() -> None:
    lines = [line for line in (ROOT / "README.md").read_text().splitlines() if line.strip()]
    assert lines[:4] == ["```", "make run", "make test", "```"]


def test_ci_runs_make_test_without_hiding_failures() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert "make test" in script and "set -euo pipefail" in script
    assert "|| true" not in script


def test_server_config_for_a_shared_demo() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["fileWatcherType"] == "none"
    assert config["server"]["maxUploadSize"] <= 50
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showErrorDetails"] == "none"  # Streamlit's `false` still sends a trace line
    assert 4 <= config["server"]["disconnectedSessionTTL"] <= 60  # Home.py's janitor closes at half of it
    assert config["runner"]["postScriptGC"] is False  # see the comment in config.toml
