"""String context builtins: getContext, appendContext, unsafeDiscardOutputDependency,
and the newer addDrvOutputDependencies (Nix 2.18) and outputOf (2.18, experimental
feature `dynamic-derivations`).

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
from nixeval.errors import BadStorePath, InvalidDerivation, StringContextError, Unsupported
from nixeval.lexical import byte_key, format_attr_name
from nixeval.machine.requests import coerce_to_string, current, force
from nixeval.store import is_store_path
from nixeval.values import NixString, attr_position, context_of, make_string


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
    for elem in sorted(context_of(s), key=byte_key):
        path, kind = decode_context(elem)
        entry = info.setdefault(path, {})
        if kind is None:
            entry["path"] = True
        elif kind == "=":
            entry["allOutputs"] = True
        else:
            entry.setdefault("outputs", []).append(kind)
    return info


@builtin("appendContext", 2)
async def append_context(s: Any, ctx: Any) -> Any:
    s = expect_string(s)
    expect_attrs(ctx)
    store_dir = current().store_dir
    out = set(context_of(s))
    for name in sorted(ctx, key=byte_key):
        pos = attr_position(ctx, name)  # Nix reports errors at the context key
        if not is_store_path(name, store_dir):
            raise StringContextError(f"Context key '{format_attr_name(name)}' is not a store path", pos)
        info = expect_attrs(await force(ctx[name]))
        if "path" in info and expect_bool(await force(info["path"])):
            out.add(name)
        if "allOutputs" in info and expect_bool(await force(info["allOutputs"])):
            if not name.endswith(".drv"):
                raise StringContextError(f"Tried to add all-outputs context of {format_attr_name(name)}, "
                                         "which is not a derivation, to a string", pos)
            out.add("=" + name)
        if "outputs" in info:
            outs = expect_list(await force(info["outputs"]))
            if outs and not name.endswith(".drv"):
                raise StringContextError(f"Tried to add derivation output context of {format_attr_name(name)}, "
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


@builtin("addDrvOutputDependencies", 1)
async def add_drv_output_dependencies(v: Any) -> Any:
    """The inverse of unsafeDiscardOutputDependency: a string whose context is a single
    derivation (a `.drv` store path as a constant) gets that derivation with all its
    outputs (`=` context). Idempotent; any other context fails with Nix's messages."""
    s = await coerce_to_string(v, copy_to_store=True)
    ctx = context_of(s)
    if len(ctx) != 1:
        raise StringContextError(f"context of string '{s}' must have exactly one element, but has {len(ctx)}")
    path, kind = decode_context(next(iter(ctx)))
    if kind is None:
        if not path.endswith(".drv"):
            raise StringContextError(f"path '{path}' is not a derivation")
    elif kind != "=":
        raise StringContextError("`addDrvOutputDependencies` can only act on derivations, "
                                 f"not on a derivation output such as '{kind}'")
    return make_string(str(s), {"=" + path})


def _derivation_output(drv_path: str, output: str) -> str:
    """The output path of `output` of the derivation at store path `drv_path`, read as
    Nix reads a derivation (it must be valid); the input placeholder Nix computes for an
    output whose path is not known statically is not implemented."""
    # imported on first use: the store state (and store.derivation with it) is not
    # needed at start-up
    from nixeval.builtins.storestate import store_state

    st = store_state()
    if not st.is_valid(drv_path):
        raise BadStorePath(f"path '{drv_path}' is not a valid store path")
    if not drv_path.endswith(".drv"):
        name = drv_path[len(st.store_dir) + 1:]
        raise InvalidDerivation(f"error parsing derivation '{drv_path}': "
                                f"store path '{name}' is not a valid derivation path")
    drv = st.load_drv(drv_path)
    out = drv.outputs.get(output)
    if out is None:
        raise InvalidDerivation(f"derivation '{drv_path}' does not have output '{output}'")
    if not out.path:
        raise _no_placeholder(f"{drv_path}^{output}")
    return out.path


def _no_placeholder(derived: str) -> Unsupported:
    return Unsupported(f"cannot compute the input placeholder for '{derived}': nixeval does "
                       "not implement placeholders of content-addressed or dynamic derivation outputs")


@builtin("outputOf", 2, feature="dynamic-derivations")
async def output_of(ref: Any, output: Any) -> Any:
    """Nix 2.18's outputOf: `ref` is a string whose context is exactly one store path or
    one derivation output (not a whole derivation's closure), and is that path (or that
    output's path) itself. The result is the path of output `output` of the derivation,
    with that output as its context, when the path is statically known (input-addressed
    or fixed-output derivations). A placeholder (the output of a content-addressed or
    dynamic derivation) is not implemented: that case fails with a clear error."""
    s = str(expect_string(ref))
    ctx = context_of(ref)
    if len(ctx) != 1:
        raise StringContextError(f"string '{s}' has {len(ctx)} entries in its context. "
                                 "It should only have exactly one entry")
    path, kind = decode_context(next(iter(ctx)))
    if kind == "=":
        raise StringContextError(f"string '{s}' has a context which refers to a complete source and "
                                 "binary closure. This is not supported at this time")
    if kind is None:
        if s != path:
            raise StringContextError(f"path string '{s}' has context with the different path '{path}'")
    else:
        expected = _derivation_output(path, kind)
        if s != expected:
            raise StringContextError(f"string '{s}' has context with the output '{kind}' from derivation "
                                     f"'{path}', but the string is not the right placeholder for this "
                                     f"derivation output. It should be '{expected}'")
    name = str(expect_string_no_context(output))
    if kind is not None:
        raise _no_placeholder(f"{path}^{kind}^{name}")  # the output of an output
    return make_string(_derivation_output(path, name), {f"!{name}!{path}"})


__all__ = ["decode_context", "NixString"]
