"""The Python API: evaluate Nix source or files and get Python values back.

    >>> import nixeval
    >>> nixeval.evaluate("{ a = 1 + 2; b = [ true null ]; }")
    {'a': 3, 'b': [True, None]}

Conversion of Nix values to Python:

| Nix                     | Python                                               |
|-------------------------|------------------------------------------------------|
| int, float, bool, null  | int, float, bool, None                               |
| string                  | str (context dropped; `NixString` keeps it)          |
| path                    | pathlib.PurePosixPath                                |
| list                    | list (strict) / `LazyList` (lazy)                    |
| attribute set           | dict (strict) / `LazyAttrs`, a read-only Mapping     |
| function                | `NixFunction`, callable from Python                  |

With `strict=False` nothing is evaluated until it is looked at: attribute sets and
lists are views that force their items on access, so a large package set can be
explored without evaluating all of it.

Errors raise `nixeval.NixError` (see `nixeval.errors`); its `.message` and `.span`
carry the Nix message and position, `str(render(err))` the Nix-style report.

Nothing is written to a store unless asked: `Evaluator(store_dir=DIR,
write_store=True)` writes sources, `toFile` texts and `.drv` files into DIR as they
are computed (see `Evaluator`).
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from nixeval.errors import EvalError
from nixeval.machine import eval as E
from nixeval.machine.evaluation import Evaluation
from nixeval.values import Lambda, NixPath, NixString, PrimOp, PrimOpApp, Thunk


class Evaluator:
    """An evaluation session: settings, Python builtins and an import cache shared by
    every evaluation made through it.

    The store: `store_dir` (default `NIX_STORE_DIR` from `env`, else /nix/store) is
    the store directory the paths are computed for. Nothing is written unless
    `write_store=True`, which needs a store directory named by `store_dir` or
    `NIX_STORE_DIR` (ValueError otherwise): then sources, `toFile` texts and `.drv`
    files are written into it as they are computed (read-only files, as Nix leaves
    them), and importing or reading them works, as after `nix-instantiate`.
    """

    def __init__(self, *, search_path: Sequence[str] = (), nix_path: Sequence[str] | None = None,
                 store_dir: str | None = None, write_store: bool = False, pure: bool = False,
                 cwd: str | None = None, env: Mapping[str, str] | None = None):
        self._opts = dict(search_path=list(search_path),
                          nix_path=list(nix_path) if nix_path is not None else None,
                          store_dir=store_dir, write_store=write_store, pure=pure, cwd=cwd,
                          env=dict(env) if env is not None else None)
        if write_store and not (store_dir or (os.environ if env is None else env).get("NIX_STORE_DIR")):
            raise ValueError("write_store=True needs a store directory (store_dir or NIX_STORE_DIR)")
        self._extra: dict[str, PrimOp] = {}
        self._ev: Evaluation | None = None

    # --- configuration ---------------------------------------------------------------

    def add_builtin(self, name: str, fn: Callable[..., Any], arity: int | None = None) -> None:
        """Make a Python function available as `builtins.<name>` (and `__<name>`).

        The function receives its arguments as Python values (deeply evaluated, as
        `evaluate(..., strict=True)` returns them) and returns a Python value (None,
        bool, int, float, str, list, dict, PurePath, or a Nix value it was given).
        An `async def` function may await; it runs on the evaluator's machine.
        """
        import inspect

        if arity is None:
            arity = len(inspect.signature(fn).parameters)
        if arity < 1:
            raise ValueError("a builtin takes at least one argument")
        is_async = inspect.iscoroutinefunction(fn)

        async def call(*args: Any) -> Any:
            py_args = [await _to_python_async(a) for a in args]
            r = fn(*py_args)
            if is_async:
                r = await r
            return from_python(r)

        self._extra[name] = PrimOp(name, arity, call, tuple([True] * arity), True)
        self._ev = None

    @property
    def evaluation(self) -> Evaluation:
        if self._ev is None:
            self._ev = Evaluation(extra_builtins=self._extra, **self._opts)  # type: ignore[arg-type]
        return self._ev

    # --- evaluation ----------------------------------------------------------------

    def evaluate(self, source: str, *, strict: bool = True, base_dir: str | None = None) -> Any:
        """Evaluate Nix source text; relative paths are relative to `base_dir`
        (default: the current directory)."""
        ev = self.evaluation
        node = ev.parse_string(source, base_dir)
        return self._finish(ev, ev.eval_node(node), strict)

    def evaluate_file(self, path: str | os.PathLike[str], *, strict: bool = True) -> Any:
        """Evaluate a file (a directory means its default.nix)."""
        ev = self.evaluation
        return self._finish(ev, ev.eval_file(os.fspath(path)), strict)

    async def evaluate_async(self, source: str, *, strict: bool = True,
                             base_dir: str | None = None, every: int = 4) -> Any:
        """Like `evaluate`, from an async host (asyncio or trio, through anyio): the
        machine yields to the host's event loop every `every` scheduler steps."""
        import anyio

        ev = self.evaluation
        node = ev.parse_string(source, base_dir)
        value = await _run_async(ev, E.run_node(node, ev.global_env), every, anyio)
        if strict:
            await _run_async(ev, E.force_deep_d(value, 0), every, anyio)
        return self._finish(ev, value, strict)

    def _finish(self, ev: Evaluation, value: Any, strict: bool) -> Any:
        if strict:
            ev.run(E.force_deep_d(value, 0))
            return to_python(value, ev)
        return _lazy(value, ev)


async def _run_async(ev: Evaluation, coro: Any, every: int, anyio: Any) -> Any:
    old = E.set_current(ev)
    try:
        steps = ev.machine.iterate(coro, every)
        while True:
            try:
                next(steps)
            except StopIteration:
                return ev.machine.result
            E.set_current(old)
            await anyio.sleep(0)
            old = E.set_current(ev)
    finally:
        E.set_current(old)


