"""String context builtins: getContext, appendContext, unsafeDiscardOutputDependency.

A string's context is the set of store paths it depends on, in Nix's encoding
(see `nixeval.values.NixString`): `/nix/store/x` (a plain path), `=/nix/store/x.drv`
(a derivation with all its outputs, what `drvPath` carries), `!out!/nix/store/x.drv`
(one output, what `outPath` carries). `hasContext` and `unsafeDiscardStringContext`
live in `strings.py`.

`getContext` shows the context as an attribute set keyed by store path:
`{ path = true; }`, `{ allOutputs = true; }`, `{ outputs = [ ... ]; }` (output names
in byte order), merged per path. `appendContext` is its inverse, with Nix 2.8's
checks and messages (which quote the store path, as Nix prints a symbol).
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin, expect_attrs, expect_bool, expect_list, expect_string
from nixeval.errors import EvalError
from nixeval.machine import coerce_to_string, current, force
from nixeval.store import is_store_path
from nixeval.values import NixString, context_of, make_string


def _key(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def decode_context(elem: str) -> tuple[str, str | None]:
    """(store path, output name or "=" for all outputs or None for a plain path)."""
    if elem.startswith("="):
        return elem[1:], "="
    if elem.startswith("!"):
        i = elem.index("!", 1)
        return elem[i + 1:], elem[1:i]
    return elem, None


@builtin("getContext", 1)
def get_context(s: Any) -> Any:
    expect_string(s)
    info: dict[str, dict[str, Any]] = {}
    for elem in sorted(context_of(s), key=_key):
        path, kind = decode_context(elem)
        entry = info.setdefault(path, {})
        if kind is None:
            entry["path"] = True
        elif kind == "=":
            entry["allOutputs"] = True
        else:
            entry.setdefault("outputs", []).append(kind)
    return info


def _quoted(name: str) -> str:
    """An attribute name as Nix prints it in messages: identifiers bare, others quoted."""
    from nixeval.printer import format_attr_name

    return format_attr_name(name)


@builtin("appendContext", 2)
async def append_context(s: Any, ctx: Any) -> Any:
    s = expect_string(s)
    expect_attrs(ctx)
    store_dir = current().store_dir
    out = set(context_of(s))
    from nixeval.values import attr_position

    for name in sorted(ctx, key=_key):
        pos = attr_position(ctx, name)  # Nix reports errors at the context key
        if not is_store_path(name, store_dir):
            raise EvalError(f"Context key '{_quoted(name)}' is not a store path", pos)
        info = expect_attrs(await force(ctx[name]))
        if "path" in info and expect_bool(await force(info["path"])):
            out.add(name)
        if "allOutputs" in info and expect_bool(await force(info["allOutputs"])):
            if not name.endswith(".drv"):
                raise EvalError(f"Tried to add all-outputs context of {_quoted(name)}, "
                                "which is not a derivation, to a string", pos)
            out.add("=" + name)
        if "outputs" in info:
            outs = expect_list(await force(info["outputs"]))
            if outs and not name.endswith(".drv"):
                raise EvalError(f"Tried to add derivation output context of {_quoted(name)}, "
                                "which is not a derivation, to a string")
            for o in outs:
                o = expect_string_no_context(await force(o))
                out.add(f"!{o}!{name}")
    return make_string(str(s), out)


@builtin("unsafeDiscardOutputDependency", 1)
async def unsafe_discard_output_dependency(v: Any) -> Any:
    s = await coerce_to_string(v, copy_to_store=True)
    ctx = {c[1:] if c.startswith("=") else c for c in context_of(s)}
    return make_string(str(s), ctx)


__all__ = ["decode_context", "NixString"]
