"""The value model: what a Nix value is in Python.

Closed set, Python natives where they are exact:

| Nix       | Python                                                        |
|-----------|---------------------------------------------------------------|
| int       | `int` (never `bool`: test with `type(v) is int`)              |
| float     | `float`                                                       |
| bool      | `bool`                                                        |
| null      | `None`                                                        |
| string    | `str` without context, `NixString` (a `str`) with context;    |
|           | bytes as UTF-8 with surrogateescape, see `canonical_str`      |
| path      | `NixPath`                                                     |
| list      | `list` of items (immutable once built, see below)             |
| attrset   | `dict` name -> item (insertion order is not Nix order:        |
|           | sort names where Nix shows order); `AttrSet`, a dict that     |
|           | knows where it and its attributes were written, for literals  |
| lambda    | `Lambda`                                                      |
| primop    | `PrimOp`, partially applied: `PrimOpApp`                      |

An *item* (list element, attribute value, environment slot) is either a value or a
`Thunk`. Lists and dicts are never mutated after construction, except that a slot
holding a thunk may be overwritten with that thunk's value once it is forced (the
same Nix value, reached faster).

A `Thunk` is a small state machine (see its docstring); its state changes only
through its named transitions.
"""

from __future__ import annotations

import re
from typing import Any

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


class Thunk:
    """A suspended computation, memoised. Three states over three slots (a tagged
    union: each state gives the slots its own meaning):

    | state      | node          | env                      | value                     |
    |------------|---------------|--------------------------|---------------------------|
    | suspended  | the AST node  | its environment          | None                      |
    | blackholed | `BLACKHOLE`   | the environment (kept)   | the `Span` that forced it |
    | evaluated  | None          | None                     | the value                 |

    Transitions: `blackhole(span)` (suspended -> blackholed; forcing a blackholed
    thunk again is infinite recursion, reported at `forced_at`), `resolve(value)`
    (-> evaluated) and `suspend(node)` (blackholed -> suspended again, when its
    evaluation failed: forcing it later starts over, as in Nix). Test the state with
    `node is None` (evaluated) and `node is BLACKHOLE`. The machine's hottest loops
    (nixeval/machine/calls.py, fast.py) write `resolve` out inline, marked so.
    """

    __slots__ = ("node", "env", "value")

    def __init__(self, node: Any, env: Any):
        self.node = node
        self.env = env
        self.value: Any = None

    @classmethod
    def of(cls, value: Any) -> Thunk:
        """An already-evaluated thunk (rarely needed: store the value itself)."""
        t = cls.__new__(cls)
        t.node = None
        t.env = None
        t.value = value
        return t

    def blackhole(self, span: Any) -> Any:
        """suspended -> blackholed, forced from `span`; returns the node to evaluate."""
        node = self.node
        self.node = BLACKHOLE
        self.value = span
        return node

    def resolve(self, value: Any) -> None:
        """-> evaluated (from suspended, by a synchronous attempt, or from blackholed)."""
        self.node = None
        self.env = None
        self.value = value

    def suspend(self, node: Any) -> None:
        """blackholed -> suspended again (its evaluation failed)."""
        self.node = node
        self.value = None

    @property
    def forced_at(self) -> Any:
        """Where a blackholed thunk was forced from (None in other states)."""
        return self.value if self.node is BLACKHOLE else None

    def __repr__(self) -> str:
        if self.node is None:
            return f"Thunk(={brief(self.value)})"
        return "Thunk(<blackhole>)" if self.node is BLACKHOLE else "Thunk(<suspended>)"


class _Blackhole:
    __slots__ = ()
    leafy = False

    def __repr__(self) -> str:
        return "BLACKHOLE"


BLACKHOLE: Any = _Blackhole()


