"""The grammar gaps documented in grammar/README.md, one case each.

`*.ok.nix` must print what the reference nix-instantiate printed (recorded in the
`.exp` beside it); `*.bad.nix` must be rejected with a Nix error and exit 1.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nixeval.cli import run

CASES = Path(__file__).resolve().parent.parent / "grammar" / "cases"
OK = sorted(CASES.glob("*.ok.nix"))
BAD = sorted(CASES.glob("*.bad.nix"))


def _run(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--eval", "--strict", str(path)], out, err, cwd=str(CASES))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("path", OK, ids=[p.stem for p in OK])
def test_gap_repaired(path: Path) -> None:
    code, out, err = _run(path)
    assert code == 0, err
    assert out == path.with_suffix(".exp").read_text()


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_invalid_rejected(path: Path) -> None:
    code, _out, err = _run(path)
    assert code == 1
    assert err.startswith("error: ")
    assert "internal error" not in err
