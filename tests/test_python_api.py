"""The Python API (nixeval.api): values back as Python, lazy views, Python builtins,
calling Nix functions, the async API, errors."""

from __future__ import annotations

import asyncio
import pathlib

import pytest

import nixeval


def test_evaluate_converts_values() -> None:
    v = nixeval.evaluate('{ a = 1 + 2; b = [ true null 1.5 "s" ]; c = ./x; }', base_dir="/tmp")
    assert v == {"a": 3, "b": [True, None, 1.5, "s"], "c": pathlib.PurePosixPath("/tmp/x")}


def test_evaluate_file(tmp_path: pathlib.Path) -> None:
    (tmp_path / "default.nix").write_text('{ x = import ./y.nix; }')
    (tmp_path / "y.nix").write_text("40 + 2")
    assert nixeval.evaluate_file(tmp_path) == {"x": 42}


def test_lazy_views_evaluate_only_what_is_read() -> None:
    v = nixeval.evaluate('{ ok = { name = "h"; }; bad = throw "no"; l = [ 1 (throw "x") ]; }',
                         strict=False)
    assert isinstance(v, nixeval.LazyAttrs)
    assert list(v) == ["bad", "l", "ok"]
    assert v["ok"]["name"] == "h"
    assert v["l"][0] == 1
    with pytest.raises(nixeval.NixError) as err:
        v["bad"]
    assert err.value.message == "no"


def test_python_builtin_and_function_call() -> None:
    ev = nixeval.Evaluator()
    ev.add_builtin("double", lambda x: 2 * x)
    assert ev.evaluate("builtins.double 21 + __double 1") == 44
    f = ev.evaluate("x: { y = x + 1; }")
    assert f(41) == {"y": 42}


def test_async_api_yields_to_the_loop() -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    async def main() -> int:
        t = asyncio.create_task(ticker())
        r = await nixeval.evaluate_async(
            "builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 20000)")
        t.cancel()
        return r

    assert asyncio.run(main()) == 199990000
    assert ticks > 1  # the host loop ran while nixeval evaluated


def test_errors_carry_message_and_position() -> None:
    with pytest.raises(nixeval.NixError) as err:
        nixeval.evaluate('1 + "a"')
    assert err.value.message == "cannot add a string to an integer"
    assert err.value.span is not None and err.value.span.line_col == (1, 5)
    assert nixeval.render(err.value).startswith("error: cannot add a string to an integer")
    with pytest.raises(nixeval.ParseError):
        nixeval.evaluate("let x = ; in x")
