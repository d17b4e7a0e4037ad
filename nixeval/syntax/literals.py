"""String and path literals: their text as Nix's lexer reads it, and their lowering.

Owns: the escapes of "double-quoted" strings (`unescape_dq`), the tokens of an
''indented'' string and Nix's indentation stripping (`strip_indentation`), the
pieces Nix's lexer cuts a path literal into, and the `Literals` part of the
lowering (string, indented string, path and home-path expressions, and their
interpolations).

Invariants: literal text is read from the original bytes (never from tree-sitter's
view of them, which repair.py may have edited); a string literal's value ends at a
NUL byte, as in Nix 2.8 (`_c_string`); a path's first token is made absolute and
canonical at once.
"""

from __future__ import annotations

import os
import re
from typing import Any

from nixeval.errors import ParseError
from nixeval.lexical import canon_path
from nixeval.source import Span
from nixeval.syntax import ast as A
from nixeval.syntax.repair import PATH_CHARS
from nixeval.syntax.walk import Gen, Walk
from nixeval.values import NixPath

_DQ_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}
_DQ_TOKEN_RE = re.compile(r"\\(.)|\r\n?", re.S)


def _dq_token(m: re.Match[str]) -> str:
    c = m.group(1)
    if c is None:
        return "\n"  # CR and CR LF in string literals become LF, as in Nix
    return _DQ_ESCAPES.get(c, c)


def unescape_dq(raw: str) -> str:
    """The value of a double-quoted string's literal text (escapes, CR LF -> LF)."""
    return _DQ_TOKEN_RE.sub(_dq_token, raw)


# Tokens of an indented string's literal text, as Nix's lexer splits them (the
# split matters: indentation stripping treats the final token specially).
_IND_TOKENS = [
    (re.compile(r"(?:[^$']|\$[^{']|'[^'$])+", re.S), None),
    (re.compile(r"''\$"), "$"),
    (re.compile(r"'''"), "''"),
    (re.compile(r"''\\(.)", re.S), "escape"),
    (re.compile(r"'"), "'"),
    (re.compile(r"\$"), "$"),
]


class _Esc(str):
    """A token of an indented string that is not literal text (an escape, `''$`,
    a lone `$` or `'`): it ends leading whitespace but does not count as indentation."""


def _ind_tokens(raw: str) -> list[str]:
    out: list[str] = []
    pos = 0
    n = len(raw)
    while pos < n:
        best = None
        best_len = 0
        for pat, kind in _IND_TOKENS:
            m = pat.match(raw, pos)
            if m and m.end() - pos > best_len:
                best, best_len = (m, kind), m.end() - pos
        if best is None:  # cannot happen for text the grammar accepted
            out.append(raw[pos:])
            break
        m, kind = best
        if kind is None:
            out.append(m.group(0))
        elif kind == "escape":
            c = m.group(1)
            out.append(_Esc(_DQ_ESCAPES.get(c, c)))
        else:
            out.append(_Esc(kind))
        pos += best_len
    return out


def strip_indentation(parts: list[Any]) -> list[Any]:
    """Nix's indentation stripping over tokens (str) and interpolations (Node)."""
    if not parts:
        return []
    at_start = True
    min_indent = 1000000
    cur = 0
    for p in parts:
        if not isinstance(p, str) or type(p) is _Esc:
            if at_start:
                at_start = False
                min_indent = min(min_indent, cur)
            continue
        for c in p:
            if at_start:
                if c == " ":
                    cur += 1
                elif c == "\n":
                    cur = 0
                else:
                    at_start = False
                    min_indent = min(min_indent, cur)
            elif c == "\n":
                at_start = True
                cur = 0
    out: list[Any] = []
    at_start = True
    dropped = 0
    last = len(parts) - 1
    for i, p in enumerate(parts):
        if not isinstance(p, str):
            at_start = False
            dropped = 0
            out.append(p)
            continue
        buf = []
        for c in p:
            if at_start:
                if c == " ":
                    if dropped >= min_indent:
                        buf.append(c)
                    dropped += 1
                elif c == "\n":
                    dropped = 0
                    buf.append(c)
                else:
                    at_start = False
                    dropped = 0
                    buf.append(c)
            else:
                buf.append(c)
                if c == "\n":
                    at_start = True
        s = "".join(buf)
        if i == last:
            nl = s.rfind("\n")
            if nl >= 0 and s[nl + 1 :].strip(" ") == "":
                s = s[: nl + 1]
        out.append(s)
    return out


