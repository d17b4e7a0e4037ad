"""Reading paths that carry a string context (Nix's realiseContext) against the
whole output of Nix 2.8, recorded by record.py (see cases.REALISE_CASES): in
read-only mode a store path in the context that is not in the store is "not valid",
reported without a position (a frame at the call, shown with --show-trace); in
read-write mode with a store of its own the same expressions read the copies."""

from __future__ import annotations

import io
import os
import sys

import pytest
from cases import REALISE_CASES, realise_argv
from conftest import FIX, load

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from harness import case_env  # noqa: E402

from nixeval.cli import run  # noqa: E402

RECORDED = {r["id"]: r for r in load("realise.json")}


@pytest.mark.parametrize("case", REALISE_CASES, ids=lambda c: c["id"])
def test_realise_matches_recording(case, tmp_path) -> None:
    want = RECORDED[case["id"]]
    store = tmp_path / "store"
    out, err = io.StringIO(), io.StringIO()
    code = run(realise_argv(case, str(store)), out, err, stdin=io.StringIO(""),
               env=case_env(), cwd=FIX)
    assert (code, out.getvalue(), err.getvalue()) == (want["code"], want["stdout"], want["stderr"])
    if case["mode"] == "ro" or "--readonly-mode" in case["flags"]:
        assert not store.exists()
    else:
        assert store.is_dir()  # what was read came from the written copies


def test_every_case_is_recorded() -> None:
    assert sorted(RECORDED) == sorted(c["id"] for c in REALISE_CASES)
