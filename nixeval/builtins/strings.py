"""String builtins: toString, stringLength, substring, concatStringsSep, replaceStrings,
and the context-discarding basics. Nix strings are byte strings: lengths and offsets
count UTF-8 bytes."""

from __future__ import annotations

import functools
import re
from typing import Any

from nixeval.builtins.registry import builtin, expect_int, expect_list, expect_string
from nixeval.errors import EvalError
from nixeval.machine.eval import coerce_to_string, force
from nixeval.values import NixString, context_of, make_string


def _bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _str(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _c_int(n: int) -> int:
    return ((n + 2**31) & 0xFFFFFFFF) - 2**31


@builtin("toString", 1, global_=True)
async def to_string(v: Any) -> Any:
    return await coerce_to_string(v, copy_to_store=False, coerce_more=True)


@builtin("stringLength", 1)
async def string_length(v: Any) -> int:
    s = await coerce_to_string(v, copy_to_store=True)
    return len(_bytes(str(s)))


@builtin("substring", 3)
async def substring(start: Any, length: Any, s: Any) -> Any:
    # Nix 2.8 reads both as a C int: truncate to 32 bits as it does
    start = _c_int(expect_int(start))
    length = _c_int(expect_int(length))
    if start < 0:
        raise EvalError("negative start position in 'substring'")
    s = await coerce_to_string(s, copy_to_store=True)
    ctx = context_of(s)
    b = _bytes(str(s))
    if length < 0:
        out = b[start:]
    else:
        out = b[start : start + length]
    return make_string(_str(out), ctx)


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
    return make_string(str(sep).join(parts), ctx)


@functools.lru_cache(maxsize=256)
def _alternation(pats: tuple[bytes, ...]) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(p) for p in pats), re.S)


@builtin("replaceStrings", 3)
async def replace_strings(froms: Any, tos: Any, s: Any) -> Any:
    """Left to right over the bytes of `s`, the first matching pattern wins; an empty
    pattern matches before every byte and at the end. Every pattern and replacement is
    forced (patterns first), before the subject string is checked."""
    expect_list(froms)
    expect_list(tos)
    if len(froms) != len(tos):
        raise EvalError("'from' and 'to' arguments to 'replaceStrings' have different lengths")
    pats = [_bytes(str(expect_string(await force(f)))) for f in froms]
    reps_s = [expect_string(await force(t)) for t in tos]
    expect_string(s)
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


