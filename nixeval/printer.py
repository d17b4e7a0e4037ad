"""Printing values as `nix-instantiate --eval` prints them.

Invariants:
- Iterative: a value nested 100,000 deep prints without recursion.
- Strings are printed as they are: a byte that is not UTF-8 (a lone surrogate
  U+DC80..U+DCFF, see `nixeval.cli.byte_stream`) is written back as that byte.
- Attribute names in byte order; names that are not identifiers (or are keywords)
  are quoted; non-empty lists and sets seen before print as `«repeated»`.
- Lazy printing (no --strict) shows unforced thunks as `<CODE>`; strict printing
  forces everything first (by the caller, with `force_deep`): this module never
  forces anything, so it imports nothing of the machine.
- Strings, attribute names and floats are written by `nixeval.lexical`.
"""

from __future__ import annotations

import re
from typing import Any

from nixeval.lexical import byte_sorted, escape_string, format_attr_name, format_float
from nixeval.values import Lambda, NixPath, NixString, PrimOp, PrimOpApp, Thunk

_LOG_CHARS = re.compile(r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|[\x40-\x5f]?)|[\t\r\a]")


_ESCAPED = re.compile("[\udc80-\udcff]")


def _log_width(plain: str) -> int:
    """How many columns Nix counts for text without escapes or tabs: one per UTF-8
    character. A byte that is not UTF-8 (a lone surrogate here) counts as Nix counts
    it: a lead byte takes as many following continuation bytes as it announces (even
    when the sequence is invalid or cut short), any other byte counts one."""
    if _ESCAPED.search(plain) is None:
        return len(plain)
    data = plain.encode("utf-8", "surrogateescape")
    width = 0
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        i += 1
        width += 1
        more = 1 if b & 0xE0 == 0xC0 else 2 if b & 0xF0 == 0xE0 else 3 if b & 0xF8 == 0xF0 else 0
        while more and i < n and data[i] & 0xC0 == 0x80:
            i += 1
            more -= 1
    return width


def filter_log_line(text: str, keep_colours: bool) -> str:
    """A line of log output (`trace: ...`) as Nix writes it to stderr: terminal
    escape sequences dropped (colour sequences kept for a terminal), tabs expanded
    to the next multiple of 8 columns counted from the start of the line (every
    other character counts one, see `_log_width`), CR and BEL dropped."""
    if "\x1b" not in text and "\t" not in text and "\r" not in text and "\a" not in text:
        return text
    out: list[str] = []
    width = 0
    pos = 0
    for m in _LOG_CHARS.finditer(text):
        plain = text[pos : m.start()]
        out.append(plain)
        width += _log_width(plain)
        pos = m.end()
        tok = m.group(0)
        if tok == "\t":
            pad = 8 - width % 8
            out.append(" " * pad)
            width += pad
        elif tok[0] == "\x1b" and keep_colours and tok.endswith("m") and tok[1:2] == "[":
            out.append(tok)
    out.append(text[pos:])
    return "".join(out)


def print_value(v: Any) -> str:
    """Print a value; unforced thunks show as `<CODE>`."""
    out: list[str] = []
    seen: set[int] = set()
    # The stack holds values to print and literal strings (tagged) to emit.
    stack: list[tuple[bool, Any]] = [(False, v)]
    while stack:
        is_text, x = stack.pop()
        if is_text:
            out.append(x)
            continue
        if type(x) is Thunk:
            if x.node is not None:
                out.append("<CODE>")
                continue
            x = x.value
        t = type(x)
        if t is int:
            out.append(str(x))
        elif t is bool:
            out.append("true" if x else "false")
        elif x is None:
            out.append("null")
        elif t is str or t is NixString:
            out.append(escape_string(x))
        elif t is float:
            out.append(format_float(x))
        elif t is NixPath:
            out.append(x.path)
        elif t is list:
            if x and id(x) in seen:
                out.append("«repeated»")
                continue
            if x:
                seen.add(id(x))
            out.append("[ ")
            stack.append((True, "]"))
            for item in reversed(x):
                stack.append((True, " "))
                stack.append((False, item))
        elif issubclass(t, dict):
            if x and id(x) in seen:
                out.append("«repeated»")
                continue
            if x:
                seen.add(id(x))
            out.append("{ ")
            stack.append((True, "}"))
            for name in byte_sorted(x, reverse=True):
                stack.append((True, "; "))
                stack.append((False, x[name]))
                stack.append((True, format_attr_name(name) + " = "))
        elif t is Lambda:
            out.append("<LAMBDA>")
        elif t is PrimOp:
            out.append("<PRIMOP>")
        elif t is PrimOpApp:
            out.append("<PRIMOP-APP>")
        else:
            out.append(repr(x))
    return "".join(out)
