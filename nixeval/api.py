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
carry the Nix message and position, `str(err)` both (`message (at FILE:LINE:COL)`),
`render(err)` the Nix-style report. A Python exception in a Python builtin becomes a
`PythonBuiltinError` at the call (the Python exception is its `__cause__`).

Nothing here recurses on user data: conversions both ways are iterative, so nested
values are limited by memory, as evaluation is.

Nothing is written to a store unless asked: `Evaluator(store_dir=DIR,
write_store=True)` writes sources, `toFile` texts and `.drv` files into DIR as they
are computed (see `Evaluator`).

The file system is the real one unless the host gives another: `Evaluator(io=
nixeval.io.MemoryIO({"/src/default.nix": "..."}))` evaluates against a virtual tree
(see nixeval/io.py for the interface a host implements).
"""

from __future__ import annotations

import os
import pathlib
import types
from collections.abc import Awaitable, Callable, Generator, Iterator, Mapping, Sequence
from typing import Any

from nixeval import machine as E
from nixeval.errors import IntegerOverflow, NixError, PythonBuiltinError
from nixeval.evaluation import Evaluation
from nixeval.io import EvalIO
from nixeval.machine.scheduler import HostRequest
from nixeval.machine.stats import Stats
from nixeval.settings import Settings
from nixeval.values import (
    Lambda,
    NixPath,
    NixString,
    PrimOp,
    PrimOpApp,
    Thunk,
    attr_names_brief,
)


class Evaluator:
    """An evaluation session: settings, Python builtins and an import cache shared by
    every evaluation made through it.

    The store: `store_dir` (default `NIX_STORE_DIR` from `env`, else /nix/store) is
    the store directory the paths are computed for. Nothing is written unless
    `write_store=True`, which needs a store directory named by `store_dir` or
    `NIX_STORE_DIR` (ValueError otherwise): then sources, `toFile` texts and `.drv`
    files are written into it as they are computed (read-only files, as Nix leaves
    them), and importing or reading them works, as after `nix-instantiate`.

    `options` are Nix settings by name, as `--option NAME VALUE` gives them:
    `{"max-call-depth": "5000", "extra-experimental-features": "pipe-operators",
    "abort-on-warn": "true"}` (see nixeval/settings.py); a value a setting cannot
    take is a ValueError. `max_memory` (MiB) is a memory budget: an evaluation that
    grows past it (the process's resident memory, checked every 1,024 calls) stops
    with `OutOfMemory`, a `NixError`.

    `io` is the file system every import, readFile, readDir, pathExists,
    readFileType, `<...>` lookup, copy of a path to the store and store write goes
    through (`nixeval.io.EvalIO`): the real one by default, or a virtual one such
    as `nixeval.io.MemoryIO({"/src/default.nix": "import ./lib.nix", ...})` (with
    `write_store=True` and a `store_dir`, store objects are added to that tree).
    Give `cwd` too when relative paths in the source should resolve inside it.

    `stats=True` switches the statistics observer on: `statistics()` then gives
    Nix's NIX_SHOW_STATS counters (thunks, calls, lookups, ...) of the evaluations
    made through this Evaluator (since it was made or a builtin was last added),
    and of nothing else.
    """

    def __init__(self, *, search_path: Sequence[str] = (), nix_path: Sequence[str] | None = None,
                 store_dir: str | None = None, write_store: bool = False, pure: bool = False,
                 cwd: str | None = None, env: Mapping[str, str] | None = None,
                 options: Mapping[str, str] | None = None, max_memory: int | None = None,
                 io: EvalIO | None = None, stats: bool = False):
        settings = Settings()
        for name, value in (options or {}).items():
            problem = settings.set(name, str(value))
            if problem:
                raise ValueError(problem.removeprefix("error: "))
        self._opts = dict(search_path=list(search_path),
                          nix_path=list(nix_path) if nix_path is not None else None,
                          store_dir=store_dir, write_store=write_store, pure=pure, cwd=cwd,
                          env=dict(env) if env is not None else None, settings=settings,
                          max_memory=max_memory << 20 if max_memory else None, io=io)
        if write_store and not (store_dir or (os.environ if env is None else env).get("NIX_STORE_DIR")):
            raise ValueError("write_store=True needs a store directory (store_dir or NIX_STORE_DIR)")
        self._extra: dict[str, PrimOp] = {}
        self._stats = stats
        self._ev: Evaluation | None = None
        # The private event loop of async builtins under the sync API (see `_HostAwait`).
        self._loop: Any = None
        self._loop_thread: int | None = None

    # --- configuration ---------------------------------------------------------------

    def add_builtin(self, name: str, fn: Callable[..., Any], arity: int | None = None) -> None:
        """Make a Python function available as `builtins.<name>` (and `__<name>`).

        The function receives its arguments as Python values (deeply evaluated, as
        `evaluate(..., strict=True)` returns them) and returns a Python value (None,
        bool, int, float, str, list, dict, PurePath, or a Nix value it was given).

        An `async def` function (or one returning an awaitable) may await anything
        the host's event loop offers: under the async API (`evaluate_async`) the
        awaitable is awaited on the host's loop (asyncio or trio), the machine paused
        meanwhile; under the sync API it runs on a private asyncio event loop (in a
        helper thread when the calling thread already runs a loop), so it may await
        asyncio things there but not trio's.

        A Python exception the function raises (or a result that cannot be converted)
        becomes a `PythonBuiltinError` at the position of the call, with the Python
        exception as its `__cause__`; a `NixError` it raises passes through as is.
        """
        import inspect

        if arity is None:
            arity = len(inspect.signature(fn).parameters)
        if arity < 1:
            raise ValueError("a builtin takes at least one argument")
        owner = self

        async def call(*args: Any) -> Any:
            py_args = [await _to_python_async(a) for a in args]
            try:
                r = fn(*py_args)
                if inspect.isawaitable(r):
                    r = await _host_await(r, owner)
                return from_python(r)
            except NixError:
                raise
            except Exception as e:
                raise PythonBuiltinError(
                    f"the builtin '{name}' failed: {type(e).__name__}: {e}") from e

        self._extra[name] = PrimOp(name, arity, call, tuple([True] * arity), True)
        self._ev = None

    @property
    def evaluation(self) -> Evaluation:
        if self._ev is None:
            self._ev = Evaluation(extra_builtins=self._extra, **self._opts)  # type: ignore[arg-type]
            if self._stats:
                self._ev.stats = Stats()
        return self._ev

    def statistics(self) -> dict[str, Any]:
        """The statistics of the evaluations made so far (with `stats=True`), as Nix's
        NIX_SHOW_STATS names them."""
        if not self._stats:
            raise ValueError("statistics are off: make the Evaluator with stats=True")
        return dict(self.evaluation.stats.as_json(self.evaluation.machine))

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
        machine yields to the host's event loop every `every` scheduler steps, and
        async Python builtins await on the host's loop. Cancelling the host's task
        (or a time limit, `anyio.fail_after`) stops the evaluation: the thunks it was
        forcing are left as they were, so the Evaluator stays usable."""
        ev = self.evaluation
        node = ev.parse_string(source, base_dir)
        return await self._finish_async(ev, E.run_node(node, ev.global_env), strict, every)

    async def evaluate_file_async(self, path: str | os.PathLike[str], *, strict: bool = True,
                                  every: int = 4) -> Any:
        """`evaluate_file` for async hosts (see `evaluate_async`)."""
        ev = self.evaluation
        node = ev.parse_file(ev.resolve_import_path(os.path.abspath(os.fspath(path))))
        return await self._finish_async(ev, E.run_node(node, ev.global_env), strict, every)

    async def _finish_async(self, ev: Evaluation, coro: Any, strict: bool, every: int) -> Any:
        value = await _run_async(ev, coro, every)
        if strict:
            await _run_async(ev, E.force_deep(value), every)
            return to_python(value, ev)
        return _lazy(value, ev)

    def _finish(self, ev: Evaluation, value: Any, strict: bool) -> Any:
        if strict:
            ev.run(E.force_deep(value))
            return to_python(value, ev)
        return _lazy(value, ev)


# --- async builtins and the async driver ------------------------------------------------
#
# The machine's own loop (`Machine.iterate`) only knows one request: a child coroutine
# to run as a new segment. A Python builtin that awaits something of the host's event
# loop (an asyncio future, a trio trap) must not hand that to the machine, so it
# awaits `_host_await(aw)`, which yields a `_HostAwait` request instead:
# - the async API is driven by `_run_async`, which runs the machine's loop with
#   `host=True` in the host's task: the loop hands the request out, `_run_async`
#   awaits its awaitable there, on the host's loop, and the result (or the exception)
#   goes back into the builtin;
# - under the sync API the machine treats the request as one more segment: its `send`
#   runs the awaitable to completion on a private event loop.
# So the machine's loop and its hot path are unchanged; only Python builtins pay.


class _HostAwait(HostRequest):
    """A Python builtin's awaitable for the host's event loop (see above). Shaped like a
    coroutine that finishes at its first `send`, for the machine's loop."""

    __slots__ = ("owner",)

    def __init__(self, awaitable: Awaitable[Any], owner: Evaluator):
        super().__init__(awaitable)
        self.owner = owner

    def send(self, _value: Any) -> Any:
        raise StopIteration(_run_privately(self.awaitable, self.owner))

    def throw(self, exc: BaseException, *_: Any) -> Any:
        self.close()
        raise exc

    def close(self) -> None:
        close = getattr(self.awaitable, "close", None)
        if close is not None:
            close()


@types.coroutine
def _host_await(awaitable: Awaitable[Any], owner: Evaluator) -> Generator[Any, Any, Any]:
    return (yield _HostAwait(awaitable, owner))


async def _as_coroutine(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


def _run_privately(awaitable: Awaitable[Any], owner: Evaluator) -> Any:
    """Run an async builtin's awaitable to completion without the host: on the
    Evaluator's private asyncio loop, or, when this thread already runs an event loop
    (the sync API called from async code), on a fresh loop in a helper thread."""
    import asyncio
    import threading

    try:
        asyncio.get_running_loop()
        busy = True
    except RuntimeError:
        busy = False
    if not busy and owner._loop_thread in (None, threading.get_ident()):
        if owner._loop is None:
            import weakref

            owner._loop = loop = asyncio.new_event_loop()
            owner._loop_thread = threading.get_ident()
            weakref.finalize(owner, loop.close)
        return owner._loop.run_until_complete(_as_coroutine(awaitable))
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = asyncio.run(_as_coroutine(awaitable))
        except BaseException as e:  # noqa: BLE001 - re-raised in the calling thread
            box["error"] = e

    t = threading.Thread(target=work, name="nixeval-async-builtin")
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


async def _run_async(ev: Evaluation, coro: Any, every: int) -> Any:
    """Drive `coro` with the machine's loop (`Machine.iterate(host=True)`) from the
    host's task: every `every` segment switches it lets the host's loop run, and it
    awaits the `_HostAwait` requests of Python builtins there. An exception from the
    host (cancellation, a time limit) is thrown into the running segment, so that
    every frame unwinds (thunks being forced are restored), and then raised."""
    import anyio

    machine = ev.machine
    it = machine.iterate(coro, every, host=True)
    answer: Any = None
    failure: BaseException | None = None
    old = E.activate(ev)
    try:
        while True:
            try:
                req = it.send(answer) if failure is None else it.throw(failure)
            except StopIteration:
                return machine.result
            answer = failure = None
            awaitable = req.awaitable if req is not None else anyio.sleep(0)
            E.activate(old)
            try:
                answer = await awaitable
            except BaseException as e:  # noqa: BLE001 - thrown into the machine
                failure = e
            old = E.activate(ev)
    finally:
        E.activate(old)


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
            ev.run(E.force_deep(r))
            return to_python(r, ev)
        return _lazy(r, ev)

    async def call_async(self, *args: Any, strict: bool = True, every: int = 4) -> Any:
        """The call from an async host (see `Evaluator.evaluate_async`)."""
        ev = self._ev
        r = await _run_async(ev, E.call_async(self.value, *[from_python(a) for a in args]), every)
        if strict:
            await _run_async(ev, E.force_deep(r), every)
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

    def to_python(self) -> dict[str, Any]:
        """The whole set, deeply evaluated, as plain Python (iteratively)."""
        self._ev.run(E.force_deep(self._d))
        return to_python(self._d, self._ev)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        # Bounded: the first names and a count (a package set has tens of thousands).
        return f"<nix attrset of {len(self._d)}: {attr_names_brief(self._d)}>"


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

    def to_python(self) -> list[Any]:
        """The whole list, deeply evaluated, as plain Python (iteratively)."""
        self._ev.run(E.force_deep(self._l))
        return to_python(self._l, self._ev)  # type: ignore[no-any-return]

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


def _from_python_leaf(x: Any) -> Any:
    """A Python value that is not a container as a Nix value."""
    t = type(x)
    if x is None or t is bool or t is int or t is float or t is str or t is NixString:
        if t is int and not (-(2**63) <= x < 2**63):
            raise IntegerOverflow(f"integer {x} does not fit in 64 bits")
        return x
    if isinstance(x, pathlib.PurePath):
        return NixPath(str(x))
    if isinstance(x, NixFunction):
        return x.value
    if t is Lambda or t is PrimOp or t is PrimOpApp or t is NixPath or t is Thunk:
        return x
    if isinstance(x, LazyAttrs):
        return x._d
    if isinstance(x, LazyList):
        return x._l
    if isinstance(x, str):  # a str subclass (an enum.StrEnum...)
        return str(x)
    if isinstance(x, int) and not isinstance(x, bool):
        return _from_python_leaf(int(x))
    if isinstance(x, float):
        return float(x)
    raise TypeError(f"cannot convert {type(x).__name__} to a Nix value")


def from_python(x: Any) -> Any:
    """Convert a Python value to a Nix value: None, bool, int, float, str, PurePath,
    Mappings (keys converted with `str`), lists and tuples, and Nix values (functions,
    lazy views) given back. Iterative, so nesting is limited by memory; a container
    met twice (shared, or a cycle) becomes one Nix value."""
    if type(x) is not dict and type(x) is not list and type(x) is not tuple and (
            isinstance(x, (LazyAttrs, LazyList)) or not isinstance(x, (Mapping, list, tuple))):
        return _from_python_leaf(x)
    memo: dict[int, tuple[Any, Any]] = {}  # id -> (source kept alive, Nix value)
    todo: list[tuple[Any, Any]] = []

    def shell(v: Any) -> Any:
        t = type(v)
        if t is dict or t is list or t is tuple or (
                isinstance(v, (Mapping, list, tuple)) and not isinstance(v, (LazyAttrs, LazyList))):
            seen = memo.get(id(v))
            if seen is not None:
                return seen[1]
            out: Any = [] if t is list or t is tuple or isinstance(v, (list, tuple)) else {}
            memo[id(v)] = (v, out)
            todo.append((v, out))
            return out
        return _from_python_leaf(v)

    root = shell(x)
    while todo:
        src, dst = todo.pop()
        if type(dst) is list:
            dst.extend([shell(v) for v in src])
        else:
            for k, v in src.items():
                dst[str(k)] = shell(v)
    return root


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


async def evaluate_file_async(path: str | os.PathLike[str], *, strict: bool = True,
                              evaluator: Evaluator | None = None) -> Any:
    """`evaluate_file` for asyncio/trio hosts: yields to the event loop while it runs."""
    return await (evaluator or Evaluator()).evaluate_file_async(path, strict=strict)
