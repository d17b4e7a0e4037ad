"""Token-boundary repairs: where tree-sitter-nix 0.1.0 cuts the source into tokens
differently from Nix's lexer, make the two agree by inserting a few bytes, and map
every position back to the original text.

tree-sitter-nix 0.1.0 lexes some spellings that Nix reads as several tokens as one
(`a//b` is one path token to it; Nix reads `a`, `//`, `b`), and fails on some
spellings inside strings and paths that Nix reads fine (`'''${x}''`, `''${x}'${x}''`,
`~/${x}`). Patching each spelling in the lowering would mean re-deriving by hand
what the parser would have built had it seen the right tokens. Instead this module
finds each such place in the tree, inserts a byte or two that give tree-sitter
Nix's tokens there (a space where Nix ends a token, a path character where
tree-sitter cannot start a path piece), and the source is parsed again.

The pipe operators `|>` and `<|` (experimental feature `pipe-operators`) are
tokens tree-sitter-nix 0.1.0 does not know. Where Nix's lexer reads one, it is
written over with `->` (with a space before it, so that a preceding name does not
swallow the `-`): `->` is the operator of lowest precedence tree-sitter knows, and
its operands are those of a pipe (`expr_op`s), so the tree holds each chain of
`->`/pipe operators in one right-leaning spine that the lowering re-associates by
Nix's rules (see `Lowering._pipe_chain`, expressions.py). Nix 2.8 has no `|` token outside `||`, so
every program this touches is one 2.8 rejects.

Invariants:
- An `Edits` inserts at offsets of the original source and writes over original
  bytes with as many bytes (the pipe operators only); nothing is deleted, so every
  byte of the parsed text is original, inserted, or a same-length replacement.
- The lowering reads literal text (strings, paths, names) from the original bytes
  by mapped offsets, never from the edited text, so inserted bytes can never become
  part of a value: an insertion maps to the original offset it was made at, so a
  piece of text that contains it reads, in the original, exactly what was there.
- Positions in the AST and in errors are original positions (`to_original`).
- Repairs never make tree-sitter accept what Nix rejects: each detector inserts
  only where Nix's lexer reads the tokens the insertion produces (see each
  detector), so the edited text has Nix's tokens and tree-sitter's grammar then
  decides as Nix's does.
- Files that need no repair (nearly all) cost a few regular-expression scans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

# Nix's PATH_CHAR: the characters a path segment is made of.
PATH_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+")

# Candidates; the tree decides which are places tree-sitter got wrong.
_DOUBLE_SLASH = re.compile(rb"//")
_TRIPLE_QUOTE = re.compile(rb"'''")
_QUOTE_INTERP = re.compile(rb"'\$\{")
_HOME_INTERP = re.compile(rb"~/\$\{")

Insertion = tuple[int, bytes]  # (offset, bytes inserted before it)
Replacement = tuple[int, bytes]  # (offset, bytes written over as many original bytes)


class Edits:
    """Bytes inserted into a source (and same-length replacements of some of its
    bytes), and the map back to original offsets."""

    __slots__ = ("points", "subs", "_new", "_cum")

    def __init__(self, insertions: list[Insertion], replacements: list[Replacement] | None = None):
        self.points = sorted(insertions)
        self.subs = sorted(replacements) if replacements else []
        new: list[int] = []
        cum: list[int] = []  # bytes inserted before insertion i
        total = 0
        for p, text in self.points:
            new.append(p + total)
            cum.append(total)
            total += len(text)
        self._new = new
        self._cum = cum

    def apply(self, data: bytes) -> bytes:
        if self.subs:  # same length: offsets do not move
            buf = bytearray(data)
            for p, text in self.subs:
                buf[p : p + len(text)] = text
            data = bytes(buf)
        out = []
        prev = 0
        for p, text in self.points:
            out.append(data[prev:p])
            out.append(text)
            prev = p
        out.append(data[prev:])
        return b"".join(out)

    def to_original(self, offset: int) -> int:
        """The original offset of an offset in the edited text (an inserted byte
        maps to the original offset it was inserted at)."""
        i = bisect_right(self._new, offset) - 1
        if i < 0:
            return offset
        p, text = self.points[i]
        if offset < self._new[i] + len(text):
            return p
        return offset - self._cum[i] - len(text)


def _node_at(root: Any, offset: int) -> Any:
    return root.descendant_for_byte_range(offset, offset + 1)


def _inside_error(node: Any, at: int) -> bool:
    """tree-sitter could not place the token at `at`: it is an ERROR, or lies in one
    that starts there."""
    while node is not None and node.start_byte == at:
        if node.type == "ERROR":
            return True
        node = node.parent
    return node is not None and node.type == "ERROR"


def _glued_update(root: Any, data: bytes) -> list[Insertion]:
    """`a//b`, `1//2`, `a.b//c`, `{}//a`, `a //b`: Nix's PATH token needs a path
    character after every `/`, so text starting `X//` with X made of path
    characters (or empty) is not a path: Nix reads X, then the `//` operator, then
    lexes on. tree-sitter-nix reads one path token. Separate the operator when it
    falls in the first piece of a path token before any full segment (a `//` after
    a full segment, as in `a/b//c`, is a path with a trailing slash to Nix too)."""
    out: list[Insertion] = []
    for m in _DOUBLE_SLASH.finditer(data):
        at = m.start()
        node = _node_at(root, at)
        if node is None or node.type != "path_fragment" or node.start_byte > at:
            continue
        parent = node.parent
        if parent is not None and parent.type in ("path_expression", "hpath_expression") \
                and parent.children[0] != node:
            continue  # a later piece of an interpolated path
        head = data[node.start_byte:at]
        if all(c in PATH_CHARS for c in head):
            out.append((at, b" "))
            out.append((at + 2, b" "))
    return out


def _quote_after_opening(root: Any, data: bytes) -> list[Insertion]:
    """`'''${x}''`, `'''a''` at the start of an expression: Nix opens an indented
    string with `''` and reads the next `'` as text; tree-sitter-nix reads `'''` as
    one token there and fails. Separate the opening when tree-sitter's token there
    is not part of a string it understood."""
    out: list[Insertion] = []
    for m in _TRIPLE_QUOTE.finditer(data):
        at = m.start()
        node = _node_at(root, at)
        if node is None:
            continue
        p = node
        while p is not None and p.type != "indented_string_expression" and p.type != "ERROR":
            p = p.parent
        if p is None:
            continue
        # Inside a string tree-sitter understood, `'''` is an escape. It is an
        # opening when it starts the string or the ERROR tree-sitter made of it (an
        # escape would come after an opening, inside the same node).
        if p.start_byte != at or (p.type != "ERROR" and not p.has_error):
            continue
        out.append((at + 2, b" "))
    return out


def _quote_before_interpolation(root: Any, data: bytes) -> list[Insertion]:
    """`''${x}'${x}''`, `''''\\x'${x}''`: in an indented string Nix reads a lone `'`
    before `${` as text; tree-sitter-nix fails on it when it starts a piece of its
    own (after an escape or an interpolation). A space before the quote makes it
    part of a text piece, as it is when text precedes it (`''a'${x}''`)."""
    out: list[Insertion] = []
    for m in _QUOTE_INTERP.finditer(data):
        at = m.start()
        node = _node_at(root, at)
        if node is None or not _inside_error(node, at):
            continue
        # Inside an indented string: one tree-sitter understood, or an ERROR it made
        # of one (opened by `''`).
        p = node
        while p is not None and p.type != "indented_string_expression" and not (
                p.type == "ERROR" and p.child_count and p.children[0].type == "''"):
            p = p.parent
        if p is not None:
            out.append((at, b" "))
    return out


def _home_interpolation(root: Any, data: bytes) -> list[Insertion]:
    """`~/${x}`: Nix starts a home path with `~/` right before an interpolation;
    tree-sitter-nix cannot start one without a path character after the slash.
    Inserting one lets it read `~/_` + `${x}`; the lowering reads the piece back
    from the original text, which is `~/`."""
    out: list[Insertion] = []
    for m in _HOME_INTERP.finditer(data):
        at = m.start()
        node = _node_at(root, at)
        if node is not None and _inside_error(node, at):
            out.append((at + 2, b"_"))
    return out


# `||` is listed so that a scan from the left reads `||>` as Nix's lexer does (`||`, `>`).
_PIPE_CANDIDATE = re.compile(rb"\|\||\|>|<\|")
# Nodes whose text is a string's or a comment's: a `|>` there is text.
_TEXT_NODES = frozenset(("comment", "string_fragment", "escape_sequence", "dollar_escape",
                         "string_expression", "indented_string_expression"))
PIPE_OPERATORS = (b"|>", b"<|")


def find_pipe_operators(root: Any, data: bytes) -> tuple[list[Insertion], list[Replacement]]:
    """The pipe operators `|>` and `<|` of `data` (outside strings and comments),
    each written over with `->` after an inserted space (see the module docstring).

    The scan reads from the left as Nix's lexer does, so `<|>` is `<|` then `>`, and
    `||>` is `||` then `>`. Whether a candidate is code is the tree's answer: its
    node is not (inside) a string's text or a comment, unless an interpolation
    comes first on the way up."""
    ins: list[Insertion] = []
    subs: list[Replacement] = []
    for m in _PIPE_CANDIDATE.finditer(data):
        if m.group(0) not in PIPE_OPERATORS:
            continue
        at = m.start()
        node = _node_at(root, at)
        while node is not None and node.type != "interpolation" and node.type not in _TEXT_NODES:
            node = node.parent
        if node is not None and node.type != "interpolation":
            continue
        ins.append((at, b" "))
        subs.append((at, b"->"))
    return ins, subs


_DETECTORS = (
    (_DOUBLE_SLASH, _glued_update),
    (_TRIPLE_QUOTE, _quote_after_opening),
    (_QUOTE_INTERP, _quote_before_interpolation),
    (_HOME_INTERP, _home_interpolation),
)

MAX_ROUNDS = 8


def find_repairs(root: Any, data: bytes) -> list[Insertion]:
    """Insertions (at offsets of `data`) that give tree-sitter Nix's tokens."""
    out: list[Insertion] = []
    for prefilter, detect in _DETECTORS:
        if prefilter.search(data) is not None:
            out.extend(detect(root, data))
    return out
