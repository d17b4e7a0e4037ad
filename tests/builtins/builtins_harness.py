"""Shared helpers for the builtin family tests: load recorded cases, call builtins
directly (without the evaluator), and compare values with nix-instantiate's output."""

from __future__ import annotations

import json
import math
import os
import sys
import types
from typing import Any

from nixeval.values import Lambda, NixPath, PrimOp, PrimOpApp, Thunk

HERE = os.path.dirname(os.path.abspath(__file__))


def load(family: str) -> list[dict[str, Any]]:
    with open(os.path.join(HERE, "data", f"{family}.json")) as f:
        return json.load(f)


def ids(cases: list[dict[str, Any]]) -> list[str]:
    return [c["id"] for c in cases]


def _install_stub_machine() -> None:
    """Until nixeval.machine.eval exists, provide `force` etc. for values built by
    hand (plain values and already-forced `Thunk.of(...)`), so the family modules can
    be tested on their own."""
    try:
        import nixeval.machine  # noqa: F401
        return
    except Exception:  # noqa: BLE001 - the evaluator core may be mid-rewrite
        pass
    stub = types.ModuleType("nixeval.machine.eval")

    async def force(item: Any) -> Any:
        if type(item) is Thunk:
            assert item.node is None, "stub machine: only forced thunks"
            return item.value
        return item

    async def force_deep(v: Any) -> Any:
        return v

    async def call(f: Any, *args: Any) -> Any:
        if callable(f):
            return f(*args)
        raise AssertionError("stub machine: cannot call Nix functions")

    async def coerce_to_string(v: Any, *a: Any, **k: Any) -> Any:
        raise AssertionError("stub machine: no string coercion")

    def current() -> Any:
        raise AssertionError("stub machine")

    for f in (force, force_deep, call, coerce_to_string, current):
        setattr(stub, f.__name__, f)
    sys.modules["nixeval.machine.eval"] = stub
    sys.modules.pop("nixeval.machine", None)
    import nixeval.machine  # noqa: F401,F811


def _importable_builtins_package() -> None:
    """While the lead is still adding family modules, `nixeval/builtins/__init__.py`
    may import modules that do not exist yet; then load the package without running
    it, so that the family modules under test can still be imported one by one."""
    try:
        import nixeval.builtins

        nixeval.builtins.load_all()
    except ImportError:
        for name in [m for m in sys.modules if m.startswith("nixeval.builtins")]:
            del sys.modules[name]
        import nixeval

        pkg = types.ModuleType("nixeval.builtins")
        pkg.__path__ = [os.path.join(list(nixeval.__path__)[0], "builtins")]
        sys.modules["nixeval.builtins"] = pkg


_install_stub_machine()
_importable_builtins_package()


def call_builtin(name: str, *args: Any) -> Any:
    from nixeval.builtins.registry import BUILTINS
    from nixeval.machine.scheduler import run

    op = BUILTINS[name]
    if op.is_async:
        return run(op.fn(*args))
    return op.fn(*args)


def case_args(case: dict[str, Any]) -> list[Any]:
    """The Python arguments of a recorded case; `ctx` lists the arguments that carry
    the string context `context`."""
    from nixeval.values import NixString

    args = list(case["args"])
    for k in case.get("ctx", ()):
        args[k] = NixString(args[k], frozenset(case["context"]))
    return args


def check_case(case: dict[str, Any]) -> Any:
    """Call the case's builtin and compare with the recorded outcome; returns the
    result (None for an error case)."""
    import pytest

    from nixeval.errors import NixError

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
    from nixeval.values import type_name

    if type(v) is Thunk:
        v = v.value
    if type(v) is list:
        return [types_of(x) for x in v]
    if type(v) is dict:
        return {k: types_of(x) for k, x in v.items()}
    return type_name(v)
