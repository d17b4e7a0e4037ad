"""Environments and items: what the machine builds for lazy positions.

An *item* is what a lazy position holds (a function argument, a list element, an
attribute value, an environment slot): a value when that costs nothing, else a
`Thunk` of the node in its environment. An *environment* is a Python list:
`env[0]` the parent, the slots after it (see nixeval/syntax/ast.py).

This module makes items (`make_item`, the `item` of most nodes; `item_rec` for
bindings of an environment still being filled) and the environments of `let`,
`rec` sets and set literals, and of calls of functions with formals.

Invariants:
- Making an item never evaluates anything and never fails, except for the item
  of a `with` variable whose `with` sets were all looked through already (see
  `withvar_item`): then the lookup happens now, as in Nix 2.8.
- A slot of an environment still being filled holds UNSET; no UNSET is left once
  the environment is returned.
"""

from __future__ import annotations

from typing import Any

from nixeval.errors import (
    MissingArgument,
    TypeError_,
    UndefinedVariable,
    UnexpectedArgument,
    did_you_mean,
)
from nixeval.lexical import format_attr_name
from nixeval.machine.context import on_activate
from nixeval.syntax import ast as A
from nixeval.values import AttrSet, Lambda, Thunk, show_type

_new = object.__new__

# A `stats.Stats` while the running evaluation collects statistics, else None.
STATS: Any = None


def _configure(evaluation: Any) -> None:
    global STATS
    STATS = evaluation.stats if evaluation is not None else None


on_activate(_configure)


class _Unset:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()  # a slot of an environment still being filled
MISSING: Any = object()  # `dict.get`'s default: the attribute is not there


def make_item(node: A.Node, env: list[Any]) -> Any:
    """The item of `node` in `env`: a suspended thunk (the `item` of most nodes)."""
    if STATS is not None:
        STATS.nrThunks += 1
    t = _new(Thunk)  # what Thunk(node, env) makes, without a call of __init__
    t.node = node
    t.env = env
    t.value = None
    return t


def item_rec(node: A.Node, env: list[Any]) -> Any:
    """An item for a binding of a `let` or `rec` set, whose environment is still
    being filled (its empty slots hold UNSET): constants are made directly, and a
    variable shares the item it names once that slot is filled, as in Nix."""
    t = type(node)
    if t is A.Const:
        return node.value  # type: ignore[attr-defined]
    if t is A.WithVar:
        return withvar_item(node, env)  # type: ignore[arg-type]
    if t is A.Var or t is A.Var0 or t is A.Var1:
        depth = node.depth  # type: ignore[attr-defined]
        e = env
        while depth:
            e = e[0]
            depth -= 1
        v = e[node.index]  # type: ignore[attr-defined]
        if v is not UNSET:
            return v
    if STATS is not None:
        STATS.nrThunks += 1
    th = _new(Thunk)
    th.node = node
    th.env = env
    th.value = None
    return th


def const_item(node: A.Const, env: list[Any]) -> Any:
    return node.value


def var_item(node: A.Var, env: list[Any]) -> Any:
    # A plain Var is at least two environments up (see `make_var`).
    env = env[0][0]
    depth = node.depth - 2
    while depth:
        env = env[0]
        depth -= 1
    return env[node.index]


def var0_item(node: A.Var, env: list[Any]) -> Any:
    return env[node.index]


def var1_item(node: A.Var, env: list[Any]) -> Any:
    return env[0][node.index]


def withvar_item(node: A.WithVar, env: list[Any]) -> Any:
    """The item for a `with` variable in a lazy position, as Nix 2.8's
    `ExprVar::maybeThunk` makes it: while every `with` on the way has already been
    looked through (its set forced by an earlier lookup), the lookup happens now,
    so a name none of them binds is an error here and not when the item is
    forced; at the first `with` not yet looked through, a thunk."""
    name = node.name
    for depth in node.with_depths:
        e = env
        while depth:
            e = e[0]
            depth -= 1
        if len(e) == 2:
            return make_item(node, env)
        item = e[1].get(name, MISSING)
        if item is not MISSING:
            return item
    raise UndefinedVariable(f"undefined variable '{name}'", node.span)


def let_env(node: A.Let, env: list[Any]) -> list[Any]:
    """The environment of the body of `let`, its bindings made items."""
    new: list[Any] = [env]
    new.extend([UNSET] * (len(node.names) + len(node.inherit_from)))
    i = 1
    for vnode, outer in node.values:
        new[i] = vnode.item(env) if outer else item_rec(vnode, new)
        i += 1
    for src in node.inherit_from:  # `inherit (e) ...`: one item per source
        new[i] = item_rec(src, new)
        i += 1
    if STATS is not None:
        STATS.envs += 1
        STATS.envElements += len(new) - 1
    return new


def attrs_static(node: A.Attrs, env: list[Any]) -> tuple[AttrSet, list[Any]]:
    """The set of a set literal's static attributes, and the environment its
    dynamic attributes are evaluated in (the `rec` environment, or one holding the
    items of `inherit (e)` sources)."""
    if STATS is not None:
        STATS.sets += 1
        STATS.setElements += len(node.static)
    out = AttrSet()
    out.pos = node.span
    out.attr_pos = node.attr_pos  # shared: positions are static per literal
    sources = node.inherit_from
    if node.rec:
        renv: list[Any] = [env]
        renv.extend([UNSET] * (len(node.static) + len(sources)))
        i = 1
        for name, vnode, outer in node.pairs:
            it = vnode.item(env) if outer else item_rec(vnode, renv)
            renv[i] = it
            out[name] = it
            i += 1
        for src in sources:  # `inherit (e) ...`: one item per source, after the names
            renv[i] = item_rec(src, renv)
            i += 1
        return out, renv
    if sources:
        env = [env]
        env.extend([src.item(env[0]) for src in sources])
    for name, vnode, _o in node.pairs:
        out[name] = vnode.item(env)
    return out, env


def lambda_desc(node: A.Lambda) -> str:
    pos = node.span.short() if node.span else "?"
    if node.name is not None:
        return f"'{node.name}' at {pos}"
    return f"anonymous function at {pos}"


def bind_formals(f: Lambda, a: Any, span: Any) -> list[Any]:
    """The environment of a call of closure `f`, which has formals, with the forced
    argument `a`."""
    node = f.node
    formals = node.formals
    if not isinstance(a, dict):
        raise TypeError_(f"value is {show_type(a)} while a set was expected", span)
    env: list[Any] = [f.env]
    for name, default in formals:
        it = a.get(name, MISSING)
        if it is MISSING:
            if default is None:
                raise MissingArgument(f"{lambda_desc(node)} called without required argument '{name}'", span)
            env.append(UNSET)  # filled below, once the environment exists
        else:
            env.append(it)
    if node.arg is not None:
        env.append(a)
    i = 1
    for name, default in formals:
        if env[i] is UNSET:
            env[i] = item_rec(default, env)
        i += 1
    if not node.ellipsis:
        names = node.formal_names
        for k in a:
            if k not in names:
                raise UnexpectedArgument(f"{lambda_desc(node)} called with unexpected argument "
                                 f"'{format_attr_name(k)}'", span).suggest(did_you_mean(k, names))
    return env
