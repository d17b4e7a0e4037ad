"""Derivations: `derivationStrict`, `placeholder`, and what `nix-instantiate` prints
for a value (`instantiate`).

`derivationStrict attrs` turns every attribute into an environment string as Nix 2.8
does (`toString` rules with paths copied to the store; with `__structuredAttrs` the
attributes go to `__json` instead), collects the string contexts into `inputDrvs` and
`inputSrcs`, and computes output and `.drv` paths with `nixeval.store.derivation_strict`.
It returns `{ drvPath; <output> ...; }`, `drvPath` with context `=<drv>` and each
output with context `!<output>!<drv>`.

`derivation` (in `derivation_nix.py`) is Nix source of our own, parsed once per evaluation
on first use (a thunk in the global scope), so laziness and sharing are those of any
Nix function: `out` and the element of `all` are the very value returned.

The store record is the evaluation's `StoreState` (`storestate.py`): it remembers the
derivations computed and their modulo hashes, so that derivations depending on
earlier ones hash correctly, and writes each `.drv` in write mode. Like
`nix-instantiate --eval` (Nix's read-only mode), a `=<drv>` context in a derivation's
attributes is only accepted for a valid `.drv`: one that exists in the store
directory, or one this evaluation wrote or, instantiating, would have written.
"""

from __future__ import annotations

import sys
from typing import Any

from nixeval.attrpath import auto_call, select_attr_path
from nixeval.builtins.json import json_dump_string, write_json
from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin, expect_attrs, expect_bool, expect_list, expect_string
from nixeval.builtins.storestate import store_state
from nixeval.errors import (
    BadStorePath,
    FeatureDisabled,
    InvalidDerivation,
    InvalidHash,
    InvalidPath,
    MissingAttribute,
    NixError,
    TypeError_,
)
from nixeval.lexical import byte_key
from nixeval.machine.requests import coerce_to_string, current, force
from nixeval.store import (
    DerivationError,
    FixedOutput,
    HashError,
    StorePathError,
    base32_encode,
    derivation_strict,
    hash_bytes,
    parse_algo_opt,
    parse_hash_allow_empty,
)
from nixeval.values import NixString, attr_position, context_of, set_position

# --- placeholder ---------------------------------------------------------------------


def placeholder_for(output: str) -> str:
    return "/" + base32_encode(hash_bytes("sha256", ("nix-output:" + output).encode("utf-8", "surrogateescape")).digest)


@builtin("placeholder", 1, global_=True)
def placeholder(output: Any) -> Any:
    return placeholder_for(str(expect_string_no_context(output)))


# --- derivationStrict ----------------------------------------------------------------


