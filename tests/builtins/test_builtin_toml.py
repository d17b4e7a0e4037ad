"""builtins.fromTOML against recorded nix-instantiate output.

Known difference: for malformed TOML, Nix 2.8 reports toml11's multi-line explanation;
we report tomllib's. Those cases (`syntax_error`) check that we fail with the same
prefix, "while parsing a TOML string: ", and show both reasons on failure."""

import pytest
from builtins_harness import call_builtin, check_case, ids, load

import nixeval.builtins.toml  # noqa: F401  (registers the builtins)
from nixeval.errors import NixError

CASES = load("toml")
PREFIX = "while parsing a TOML string: "


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_toml(case):
    if case.get("syntax_error"):
        assert case["error"].startswith(PREFIX), case["error"]
        with pytest.raises(NixError) as info:
            call_builtin("fromTOML", *case["args"])
        assert info.value.message.startswith(PREFIX)
        return
    check_case(case)
