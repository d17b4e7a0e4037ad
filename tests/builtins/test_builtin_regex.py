"""builtins.match / builtins.split against outputs recorded from nix-instantiate."""

import pytest
from builtins_harness import check_case, ids, load

import nixeval.builtins.regex  # noqa: F401  (registers the builtins)

CASES = load("regex")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_regex(case):
    check_case(case)


def test_cache_returns_same_object():
    from nixeval.builtins.regex import compile_regex

    assert compile_regex("a(b)") is compile_regex("a(b)")


def test_split_long_input_is_linear_enough():
    from nixeval.builtins.regex import split

    s = "a,b;" * 20000
    assert len(split(",", s)) == 2 * 20000 + 1
