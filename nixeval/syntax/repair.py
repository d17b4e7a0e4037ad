"""Token-boundary repairs: where tree-sitter-nix 0.1.0 cuts the source into tokens
differently from Nix's lexer, make the two agree by inserting white space, and map
every position back to the original text.

tree-sitter-nix 0.1.0 lexes some spellings that Nix reads as several tokens as one
(`a//b` is one path token to it; Nix reads `a`, `//`, `b`), and some openings of an
indented string differently (`'''${x}''`: Nix reads `''` and then a quote). Patching
each spelling in the lowering would mean re-deriving by hand what the parser would
have built had it seen the right tokens. Instead this module finds the token
boundaries that Nix has and tree-sitter lacks, inserts one space at each (white
space only ever separates tokens), and the source is parsed again.

Invariants:
- An `Edits` only inserts single spaces, at offsets of the original source; nothing
  is deleted or replaced, so every byte of the parsed text is either original or
  an inserted space.
- The lowering reads literal text (strings, paths, names) from the original bytes
  by mapped offsets, never from the edited text, so an inserted space can never
  become part of a value: a space inserted inside a string, before its `${`, only
  moves tree-sitter's token boundary.
- Positions in the AST and in errors are original positions (`to_original`).
- Repairs never make tree-sitter accept what Nix rejects: each detector inserts a
  space only where Nix's lexer ends a token (see each detector), so the edited
  text has Nix's tokens and tree-sitter's grammar then decides as Nix's does.
- Files that need no repair (nearly all) cost one regular-expression scan.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

# Nix's PATH_CHAR: the characters a path segment is made of.
_PATH_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+")

# `//` right after a path character: a glued update operator, or a path with an
# empty segment; the tree decides which.
_GLUED_UPDATE = re.compile(rb"[A-Za-z0-9._+\-]//")
# `'` right after `''`: an indented string's opening followed by a quote, or an
# escape `'''` inside one; the tree decides which.
_TRIPLE_QUOTE = re.compile(rb"'''")


class Edits:
    """Single spaces inserted into a source, and the map back to original offsets."""

    __slots__ = ("points", "_new")

    def __init__(self, points: list[int]):
        self.points = sorted(points)  # original offsets; a space goes before each
        self._new = [p + i for i, p in enumerate(self.points)]  # where each space lands

    def apply(self, data: bytes) -> bytes:
        out = []
        prev = 0
        for p in self.points:
            out.append(data[prev:p])
            out.append(b" ")
            prev = p
        out.append(data[prev:])
        return b"".join(out)

    def to_original(self, offset: int) -> int:
        """The original offset of an offset in the edited text (an inserted space
        maps to the original byte that follows it)."""
        new = self._new
        i = bisect_left(new, offset)
        if i < len(new) and new[i] == offset:
            return self.points[i]
        return offset - i

    def to_edited(self, offset: int) -> int:
        """The offset in the edited text of an original byte."""
        return offset + bisect_left(self.points, offset + 1)


def _node_at(root: Any, offset: int) -> Any:
    return root.descendant_for_byte_range(offset, offset + 1)


def _glued_update(root: Any, data: bytes) -> list[int]:
    """`a//b`, `1//2`, `a.b//c`: Nix's PATH token needs a path character after every
    `/`, so `X//` with X made of path characters is not a path: Nix reads X, then
    the `//` operator, then lexes on. tree-sitter-nix reads one path token. Separate
    the operator when it starts the path token (a `//` after a full segment, as in
    `a/b//c`, is a path with a trailing slash to Nix too, and stays an error)."""
    points: list[int] = []
    for m in _GLUED_UPDATE.finditer(data):
        at = m.start() + 1  # the first '/'
        node = _node_at(root, at)
        if node is None or node.type != "path_fragment":
            continue
        parent = node.parent
        if parent is not None and parent.type in ("path_expression", "hpath_expression") \
                and parent.children[0] != node:
            continue  # a later piece of an interpolated path
        head = data[node.start_byte:at]
        if all(c in _PATH_CHARS for c in head):
            points.append(at)
            points.append(at + 2)
    return points


def _quote_after_opening(root: Any, data: bytes) -> list[int]:
    """`'''${x}''`: Nix opens an indented string with `''` and reads the next `'` as
    text; tree-sitter-nix reads `'''` as one token there and fails. Separate the
    opening when tree-sitter's token at that point is not part of a valid string."""
    points: list[int] = []
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
        points.append(at + 2)
    return points


_DETECTORS = (
    (_GLUED_UPDATE, _glued_update),
    (_TRIPLE_QUOTE, _quote_after_opening),
)

MAX_ROUNDS = 8


def find_repairs(root: Any, data: bytes) -> list[int]:
    """Offsets (in `data`) before which a space gives tree-sitter Nix's tokens."""
    points: list[int] = []
    for prefilter, detect in _DETECTORS:
        if prefilter.search(data) is not None:
            points.extend(detect(root, data))
    return points