# Keywords that, glued to a path, leave their construct incomplete in Nix's grammar.
_GLUED_KEYWORDS = {"in", "then", "else", "assert", "with", "inherit", "if"}
_PATH_RE = re.compile(r"[a-zA-Z0-9._+-]*(?:/[a-zA-Z0-9._+-]+)+/?")
_PATH_SEG_RE = re.compile(r"[a-zA-Z0-9._+-]*/")
_HPATH_RE = re.compile(r"~(?:/[a-zA-Z0-9._+-]+)+/?")
_PATH_CHARS_RE = re.compile(r"[a-zA-Z0-9._+-]+")


def _path_first_token(head: str, home: bool, interpolated: bool) -> str:
    """The first token Nix's lexer makes of a path's literal start: the longest of
    PATH (HPATH) and, right before `${`, PATH_SEG (`~/`)."""
    m = (_HPATH_RE if home else _PATH_RE).match(head)
    best = m.group(0) if m else ""
    if interpolated:
        if home:
            if head == "~/" and len(best) < 2:
                best = head
        else:
            m = _PATH_SEG_RE.match(head)
            if m and m.end() == len(head) and len(head) > len(best):
                best = head
    return best if best else head


def _path_text_tokens(text: str) -> list[str]:
    """Literal text inside a path as Nix's lexer cuts it (longest of PATH, PATH_SEG,
    a run of path characters)."""
    out = []
    pos = 0
    while pos < len(text):
        best = 0
        for r in (_PATH_RE, _PATH_SEG_RE, _PATH_CHARS_RE):
            m = r.match(text, pos)
            if m and m.end() - pos > best:
                best = m.end() - pos
        if best == 0:  # cannot happen for text tree-sitter read as a path
            out.append(text[pos:])
            break
        out.append(text[pos : pos + best])
        pos += best
    return out


def _c_string(s: str) -> str:
    """A string literal's piece as Nix 2.8 makes its value, from a C string: it ends
    at a NUL byte."""
    return s[:s.index("\x00")] if "\x00" in s else s


