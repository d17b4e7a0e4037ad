"""Golden tests for the language of current Nix (issue 13): tests/newer/*.nix.

There is no newer reference binary here, so these expected files are written from
the Nix reference manual and release notes, never from nixeval's output. Each case
cites its source in a comment at the top of its .nix file (`# Source: <url>`), and
this test refuses a case without one. Layout and checks are those of tests/lang
(see tests/README.md): `eval-okay-*` compare stdout (and stderr for `*-trace*`),
`eval-fail-*` the first `error:` line and position (`*-fullerr*`: all of stderr),
`parse-fail-*` likewise with `--parse`; a `.flags` file replaces `--eval --strict`.

When nix-instantiate (2.8) is on PATH, `test_oracle_differs` also runs each case
through it: a case whose answer 2.8 already gives belongs in tests/lang, recorded
from the oracle, so the test fails for it.
"""

from __future__ import annotations

import re

import harness
import pytest

NEWER_DIR = harness.TESTS_DIR / "newer"
CITATION = re.compile(r"^#.*\bSource:\s*\S+", re.MULTILINE)


def cases(category: str | None = None) -> list:
    return [pytest.param(c, id=c.stem) for c in harness.discover(NEWER_DIR, category)]


def cited(case: harness.Case) -> None:
    text = case.path.read_text(encoding="utf-8", errors="surrogateescape")
    if not CITATION.search(text[:2000]):
        pytest.fail(f"{case.path.name} cites no source: add '# Source: <manual or release-notes URL>'",
                    pytrace=False)


def expected(case: harness.Case) -> str:
    text = case.expected()
    if text is None:
        pytest.fail(f"{case.expected_path} is missing: write it from the cited manual page",
                    pytrace=False)
    return text


def report(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("case", cases("eval-okay"))
def test_eval_okay(case: harness.Case, nixeval_run) -> None:
    cited(case)
    outcome = nixeval_run(case.argv, case.directory)
    report(harness.check_okay(outcome, expected(case), case.expected_stderr()))


@pytest.mark.parametrize("case", cases("eval-fail") + cases("parse-fail"))
def test_fail(case: harness.Case, nixeval_run) -> None:
    cited(case)
    outcome = nixeval_run(case.argv, case.directory)
    report(harness.check_fail(outcome, expected(case), whole="-fullerr" in case.stem))


@pytest.mark.parametrize("case", cases("parse-okay"))
def test_parse_okay(case: harness.Case, nixeval_run) -> None:
    cited(case)
    outcome = nixeval_run(case.argv, case.directory)
    report(harness.check_parse_okay(outcome, case.expected()))


def test_there_are_cases() -> None:
    assert len(harness.discover(NEWER_DIR)) > 0


@pytest.mark.parametrize("case", cases())
def test_oracle_differs(case: harness.Case, oracle) -> None:
    """Nix 2.8 must answer differently (or fail): otherwise the case is no newer-Nix case."""
    outcome = harness.run_oracle(case.argv, case.directory)
    want = expected(case)
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
