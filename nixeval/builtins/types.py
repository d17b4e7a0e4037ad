"""Type predicates: typeOf and the is* family."""

from __future__ import annotations

from typing import Any

from nixeval.builtins.registry import builtin
from nixeval.values import Lambda, NixPath, NixString, PrimOp, PrimOpApp, type_name


@builtin("typeOf", 1)
def type_of(v: Any) -> str:
    return type_name(v)


@builtin("isNull", 1, global_=True)
def is_null(v: Any) -> bool:
    return v is None


@builtin("isInt", 1)
def is_int(v: Any) -> bool:
    return type(v) is int


@builtin("isFloat", 1)
def is_float(v: Any) -> bool:
    return type(v) is float


@builtin("isBool", 1)
def is_bool(v: Any) -> bool:
    return type(v) is bool


@builtin("isString", 1)
def is_string(v: Any) -> bool:
    return type(v) is str or type(v) is NixString


@builtin("isList", 1)
def is_list(v: Any) -> bool:
    return type(v) is list


@builtin("isAttrs", 1)
def is_attrs(v: Any) -> bool:
    return isinstance(v, dict)


@builtin("isFunction", 1)
def is_function(v: Any) -> bool:
    return type(v) is Lambda or type(v) is PrimOp or type(v) is PrimOpApp


@builtin("isPath", 1)
def is_path(v: Any) -> bool:
    return type(v) is NixPath
