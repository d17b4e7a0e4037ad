"""Differential tests: tests/differential/*.nix through nix-instantiate and nixeval.

Nothing is recorded: each program is evaluated live by the reference
`nix-instantiate --eval --strict` and by nixeval's `run`, and the exit code and
stdout must agree (and, when both fail, the `error:` line).  Skipped, with the
reason shown, when nix-instantiate is not on PATH.  The programs come from
tests/differential/generate.py (fixed seed); regenerate them with that script.
"""

from __future__ import annotations

from pathlib import Path

import harness
import pytest

PROGRAMS = sorted(harness.DIFF_DIR.glob("*.nix"))
FLAGS = ["--eval", "--strict"]


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_differential(program: Path, oracle, nixeval_run) -> None:
    argv = [*FLAGS, str(program)]
    want = oracle(argv, program.parent)
    got = nixeval_run(argv, program.parent)
    problems = []
    if got.code != want.code:
        problems.append(f"exit code {got.code}, nix-instantiate gave {want.code}")
    if got.stdout != want.stdout:
        problems.append(
            f"stdout differs\n--- nix-instantiate\n{want.stdout!r}\n--- nixeval\n{got.stdout!r}"
        )
    if want.code != 0 and got.code == want.code:
        if harness.error_line(got.stderr) != harness.error_line(want.stderr):
            problems.append(
                f"error line differs\n  nix-instantiate: {harness.error_line(want.stderr)!r}\n"
                f"  nixeval:         {harness.error_line(got.stderr)!r}"
            )
    if problems:
        problems.append(f"program:\n{program.read_text(encoding='utf-8')}")
        problems.append(f"nixeval stderr:\n{got.stderr}")
        pytest.fail("\n".join(problems), pytrace=False)


def test_corpus_present() -> None:
    assert len(PROGRAMS) >= 200, "run python tests/differential/generate.py"
