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
from nixeval.errors import InvalidArgument
from nixeval.machine.requests import coerce_to_string, force, force_now
from nixeval.values import SLOW, NixPath, NixString, canonical_str, context_of, make_string


def _bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _str(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


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


@builtin("substring", 3, lazy=(1, 2))
async def substring(start: Any, length: Any, s: Any) -> Any:
    """As Nix >= 2.25 does it: the start is checked before the length and the string
    are evaluated, and both numbers are read whole (Nix 2.8 read them as C ints,
    truncated to 32 bits). A negative length means "to the end"."""
    expect_int(start)
    if start < 0:
        raise InvalidArgument("negative start position in 'substring'")
    expect_int(await force(length))
    return _cut(start, force_now(length), await coerce_to_string(await force(s), copy_to_store=True))


@fast_path("substring")
def _substring(start: Any, length: Any, s: Any) -> Any:
    if type(start) is not int or start < 0:
        return SLOW  # the error, raised by the builtin
    length = force_now(length)
    if type(length) is not int:
        return SLOW
    s = force_now(s)
    if type(s) is not str and type(s) is not NixString:
        return SLOW
    return _cut(start, length, s)


def _cut(start: int, length: int, s: Any) -> Any:
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
def _alternation(pats: tuple[bytes, ...]) -> tuple[re.Pattern[bytes], dict[bytes, int]]:
    """A regex whose `split` keeps each match (one group), and the index of the
    first pattern equal to each text matched."""
    index = {p: k for k, p in reversed(list(enumerate(pats)))}
    return re.compile(b"(" + b"|".join(re.escape(p) for p in pats) + b")", re.S), index


@builtin("replaceStrings", 3, lazy=(2,))
async def replace_strings(froms: Any, tos: Any, s: Any) -> Any:
    """Every pattern is forced first, then the subject string; a replacement is
    forced only when its pattern matches (Nix >= 2.16: `to` is lazy), each once,
    in the order of the first matches."""
    expect_list(froms)
    expect_list(tos)
    if len(froms) != len(tos):
        raise InvalidArgument("'from' and 'to' arguments to 'replaceStrings' have different lengths")
    pats = [expect_string(await force(f)) for f in froms]
    s = expect_string(await force(s))
    pieces, order = _matches([_bytes(str(p)) for p in pats], _bytes(str(s)))
    reps: dict[int, Any] = {}
    for k in order:
        reps[k] = expect_string(await force(tos[k]))
    return _build(pieces, reps, s)


@fast_path("replaceStrings")
def replace_strings_fast(froms: Any, tos: Any, s: Any) -> Any:
    """Patterns, subject and the matched replacements computed synchronously, the same
    number of patterns and replacements."""
    if type(froms) is not list or type(tos) is not list or len(froms) != len(tos):
        return SLOW
    pats = forced_strings(froms)
    if pats is None:
        return SLOW
    s = force_now(s)
    if type(s) is not str and type(s) is not NixString:
        return SLOW
    pieces, order = _matches([_bytes(str(p)) for p in pats], _bytes(str(s)))
    reps: dict[int, Any] = {}
    for k in order:
        r = force_now(tos[k])
        if type(r) is not str and type(r) is not NixString:
            return SLOW
        reps[k] = r
    return _build(pieces, reps, s)


def _matches(pats: list[bytes], src: bytes) -> tuple[list[Any], list[int]]:
    """Nix's scan of `src`: left to right over the bytes, the first matching pattern
    wins; an empty pattern matches before every byte and at the end. The result
    alternates the bytes copied (even places) and the index of the pattern matched
    next (odd places), with the indexes of the patterns matched in the order of
    their first match."""
    if pats and all(pats):
        # No empty pattern: a regex alternation tries the patterns in list order at
        # each position, first match wins, exactly Nix's rule; much faster.
        rx, index = _alternation(tuple(pats))
        parts: list[Any] = rx.split(src)
        ks = [index[m] for m in parts[1::2]]
        parts[1::2] = ks
        return parts, list(dict.fromkeys(ks))
    parts = []
    order: list[int] = []
    lit = bytearray()
    i = 0
    n = len(src)
    while i <= n:
        for k, p in enumerate(pats):
            if src.startswith(p, i):
                parts.append(bytes(lit))
                lit.clear()
                parts.append(k)
                if k not in order:
                    order.append(k)
                if p == b"":
                    if i < n:
                        lit.append(src[i])
                    i += 1
                else:
                    i += len(p)
                break
        else:
            if i < n:
                lit.append(src[i])
            i += 1
    parts.append(bytes(lit))
    return parts, order


def _build(parts: list[Any], reps: dict[int, Any], s: Any) -> Any:
    """The result of `_matches`' parts with the replacements `reps`; the context is
    the subject's and that of every replacement used."""
    if len(parts) == 1:
        return s  # nothing matched
    ctx: frozenset[str] | set[str] = context_of(s)
    if reps:
        ctx = set(ctx)
        for r in reps.values():
            ctx |= context_of(r)
        rb = {k: _bytes(str(r)) for k, r in reps.items()}
        parts[1::2] = [rb[k] for k in parts[1::2]]
    return make_string(_str(b"".join(parts)), ctx)


@builtin("unsafeDiscardStringContext", 1)
async def unsafe_discard_string_context(s: Any) -> Any:
    # Nix coerces (a path is copied to the store, a set with outPath accepted).
    return str(await coerce_to_string(s, copy_to_store=True))


@builtin("hasContext", 1)
def has_context(s: Any) -> bool:
    return type(expect_string(s)) is NixString