class AttrSet(dict):  # type: ignore[type-arg]
    """An attribute set that knows positions: `pos` (of the set) and `attr_pos` (name ->
    Span of the attribute, a mapping that may be shared between sets). Sets made by
    literals and kept by `//` are AttrSets; sets made by builtins are plain dicts.
    Test attribute sets with `isinstance(v, dict)`."""

    __slots__ = ("pos", "attr_pos")
    pos: Any  # the Span of the set, or None
    attr_pos: Any  # name -> Span (a dict or a `PosOverlay`), or None


class PosOverlay:
    """The attribute positions of `a // b`, made in O(1): a name `b` binds has its
    position in `over` (b's positions, or None when b has none), any other name its
    position in `under` (a's). Lookups walk nested overlays iteratively."""

    __slots__ = ("under", "over", "b")

    def __init__(self, under: Any, over: Any, b: dict[str, Any]):
        self.under = under
        self.over = over
        self.b = b

    def get(self, name: str, default: Any = None) -> Any:
        m = self
        while True:
            while type(m) is PosOverlay:
                if name in m.b:
                    m = m.over
                    break
                m = m.under
            else:
                return m.get(name, default) if m is not None else default
            # `name` is bound by that overlay's `b`: its positions decide
            if m is None:
                return default


def set_position(v: Any) -> Any:
    """The Span where an attribute set was written, if known."""
    return v.pos if type(v) is AttrSet else None


def attr_position(v: Any, name: str) -> Any:
    """The Span of attribute `name` of a set, if known."""
    if type(v) is AttrSet and v.attr_pos is not None:
        return v.attr_pos.get(name)
    return None


def pos_attrs(span: Any) -> Any:
    """A position as Nix shows it to programs (`unsafeGetAttrPos`, `__curPos`):
    { column, file, line }; for -E or stdin input Nix names the "file" by the
    expression text itself."""
    line, col = span.line_col
    path = span.source.path
    return {"column": col, "file": path if path is not None else span.source.text, "line": line}


class NixPath:
    """A path value: an absolute, normalised file-system path."""

    __slots__ = ("path",)

    def __init__(self, path: str):
        self.path = path

    def __eq__(self, other: object) -> bool:
        return type(other) is NixPath and other.path == self.path

    def __hash__(self) -> int:
        return hash(("path", self.path))

    def __repr__(self) -> str:
        return f"NixPath({self.path!r})"


class NixString(str):
    """A string with a non-empty context: the store paths it depends on.

    Context elements use Nix's own encoding: `/nix/store/...` (a plain store path),
    `=/nix/store/...drv` (the derivation and all its outputs), `!out!/nix/store/...drv`
    (one output of a derivation).
    """

    context: frozenset[str]

    def __new__(cls, s: str, context: frozenset[str] | set[str]) -> Any:
        if not context:
            return str(s)
        obj = super().__new__(cls, s)
        obj.context = frozenset(context)
        return obj


# A lone lead byte (C2..F4) then a lone continuation byte (80..BF), both held as
# surrogateescape surrogates: only such a pair can start a sequence that is UTF-8.
_SPLIT_CHAR = re.compile("[\udcc2-\udcf4][\udc80-\udcbf]")


def canonical_str(s: str) -> str:
    """`s` in its one canonical form: a Nix string is bytes, held as their UTF-8
    decoding with surrogateescape (a byte that is not UTF-8 is a lone surrogate
    U+DC80..U+DCFF). Joining strings can put together the bytes of a character cut
    apart (`substring 0 1 "é" + substring 1 1 "é"`): such a join is decoded again so
    that equal bytes are equal `str`s. O(1) for ASCII text."""
    if s.isascii() or _SPLIT_CHAR.search(s) is None:
        return s
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")


def context_of(s: str) -> frozenset[str]:
    return s.context if type(s) is NixString else frozenset()


def make_string(s: str, context: frozenset[str] | set[str] | None) -> str:
    """A string value: plain `str` when the context is empty."""
    if not context:
        return s
    return NixString(s, context)


