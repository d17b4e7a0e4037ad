"""Golden tests: tests/lang/{eval-okay,eval-fail,parse-fail,parse-okay}-*.nix.

One parametrized test per category, ids = file stem.  Expected files were
recorded from nix-instantiate 2.8.0 by tests/lang/record.py; see tests/README.md.
Cases in tests/lang/notyetpassing.txt are strict xfails (noticed when they pass);
cases in tests/lang/newer-nix.txt follow newer Nix and have nothing recorded.
"""

from __future__ import annotations

import harness
import pytest

NOT_YET = harness.read_stem_list(harness.LANG_DIR / "notyetpassing.txt")
NEWER_NIX = harness.read_stem_list(harness.LANG_DIR / "newer-nix.txt")


def params(category: str) -> list:
    out = []
    for case in harness.discover(harness.LANG_DIR, category):
        marks = []
        if case.stem in NOT_YET:
            reason = NOT_YET[case.stem] or "listed in notyetpassing.txt"
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(pytest.param(case, id=case.stem, marks=marks))
    return out


def expected_or_fail(case: harness.Case) -> str:
    text = case.expected()
    if text is None:
        pytest.fail(f"{case.expected_path} is missing: run python tests/lang/record.py {case.stem}")
    return text


def report(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("case", params("eval-okay"))
def test_eval_okay(case: harness.Case, nixeval_run) -> None:
    expected = expected_or_fail(case)
    outcome = nixeval_run(case.argv, case.directory)
    report(harness.check_okay(outcome, expected, case.expected_stderr()))


@pytest.mark.parametrize("case", params("eval-fail"))
def test_eval_fail(case: harness.Case, nixeval_run) -> None:
    if case.stem in NEWER_NIX:
        outcome = nixeval_run(case.argv, case.directory)
        report(harness.check_newer_nix(outcome, NEWER_NIX[case.stem]))
        return
    expected = expected_or_fail(case)
    outcome = nixeval_run(case.argv, case.directory)
    report(harness.check_fail(outcome, expected, whole="-fullerr" in case.stem))


@pytest.mark.parametrize("case", params("parse-fail"))
def test_parse_fail(case: harness.Case, nixeval_run) -> None:
    expected = expected_or_fail(case)
    outcome = nixeval_run(case.argv, case.directory)
    report(harness.check_fail(outcome, expected, whole="-fullerr" in case.stem))


@pytest.mark.parametrize("case", params("parse-okay"))
def test_parse_okay(case: harness.Case, nixeval_run) -> None:
    outcome = nixeval_run(case.argv, case.directory)
    report(harness.check_parse_okay(outcome, case.expected()))
