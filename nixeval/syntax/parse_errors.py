"""Syntax errors as Nix reports them, from tree-sitter's ERROR and MISSING nodes.

tree-sitter recovers from errors; Nix's parser stops at the first token it cannot
use. This module turns the first ERROR or MISSING node into Nix's message and
position (`syntax_error`, `first_error`), names tokens as Nix's parser names them
(`token_at`, `TOKEN_NAMES`), asks diagnose.py (a model of Nix 2.8's lexer and
parser) where and how Nix reports an error (`as_nix_reports`), and gives the error
of a pipe operator read without the `pipe-operators` feature.

Invariants: it never lowers anything and reads the tree only to report; the
grammar gaps of tree-sitter-nix 0.1.0 that are valid Nix (a trailing comma in
formals, an empty `inherit;`) are not errors here (`first_error` skips them).
"""

from __future__ import annotations

import re
from typing import Any

from nixeval.errors import FeatureDisabled, ParseError, UndefinedVariable
from nixeval.source import Source, Span
from nixeval.syntax.repair import Edits

# Nix's keywords (`or` is one too, but a variable where Nix's grammar allows it).
KEYWORDS = {"if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"}
# Tokens as Nix's parser names them in "unexpected X" and "expecting X".
TOKEN_NAMES = {"==": "EQ", "!=": "NEQ", "<": "'<'", ">": "'>'", "<=": "LEQ", ">=": "GEQ",
               "&&": "AND", "||": "OR", "->": "IMPL", "//": "UPDATE", "++": "CONCAT",
               "...": "ELLIPSIS", "${": "DOLLAR_CURLY", "''": "IND_STRING_OPEN",
               # New in Nix 2.24; named as current Nix names its tokens.
               "|>": "'|>'", "<|": "'<|'"}


def first_error(root: Any) -> Any:
    """The first ERROR or MISSING node in document order (iterative)."""
    stack = [root]
    while stack:
        n = stack.pop()
        if (n.type == "ERROR" or n.is_missing) and not _is_trailing_comma_formal(n) \
                and not _is_formals_comma(n):
            return n
        if n.has_error:
            stack.extend(reversed(n.children))
    return None


def eof_error(source: Source, root: Any, expecting: str = "", edits: Edits | None = None) -> ParseError:
    """Nix reports an unexpected end of file at the start of the last token (a
    trailing run of white space counts as one)."""
    data = source.data
    stripped = data.rstrip(b" \t\r\n")
    if len(stripped) < len(data):
        pos = len(stripped)
    else:
        leaf = root
        while leaf is not None and leaf.child_count:
            leaf = leaf.children[-1]
        pos = leaf.start_byte if leaf is not None else 0
        if edits is not None:
            pos = edits.to_original(pos)
    return ParseError("syntax error, unexpected end of file" + expecting, Span(source, pos, pos))


def _next_token(source: Source, pos: int) -> tuple[str, int] | None:
    data = source.data
    while pos < len(data):
        c = data[pos : pos + 1]
        if c in b" \t\r\n":
            pos += 1
        elif c == b"#":
            nl = data.find(b"\n", pos)
            pos = len(data) if nl < 0 else nl
        elif data.startswith(b"/*", pos):
            end = data.find(b"*/", pos + 2)
            pos = len(data) if end < 0 else end + 2
        else:
            return token_at(source, pos), pos
    return None


_TOKEN_RE = re.compile(rb"[a-zA-Z_][a-zA-Z0-9_'-]*|[0-9]+(\.[0-9]*)?|\.\.\.|\$\{|''|==|!=|<=|>=|&&|\|\||\|>|<\||->|//|\+\+|.", re.S)


def token_at(source: Source, pos: int) -> str:
    m = _TOKEN_RE.match(source.data, pos)
    text = m.group(0).decode("utf-8", "replace") if m else ""
    if text in KEYWORDS:
        return text.upper()
    if text == "or":
        return "OR_KW"
    if re.match(r"[a-zA-Z_]", text):
        return "ID"
    if re.match(r"[0-9]+\.", text):
        return "FLOAT"
    if text[:1].isdigit():
        return "INT"
    if text in TOKEN_NAMES:
        return TOKEN_NAMES[text]
    if text == "`" or not text.isprintable():
        return "invalid token"
    return f"'{text}'"


