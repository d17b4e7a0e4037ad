"""nixeval parses a real nixpkgs tree as nix-instantiate does (`--parse`).

Runs only when `NIXEVAL_NIXPKGS` names a nixpkgs checkout and nix-instantiate is on
PATH; otherwise it is skipped with the reason. It checks a deterministic sample
(every 50th `.nix` file in sorted order, a few seconds) or, with
`NIXEVAL_NIXPKGS_PARSE=all`, every file. nixeval must reject no file Nix accepts
and raise no internal error, and fewer than 1% of the files may print differently
after canonicalisation (see benchmarks/parse_tree.py, which also prints the full
report: `python -m benchmarks.parse_tree $NIXEVAL_NIXPKGS`).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.parse_tree import check_tree, list_nix_files, summary  # noqa: E402

SAMPLE_EVERY = 50
MAX_DIFFERS = 0.01


def _tree() -> str:
    tree = os.environ.get("NIXEVAL_NIXPKGS")
    if not tree:
        pytest.skip("NIXEVAL_NIXPKGS is not set (a nixpkgs checkout to parse)")
    if not os.path.isdir(tree):
        pytest.skip(f"NIXEVAL_NIXPKGS={tree} is not a directory")
    if shutil.which("nix-instantiate") is None:
        pytest.skip("nix-instantiate not on PATH")
    return tree


def _listing(items: list, limit: int = 10) -> str:
    lines = [f"  {r.path}: {r.nixeval_error}" for r in items[:limit]]
    if len(items) > limit:
        lines.append(f"  ... and {len(items) - limit} more")
    return "\n".join(lines)


def test_nixpkgs_parses_like_nix():
    tree = _tree()
    files = list_nix_files(tree)
    if os.environ.get("NIXEVAL_NIXPKGS_PARSE") != "all":
        files = files[::SAMPLE_EVERY]
    assert files, f"no .nix file under {tree}"
    report = check_tree(tree, files, jobs=2)
    assert report.files == len(files)
    assert report.rejected == [], (
        f"nixeval rejects {len(report.rejected)} file(s) Nix accepts:\n{_listing(report.rejected)}")
    assert report.internal == [], (
        f"nixeval internal errors on {len(report.internal)} file(s):\n{_listing(report.internal)}")
    differs, limit = len(report.differs), MAX_DIFFERS * report.files
    assert differs < limit, summary(report, show=5)
