"""`builtins.compareVersions`, `builtins.splitVersion`, `builtins.parseDrvName`.

Version strings are split into components: maximal runs of ASCII digits, or maximal
runs of other characters, with `.` and `-` separating (and never part of) components.
Two versions are compared component by component, a missing component being `""`.
Component order (Nix 2.8, checked against nix-instantiate):
- two numbers compare numerically; a "number" is a digit run that fits a C `int`
  (32 bits): longer runs are compared as strings, as Nix does;
- `""` is below a number; `pre` is below everything but itself;
- otherwise a number is above a string, and two strings compare bytewise.
Strings are compared as their UTF-8 bytes (Nix strings are byte strings).
"""

from __future__ import annotations

import functools
from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin

_INT_MAX = 2**31 - 1
_DIGITS = frozenset("0123456789")


def _as_int(c: str) -> int | None:
    if not (c.isascii() and c.isdigit()):
        return None
    n = int(c)
    return n if n <= _INT_MAX else None


def split_version(s: str) -> list[str]:
    return list(_split_version(s))


@functools.lru_cache(maxsize=4096)
def _split_version(s: str) -> tuple[str, ...]:
    return tuple(_split_version_uncached(s))


def _split_version_uncached(s: str) -> list[str]:
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch == "." or ch == "-":
            i += 1
            continue
        j = i + 1
        if ch in _DIGITS:
            while j < n and s[j] in _DIGITS:
                j += 1
        else:
            while j < n and s[j] not in _DIGITS and s[j] != "." and s[j] != "-":
                j += 1
        out.append(s[i:j])
        i = j
    return out


def _components_lt(c1: str, c2: str) -> bool:
    n1, n2 = _as_int(c1), _as_int(c2)
    if n1 is not None and n2 is not None:
        return n1 < n2
    if c1 == "" and n2 is not None:
        return True
    if c1 == "pre" and c2 != "pre":
        return True
    if c2 == "pre":
        return False
    if n2 is not None:
        return True
    if n1 is not None:
        return False
    return c1.encode("utf-8", "surrogateescape") < c2.encode("utf-8", "surrogateescape")


def compare_versions(v1: str, v2: str) -> int:
    a, b = split_version(v1), split_version(v2)
    for k in range(max(len(a), len(b))):
        c1 = a[k] if k < len(a) else ""
        c2 = b[k] if k < len(b) else ""
        if c1 == c2:
            continue
        if _components_lt(c1, c2):
            return -1
        if _components_lt(c2, c1):
            return 1
    return 0


@builtin("compareVersions", 2)
def compare_versions_(v1: Any, v2: Any) -> int:
    return compare_versions(expect_string_no_context(v1), expect_string_no_context(v2))


@builtin("splitVersion", 1)
def split_version_(v: Any) -> list[str]:
    return split_version(expect_string_no_context(v))


def parse_drv_name(s: str) -> tuple[str, str]:
    """Name and version: the version starts after the first `-` that is followed by
    something other than an ASCII letter."""
    for i in range(len(s) - 1):
        if s[i] == "-" and not ("a" <= s[i + 1] <= "z" or "A" <= s[i + 1] <= "Z"):
            return s[:i], s[i + 1:]
    return s, ""


@builtin("parseDrvName", 1)
def parse_drv_name_(v: Any) -> dict[str, str]:
    name, version = parse_drv_name(expect_string_no_context(v))
    return {"name": name, "version": version}
