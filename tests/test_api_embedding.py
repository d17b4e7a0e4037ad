"""The Python API is safe to embed (issue 14, item 4): async builtins await on the
host's loop (asyncio and trio), errors of Python builtins become Nix errors at the
call, no recursion on user data, `str(e)` has the position, exception names that do
not shadow Python's, `py.typed`, bounded reprs, time limits and cancellation."""

from __future__ import annotations

import asyncio
import builtins
import importlib.resources
import pathlib
import time
from typing import Any

import anyio
import pytest

import nixeval
from nixeval import errors

DEPTH = 100_000

try:
    import trio  # noqa: F401

    BACKENDS: list[Any] = ["asyncio", "trio"]
except ImportError:  # pragma: no cover - trio is in the test extras
    BACKENDS = ["asyncio", pytest.param("trio", marks=pytest.mark.skip(reason="trio not installed"))]

# Runs for minutes, switching scheduler segments all along (so the host gets turns).
LONG = ("builtins.foldl' (a: i: a + builtins.foldl' (b: j: b + j) 0 (builtins.genList (x: x) 1000))"
        " 0 (builtins.genList (x: x) 100000)")


def run(backend: str, fn: Any, *args: Any) -> Any:
    return anyio.run(fn, *args, backend=backend)


# --- async builtins await on the host's loop ----------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_async_builtin_awaits_the_host_loop(backend: str) -> None:
    ev = nixeval.Evaluator()

    async def slow_inc(x: int) -> int:
        await anyio.sleep(0)
        await anyio.sleep(0.001)
        if backend == "trio":
            import trio

            await trio.sleep(0)
        else:
            await asyncio.sleep(0)
            await asyncio.sleep(0.001)
        return x + 1

    ev.add_builtin("slowInc", slow_inc)

    async def main() -> Any:
        return await ev.evaluate_async("builtins.map builtins.slowInc [ 1 2 3 ]")

    assert run(backend, main) == [2, 3, 4]


@pytest.mark.parametrize("backend", BACKENDS)
def test_async_builtin_waits_for_another_host_task(backend: str) -> None:
    """The builtin's awaitable really runs on the host's loop: it waits for an event
    that another task of the host sets (a private loop would never see it)."""
    ev = nixeval.Evaluator()
    state: dict[str, Any] = {}

    async def wait(x: str) -> str:
        await state["event"].wait()
        return x + "!"

    ev.add_builtin("wait", wait)

    async def main() -> Any:
        state["event"] = anyio.Event()
        async with anyio.create_task_group() as tg:
            async def setter() -> None:
                await anyio.sleep(0.01)
                state["event"].set()
            tg.start_soon(setter)
            return await ev.evaluate_async('builtins.wait "go"')

    assert run(backend, main) == "go!"


@pytest.mark.parametrize("backend", BACKENDS)
def test_async_file_and_function_call(backend: str, tmp_path: pathlib.Path) -> None:
    (tmp_path / "f.nix").write_text("x: builtins.sleepy x")
    ev = nixeval.Evaluator()

    async def sleepy(x: int) -> int:
        await anyio.sleep(0)
        return 2 * x

    ev.add_builtin("sleepy", sleepy)

    async def main() -> Any:
        f = await ev.evaluate_file_async(tmp_path / "f.nix")
        return await f.call_async(21)

    assert run(backend, main) == 42


def test_async_builtin_under_the_sync_api() -> None:
    ev = nixeval.Evaluator()

    async def later(x: int) -> int:
        await asyncio.sleep(0)
        await asyncio.sleep(0.001)
        return x * 10

    ev.add_builtin("later", later)
    assert ev.evaluate("builtins.map builtins.later [ 1 2 ]") == [10, 20]

    # the sync API called from a running loop: the builtin runs in a helper thread
    async def inside() -> Any:
        return ev.evaluate("builtins.later 4")

    assert asyncio.run(inside()) == 40


