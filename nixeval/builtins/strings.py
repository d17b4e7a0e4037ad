"""String builtins: toString, stringLength, substring, concatStringsSep, replaceStrings,
and the context-discarding basics. Nix strings are byte strings: lengths and offsets
count UTF-8 bytes."""

from __future__ import annotations

import functools
import re
from typing import Any

from nixeval.builtins.registry import (
    builtin,
    expect_int,
    expect_list,
    expect_string,
    fast_path,
    forced_strings,
)
from nixeval.errors import EvalError
from nixeval.machine.eval import coerce_to_string, force
from nixeval.values import SLOW, NixPath, NixString, canonical_str, context_of, make_string


def _bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _str(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _c_int(n: int) -> int:
    return ((n + 2**31) & 0xFFFFFFFF) - 2**31


def _plain(v: Any) -> Any:
    """`v` as a string when it is one (no coercion needed), else SLOW."""
    return v if type(v) is str or type(v) is NixString else SLOW


@builtin("toString", 1, global_=True)
async def to_string(v: Any) -> Any:
    return await coerce_to_string(v, copy_to_store=False, coerce_more=True)


@fast_path("toString")
def to_string_fast(v: Any) -> Any:
    tv = type(v)
    if tv is str or tv is NixString:
        return v
    if tv is int:
        return str(v)
    if tv is NixPath:
        return v.path
    if tv is bool:
        return "1" if v else ""
    if v is None:
        return ""
    return SLOW


@builtin("stringLength", 1)
async def string_length(v: Any) -> int:
    return _string_length(await coerce_to_string(v, copy_to_store=True))


@fast_path("stringLength")
def _string_length(s: Any) -> Any:
    if type(s) is str:
        return len(s) if s.isascii() else len(_bytes(s))
    if type(s) is NixString:
        return len(_bytes(str(s)))
    return SLOW


@builtin("substring", 3)
async def substring(start: Any, length: Any, s: Any) -> Any:
    expect_int(start)
    expect_int(length)
    if _c_int(start) < 0:
        raise EvalError("negative start position in 'substring'")
    return _substring(start, length, await coerce_to_string(s, copy_to_store=True))


@fast_path("substring")
def _substring(start: Any, length: Any, s: Any) -> Any:
    if (type(s) is not str and type(s) is not NixString) or type(start) is not int or type(length) is not int:
        return SLOW
    # Nix 2.8 reads both as a C int: truncate to 32 bits as it does
    start = _c_int(start)
    length = _c_int(length)
    if start < 0:
        return SLOW  # the error, raised by the builtin
    if type(s) is str and s.isascii():
        return s[start:] if length < 0 else s[start : start + length]
    b = _bytes(str(s))
    out = b[start:] if length < 0 else b[start : start + length]
    return make_string(_str(out), context_of(s))


@builtin("concatStringsSep", 2)
async def concat_strings_sep(sep: Any, xs: Any) -> Any:
    expect_string(sep)
    expect_list(xs)
    ctx = set(context_of(sep))
    parts = []
    for x in xs:
        s = await coerce_to_string(await force(x), copy_to_store=True)
        ctx |= context_of(s)
        parts.append(str(s))
    return make_string(canonical_str(str(sep).join(parts)), ctx)


@fast_path("concatStringsSep")
def concat_strings_sep_fast(sep: Any, xs: Any) -> Any:
    """Every element a forced string."""
    if type(sep) is not str or type(xs) is not list:
        return SLOW
    parts = forced_strings(xs)
    if parts is None:
        return SLOW
    ctx: set[str] = set()
    for x in parts:
        if type(x) is NixString:
            ctx |= x.context
    return make_string(canonical_str(sep.join(parts)), ctx)


@functools.lru_cache(maxsize=256)
def _alternation(pats: tuple[bytes, ...]) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(p) for p in pats), re.S)


@builtin("replaceStrings", 3)
async def replace_strings(froms: Any, tos: Any, s: Any) -> Any:
    """Every pattern and replacement is forced (patterns first), before the subject
    string is checked."""
    expect_list(froms)
    expect_list(tos)
    if len(froms) != len(tos):
        raise EvalError("'from' and 'to' arguments to 'replaceStrings' have different lengths")
    pats = [expect_string(await force(f)) for f in froms]
    reps = [expect_string(await force(t)) for t in tos]
    return _replace(pats, reps, expect_string(s))


@fast_path("replaceStrings")
def replace_strings_fast(froms: Any, tos: Any, s: Any) -> Any:
    """Patterns and replacements already forced strings, the same number of each."""
    if (type(froms) is not list or type(tos) is not list or len(froms) != len(tos)
            or (type(s) is not str and type(s) is not NixString)):
        return SLOW
    pats = forced_strings(froms)
    reps = forced_strings(tos)
    if pats is None or reps is None:
        return SLOW
    return _replace(pats, reps, s)


def _replace(pats_s: list[Any], reps_s: list[Any], s: Any) -> Any:
    """Left to right over the bytes of `s`, the first matching pattern wins; an empty
    pattern matches before every byte and at the end."""
    pats = [_bytes(str(p)) for p in pats_s]
    reps = [_bytes(str(r)) for r in reps_s]
    ctx = set(context_of(s))
    used: set[int] = set()
    src = _bytes(str(s))
    if pats and all(pats):
        # No empty pattern: a regex alternation tries the patterns in list order at
        # each position, first match wins, exactly Nix's rule; much faster.
        rx = _alternation(tuple(pats))
        index = {p: k for k, p in reversed(list(enumerate(pats)))}

        def repl(m: re.Match[bytes]) -> bytes:
            k = index[m.group(0)]
            used.add(k)
            return reps[k]

        result = rx.sub(repl, src)
        for k in used:
            ctx |= context_of(reps_s[k])
        return make_string(_str(result), ctx)
    out = bytearray()
    i = 0
    n = len(src)
    while i <= n:
        for k, p in enumerate(pats):
            if src.startswith(p, i):
                used.add(k)
                out += reps[k]
                if p == b"":
                    if i < n:
                        out.append(src[i])
                    i += 1
                else:
                    i += len(p)
                break
        else:
            if i < n:
                out.append(src[i])
            i += 1
    for k in used:
        ctx |= context_of(reps_s[k])
    return make_string(_str(bytes(out)), ctx)


@builtin("unsafeDiscardStringContext", 1)
async def unsafe_discard_string_context(s: Any) -> Any:
    # Nix coerces (a path is copied to the store, a set with outPath accepted).
    return str(await coerce_to_string(s, copy_to_store=True))


@builtin("hasContext", 1)
def has_context(s: Any) -> bool:
    return type(expect_string(s)) is NixString