class Literals(Walk):
    """The lowering of string and path literals (mixed into `Lowering`)."""

    def _interp(self, c: Any, spans: dict[int, Span]) -> Gen:
        """Lower an interpolation `${e}`, recording where its `${` is."""
        e = yield c.child_by_field_name("expression")
        spans[id(e)] = self.span(c)
        return e

    def _path_parts(self, n: Any, home: bool) -> Gen:
        """A path literal, cut into pieces as Nix's lexer cuts it: a first token
        (PATH, or `PATH_SEG`/`~/` right before `${`), then text pieces (each a
        PATH, PATH_SEG or run of path characters) and interpolations. A path
        without interpolation must be one token; before the first interpolation
        at most one text piece may follow the first token (Nix's grammar)."""
        span = self.span(n)
        self._check_glued_keyword(n)
        items: list[Any] = []  # str (literal text, adjacent fragments merged) or node
        for c in n.children:
            if c.type == "interpolation":
                items.append(c)
            elif items and isinstance(items[-1], str):
                items[-1] += self.text(c)
            else:
                items.append(self.text(c))
        if items and isinstance(items[-1], str) and items[-1].endswith("/"):
            raise ParseError("path has a trailing slash", Span(self.source, self.end(n), self.end(n)))
        head = items[0] if items and isinstance(items[0], str) else ""
        first = _path_first_token(head, home, len(items) > 1)
        if len(items) == 1 and len(first) < len(head):
            # `./a//b`: a path with a trailing slash, then text, and no `${`.
            raise self.error("syntax error, unexpected PATH_END, expecting DOLLAR_CURLY", n)
        if home:
            home_dir = self.home if self.home is not None else os.environ.get("HOME", "")
            value = home_dir + first[1:]
        else:
            value = first if first.startswith("/") else self.base_dir.rstrip("/") + "/" + first
        # The first token is made absolute and canonical on its own, keeping a
        # trailing slash. (Nix 2.8 keeps a home path as written until it is used
        # as a string; nixeval makes it canonical at once: see DIFFERENCES.md.)
        value = canon_path(value) + ("/" if first.endswith("/") and len(first) > 1 else "")
        if len(items) == 1:
            return A.Const(NixPath(value), span)
        parts: list[Any] = [value]
        spans: dict[int, Span] = {}
        rest = [head[len(first):]] + items[1:] if head else items
        seen_interp = False
        for item in rest:
            if isinstance(item, str):
                pieces = _path_text_tokens(item)
                if not seen_interp and len(pieces) > 1:
                    raise self.error("syntax error, unexpected STR, expecting DOLLAR_CURLY", n)
                parts.extend(pieces)
            else:
                seen_interp = True
                parts.append((yield from self._interp(item, spans)))
        return A.PathInterp(parts, span, spans)

    def _check_glued_keyword(self, n: Any) -> None:
        """`in./x`, `then./x`: Nix's lexer reads a keyword glued to a path as one
        PATH token (a keyword is made of path characters), which leaves the `let`,
        `if` or `with` around it without its keyword; tree-sitter-nix splits them."""
        start = self.start(n)
        data = self.data
        k = start
        while k > 0 and data[k - 1] in PATH_CHARS:
            k -= 1
        if k < start and data[k:start].decode("ascii", "replace") in _GLUED_KEYWORDS and (
                k == 0 or data[k - 1] not in PATH_CHARS):
            raise ParseError("syntax error, unexpected PATH", Span(self.source, k, k + 1))

    def l_path_expression(self, n: Any) -> Gen:
        return (yield from self._path_parts(n, home=False))

    def l_hpath_expression(self, n: Any) -> Gen:
        return (yield from self._path_parts(n, home=True))

    # --- strings -----------------------------------------------------------------

    def l_string_expression(self, n: Any) -> Gen:
        parts: list[Any] = []
        spans: dict[int, Span] = {}
        children = n.children
        start = self.end(children[0])  # after the opening quote
        end_quote = children[-1]
        if end_quote.is_missing or end_quote.type != '"':
            raise self.syntax_error(end_quote)
        for c in children[1:-1]:
            if c.type == "interpolation":
                c_start = self.start(c)
                if c_start > start:
                    parts.append(unescape_dq(self.slice(start, c_start)))
                parts.append((yield from self._interp(c, spans)))
                start = self.end(c)
        end = self.start(end_quote)
        if end > start:
            parts.append(unescape_dq(self.slice(start, end)))
        return self._string_node(parts, self.span(n), spans)

    def _string_node(self, parts: list[Any], span: Span, spans: dict[int, Span]) -> A.Node:
        parts = [_c_string(p) if isinstance(p, str) else p for p in parts]
        if all(isinstance(p, str) for p in parts):
            return A.Const("".join(parts), span)
        return A.Str([str(p) if isinstance(p, str) else p for p in parts
                      if not (isinstance(p, str) and p == "")], span, spans)

    def l_indented_string_expression(self, n: Any) -> Gen:
        children = n.children
        start = self.end(children[0])
        end_quote = children[-1]
        if end_quote.is_missing or end_quote.type != "''":
            raise self.syntax_error(end_quote)
        end = self.start(end_quote)
        # The opening `''` swallows trailing spaces and one newline of its line.
        m = re.match(rb" *\n", self.data[start:end])
        if m:
            start += m.end()
        parts: list[Any] = []
        spans: dict[int, Span] = {}
        for c in children[1:-1]:
            if c.type == "interpolation":
                c_start = self.start(c)
                if c_start > start:
                    parts.extend(_ind_tokens(self.slice(start, c_start)))
                parts.append((yield from self._interp(c, spans)))
                start = max(start, self.end(c))
        if end > start:
            parts.extend(_ind_tokens(self.slice(start, end)))
        # As in Nix, each token is a piece of its own (empty ones too, such as the
        # indentation before a leading `${`); one literal piece is a plain string.
        pieces = [_c_string(p) if isinstance(p, str) else p for p in strip_indentation(parts)]
        span = self.span(n)
        if not pieces:
            return A.Const("", span)
        if len(pieces) == 1 and isinstance(pieces[0], str):
            return A.Const(str(pieces[0]), span)
        return A.Str([str(p) if isinstance(p, str) else p for p in pieces], span, spans)
