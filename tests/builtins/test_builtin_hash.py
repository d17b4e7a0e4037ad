"""builtins.hashString against recorded nix-instantiate output."""

import pytest
from builtins_harness import call_builtin, check_case, ids, load

from nixeval.builtins.hash import USAGE_HINT, UnknownHashAlgorithm

CASES = load("hash")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_hash(case):
    if case.get("error", "").endswith("\n" + USAGE_HINT):
        # A usage error: the CLI appends the hint line and shows no position.
        message = case["error"][: -len(USAGE_HINT) - 1]
        with pytest.raises(UnknownHashAlgorithm) as info:
            call_builtin(case["fn"], *case["args"])
        assert info.value.message == message
        assert info.value.usage_error
        return
    result = check_case(case)
    if result is not None:
        assert type(result) is str  # no context on a hash
