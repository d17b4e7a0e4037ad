"""Hand-built Nix values for the cases recorded with an `expr` and a `build` name:
values with functions, thunks or context, which --json arguments cannot express."""

from __future__ import annotations

from typing import Any

from nixeval.syntax import ast as A
from nixeval.values import Lambda, NixPath, NixString, PrimOp, PrimOpApp, Thunk

DRV_OUT = "/nix/store/r2m0kpmix9pzmcy0b82hk9xim6pis86c-a"
DRV_CTX = frozenset(["!out!/nix/store/046nslrgj26ds8rqyxhbhvccjr73hxwh-a.drv"])


def _primop(name: str, arity: int, fn: Any) -> PrimOp:
    return PrimOp(name, arity, fn, (True,) * arity, False)


ADD = _primop("add", 2, lambda a, b: a + b)


def _lambda(arg: str | None, formals: list[str] | None, ellipsis: bool = False) -> Lambda:
    f = None if formals is None else [(n, None) for n in formals]
    return Lambda(A.Lambda(arg, f, ellipsis, A.Const(1)), None)


def _deep(n: int) -> Any:
    v: Any = []
    for _ in range(n):
        v = [Thunk.of(v)]
    return v


BUILD = {
    "ctx": lambda: [NixString(DRV_OUT, DRV_CTX)],
    "lambda": lambda: [_lambda("x", None)],
    "primop": lambda: [ADD],
    "primop_app": lambda: [PrimOpApp(ADD, (1,))],
    "tostring": lambda: {"__toString": _primop("f", 1, lambda s: "y"), "a": 1},
    "tostring_outpath": lambda: {"__toString": _primop("f", 1, lambda s: "a"), "outPath": "b"},
    "tostring_int": lambda: {"__toString": _primop("f", 1, lambda s: 1)},
    "outpath": lambda: {"a": 1, "outPath": "x"},
    "outpath_int": lambda: {"outPath": 1},
    "outpath_nested": lambda: {"outPath": Thunk.of({"outPath": Thunk.of(["z"])})},
    "thunks": lambda: [Thunk.of(2), Thunk.of({"a": Thunk.of("xy")})],
    "neg_zero": lambda: -0.0,
    "inf_nan": lambda: {
        "a": float("inf"),
        "b": float("-inf"),
        "c": float("nan"),
        "d": -float("nan"),
    },
    "lambda_var": lambda: _lambda("x", None),
    "lambda_formals": lambda: _lambda(None, ["z", "a"]),
    "lambda_ellipsis_at": lambda: _lambda("w", ["y", "z"], True),
    "lambda_empty": lambda: _lambda(None, []),
    "lambda_empty_ellipsis": lambda: _lambda(None, [], True),
    "primops": lambda: [ADD, PrimOpApp(ADD, (1,))],
    "path": lambda: NixPath("/tmp/a"),
}


def build(name: str, case: dict[str, Any]) -> Any:
    if name == "deep":
        # the recorded expression says how deep
        return _deep(int(case["expr"].rsplit("(f ", 1)[1].split(")")[0]))
    return BUILD[name]()