def test_trio_builtin_under_the_sync_api_is_a_nix_error() -> None:
    trio = pytest.importorskip("trio")
    ev = nixeval.Evaluator()

    async def trio_only(x: int) -> int:
        await trio.sleep(0)
        return x

    ev.add_builtin("trioOnly", trio_only)
    with pytest.raises(nixeval.PythonBuiltinError) as err:
        ev.evaluate("builtins.trioOnly 1")
    assert isinstance(err.value.__cause__, RuntimeError)


# --- time limits and cancellation from the host --------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_time_limit_stops_evaluation_and_evaluator_stays_usable(
        backend: str, tmp_path: pathlib.Path) -> None:
    (tmp_path / "long.nix").write_text(LONG)
    ev = nixeval.Evaluator()

    async def main() -> Any:
        start = time.monotonic()
        with pytest.raises(TimeoutError):
            with anyio.fail_after(0.3):
                await ev.evaluate_async(f"import {tmp_path}/long.nix")
        assert time.monotonic() - start < 2
        with anyio.move_on_after(0.2) as scope:
            await ev.evaluate_async(f"import {tmp_path}/long.nix")
        assert scope.cancelled_caught
        # the file's thunk was restored, not left blackholed ("infinite recursion")
        with anyio.move_on_after(0.2):
            await ev.evaluate_async(f"import {tmp_path}/long.nix")
        return await ev.evaluate_async("1 + 1")

    assert run(backend, main) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_cancellation_while_a_builtin_awaits(backend: str) -> None:
    ev = nixeval.Evaluator()

    async def forever(x: int) -> int:
        await anyio.sleep_forever()
        return x  # pragma: no cover

    ev.add_builtin("forever", forever)

    async def main() -> Any:
        with anyio.move_on_after(0.05) as scope:
            await ev.evaluate_async("let x = builtins.forever 1; in [ x x ]")
        assert scope.cancelled_caught
        return await ev.evaluate_async("1 + 2")

    assert run(backend, main) == 3


# --- Python exceptions in builtins ------------------------------------------------

def test_python_exception_becomes_a_nix_error_at_the_call() -> None:
    ev = nixeval.Evaluator()
    ev.add_builtin("parse", lambda s: int(s))
    with pytest.raises(nixeval.EvalError) as err:
        ev.evaluate('1 +\n  builtins.parse "z"')
    e = err.value
    assert isinstance(e, nixeval.PythonBuiltinError)
    assert isinstance(e.__cause__, ValueError)
    assert "ValueError" in e.message and "'parse'" in e.message
    assert e.span is not None and e.span.line_col == (2, 3)
    assert nixeval.render(e).startswith("error: the builtin 'parse' failed: ValueError")
    # tryEval does not catch it (it is not a throw)
    with pytest.raises(nixeval.PythonBuiltinError):
        ev.evaluate('builtins.tryEval (builtins.parse "z")')


@pytest.mark.parametrize("backend", BACKENDS)
def test_python_exception_in_async_builtin(backend: str) -> None:
    ev = nixeval.Evaluator()

    async def bad(x: int) -> int:
        await anyio.sleep(0)
        raise KeyError(x)

    ev.add_builtin("bad", bad)

    async def main() -> Any:
        with pytest.raises(nixeval.PythonBuiltinError) as err:
            await ev.evaluate_async("builtins.bad 7")
        assert isinstance(err.value.__cause__, KeyError)
        assert err.value.span is not None and err.value.span.line_col == (1, 1)
        return await ev.evaluate_async("2")

    assert run(backend, main) == 2
    with pytest.raises(nixeval.PythonBuiltinError):
        ev.evaluate("builtins.bad 7")


