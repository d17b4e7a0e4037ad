"""Lexical helpers shared by every layer: canonical paths, Nix string literals,
attribute names and floats as text.

This module is a leaf: it imports nothing of nixeval, so the syntax, the values'
printer, the machine and the builtins can all use it without an import cycle.

Float formatting follows one Nix rule per function; each says which Nix behaviour
it is and who uses it:

- `format_float`: C++'s `ostream << double` (precision 6, like C's `%g`): how Nix
  prints a float value, in `toJSON` (Nix 2.8's writer), `toXML`, `--parse` and
  error messages.
- `format_float_tostring`: C's `%f` (`std::to_string`): `toString` and string
  interpolation of a float.
- `format_float_shortest`: nlohmann::json's `dump` (shortest round-trip form, a
  non-finite number as `null`): the `__json` of a derivation with
  `__structuredAttrs`.

Strings (attribute names, contexts) are ordered as Nix orders them, by their bytes
(`byte_key`, `byte_sorted`).
"""

from __future__ import annotations

import math
import re
from typing import Any


def canon_path(path: str) -> str:
    """Nix's canonPath: absolute, no `.`/`..` components, no trailing slash."""
    out: list[str] = []
    for part in path.split("/"):
        if part == "" or part == ".":
            continue
        if part == "..":
            if out:
                out.pop()
            continue
        out.append(part)
    return "/" + "/".join(out)


def byte_key(s: str) -> bytes:
    """The sort key that orders strings as Nix does: by their bytes (a byte that is
    not UTF-8 is held as a lone surrogate, see `nixeval.cli.byte_stream`)."""
    return s.encode("utf-8", "surrogateescape")


def byte_sorted(names: Any, reverse: bool = False) -> list[str]:
    """Strings (attribute names) sorted as Nix sorts them: by their bytes. Code-point
    order is the same except for bytes that are not UTF-8 (lone surrogates here), so
    the bytes are compared only when some name is not ASCII."""
    if all(map(str.isascii, names)):
        return sorted(names, reverse=reverse)
    return sorted(names, key=byte_key, reverse=reverse)


def escape_string(s: str) -> str:
    """A string as Nix prints a string value: double-quoted, with `"`, `\\`, newline,
    return, tab and `${` escaped (a lone `$` stays as it is)."""
    out = ['"']
    for c in s:
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif c == "$":
            out.append("$")
        else:
            out.append(c)
    text = "".join(out).replace("${", "\\${")
    return text + '"'


_IDENT = re.compile(r"[a-zA-Z_][a-zA-Z0-9_'-]*\Z")
# Nix 2.8 quotes only this keyword when printing attribute names.
_KEYWORDS = {"if"}


def format_attr_name(name: str) -> str:
    """An attribute name as Nix prints it in values and messages: an identifier bare,
    anything else (or the keyword `if`) as a quoted string with `$` escaped."""
    if _IDENT.match(name) and name not in _KEYWORDS:
        return name
    return escape_string(name).replace("$", "\\$").replace("\\\\$", "\\$")


def format_float(f: float) -> str:
    """A float as C++'s `ostream << double` writes it (precision 6, like `%g`; NaN
    keeps its sign): Nix's printing of values, toJSON, toXML, `--parse`."""
    if math.isnan(f):
        return "-nan" if math.copysign(1.0, f) < 0 else "nan"
    return "%g" % f


def format_float_tostring(f: float) -> str:
    """A float as `toString` and string interpolation make it: C's `%f`
    (`std::to_string`), six digits after the point."""
    return "%f" % f


def format_float_shortest(f: float) -> str:
    """A float as nlohmann::json's `dump` writes it: the shortest text that reads back
    as the same double (`1.0`, `1e+20`), `null` for infinities and NaN. Nix 2.8 uses
    it for a derivation's `__json` (`__structuredAttrs`)."""
    r = repr(f)
    if r in ("inf", "-inf", "nan"):
        return "null"
    return r
