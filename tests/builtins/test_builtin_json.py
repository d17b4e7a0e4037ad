"""builtins.toJSON / builtins.fromJSON against recorded nix-instantiate output."""

import pytest
from builders import DRV_CTX, build
from builtins_harness import call_builtin, check_case, ids, load

from nixeval.builtins.json import parse_json, to_json_string
from nixeval.errors import NixError
from nixeval.machine.scheduler import run
from nixeval.values import NixString

CASES = load("json")

# Recorded from Nix 2.8, whose answer newer Nix changed (nixeval follows newer Nix,
# see DIFFERENCES.md): the error current Nix gives instead.
NEWER_NIX = {
    # https://nix.dev/manual/nix/2.35/release-notes/rl-2.25: fromJSON of an integer
    # above the signed 64-bit maximum is an error (2.8 wrapped it).
    "from-12": "unsigned json number 9223372036854775808 outside of Nix integer range",
    "from-13": "unsigned json number 18446744073709551615 outside of Nix integer range",
    # Nix 2.26 (NixOS/nix#12024): a NUL byte in a string is an error (2.8 cut it).
    "from-26": "input string 'a\u2400b' cannot be represented as Nix string because it "
               "contains null bytes",
}


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_json(case):
    if case["id"] in NEWER_NIX:
        case = {k: v for k, v in case.items() if k not in ("json", "types")}
        case["error"] = NEWER_NIX[case["id"]]
    if "build" not in case:
        check_case(case)
        return
    value = build(case["build"], case)
    if "error" in case:
        with pytest.raises(NixError) as info:
            call_builtin("toJSON", value)
        assert info.value.message == case["error"]
        return
    result = call_builtin("toJSON", value)
    assert result == case["json"]
    if case["build"] == "ctx":
        assert type(result) is NixString and result.context == DRV_CTX
    else:
        assert type(result) is str


def test_to_json_100000_deep():
    from builders import _deep

    n = 100000
    # _deep(n) is n lists around an empty one
    assert run(to_json_string(_deep(n))) == "[" * (n + 1) + "]" * (n + 1)


def test_from_json_100000_deep():
    n = 100000
    v = parse_json("[" * n + "]" * n)
    for _ in range(n - 1):
        assert len(v) == 1
        v = v[0]
    assert v == []
