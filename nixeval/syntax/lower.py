"""Parsing a program: its text -> tree-sitter's concrete syntax tree -> nixeval's AST.

`parse` is the syntax's entry point. It shows tree-sitter the text as Nix's lexer
would read it (a NUL byte ends the program, a CR ends a comment, the token
boundaries of repair.py), parses it, reports the first syntax error as Nix does
(parse_errors.py, diagnose.py), and lowers the tree with `Lowering` while the
cyclic GC is paused (nixeval.memory).

The lowering is in several modules, one job each:
- walk.py: the explicit-stack driver (no recursion per level of nesting), node
  positions in the original text, scopes and variable resolution;
- expressions.py: `Lowering`, every expression but the two below;
- literals.py: strings, indented strings and paths;
- bindings.py: attribute sets, `let` and `inherit`;
- parse_errors.py: syntax errors as Nix reports them.

Only these modules (and repair.py) touch tree-sitter nodes.

diagnose.py (Nix 2.8's lexer and grammar tables) is imported only on the rare paths
that need it (a NUL byte, a CR, a rejected program): importing it costs 4% of the
evaluator's start-up.

Invariants:
- The grammar gaps of tree-sitter-nix 0.1.0 are repaired (trailing comma in
  formals, `or` as an argument) and the programs the grammar accepts but Nix rejects
  (duplicate attributes and formals, dynamic attributes in `let`) are rejected with
  Nix's messages. See grammar/README.md.
- The pipe operators `|>` and `<|` (Nix 2.24, experimental feature
  `pipe-operators`) reach the tree as `->` (repair.py); `parse` raises Nix's error
  for them when the feature is off.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import tree_sitter
import tree_sitter_nix

from nixeval import memory
from nixeval.errors import ParseError
from nixeval.source import Source
from nixeval.syntax import ast as A
from nixeval.syntax.expressions import Lowering
from nixeval.syntax.parse_errors import (
    as_nix_reports,
    first_error,
    pipe_feature_error,
    syntax_error,
)
from nixeval.syntax.repair import MAX_ROUNDS, Edits, find_pipe_operators, find_repairs

LANGUAGE = tree_sitter.Language(tree_sitter_nix.language())
_parser = tree_sitter.Parser(LANGUAGE)


# The experimental features that change what parses (a cache of ASTs keys on them).
SYNTAX_FEATURES = frozenset({"pipe-operators"})


def _parse_tree(data: bytes) -> tuple[Any, Edits | None]:
    """tree-sitter's tree of `data`, after the token-boundary repairs of repair.py
    (None when none was needed)."""
    root = _parser.parse(data).root_node
    edits: Edits | None = None
    pipes = b"|>" in data or b"<|" in data
    for _ in range(MAX_ROUNDS):
        edited = data if edits is None else edits.apply(data)
        points = find_repairs(root, edited)
        subs: list[tuple[int, bytes]] = []
        if pipes:
            more, subs = find_pipe_operators(root, edited)
            points += more
        if not points:
            break
        if edits is not None:
            points = [(edits.to_original(p), t) for p, t in points] + edits.points
            subs = [(edits.to_original(p), t) for p, t in subs] + edits.subs
        edits = Edits(points, subs)
        root = _parser.parse(edits.apply(data)).root_node
    return root, edits


def _token_nul(data: bytes) -> int | None:
    """The offset of the first NUL byte Nix's lexer reads as a token (outside strings
    and comments), or None. If the lexer fails before it, the first NUL of all."""
    from nixeval.syntax.diagnose import LexError, tokens  # rare: see the module docstring

    try:
        for kind, pos, _end in tokens(data):
            if kind == "end of file":
                return pos if pos < len(data) and data[pos] == 0 else None
    except LexError:
        pass
    return data.index(b"\0")


def parse(source: Source, base_dir: str, global_names: dict[str, int], home: str | None = None,
          features: Collection[str] = ()) -> A.Node:
    """Parse and lower a whole program; raises ParseError for invalid programs.
    `features`: the enabled experimental features (of those in SYNTAX_FEATURES, the
    ones that change what parses: a cache of ASTs must key on them)."""
    full = source.data
    if b"\0" in source.data:
        # A NUL byte that Nix's lexer reads as a token is token 0, the end of file:
        # the program ends there. One inside a string or comment does not end it
        # (a string's value ends at it: literals.py's `_c_string`).
        nul = _token_nul(source.data)
        if nul is not None:
            source = Source(source.data[:nul].decode("utf-8", "surrogateescape"),
                            path=source.path, name=source.name)
    data = source.data
    if b"\0" in data:
        # NULs left are inside strings and comments, where tree-sitter-nix stops at
        # them: it is shown another byte (the literal text is read from the source).
        data = data.replace(b"\0", b"\x01")
    if b"\r" in data:
        # A bare CR ends a `#` comment for Nix's lexer: show tree-sitter a LF there
        # (the same length, so every offset stands).
        from nixeval.syntax.diagnose import comment_crs  # rare: see the module docstring

        crs = comment_crs(data)
        if crs:
            edited = bytearray(data)
            for p in crs:
                edited[p] = 0x0A
            data = bytes(edited)
    root, edits = _parse_tree(data)
    if not root.has_error and (b"\x0b" in data or b"\x0c" in data):
        # tree-sitter-nix skips a vertical tab or form feed as white space; Nix's
        # lexer reads one outside a string or comment as an invalid token.
        placeholder = ParseError("syntax error", None)
        err = as_nix_reports(source, placeholder, full, edits)
        if err is not placeholder:
            raise err
    # Without the feature, Nix's lexer fails on the first pipe operator it reads:
    # that error wins over any error found further on.
    pipe_off = edits is not None and bool(edits.subs) and "pipe-operators" not in features
    if root.has_error:
        bad = first_error(root)
        if bad is not None:
            err = as_nix_reports(source, syntax_error(source, bad, edits=edits), full, edits)
            if pipe_off:
                raise pipe_feature_error(source, edits, err) from None
            raise err
    lowering = Lowering(source, base_dir, global_names, home, edits)
    lowering.clean = not root.has_error
    with memory.paused():  # the AST has no cycles to collect (see memory.paused)
        try:
            node = lowering.lower(root)
        except ParseError as err:
            better = as_nix_reports(source, err, full, edits)
            if pipe_off:
                raise pipe_feature_error(source, edits, better) from None
            if better is not err:
                raise better from None
            raise
    if pipe_off:
        raise pipe_feature_error(source, edits, None)
    return node
