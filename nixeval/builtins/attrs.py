"""Attribute-set builtins: attrNames, attrValues, getAttr, listToAttrs, mapAttrs, ...

Attrsets are dicts in no particular order; every builtin that exposes an order
(attrNames, attrValues, catAttrs...) sorts names, as Nix does.
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.lists import apply2_thunk, apply_thunk
from nixeval.builtins.registry import (
    builtin,
    expect_attrs,
    expect_function,
    expect_list,
    expect_string,
    fast_path,
    forced_strings,
)
from nixeval.errors import MissingAttribute, NixError, TypeError_
from nixeval.lexical import byte_sorted, format_attr_name
from nixeval.machine.requests import call, force, force_now
from nixeval.values import (
    SLOW,
    AttrSet,
    Lambda,
    NixPath,
    NixString,
    PrimOp,
    PrimOpApp,
    attr_position,
    pos_attrs,
    set_position,
    show_type,
)


@builtin("attrNames", 1)
def attr_names(s: Any) -> Any:
    return byte_sorted(expect_attrs(s))


@builtin("attrValues", 1)
def attr_values(s: Any) -> Any:
    expect_attrs(s)
    return [s[k] for k in byte_sorted(s)]


@builtin("hasAttr", 2)
def has_attr(name: Any, s: Any) -> bool:
    return str(expect_string(name)) in expect_attrs(s)


@builtin("getAttr", 2)
def get_attr(name: Any, s: Any) -> Any:
    name = str(expect_string(name))
    expect_attrs(s)
    if name not in s:
        raise MissingAttribute(f"attribute '{format_attr_name(name)}' missing for call to 'getAttr'", set_position(s))
    return s[name]  # an item: the machine forces it


@builtin("removeAttrs", 2, global_=True)
async def remove_attrs(s: Any, names: Any) -> Any:
    expect_attrs(s)
    expect_list(names)
    drop = set()
    for n in names:
        drop.add(str(expect_string(await force(n))))
    return {k: v for k, v in s.items() if k not in drop}


@fast_path("removeAttrs")
def remove_attrs_fast(s: Any, names: Any) -> Any:
    """Every name already a forced string."""
    if not isinstance(s, dict) or type(names) is not list:
        return SLOW
    strings = forced_strings(names)
    if strings is None:
        return SLOW
    drop = {str(n) for n in strings}
    return {k: v for k, v in s.items() if k not in drop}


@builtin("listToAttrs", 1)
async def list_to_attrs(xs: Any) -> Any:
    expect_list(xs)
    out: dict[str, Any] = {}
    positions: dict[str, Any] = {}
    for x in xs:
        e = expect_attrs(await force(x))
        if "name" not in e:
            raise MissingAttribute("attribute 'name' missing for call to 'listToAttrs'", set_position(e))
        try:
            name = str(expect_string(await force(e["name"])))
        except NixError as err:
            raise err.at(attr_position(e, "name"))
        if name in out:
            continue  # the first occurrence wins
        if "value" not in e:
            raise MissingAttribute("attribute 'value' missing for call to 'listToAttrs'", set_position(e))
        out[name] = e["value"]
        pos = attr_position(e, "value")
        if pos is not None:  # as in Nix, the attribute is placed at its `value`
            positions[name] = pos
    if positions:
        result = AttrSet(out)
        result.pos = None
        result.attr_pos = positions
        return result
    return out


@builtin("intersectAttrs", 2)
def intersect_attrs(a: Any, b: Any) -> Any:
    expect_attrs(a)
    expect_attrs(b)
    # Iterate over the smaller set: `intersectAttrs (functionArgs f) pkgs` in every
    # callPackage must not cost the size of the package set.
    if len(a) <= len(b):
        return {k: b[k] for k in a if k in b}
    return {k: v for k, v in b.items() if k in a}


@builtin("catAttrs", 2)
async def cat_attrs(name: Any, xs: Any) -> Any:
    name = str(expect_string(name))
    expect_list(xs)
    out = []
    for x in xs:
        s = expect_attrs(await force(x))
        if name in s:
            out.append(s[name])
    return out


@builtin("mapAttrs", 2, lazy=(0,))
def map_attrs(f: Any, s: Any) -> Any:
    expect_attrs(s)
    return {k: apply2_thunk(f, k, v) for k, v in s.items()}


@builtin("zipAttrsWith", 2)
async def zip_attrs_with(f: Any, xs: Any) -> Any:
    expect_function(f)
    expect_list(xs)
    return _zip(f, [expect_attrs(await force(x)) for x in xs])


@fast_path("zipAttrsWith")
def zip_attrs_with_fast(f: Any, xs: Any) -> Any:
    """Every element a set, forced or computed synchronously (`force_now`)."""
    if type(xs) is not list or not (type(f) is Lambda or type(f) is PrimOp or type(f) is PrimOpApp):
        return SLOW
    sets = []
    for x in xs:
        s = force_now(x)
        if not isinstance(s, dict):
            return SLOW  # the builtin forces the rest in order (and reports the error)
        sets.append(s)
    return _zip(f, sets)


def _zip(f: Any, sets: list[dict[str, Any]]) -> dict[str, Any]:
    """`zipAttrsWith f` of forced sets: each name's values in list order."""
    acc: dict[str, list[Any]] = {}
    for s in sets:
        for k, v in s.items():
            acc.setdefault(k, []).append(v)
    return {k: apply2_thunk(f, k, v) for k, v in acc.items()}


