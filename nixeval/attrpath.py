"""Selecting `-A attrpath` from a top-level value and auto-calling functions with the
`--arg`/`--argstr` values, as `nix-instantiate` does (Nix's findAlongAttrPath and
autoCallFunction).

Both the command line (`--eval`) and instantiation (`builtins/derivations.py`'s
`instantiate`) use this module; it reaches the machine only through its requests
(`nixeval.machine.requests`), so neither imports the other.
"""

from __future__ import annotations

from typing import Any

from nixeval.errors import (
    BadAttrPath,
    IndexOutOfBounds,
    MissingArgument,
    MissingAttribute,
    TypeError_,
    did_you_mean,
)
from nixeval.machine.requests import call, evaluate, force
from nixeval.values import Lambda, show_type


async def auto_call(v: Any, auto_args: dict[str, Any]) -> Any:
    """Nix's autoCallFunction: call a function with formals using the --arg values."""
    if type(v) is Lambda and v.node.formals is not None:
        if v.node.ellipsis:
            arg = dict(auto_args)
        else:
            arg = {}
        for name, default in v.node.formals:
            if name in auto_args:
                arg[name] = auto_args[name]
            elif default is None:
                raise MissingArgument(
                    f"cannot evaluate a function that has an argument without a value ('{name}')\n\n"
                    "       Nix attempted to evaluate a function as a top level expression; in\n"
                    "       this case it must have its arguments supplied either by default\n"
                    "       values, or passed explicitly with '--arg' or '--argstr'. See\n"
                    "       https://nixos.org/manual/nix/stable/#ss-functions.", v.node.span)
        return await call(v, arg)
    if isinstance(v, dict) and "__functor" in v:
        f = await force(v["__functor"])
        if type(f) is Lambda:
            inner = await call(f, v)
            return await auto_call(inner, auto_args)
    return v


def _split_attr_path(path: str) -> list[str]:
    out = []
    cur: list[str] = []
    i = 0
    quoted = False
    while i < len(path):
        c = path[i]
        if c == '"':
            quoted = not quoted
        elif c == "." and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if quoted:
        raise BadAttrPath(f"missing closing quote in selection path '{path}'")
    out.append("".join(cur))
    return out


async def select_attr_path(ev: Any, node: Any, attrpath: str, auto_args: dict[str, Any]) -> Any:
    """Evaluate `node` and follow `-A attrpath`, auto-calling functions along the
    path as nix-instantiate does (findAlongAttrPath)."""
    v = await evaluate(node, ev.global_env)
    if attrpath:
        comps = _split_attr_path(attrpath)
        if comps[-1] == "":  # Nix ignores a last empty name: `a.` and `a.""` select a
            comps.pop()
        for comp in comps:
            v = await auto_call(v, auto_args)
            if comp.isdigit() and type(v) is list:
                idx = int(comp)
                if idx >= len(v):
                    raise IndexOutOfBounds(f"list index {idx} in selection path '{attrpath}' is out of range")
                v = await force(v[idx])
                continue
            if not isinstance(v, dict):
                raise TypeError_(
                    f"the expression selected by the selection path '{attrpath}' should be a set but is {show_type(v)}")
            if comp == "":
                raise BadAttrPath(f"empty attribute name in selection path '{attrpath}'")
            if comp not in v:
                raise MissingAttribute(f"attribute '{comp}' in selection path '{attrpath}' not found") \
                    .suggest(did_you_mean(comp, v))
            v = await force(v[comp])
    return v
