"""Golden tests for the language of current Nix (issue 13): tests/newer.

There is no newer reference binary here, so these expected files are written from
the Nix reference manual and release notes, never from nixeval's output. Each case
cites its source in a comment at the top of its .nix file (`# Source: <url>`), and
this test refuses a case without one. Layout, ids (`folder/stem`) and checks are
those of tests/lang, through tests/harness.py (see tests/README.md).

When nix-instantiate (2.8) is on PATH, `test_oracle_differs` also runs each case
through it: a case whose answer 2.8 already gives belongs in tests/lang, recorded
from the oracle, so the test fails for it.
"""

from __future__ import annotations

import re

import harness
import pytest

CITATION = re.compile(r"^#.*\bSource:\s*\S+", re.MULTILINE)


def cases(*categories: str) -> list:
    return [pytest.param(c, id=c.id) for c in harness.discover(harness.NEWER_DIR)
            if not categories or c.category in categories]


def check(case: harness.Case, outcome: harness.Outcome) -> None:
    text = case.path.read_text(encoding="utf-8", errors="surrogateescape")
    problems = [] if CITATION.search(text[:2000]) else [
        f"{case.id} cites no source: add '# Source: <manual or release-notes URL>'"]
    problems += harness.check_case(case, outcome)
    if problems:
        if not case.expected_path.exists() and case.category != "parse-okay":
            problems.append("write it from the cited manual page")
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("case", cases("eval-okay"))
def test_eval_okay(case: harness.Case, nixeval_run) -> None:
    check(case, nixeval_run(case.argv, case.directory))


@pytest.mark.parametrize("case", cases("eval-fail", "parse-fail"))
def test_fail(case: harness.Case, nixeval_run) -> None:
    check(case, nixeval_run(case.argv, case.directory))


@pytest.mark.parametrize("case", cases("parse-okay"))
def test_parse_okay(case: harness.Case, nixeval_run) -> None:
    check(case, nixeval_run(case.argv, case.directory))


def test_there_are_cases() -> None:
    assert len(harness.discover(harness.NEWER_DIR)) > 0


@pytest.mark.parametrize("case", cases())
def test_oracle_differs(case: harness.Case, oracle) -> None:
    """Nix 2.8 must answer differently (or fail): otherwise the case is no newer-Nix case.
    Error lines are compared exactly here, syntax errors too (the check accepts any
    syntax error on the right line): 2.8 words some of them differently."""
    outcome = oracle(case.argv, case.directory)
    want = case.expected() or ""
    if case.category in ("eval-okay", "parse-okay"):
        same = outcome.code == 0 and outcome.stdout == want and (
            case.expected_stderr() is None or outcome.stderr == case.expected_stderr())
    else:
        # A case may differ from 2.8 only in the position (`at FILE:L:C:`) it names.
        same = outcome.code == 1 and harness.error_line(outcome.stderr) == harness.error_line(want) and (
            harness.at_line(want) is None or harness.at_line(outcome.stderr) == harness.at_line(want))
    if same:
        pytest.fail(f"nix-instantiate 2.8 already gives this answer: record {case.stem} in "
                    "tests/lang with tests/lang/record.py instead", pytrace=False)
