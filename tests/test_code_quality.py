"""The package passes ruff and mypy (the quality gates of STYLE.md), run by CI as part
of the test suite. Skipped, with the reason shown, where a tool is not installed
(`pip install -e '.[test]'` installs both)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_ruff_is_clean() -> None:
    r = _run("ruff", "check", "nixeval", "tests", "benchmarks")
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_is_clean() -> None:
    r = _run("mypy", "nixeval")
    assert r.returncode == 0, r.stdout[-5000:] + r.stderr