def syntax_error(source: Source, n: Any, root: Any = None, edits: Edits | None = None) -> ParseError:
    if root is None:
        root = n
        while root.parent is not None:
            root = root.parent
    start = n.start_byte if edits is None else edits.to_original(n.start_byte)
    end = n.end_byte if edits is None else edits.to_original(n.end_byte)
    if edits is not None:
        for p, text in edits.subs:
            if p < start < p + len(text):
                start = p  # in a pipe operator tree-sitter read as `-`, `>`: it is one token
    if n.is_missing:
        # Nix reports the token it found where the missing one should be.
        expecting = ""
        if n.type == ";":
            expecting = ", expecting ';'"
        found = _next_token(source, start)
        if found is None:
            return eof_error(source, root, expecting, edits)
        tok, at = found
        return ParseError(f"syntax error, unexpected {tok}{expecting}", Span(source, at, at + 1))
    if n.type == "ERROR":
        first = n.children[0] if n.child_count else None
        if first is not None and first.type in ('"', "''") and (
                n.child_count == 1 or end >= len(source.data.rstrip(b" \t\r\n"))):
            return eof_error(source, root, "", edits)  # an unterminated string
        found = _next_token(source, start)
        if found is None:
            return eof_error(source, root, "", edits)
        tok, at = found
        return ParseError(f"syntax error, unexpected {tok}", Span(source, at, at + 1))
    return ParseError("syntax error", Span(source, start, end))


def as_nix_reports(source: Source, err: ParseError, full: bytes, edits: Edits | None) -> ParseError:
    """A syntax error where and as Nix 2.8's parser reports it (diagnose.py, which
    reads `full`, the program before it was cut at a NUL byte), or `err` when the
    diagnosis cannot decide or `err` is not a syntax error. The diagnosis knows no
    pipe operator (Nix 2.8 has none): from the first one on, `err` stands."""
    if not err.message.startswith("syntax error"):
        return err
    from nixeval.syntax.diagnose import diagnose  # only for rejected programs: off start-up

    found = diagnose(full)
    if found is None:
        return err
    message, at = found
    if edits is not None and edits.subs and at >= min(p for p, _ in edits.subs):
        return err
    if len(full) > len(source.data):  # cut at a NUL byte: Nix's excerpt shows the file
        source = Source(full.decode("utf-8", "surrogateescape"), path=source.path, name=source.name)
    end = at if "unexpected end of file" in message else min(at + 1, len(source.data))
    return ParseError(message, Span(source, at, end))


def pipe_feature_error(source: Source, edits: Any, err: ParseError | None) -> ParseError:
    """Nix's error for a pipe operator read without the `pipe-operators` feature (its
    lexer requires the feature as it reads the token), or `err` when Nix would have
    failed first: an error before the first pipe operator, other than an undefined
    variable (those are found after parsing)."""
    at = edits.subs[0][0]
    if err is not None and err.span is not None and err.span.start < at \
            and not isinstance(err, UndefinedVariable):
        return err
    return FeatureDisabled("experimental Nix feature 'pipe-operators' is disabled; "
                           "add '--extra-experimental-features pipe-operators' to enable it",
                           Span(source, at, at + 2))


def _is_formals_comma(n: Any) -> bool:
    """An ERROR made of commas among formals: tree-sitter-nix 0.1.0's other shape of
    a trailing comma (`{ a ? 1, }`); the lowering checks where commas may stand."""
    p = n.parent
    return (n.type == "ERROR" and p is not None and p.type == "formals"
            and all(c.type == "," for c in n.children))


def _is_trailing_comma_formal(n: Any) -> bool:
    """The MISSING identifiers tree-sitter-nix 0.1.0 reports for valid Nix: a
    trailing comma in formals, and an empty `inherit;` / `inherit (e);`."""
    p = n.parent
    if not (n.is_missing and n.type == "identifier" and p is not None):
        return False
    return p.type == "formal" or (p.type == "inherited_attrs" and p.child_count == 1)