@builtin("functionArgs", 1)
def function_args(f: Any) -> Any:
    if type(f) is Lambda:
        formals = f.node.formals
        if formals is None:
            return {}
        return {name: default is not None for name, default in formals}
    if type(f) is PrimOp or type(f) is PrimOpApp:
        return {}
    raise TypeError_("'functionArgs' requires a function")


@builtin("genericClosure", 1)
async def generic_closure(args: Any) -> Any:
    """Breadth-first closure under `operator`, deduplicated by `key`.

    Nix keeps the keys in an ordered set: keys must be mutually comparable (numbers,
    strings, paths, lists of those); the first key is never compared, so any single
    key is accepted. The error names the new key's type first, as Nix does."""
    expect_attrs(args)
    if "startSet" not in args:
        raise MissingAttribute("attribute 'startSet' missing for call to 'genericClosure'", set_position(args))
    work = list(expect_list(await force(args["startSet"])))
    if "operator" not in args:
        raise MissingAttribute("attribute 'operator' missing for call to 'genericClosure'", set_position(args))
    op = await force(args["operator"])
    seen_keys: set[Any] = set()
    first_key: Any = None
    first_kind: str | None = None
    out = []
    i = 0
    while i < len(work):
        e = expect_attrs(await force(work[i]))
        i += 1
        if "key" not in e:
            raise MissingAttribute("attribute 'key' required")
        key = await force(e["key"])
        kind = _key_kind(key)
        if first_kind is None:
            first_key, first_kind = key, kind
        elif kind != first_kind or kind == "other":
            raise TypeError_(f"cannot compare {show_type(key)} with {show_type(first_key)}")
        hk = await _hashable_key(key)
        if hk in seen_keys:
            continue
        seen_keys.add(hk)
        out.append(e)
        work.extend(expect_list(await call(op, e)))
    return out


def _key_kind(v: Any) -> str:
    t = type(v)
    if t is int or t is float:
        return "number"
    if t is str or t is NixString:
        return "string"
    if t is NixPath:
        return "path"
    if t is list:
        return "list"
    return "other"


async def _hashable_key(v: Any) -> Any:
    """A Python key equal for keys Nix's comparison finds equal. Lists are walked with
    an explicit stack (their elements are forced)."""
    t = type(v)
    if t is int or t is float:
        return ("n", v)
    if t is str or t is NixString:
        return ("s", str(v))
    if t is NixPath:
        return ("p", v.path)
    if t is bool or v is None:
        return ("b", v)
    if t is not list:
        raise TypeError_(f"cannot compare {show_type(v)} with {show_type(v)}")
    # iterative conversion of nested lists: frames of (source list, built elements)
    root: list[Any] = []
    stack: list[tuple[list[Any], int, list[Any]]] = [(v, 0, root)]
    while stack:
        src, idx, built = stack.pop()
        if idx == len(src):
            if stack:
                stack[-1][2].append(("l", tuple(built)))
            continue
        stack.append((src, idx + 1, built))
        x = await force(src[idx])
        if type(x) is list:
            stack.append((x, 0, []))
        else:
            built.append(await _hashable_key(x))
    return ("l", tuple(root))


@builtin("unsafeGetAttrPos", 2)
def unsafe_get_attr_pos(name: Any, s: Any) -> Any:
    """{ file, line, column } of where an attribute was written; null when it is
    missing or was made by a builtin that keeps no position."""
    name = str(expect_string(name))
    expect_attrs(s)
    span = attr_position(s, name) if name in s else None
    if span is None:
        return None
    return pos_attrs(span)


# `apply_thunk` is re-exported for families that build lazy results.
__all__ = ["apply_thunk"]