# --- conversion ----------------------------------------------------------------------

class NixFunction:
    """A Nix function, callable from Python with Python arguments."""

    __slots__ = ("value", "_ev")

    def __init__(self, value: Any, ev: Evaluation):
        self.value = value
        self._ev = ev

    def __call__(self, *args: Any, strict: bool = True) -> Any:
        ev = self._ev
        r = ev.run(E.call(self.value, *[from_python(a) for a in args]))
        if strict:
            ev.run(E.force_deep_d(r, 0))
            return to_python(r, ev)
        return _lazy(r, ev)

    def __repr__(self) -> str:
        return "<nix function>"


class LazyAttrs(Mapping[str, Any]):
    """A Nix attribute set, evaluating each attribute when it is read."""

    __slots__ = ("_d", "_ev")

    def __init__(self, d: dict[str, Any], ev: Evaluation):
        self._d = d
        self._ev = ev

    def __getitem__(self, name: str) -> Any:
        item = self._d[name]
        return _lazy(self._ev.run(E.force(item)) if type(item) is Thunk else item, self._ev)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._d))

    def __len__(self) -> int:
        return len(self._d)

    def __repr__(self) -> str:
        return f"<nix attrset {sorted(self._d)!r}>"


class LazyList(Sequence[Any]):
    """A Nix list, evaluating each element when it is read."""

    __slots__ = ("_l", "_ev")

    def __init__(self, items: list[Any], ev: Evaluation):
        self._l = items
        self._ev = ev

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._l)))]
        item = self._l[i]
        return _lazy(self._ev.run(E.force(item)) if type(item) is Thunk else item, self._ev)

    def __len__(self) -> int:
        return len(self._l)

    def __repr__(self) -> str:
        return f"<nix list of {len(self._l)}>"


def _scalar(v: Any, ev: Evaluation) -> Any:
    t = type(v)
    if t is NixString:
        return str(v)
    if t is NixPath:
        return pathlib.PurePosixPath(v.path)
    if t is Lambda or t is PrimOp or t is PrimOpApp:
        return NixFunction(v, ev)
    return v


def _lazy(v: Any, ev: Evaluation) -> Any:
    if isinstance(v, dict):
        return LazyAttrs(v, ev)
    if type(v) is list:
        return LazyList(v, ev)
    return _scalar(v, ev)


def to_python(v: Any, ev: Evaluation) -> Any:
    """Convert a deeply forced Nix value to plain Python (iteratively; shared
    sub-values are converted once)."""
    memo: dict[int, Any] = {}

    def shell(x: Any) -> Any:
        if type(x) is Thunk:
            x = x.value
        if isinstance(x, dict) or type(x) is list:
            key = id(x)
            if key in memo:
                return memo[key], False
            out: Any = {} if isinstance(x, dict) else []
            memo[key] = out
            return out, True
        return _scalar(x, ev), False

    root, fresh = shell(v)
    stack = [(v.value if type(v) is Thunk else v, root)] if fresh else []
    while stack:
        src, dst = stack.pop()
        if isinstance(src, dict):
            for k in sorted(src):
                item = src[k]
                val = item.value if type(item) is Thunk else item
                conv, fresh = shell(val)
                dst[k] = conv
                if fresh:
                    stack.append((val, conv))
        else:
            for item in src:
                val = item.value if type(item) is Thunk else item
                conv, fresh = shell(val)
                dst.append(conv)
                if fresh:
                    stack.append((val, conv))
    return root


async def _to_python_async(item: Any) -> Any:
    v = await E.force(item)
    await E.force_deep(v)
    return to_python(v, E.current())


def from_python(x: Any) -> Any:
    """Convert a Python value to a Nix value (iteratively)."""
    t = type(x)
    if x is None or t is bool or t is int or t is float or t is str or t is NixString:
        if t is int and not (-(2**63) <= x < 2**63):
            raise EvalError(f"integer {x} does not fit in 64 bits")
        return x
    if isinstance(x, pathlib.PurePath):
        return NixPath(str(x))
    if isinstance(x, NixFunction):
        return x.value
    if t is Lambda or t is PrimOp or t is PrimOpApp or t is NixPath or t is Thunk:
        return x
    if isinstance(x, (LazyAttrs, LazyList)):
        return x._d if isinstance(x, LazyAttrs) else x._l
    if isinstance(x, Mapping):
        return {str(k): from_python(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [from_python(v) for v in x]
    raise TypeError(f"cannot convert {type(x).__name__} to a Nix value")


_default: Evaluator | None = None


def _default_evaluator() -> Evaluator:
    global _default
    if _default is None:
        _default = Evaluator()
    return _default


def evaluate(source: str, *, strict: bool = True, base_dir: str | None = None,
             evaluator: Evaluator | None = None) -> Any:
    """Evaluate Nix source text and return the result as Python values."""
    return (evaluator or Evaluator()).evaluate(source, strict=strict, base_dir=base_dir)


def evaluate_file(path: str | os.PathLike[str], *, strict: bool = True,
                  evaluator: Evaluator | None = None) -> Any:
    """Evaluate a Nix file and return the result as Python values."""
    return (evaluator or Evaluator()).evaluate_file(path, strict=strict)


async def evaluate_async(source: str, *, strict: bool = True, base_dir: str | None = None,
                         evaluator: Evaluator | None = None) -> Any:
    """`evaluate` for asyncio/trio hosts: yields to the event loop while it runs."""
    return await (evaluator or Evaluator()).evaluate_async(source, strict=strict, base_dir=base_dir)
