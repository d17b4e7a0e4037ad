"""The one registry every builtin is declared through.

A builtin is a Python function decorated with `@builtin(name, arity, ...)`:

    @builtin("length", 1)
    def length(xs):                     # strict args arrive forced
        return len(expect_list(xs))

    @builtin("map", 2, lazy=(0,))
    async def map_(f, xs):              # async: may await machine requests
        ...

- Arguments are forced (to weak head normal form) before the call unless their
  index is in `lazy`; a lazy argument arrives as an *item* (a value or a `Thunk`).
- A sync function must not force anything itself; it may return an item (a
  `Thunk` taken from a list or set), which the machine forces. An `async def` builtin may
  `await` the requests of `nixeval.machine` (`force`, `call`, `force_deep`,
  `coerce_to_string`...): they run on the scheduler, never by Python recursion.
- An async builtin costs a scheduler segment per call. When its common case needs
  no request (`stringLength` of a plain string), `@fast_path(name)` gives it a sync
  companion that the machine tries first; it returns `SLOW` for the other cases.
- `global_=True` also binds the name in the global scope (`map`, `toString`...);
  a name starting with `__` is bound globally with the underscores (`__add`) and in
  `builtins` without them, as Nix does.
- `impure=True` marks builtins that read the environment (files, time, env vars):
  pure-eval mode refuses them or restricts them.
- `feature="flakes"` makes the builtin exist only when that experimental feature is
  enabled (`--extra-experimental-features flakes`), as in Nix: otherwise it is
  neither in `builtins` nor bound globally, and `builtins ? name` is false.
- Errors are raised as `nixeval.errors.NixError` subclasses; the machine attaches
  the position of the call.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from nixeval.errors import TypeError_
from nixeval.machine.requests import force_now
from nixeval.values import Lambda, NixPath, NixString, PrimOp, PrimOpApp, Thunk, show_type

_CO_COROUTINE = 0x80
BUILTINS: dict[str, PrimOp] = {}
GLOBALS: set[str] = set()
# Builtins that exist only when an experimental feature is enabled: name -> feature.
FEATURES: dict[str, str] = {}
# Constants in `builtins` (not functions): name -> value or zero-argument factory.
CONSTANTS: dict[str, Any] = {}


def lazy_primop(name: str, module: str, arity: int, strict: tuple[bool, ...], is_async: bool,
                impure: bool) -> PrimOp:
    """A PrimOp whose module is imported on its first call (see `index.py`)."""
    op = PrimOp(name, arity, None, strict, is_async, impure)

    def load(*args: Any) -> Any:
        importlib.import_module(f"nixeval.builtins.{module}")
        op.fn = BUILTINS[name].fn
        op.fast = BUILTINS[name].fast
        return op.fn(*args)

    op.fn = load
    return op


def builtin(name: str, arity: int, *, lazy: tuple[int, ...] = (), global_: bool = False,
            impure: bool = False, feature: str | None = None
            ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        strict = tuple(i not in lazy for i in range(arity))
        # (not inspect.iscoroutinefunction: importing inspect costs startup time)
        is_async = bool(fn.__code__.co_flags & _CO_COROUTINE)
        op = PrimOp(name, arity, fn, strict, is_async, impure)
        if name in BUILTINS:
            raise RuntimeError(f"builtin {name} registered twice")
        BUILTINS[name] = op
        if global_:
            GLOBALS.add(name)
        if feature is not None:
            FEATURES[name] = feature
        return fn

    return register


def fast_path(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the sync fast path of async builtin `name` (registered before it): it
    takes the same arguments and returns the result, or `SLOW` when the async builtin
    must run instead (an argument needs coercion, a call that is not synchronous,
    anything unusual, an error included: it never raises). It may force items and
    call functions only through `force_now` and `call_now`, and must leave no other
    trace when it returns SLOW."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        BUILTINS[name].fast = fn
        return fn

    return register


def forced_strings(xs: list[Any]) -> list[Any] | None:
    """The elements of a list as strings, for a fast path: None unless every element
    is a string, forced or computed synchronously (`force_now`)."""
    out = []
    for x in xs:
        if type(x) is Thunk:
            x = force_now(x)
        if type(x) is not str and type(x) is not NixString:
            return None
        out.append(x)
    return out


def constant(name: str, *, global_: bool = False) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Declare a constant of `builtins` computed by a function of the evaluation, once
    per evaluation (so that e.g. `currentTime` and `nixPath` see its settings)."""

    def register(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        CONSTANTS[name] = fn
        if global_:
            GLOBALS.add(name)
        return fn

    return register


# --- type expectations, worded as Nix words them -------------------------------

def _wrong(v: Any, expected: str) -> TypeError_:
    return TypeError_(f"value is {show_type(v)} while {expected} was expected")


def expect_int(v: Any) -> int:
    if type(v) is not int:
        raise _wrong(v, "an integer")
    return v


def expect_number(v: Any) -> int | float:
    if type(v) is not int and type(v) is not float:
        raise _wrong(v, "an integer")
    return v


def expect_bool(v: Any) -> bool:
    if type(v) is not bool:
        raise _wrong(v, "a Boolean")
    return v


def expect_list(v: Any) -> list[Any]:
    if type(v) is not list:
        raise _wrong(v, "a list")
    return v


def expect_attrs(v: Any) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise _wrong(v, "a set")
    return v


def expect_string(v: Any) -> str:
    """A string value (context kept: it is a `NixString` when it has one)."""
    if type(v) is not str and type(v) is not NixString:
        raise _wrong(v, "a string")
    return v


def expect_path(v: Any) -> NixPath:
    if type(v) is not NixPath:
        raise _wrong(v, "a path")
    return v


def expect_function(v: Any) -> Any:
    if type(v) is not Lambda and type(v) is not PrimOp and type(v) is not PrimOpApp:
        raise _wrong(v, "a function")
    return v
