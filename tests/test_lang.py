"""Golden tests over tests/lang: cases recorded from the reference nix-instantiate 2.8.0.

One parametrized test per category, ids = `folder/stem` (`attrs/eval-okay-select-or`);
the checks are tests/harness.py's, the layout and recording are in tests/README.md.
Cases in tests/lang/notyetpassing.txt are strict xfails (noticed when they pass);
cases in tests/lang/newer-nix.txt follow newer Nix and have nothing recorded.
"""

from __future__ import annotations

import harness
import pytest

NOT_YET = harness.read_case_list(harness.LANG_DIR / "notyetpassing.txt")
NEWER_NIX = harness.read_case_list(harness.LANG_DIR / "newer-nix.txt")


def params(category: str) -> list:
    out = []
    for case in harness.discover(harness.LANG_DIR, category):
        marks = []
        if case.id in NOT_YET:
            reason = NOT_YET[case.id] or "listed in notyetpassing.txt"
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


def check(case: harness.Case, nixeval_run) -> None:
    outcome = nixeval_run(case.argv, case.directory)
    problems = harness.check_case(case, outcome, NEWER_NIX.get(case.id))
    if problems:
        if not case.expected_path.exists() and case.id not in NEWER_NIX:
            problems.append(f"record it: python tests/lang/record.py {case.id}")
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("case", params("eval-okay"))
def test_eval_okay(case: harness.Case, nixeval_run) -> None:
    check(case, nixeval_run)


@pytest.mark.parametrize("case", params("eval-fail"))
def test_eval_fail(case: harness.Case, nixeval_run) -> None:
    check(case, nixeval_run)


@pytest.mark.parametrize("case", params("parse-fail"))
def test_parse_fail(case: harness.Case, nixeval_run) -> None:
    check(case, nixeval_run)


@pytest.mark.parametrize("case", params("parse-okay"))
def test_parse_okay(case: harness.Case, nixeval_run) -> None:
    check(case, nixeval_run)
