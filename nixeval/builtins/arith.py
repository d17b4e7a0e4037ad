"""Arithmetic and comparison: add, sub, mul, div, lessThan, bit operations, ceil/floor."""

from __future__ import annotations

import math
from typing import Any

from nixeval.builtins.registry import builtin, expect_int
from nixeval.errors import IntegerOverflow, InvalidArgument, TypeError_
from nixeval.lexical import format_float
from nixeval.machine.requests import div_values, int_result, less_than
from nixeval.values import INT_MAX, INT_MIN, show_type


def _floats(a: Any, b: Any) -> None:
    """Nix: with a float on either side both must be numbers, "... a float was expected";
    otherwise both must be integers."""
    if type(a) is float or type(b) is float:
        for v in (a, b):
            if type(v) is not int and type(v) is not float:
                raise TypeError_(f"value is {show_type(v)} while a float was expected")
    else:
        expect_int(a)
        expect_int(b)


@builtin("add", 2)
def add(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return int_result(a + b, "adding", a, b)
    _floats(a, b)
    return float(a) + float(b)


@builtin("sub", 2)
def sub(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return int_result(a - b, "subtracting", a, b)
    _floats(a, b)
    return float(a) - float(b)


@builtin("mul", 2)
def mul(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return int_result(a * b, "multiplying", a, b)
    _floats(a, b)
    return float(a) * float(b)


@builtin("div", 2)
def div(a: Any, b: Any) -> Any:
    return div_values(a, b, None)


@builtin("lessThan", 2)
async def less_than_(a: Any, b: Any) -> bool:
    return await less_than(a, b)


@builtin("bitAnd", 2)
def bit_and(a: Any, b: Any) -> int:
    return expect_int(a) & expect_int(b)


@builtin("bitOr", 2)
def bit_or(a: Any, b: Any) -> int:
    return expect_int(a) | expect_int(b)


@builtin("bitXor", 2)
def bit_xor(a: Any, b: Any) -> int:
    return expect_int(a) ^ expect_int(b)


def _round(v: Any, fn: Any) -> int:
    if type(v) is not int and type(v) is not float:
        raise TypeError_(f"value is {show_type(v)} while a float was expected")
    if type(v) is int:
        return v
    if math.isnan(v) or math.isinf(v):
        raise InvalidArgument(f"cannot convert {v} to an integer")
    r = int(fn(v))
    if r < INT_MIN or r > INT_MAX:
        # Nix 2.29 (before: the minimum integer)
        raise IntegerOverflow(f"NixFloat argument {format_float(v)} is not in the range of NixInt")
    return r


@builtin("ceil", 1)
def ceil(v: Any) -> int:
    return _round(v, math.ceil)


@builtin("floor", 1)
def floor(v: Any) -> int:
    return _round(v, math.floor)
