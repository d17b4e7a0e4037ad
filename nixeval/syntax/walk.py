"""The walk of tree-sitter's tree: the lowering's driver, positions and scopes.

Owns `Walk`, the base of `Lowering` (expressions.py): where a node is in the
original text (`span`, `start`, `end`, `text`), the scopes and variable resolution
(`resolve`), and the driver that runs the lowering functions.

Invariants:
- No recursion per level of nesting: every lowering function `l_X` (for tree-sitter
  node type X) is a generator that `yield`s a child (a tree-sitter node, or a
  bindings.py `_PreAttrs`) and receives its lowered AST; `_drive` runs them with an
  explicit stack. A 100,000-deep input costs heap. Leaves (`s_X`: numbers,
  variables, URIs) are lowered at once, without a generator.
- Offsets are the original program's: the tree may have been parsed from text that
  repair.py edited, and `edits` maps its offsets back.
- Scope analysis happens during the walk: each variable becomes `Var(depth, index)`,
  a `WithVar`, or a `ParseError` ("undefined variable") when no `with` encloses it.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from nixeval.errors import ParseError, UndefinedVariable
from nixeval.source import Source, Span
from nixeval.syntax import ast as A
from nixeval.syntax.parse_errors import syntax_error
from nixeval.syntax.repair import Edits

Gen = Generator[Any, Any, Any]


class Scope:
    """The names one construct binds (slot index per name), or a `with`."""

    __slots__ = ("names", "is_with")

    def __init__(self, names: dict[str, int] | None, is_with: bool = False):
        self.names = names if names is not None else {}
        self.is_with = is_with


class Walk:
    def __init__(self, source: Source, base_dir: str, global_names: dict[str, int],
                 home: str | None = None, edits: Edits | None = None):
        self.source = source
        self.data = source.data  # the original bytes: literal text is read from here
        # The spaces inserted so that tree-sitter sees Nix's tokens (see repair.py):
        # tree offsets are mapped back through it.
        self.edits = edits
        # Whether pipe operators were written over with `->` (see repair.py).
        self.pipes = edits is not None and bool(edits.subs)
        self.base_dir = base_dir
        self.scopes: list[Scope] = [Scope(global_names)]
        self.home = home
        self.clean = False  # set when the tree has no ERROR or MISSING node at all
        names = dir(self)
        self._methods = {name[2:]: getattr(self, name) for name in names if name.startswith("l_")}
        self._leaves = {name[2:]: getattr(self, name) for name in names if name.startswith("s_")}

    # --- positions and text ------------------------------------------------------

    def span(self, n: Any) -> Span:
        e = self.edits
        if e is None:
            return Span(self.source, n.start_byte, n.end_byte)
        return Span(self.source, e.to_original(n.start_byte), e.to_original(n.end_byte))

    def start(self, n: Any) -> int:
        """The original offset where node `n` starts."""
        e = self.edits
        return n.start_byte if e is None else e.to_original(n.start_byte)

    def end(self, n: Any) -> int:
        """The original offset where node `n` ends."""
        e = self.edits
        return n.end_byte if e is None else e.to_original(n.end_byte)

    def text(self, n: Any) -> str:
        return self.data[self.start(n) : self.end(n)].decode("utf-8", "surrogateescape")

    def slice(self, start: int, end: int) -> str:
        """Original text between two original offsets."""
        return self.data[start:end].decode("utf-8", "surrogateescape")

    def error(self, msg: str, n: Any) -> ParseError:
        return ParseError(msg, self.span(n))

    def syntax_error(self, n: Any) -> ParseError:
        return syntax_error(self.source, n, edits=self.edits)

    # --- scopes ------------------------------------------------------------------

    def resolve(self, name: str, span: Span) -> A.Node:
        withs = []
        depth = 0
        for scope in reversed(self.scopes):
            if scope.is_with:
                withs.append(depth)
            else:
                idx = scope.names.get(name)
                if idx is not None:
                    return A.make_var(name, depth, idx, span)
            depth += 1
        if withs:
            return A.WithVar(name, tuple(withs), span)
        raise UndefinedVariable(f"undefined variable '{name}'", span)

    # --- the driver --------------------------------------------------------------

    def lower(self, root: Any) -> A.Node:
        """The AST of the tree-sitter node `root`."""
        leaf = self._leaves.get(root.type)
        if leaf is not None:
            return leaf(root)
        return self._drive(self._dispatch(root))

    def _drive(self, gen: Gen) -> Any:
        """Run the lowering generator `gen` to its end, lowering every child it
        yields (and their children) with an explicit stack; its return value."""
        leaves = self._leaves
        stack: list[Gen] = []
        val: Any = None
        while True:
            try:
                child = gen.send(val)
            except StopIteration as stop:
                if not stack:
                    return stop.value
                gen = stack.pop()
                val = stop.value
                continue
            # Leaves (variables, numbers) are lowered right here, without a generator.
            leaf = leaves.get(child.type)
            if leaf is not None:
                val = leaf(child)
                continue
            stack.append(gen)
            gen = self._dispatch(child)
            val = None

    def _dispatch(self, n: Any) -> Gen:
        """The lowering generator of node `n` (by its type: `l_<type>`)."""
        meth = self._methods.get(n.type)
        if meth is None:
            if n.type == "ERROR" or n.is_missing:
                raise self.syntax_error(n)
            raise self.error(f"syntax error, unexpected {n.type}", n)
        return meth(n)
