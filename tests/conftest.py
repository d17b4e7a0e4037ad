"""Fixtures shared by the nixeval test suite.

- `nixeval_run`: nixeval.cli.run, imported lazily so that collection works
  while the CLI does not exist yet (each test then fails with the ImportError,
  which is the honest state of affairs), wrapped in a wall-clock limit so one
  runaway evaluation cannot hang the whole run.
- `oracle`: skips the test (visibly) when nix-instantiate is not on PATH.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

# Seconds one in-process evaluation may take before the test fails.
CASE_TIMEOUT = float(os.environ.get("NIXEVAL_TEST_TIMEOUT", "120"))


class CaseTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """SIGALRM-based limit; a no-op where SIGALRM is unavailable or off the main thread."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return
    try:

        def on_alarm(signum, frame):  # noqa: ARG001
            raise CaseTimeout(f"evaluation took longer than {seconds:g} s")

        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def nixeval_cli_run():
    """The raw nixeval.cli.run (fails the test if it cannot be imported)."""
    from nixeval.cli import run

    return run


@pytest.fixture
def nixeval_run(nixeval_cli_run):
    """Run nixeval on argv with cwd; returns a harness.Outcome."""

    def go(argv: list[str], cwd: Path, timeout: float = CASE_TIMEOUT) -> harness.Outcome:
        with time_limit(timeout):
            return harness.run_nixeval(nixeval_cli_run, argv, cwd)

    return go


@pytest.fixture(scope="session")
def oracle_available() -> bool:
    return harness.oracle_path() is not None


@pytest.fixture
def oracle(oracle_available):
    if not oracle_available:
        pytest.skip("nix-instantiate not on PATH")
    return harness.run_oracle
