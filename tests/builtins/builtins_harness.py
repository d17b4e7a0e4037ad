"""Shared helpers of the builtin family tests (tests/builtins/test_builtin_*.py): load
the cases recorded by record.py (data/<family>.json), call a builtin directly through
the registry (without evaluating Nix source), and compare the value it returns with
what nix-instantiate printed.

Unlike the golden suites (tests/harness.py), these cases hold Python arguments and
JSON answers, not files: a builtin is checked on its own, argument by argument.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

import pytest

from nixeval.builtins import load_all
from nixeval.builtins.registry import BUILTINS
from nixeval.errors import NixError
from nixeval.machine.scheduler import run
from nixeval.values import Lambda, NixPath, NixString, PrimOp, PrimOpApp, Thunk, type_name

HERE = os.path.dirname(os.path.abspath(__file__))

# An evaluation imports a builtin's module when the builtin is first called; these
# tests reach the registry directly, so every module is registered up front.
load_all()


def load(family: str) -> list[dict[str, Any]]:
    with open(os.path.join(HERE, "data", f"{family}.json")) as f:
        return json.load(f)


def ids(cases: list[dict[str, Any]]) -> list[str]:
    return [c["id"] for c in cases]


def call_builtin(name: str, *args: Any) -> Any:
    op = BUILTINS[name]
    if op.is_async:
        return run(op.fn(*args))
    return op.fn(*args)


def case_args(case: dict[str, Any]) -> list[Any]:
    """The Python arguments of a recorded case; `ctx` lists the arguments that carry
    the string context `context`."""
    args = list(case["args"])
    for k in case.get("ctx", ()):
        args[k] = NixString(args[k], frozenset(case["context"]))
    return args


def check_case(case: dict[str, Any]) -> Any:
    """Call the case's builtin and compare with the recorded outcome; returns the
    result (None for an error case)."""
    args = case_args(case)
    if "error" in case:
        with pytest.raises(NixError) as info:
            call_builtin(case["fn"], *args)
        assert info.value.message == case["error"]
        return None
    result = call_builtin(case["fn"], *args)
    assert to_plain(result) == expected_plain(case["json"])
    if "types" in case:
        assert types_of(result) == case["types"]
    return result


def to_plain(v: Any) -> Any:
    """A forced Nix value (nested items forced) as JSON-like Python data, with Nix
    2.8's --json float precision (printf %g)."""
    if type(v) is Thunk:
        assert v.node is None
        v = v.value
    if type(v) is float:
        if math.isnan(v):
            return "-nan" if math.copysign(1.0, v) < 0 else "nan"
        return float(f"{v:g}") if math.isfinite(v) else ("inf" if v > 0 else "-inf")
    if type(v) is list:
        return [to_plain(x) for x in v]
    if type(v) is dict:
        return {k: to_plain(x) for k, x in v.items()}
    if type(v) is NixPath:
        return v.path
    if type(v) in (Lambda, PrimOp, PrimOpApp):
        return "<function>"
    if isinstance(v, str):
        return str(v)
    return v


def expected_plain(v: Any) -> Any:
    if type(v) is float:
        return float(f"{v:g}")
    if type(v) is list:
        return [expected_plain(x) for x in v]
    if type(v) is dict:
        return {k: expected_plain(x) for k, x in v.items()}
    return v


def types_of(v: Any) -> Any:
    """Like record.py's TYPES expression: the typeOf of every leaf."""
    if type(v) is Thunk:
        v = v.value
    if type(v) is list:
        return [types_of(x) for x in v]
    if type(v) is dict:
        return {k: types_of(x) for k, x in v.items()}
    return type_name(v)