def test_unconvertible_result_and_nix_errors_from_builtins() -> None:
    ev = nixeval.Evaluator()
    ev.add_builtin("obj", lambda x: object())
    with pytest.raises(nixeval.PythonBuiltinError) as err:
        ev.evaluate("builtins.obj 1")
    assert isinstance(err.value.__cause__, TypeError)

    def nix_error(x: Any) -> Any:
        raise nixeval.EvalError("custom failure")

    ev.add_builtin("nixError", nix_error)
    with pytest.raises(nixeval.EvalError) as err2:
        ev.evaluate("builtins.nixError 1")
    assert type(err2.value) is nixeval.EvalError and err2.value.message == "custom failure"
    assert err2.value.span is not None


# --- no recursion on user data ----------------------------------------------------

def nested_dict(depth: int) -> Any:
    x: Any = None
    for _ in range(depth):
        x = {"a": x}
    return x


def nested_list(depth: int) -> Any:
    x: Any = []
    for _ in range(depth):
        x = [x]
    return x


def dict_depth(x: Any) -> int:
    n = 0
    while x is not None:
        x = x["a"]
        n += 1
    return n


def test_from_python_deep() -> None:
    v = nixeval.from_python(nested_dict(DEPTH))
    assert dict_depth(v) == DEPTH
    w = nixeval.from_python(nested_list(DEPTH))
    n = 0
    while w:
        w = w[0]
        n += 1
    assert n == DEPTH


def test_from_python_shares_and_converts() -> None:
    shared = [1, 2]
    v = nixeval.from_python({1: shared, "b": (shared, pathlib.PurePosixPath("/x"))})
    assert v["1"] is v["b"][0]
    assert v["b"][1].path == "/x"
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    c = nixeval.from_python(cyclic)
    assert c["self"] is c
    assert nixeval.evaluate("s: s.self.self.self ? self")(cyclic) is True
    with pytest.raises(TypeError):
        nixeval.from_python({"a": [object()]})


def test_calling_nix_functions_with_deep_values() -> None:
    ev = nixeval.Evaluator()
    depth_of = ev.evaluate(
        "let go = n: x: if x == null then n else go (n + 1) x.a; in go 0")
    assert depth_of(nested_dict(DEPTH)) == DEPTH
    ident = ev.evaluate("x: x")
    assert dict_depth(ident(nested_dict(DEPTH))) == DEPTH


def test_python_builtin_with_deep_values() -> None:
    ev = nixeval.Evaluator()
    ev.add_builtin("wrap", lambda n: nested_dict(n))
    ev.add_builtin("depth", dict_depth)
    assert ev.evaluate(f"builtins.depth (builtins.wrap {DEPTH})") == DEPTH


def test_lazy_views_deep() -> None:
    v = nixeval.evaluate(
        f"let f = n: if n == 0 then null else {{ a = f (n - 1); }}; in f {DEPTH}", strict=False)
    assert isinstance(v, nixeval.LazyAttrs)
    assert dict_depth(v.to_python()) == DEPTH
    n = 0
    while v is not None:
        v = v["a"]
        n += 1
    assert n == DEPTH
    lst = nixeval.evaluate(
        f"let f = n: if n == 0 then [] else [ (f (n - 1)) ]; in f {DEPTH}", strict=False)
    assert isinstance(lst, nixeval.LazyList)
    assert nixeval.from_python(lst) is lst._l


# --- str(e), names, py.typed, repr ------------------------------------------------

def test_str_of_errors_has_the_position(tmp_path: pathlib.Path) -> None:
    with pytest.raises(nixeval.NixTypeError) as err:
        nixeval.evaluate("1 + true")
    assert str(err.value) == "cannot add a Boolean to an integer (at «string»:1:5)"
    assert err.value.message == "cannot add a Boolean to an integer"
    f = tmp_path / "bad.nix"
    f.write_text("{\n  a = 1 +\n    \"x\";\n}.a\n")
    with pytest.raises(nixeval.NixError) as err2:
        nixeval.evaluate_file(f)
    assert str(err2.value).endswith(f"(at {f}:3:5)")  # where Nix 2.8 puts it
    with pytest.raises(nixeval.ParseError) as err3:
        nixeval.evaluate("let x = ; in x")
    assert "(at «string»:1:" in str(err3.value)
    with pytest.raises(nixeval.Thrown) as err4:
        nixeval.evaluate('throw "plain"')
    assert str(err4.value) == "plain"  # no position, as in Nix