def _split_outputs(s: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    for c in s:
        if c in " \t\n\r":
            if cur:
                out.append("".join(cur))
                cur = []
        else:
            cur.append(c)
    if cur:
        out.append("".join(cur))
    return out


def _check_outputs(names: list[str]) -> list[str]:
    seen: list[str] = []
    for n in names:
        if n in seen:
            raise InvalidDerivation(f"duplicate derivation output '{n}'")
        if n == "drv":
            raise InvalidDerivation("invalid derivation output name 'drv'")
        seen.append(n)
    if not seen:
        raise InvalidDerivation("derivation cannot have an empty set of outputs")
    return sorted(seen)


def _check_hash_mode(mode: str) -> str:
    if mode in ("flat", "recursive"):
        return mode
    raise InvalidDerivation(f"invalid value '{mode}' for 'outputHashMode' attribute")


@builtin("derivationStrict", 1, global_=True)
async def derivation_strict_(attrs: Any) -> Any:
    expect_attrs(attrs)
    if "name" not in attrs:
        raise TypeError_("attribute 'name' missing for call to 'derivationStrict'", set_position(attrs))
    try:
        drv_name = str(expect_string_no_context(await force(attrs["name"])))
    except NixError as e:
        e.add_trace("while evaluating the derivation attribute 'name'", None)
        raise
    try:
        return await _derivation_strict(attrs, drv_name)
    except NixError as e:
        # Nix reports derivation errors at the derivation's `name` attribute.
        raise e.at(attr_position(attrs, "name"))


async def _derivation_strict(attrs: Any, drv_name: str) -> Any:
    ev = current()
    st = store_state(ev)
    structured = False
    if "__structuredAttrs" in attrs:
        structured = expect_bool(await force(attrs["__structuredAttrs"]))
    ignore_nulls = False
    if "__ignoreNulls" in attrs:
        ignore_nulls = expect_bool(await force(attrs["__ignoreNulls"]))

    context: set[str] = set()
    env: dict[str, str] = {}
    args: list[str] = []
    json_parts: list[str] = []
    builder = system = ""
    output_hash: str | None = None
    output_hash_algo: str | None = None
    hash_mode: str | None = None
    outputs = ["out"]

    for key in sorted(attrs, key=byte_key):
        if key == "__ignoreNulls":
            continue
        try:
            item = attrs[key]
            if ignore_nulls and await force(item) is None:
                continue
            if key == "__contentAddressed":
                raise FeatureDisabled("experimental Nix feature 'ca-derivations' is disabled; "
                                      "use '--extra-experimental-features ca-derivations' to override")
            if key == "__impure":
                raise FeatureDisabled("experimental Nix feature 'impure-derivations' is disabled; "
                                      "use '--extra-experimental-features impure-derivations' to override")
            if key == "args":
                for elem in expect_list(await force(item)):
                    s = await coerce_to_string(await force(elem), copy_to_store=True, coerce_more=True)
                    context |= context_of(s)
                    args.append(str(s))
                continue
            if structured:
                if key == "__structuredAttrs":
                    continue
                json_parts.append(json_dump_string(key) + ":" + await write_json(item, context, dump=True))
                v = await force(item)
                if key == "builder":
                    b = expect_string(v)
                    context |= context_of(b)
                    builder = str(b)
                elif key == "system":
                    system = str(expect_string_no_context(v))
                elif key == "outputHash":
                    output_hash = str(expect_string_no_context(v))
                elif key == "outputHashAlgo":
                    output_hash_algo = str(expect_string_no_context(v))
                elif key == "outputHashMode":
                    hash_mode = _check_hash_mode(str(expect_string_no_context(v)))
                elif key == "outputs":
                    names = []
                    for o in expect_list(v):
                        names.append(str(expect_string_no_context(await force(o))))
                    outputs = _check_outputs(names)
                continue
            s = await coerce_to_string(await force(item), copy_to_store=True, coerce_more=True)
            context |= context_of(s)
            s = str(s)
            env[key] = s
            if key == "builder":
                builder = s
            elif key == "system":
                system = s
            elif key == "outputHash":
                output_hash = s
            elif key == "outputHashAlgo":
                output_hash_algo = s
            elif key == "outputHashMode":
                hash_mode = _check_hash_mode(s)
            elif key == "outputs":
                outputs = _check_outputs(_split_outputs(s))
        except NixError as e:
            e.add_trace(f"while evaluating the attribute '{key}' of the derivation '{drv_name}'", None)
            # Nix reports a value of the wrong type at that attribute (its own checks
            # of the derivation, at the `name` attribute: see derivation_strict_).
            if isinstance(e, TypeError_):
                raise e.at(attr_position(attrs, key))
            raise

    if structured:
        env["__json"] = "{" + ",".join(json_parts) + "}"

    input_srcs: set[str] = set()
    input_drvs: dict[str, set[str]] = {}
    for c in sorted(context, key=byte_key):
        if c.startswith("="):
            path = c[1:]
            if not st.is_valid(path):
                err = InvalidPath(path)
                err.positionless = False  # Nix reports this one at the derivation's name
                raise err
            for p in st.closure(path):
                input_srcs.add(p)
                if p.endswith(".drv"):
                    input_drvs[p] = set(st.load_drv(p).outputs)
        elif c.startswith("!"):
            i = c.index("!", 1)
            input_drvs.setdefault(c[i + 1:], set()).add(c[1:i])
        else:
            input_srcs.add(c)

    if builder == "":
        raise MissingAttribute("required attribute 'builder' missing")
    if system == "":
        raise MissingAttribute("required attribute 'system' missing")
    if drv_name.endswith(".drv"):
        raise InvalidDerivation("derivation names are not allowed to end in '.drv'")

    fixed = None
    if output_hash is not None:
        if outputs != ["out"]:
            raise InvalidDerivation("multiple outputs are not supported in fixed-output derivations")
        algo = parse_algo_opt(output_hash_algo) if output_hash_algo is not None else None
        try:
            h, warning = parse_hash_allow_empty(output_hash, algo)
        except HashError as e:
            raise InvalidHash(str(e)) from None
        if warning:
            sys.stderr.write(f"warning: {warning}\n")
        fixed = FixedOutput(h, hash_mode == "recursive")

    for p in input_drvs:
        if p not in st.drv_hashes:
            st.load_drv(p)
    try:
        res = derivation_strict(drv_name, system, builder, args, env, outputs, input_drvs,
                                input_srcs, fixed, st.load_drv, st.drv_hashes, ev.store_dir)
    except DerivationError as e:
        raise InvalidDerivation(str(e)) from None
    except StorePathError as e:
        raise BadStorePath(str(e)) from None
    except HashError as e:
        raise InvalidHash(str(e)) from None
    drv_path = res.drv_path
    st.drvs[drv_path] = res.drv
    st.add_text(drv_path, res.text, set(res.drv.input_srcs) | set(res.drv.input_drvs))
    out: dict[str, Any] = {"drvPath": NixString(drv_path, {"=" + drv_path})}
    for o, path in res.out_paths.items():
        out[o] = NixString(path, {f"!{o}!{drv_path}"})
    return out


# --- derivation: the lazy wrapper ----------------------------------------------------

# Our own source for `derivation`. Blank lines place the lambda (5:1), the `outPath`
# binding (19:9) and the `builtins.head` call (28:5) where Nix 2.8 reports them in
# its errors.


# --- instantiation (nix-instantiate without --eval) ----------------------------------

_ATTR_RE = __import__("re").compile(r"[A-Za-z_][A-Za-z0-9_+-]*\Z")


async def _is_drv(v: Any) -> bool:
    if not isinstance(v, dict) or "type" not in v:
        return False
    t = await force(v["type"])
    return (type(t) is str or type(t) is NixString) and str(t) == "derivation"


async def derivation_lines(v: Any) -> list[str]:
    """What `nix-instantiate` prints for a value: the `.drv` path of every derivation
    found as Nix's getDerivations finds them (the value itself, the attributes of a
    set in name order, recursing into sets with `recurseForDerivations = true`, list
    elements), each once, with `!<output>` when the selected output is not `out`."""
    found: list[dict[str, Any]] = []
    done: set[int] = set()

    def add(d: dict[str, Any]) -> None:
        if id(d) not in done:
            done.add(id(d))
            found.append(d)

    v = await force(v)
    if await _is_drv(v):
        add(v)
    elif isinstance(v, dict) or type(v) is list:
        stack: list[Any] = [v]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                children = []
                for k in sorted(x, key=byte_key):
                    if not _ATTR_RE.match(k):
                        continue
                    c = await force(x[k])
                    if await _is_drv(c):
                        children.append(c)
                    elif isinstance(c, dict) and "recurseForDerivations" in c and \
                            expect_bool(await force(c["recurseForDerivations"])):
                        children.append(c)
            else:
                children = []
                for it in x:
                    c = await force(it)
                    if await _is_drv(c) or isinstance(c, dict) or type(c) is list:
                        children.append(c)
            for c in reversed(children):
                stack.append(("drv", c) if await _is_drv(c) else c)
            while stack and type(stack[-1]) is tuple:
                add(stack.pop()[1])
    else:
        raise TypeError_("expression does not evaluate to a derivation (or a set or list of those)")
    lines = []
    for d in found:
        if "drvPath" not in d:
            raise InvalidDerivation("derivation does not contain a 'drvPath' attribute")
        drv_path = str(await coerce_to_string(await force(d["drvPath"]), copy_to_store=False))
        output = str(await force(d["outputName"])) if "outputName" in d else "out"
        lines.append(drv_path + ("" if output == "out" else "!" + output))
    return lines


async def instantiate(ev: Any, node: Any, attrpath: str, auto_args: dict[str, Any]) -> list[str]:
    """The lines `nix-instantiate [-A attrpath] EXPR` prints (auto-calling functions
    with `auto_args` at the top and along the attribute path, as Nix does)."""
    v = await select_attr_path(ev, node, attrpath, auto_args)
    v = await auto_call(v, auto_args)
    return await derivation_lines(v)
