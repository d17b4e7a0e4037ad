"""Shared helpers for the store tests: recorded oracle data and the fixtures."""

from __future__ import annotations

import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures")
sys.path.insert(0, HERE)


def load(name: str):
    with open(os.path.join(HERE, "data", name)) as f:
        return json.load(f)


@pytest.fixture(autouse=True)
def _fixture_modes():
    # git keeps only the executable bit; make sure a checkout with an odd
    # umask still has the modes the recording saw.
    os.chmod(os.path.join(FIX, "tree", "run.sh"), 0o755)
    os.chmod(os.path.join(FIX, "realise", "d", "run.sh"), 0o755)
    yield