class Lambda:
    """A closure: a `syntax.ast.Lambda` node and the environment it was created in."""

    __slots__ = ("node", "env")

    def __init__(self, node: Any, env: Any):
        self.node = node
        self.env = env

    def __repr__(self) -> str:
        return "<LAMBDA>"


# Returned by the sync fast path of an async builtin when the async builtin must run.
SLOW: Any = type("Slow", (), {"__slots__": (), "__repr__": lambda self: "SLOW"})()


class PrimOp:
    """A builtin function. See `nixeval.builtins.registry` for how one is declared.
    `fast` is the optional sync fast path of an async builtin (or None)."""

    __slots__ = ("name", "arity", "fn", "strict", "is_async", "impure", "fast")

    def __init__(self, name: str, arity: int, fn: Any, strict: tuple[bool, ...],
                 is_async: bool, impure: bool = False):
        self.name = name
        self.arity = arity
        self.fn = fn
        self.strict = strict
        self.is_async = is_async
        self.impure = impure
        self.fast: Any = None

    def __repr__(self) -> str:
        return "<PRIMOP>"


class PrimOpApp:
    """A primop applied to fewer arguments than its arity."""

    __slots__ = ("op", "args")

    def __init__(self, op: PrimOp, args: tuple[Any, ...]):
        self.op = op
        self.args = args

    def __repr__(self) -> str:
        return "<PRIMOP-APP>"


def type_name(v: Any) -> str:
    """`builtins.typeOf` of a forced value."""
    t = type(v)
    if t is int:
        return "int"
    if t is bool:
        return "bool"
    if t is str or t is NixString:
        return "string"
    if t is dict or t is AttrSet:
        return "set"
    if t is list:
        return "list"
    if t is float:
        return "float"
    if v is None:
        return "null"
    if t is NixPath:
        return "path"
    if t is Lambda or t is PrimOp or t is PrimOpApp:
        return "lambda"
    raise AssertionError(f"not a Nix value: {v!r}")


_SHOW_TYPE = {
    "int": "an integer",
    "bool": "a Boolean",
    "string": "a string",
    "set": "a set",
    "list": "a list",
    "float": "a float",
    "null": "null",
    "path": "a path",
}


def show_type(v: Any) -> str:
    """The type as Nix names it in error messages ('a set', 'an integer', ...)."""
    t = type(v)
    if t is Lambda:
        return "a function"
    if t is PrimOp:
        return f"the built-in function '{v.name}'"
    if t is PrimOpApp:
        return f"the partially applied built-in function '{v.op.name}'"
    return _SHOW_TYPE[type_name(v)]


def brief(v: Any, limit: int = 80, names: int = 8) -> str:
    """A bounded, one-level description of a value for `repr`s: a set shows its first
    `names` attribute names (in Nix's order) and how many more there are, a list its
    length, a long string or other text is cut at `limit` characters. Never walks
    into the value, so it costs the same for a huge or 100,000-deep value."""
    if type(v) is Thunk:
        return repr(v)
    if isinstance(v, dict):
        return "{" + attr_names_brief(v, names, limit // 2) + "}"
    if type(v) is list:
        return f"[{len(v)} item{'' if len(v) == 1 else 's'}]"
    text = repr(str(v)) if isinstance(v, str) else repr(v)
    if len(text) > limit:
        text = f"{text[:limit]}... ({len(text)} characters)"
    return text


def attr_names_brief(names: Any, count: int = 8, width: int = 40) -> str:
    """The first `count` of a collection of attribute names in sorted order, each cut at
    `width` characters, then `... N more` (O(n), no full sort)."""
    import heapq

    n = len(names)
    first = heapq.nsmallest(count, names) if n > count else sorted(names)
    shown = [name if len(name) <= width else name[:width] + "..." for name in first]
    if n > count:
        shown.append(f"... {n - count} more")
    return ", ".join(shown)