def test_exported_error_names() -> None:
    names = ["NixError", "ParseError", "EvalError", "NixTypeError", "MissingAttribute",
             "InfiniteRecursion", "Abort", "CatchableError", "Thrown", "AssertionFailed",
             "NixImportError", "RestrictedPath", "InvalidPath", "PythonBuiltinError"]
    for name in names:
        assert name in nixeval.__all__
        assert getattr(nixeval, name) is getattr(errors, name)
    for name in nixeval.__all__:
        assert not hasattr(builtins, name), f"{name} shadows a Python builtin"
        assert not name.endswith("_")
    assert errors.TypeError_ is nixeval.NixTypeError  # the internal names stay
    assert errors.ImportError_ is nixeval.NixImportError
    assert issubclass(nixeval.PythonBuiltinError, nixeval.EvalError)
    with pytest.raises(nixeval.NixImportError):
        nixeval.evaluate("import /nonexistent/nixeval-test.nix")
    with pytest.raises(nixeval.MissingAttribute):
        nixeval.evaluate("{ }.a")
    with pytest.raises(nixeval.InfiniteRecursion):
        nixeval.evaluate("let x = x; in x")


def test_py_typed_is_shipped() -> None:
    assert importlib.resources.files("nixeval").joinpath("py.typed").is_file()
    pyproject = pathlib.Path(__file__).parent.parent / "pyproject.toml"
    assert 'nixeval = ["py.typed"]' in pyproject.read_text()


def test_reprs_are_bounded() -> None:
    n = 22_842
    ev = nixeval.Evaluator()
    big = ev.evaluate(
        f'builtins.listToAttrs (builtins.genList (i: {{ name = "n${{toString i}}"; value = i; }}) {n})',
        strict=False)
    r = repr(big)
    assert len(r) < 200, r
    assert r.startswith(f"<nix attrset of {n}: n0, n1, n10,") and r.endswith(f"... {n - 8} more>")
    long_names = ev.evaluate('{ "%s" = 1; }' % ("x" * 10_000), strict=False)
    assert len(repr(long_names)) < 100
    assert repr(ev.evaluate("builtins.genList (x: x) 100000", strict=False)) == "<nix list of 100000>"
    assert repr(ev.evaluate("x: x")) == "<nix function>"
    from nixeval.values import Thunk

    t = Thunk.of({f"a{i}": i for i in range(n)})
    assert len(repr(t)) < 200
    assert len(repr(Thunk.of("s" * 100_000))) < 200
    deep = nixeval.from_python(nested_list(DEPTH))
    assert repr(Thunk.of(deep)) == "Thunk(=[1 item])"


# --- limits (issue 14, item 1) ------------------------------------------------------


def test_max_call_depth_option_stops_a_deep_recursion() -> None:
    ev = nixeval.Evaluator(options={"max-call-depth": "500"})
    with pytest.raises(nixeval.StackOverflow, match="max-call-depth exceeded"):
        ev.evaluate("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 5000")
    assert nixeval.Evaluator().evaluate("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 5000") == 5000


def test_bad_option_value_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="max-call-depth"):
        nixeval.Evaluator(options={"max-call-depth": "many"})


def test_memory_budget_turns_exhaustion_into_a_nix_error() -> None:
    ev = nixeval.Evaluator(max_memory=64)
    with pytest.raises(nixeval.OutOfMemory, match="budget of 64 MiB"):
        ev.evaluate("let f = x: 1 + f x; in f 1")
