"""nixeval's abstract syntax tree: what the lowering produces and the evaluator walks.

Invariants:
- Nodes are small `__slots__` classes named with Nix's own terms; every node has a
  `span` (source, start, end) for errors.
- Variables are resolved statically by the lowering: `Var(depth, index)` reads the
  environment `depth` levels up; `WithVar` is a dynamic lookup through the enclosing
  `with` scopes (`with_depths`, innermost first).
- Runtime environments are Python lists: `env[0]` is the parent environment, the
  slots are `env[1:]`. A `with` scope is an environment with one slot, the attrset.
- The node classes an AST of real code is mostly made of pickle their fields as a
  tuple (`__getstate__`/`__setstate__`): the AST cache (cache.py) loads that about
  a third faster than the default per-object dictionaries. A new field must be added
  there too; tests/test_ast_pickle.py checks every class round-trips.
- Nothing in this module evaluates: every class's evaluators (`ev`, `fast`, `item`,
  declared on `Node` below) are installed by nixeval/machine/dispatch.py, which
  says which function evaluates which node.
- The evaluator gives every node a synchronous `fast(env)` path besides its `ev`.
  `fast` recurses into the node's strict children, so it is tried only on nodes of
  small height (`h`, the nesting of such children; `leafy` is `h <= FAST_HEIGHT`):
  Python's stack stays bounded however deep an expression is written.
"""

from __future__ import annotations

from typing import Any

from nixeval.source import Span

# The largest height of a node whose `fast` path is tried.
FAST_HEIGHT = 12


def _height(*children: Node | None) -> int:
    return 1 + max(c.h for c in children if c is not None)


class Node:
    __slots__ = ("span",)
    span: Span | None
    # `h`: how deeply `fast` recurses through strict children (0 for a node whose
    # `fast` recurses into nothing: constants, variables, lambdas, list and set
    # literals). `leafy`: whether `fast` may succeed, so is worth trying on a thunk.
    h = 0
    leafy = False

    # The evaluators, installed on each class by nixeval/machine/dispatch.py.
    def ev(self, env: list[Any], d: int) -> Any:
        """A coroutine evaluating the node to weak head normal form (nodes.py)."""
        raise NotImplementedError(type(self).__name__)

    def fast(self, env: list[Any]) -> Any:
        """The value when it can be computed synchronously, else NOTFAST (fast.py)."""
        raise NotImplementedError(type(self).__name__)

    def item(self, env: list[Any]) -> Any:
        """The item for a lazy position: a value or a thunk (env.py)."""
        raise NotImplementedError(type(self).__name__)


class Const(Node):
    """A literal: int, float, string without interpolation, path, URI."""

    __slots__ = ("value",)

    def __init__(self, value: Any, span: Span | None = None):
        self.value = value
        self.span = span

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.value)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.value = state


class Var(Node):
    """A lexically bound variable: `depth` environments up, slot `index`."""

    __slots__ = ("name", "depth", "index")

    def __init__(self, name: str, depth: int, index: int, span: Span | None = None):
        self.name = name
        self.depth = depth
        self.index = index
        self.span = span

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.name, self.depth, self.index)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.name, self.depth, self.index = state


class Var0(Var):
    """A variable of the innermost environment (depth 0): the commonest lookup,
    with its own fast path."""

    __slots__ = ()


class Var1(Var):
    """A variable one environment up (a function's let-bound sibling, say)."""

    __slots__ = ()


def make_var(name: str, depth: int, index: int, span: Span | None = None) -> Var:
    if depth == 0:
        return Var0(name, 0, index, span)
    if depth == 1:
        return Var1(name, 1, index, span)
    return Var(name, depth, index, span)


class WithVar(Node):
    """A variable bound by an enclosing `with`: looked up at run time."""

    __slots__ = ("name", "with_depths")

    def __init__(self, name: str, with_depths: tuple[int, ...], span: Span | None = None):
        self.name = name
        self.with_depths = with_depths
        self.span = span

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.name, self.with_depths)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.name, self.with_depths = state


class Str(Node):
    """A string with interpolations: `parts` are str or Node; `spans[i]` is the
    position of the `${` of part i (where Nix reports a failed coercion), or None."""

    __slots__ = ("parts", "spans", "h", "leafy")

    def __init__(self, parts: list[Any], span: Span | None = None,
                 spans: dict[int, Span] | None = None):
        self.parts = parts
        self.span = span
        spans = spans or {}
        self.spans = [None if isinstance(p, str) else spans.get(id(p)) for p in parts]
        self.h = 1 + max((p.h for p in parts if not isinstance(p, str)), default=0)
        self.leafy = self.h <= FAST_HEIGHT

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.parts, self.spans, self.h, self.leafy)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.parts, self.spans, self.h, self.leafy = state


class PathInterp(Node):
    """A path with interpolations (`./a/${b}`): parts are str or Node; the first
    part is already made absolute."""

    __slots__ = ("parts", "spans")

    def __init__(self, parts: list[Any], span: Span | None = None,
                 spans: dict[int, Span] | None = None):
        self.parts = parts
        self.span = span
        spans = spans or {}
        self.spans = [None if isinstance(p, str) else spans.get(id(p)) for p in parts]


class AttrName:
    """One component of an attribute path: static `name`, or a dynamic `expr`."""

    __slots__ = ("name", "expr", "span")

    def __init__(self, name: str | None, expr: Node | None, span: Span | None = None):
        self.name = name
        self.expr = expr
        self.span = span

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.name, self.expr, self.span)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.name, self.expr, self.span = state


class Select(Node):
    """`e.a.b` or `e.a.b or default`."""

    __slots__ = ("expr", "path", "default", "h", "leafy")

    def __init__(self, expr: Node, path: list[AttrName], default: Node | None,
                 span: Span | None = None):
        self.expr = expr
        self.path = path
        self.default = default
        self.span = span
        self.h = _height(expr, default, *(an.expr for an in path))
        self.leafy = self.h <= FAST_HEIGHT

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.expr, self.path, self.default, self.h, self.leafy)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.expr, self.path, self.default, self.h, self.leafy = state


class SelectVar(Select):
    """`x.a` or `x.a or default` with `x` a lexical variable and `a` a static name,
    the commonest select (`lib.foo`, `cfg.enable`), with its own fast path: the
    variable's `depth` and `index` and the `name` are at hand."""

    __slots__ = ("depth", "index", "name")

    def __init__(self, expr: Var, path: list[AttrName], default: Node | None,
                 span: Span | None = None):
        super().__init__(expr, path, default, span)
        self.depth = expr.depth
        self.index = expr.index
        assert path[0].name is not None
        self.name: str = path[0].name

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.expr, self.path, self.default, self.h, self.leafy, self.depth, self.index, self.name)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.expr, self.path, self.default, self.h, self.leafy, self.depth, self.index, self.name = state


def make_select(expr: Node, path: list[AttrName], default: Node | None,
                span: Span | None = None) -> Select:
    t = type(expr)
    if (t is Var or t is Var0 or t is Var1) and len(path) == 1 and path[0].name is not None:
        return SelectVar(expr, path, default, span)  # type: ignore[arg-type]
    return Select(expr, path, default, span)


class HasAttr(Node):
    """`e ? a.b`."""

    __slots__ = ("expr", "path", "h", "leafy")

    def __init__(self, expr: Node, path: list[AttrName], span: Span | None = None):
        self.expr = expr
        self.path = path
        self.span = span
        self.h = _height(expr, *(an.expr for an in path))
        self.leafy = self.h <= FAST_HEIGHT


class Attrs(Node):
    """An attribute set literal.

    `static` maps name -> (Node, span, inherited); `dynamic` is a list of
    (name Node, value Node, span). For `rec` sets the static names, in order, are the
    slots of the new environment, and values are evaluated in it; otherwise
    values close over the enclosing environment. Inherited values (`inherit x;`) of a
    rec set are evaluated in the enclosing environment (`outer` flag set).

    `inherit_from` holds the source `e` of each `inherit (e) a b;` (Nix >= 2.21
    evaluates it once for all the names): each is an item in a slot after the
    named ones of a rec set's environment (and evaluated in it), or, for a set that is
    not rec, in an environment of its own (`[env, sources...]`, the sources evaluated
    in `env`) in which the values and dynamic attributes are then evaluated. The
    values `a = (e).a` read it as a variable of that environment.
    """

    __slots__ = ("rec", "static", "dynamic", "attr_pos", "pairs", "inherit_from", "h", "leafy")

    def __init__(self, rec: bool, static: dict[str, tuple[Node, Span | None, bool]],
                 dynamic: list[tuple[Node, Node, Span | None]], span: Span | None = None,
                 inherit_from: tuple[Node, ...] = ()):
        self.rec = rec
        self.static = static
        self.dynamic = dynamic
        self.inherit_from = inherit_from
        self.attr_pos = {name: s for name, (_n, s, _i) in static.items()}
        # (name, Node, inherited) in order: what making the set walks
        self.pairs = tuple((name, n, i) for name, (n, _s, i) in static.items())
        self.span = span
        # Values are made lazily (items); only dynamic names are evaluated.
        self.h = 1 + max((n.h for n, _v, _s in dynamic), default=-1)
        self.leafy = self.h <= FAST_HEIGHT

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.rec, self.static, self.dynamic, self.attr_pos, self.pairs, self.inherit_from, self.h, self.leafy)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.rec, self.static, self.dynamic, self.attr_pos, self.pairs, self.inherit_from, self.h, self.leafy = state


class List(Node):
    __slots__ = ("items",)

    def __init__(self, items: list[Node], span: Span | None = None):
        self.items = items
        self.span = span

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.items)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.items = state


class Let(Node):
    """`let bindings in body`: a new environment with one slot per name; values are
    (Node, outer) pairs, `outer` meaning evaluated in the enclosing env (inherit).
    The sources of `inherit (e) ...` (`inherit_from`) take the slots after the names,
    evaluated in the new environment (see `Attrs`)."""

    __slots__ = ("names", "values", "body", "inherit_from", "h", "leafy")

    def __init__(self, names: list[str], values: list[tuple[Node, bool]], body: Node,
                 span: Span | None = None, inherit_from: tuple[Node, ...] = ()):
        self.names = names
        self.values = values
        self.inherit_from = inherit_from
        self.body = body
        self.span = span
        self.h = _height(body)
        self.leafy = self.h <= FAST_HEIGHT

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.names, self.values, self.body, self.inherit_from, self.h, self.leafy)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.names, self.values, self.body, self.inherit_from, self.h, self.leafy = state


class With(Node):
    __slots__ = ("attrs", "body")

    def __init__(self, attrs: Node, body: Node, span: Span | None = None):
        self.attrs = attrs
        self.body = body
        self.span = span


class Assert(Node):
    __slots__ = ("cond", "body", "h", "leafy")

    def __init__(self, cond: Node, body: Node, span: Span | None = None):
        self.cond = cond
        self.body = body
        self.span = span
        self.h = _height(cond, body)
        self.leafy = self.h <= FAST_HEIGHT


class If(Node):
    __slots__ = ("cond", "then", "else_", "h", "leafy")

    def __init__(self, cond: Node, then: Node, else_: Node, span: Span | None = None):
        self.cond = cond
        self.then = then
        self.else_ = else_
        self.span = span
        self.h = _height(cond, then, else_)
        self.leafy = self.h <= FAST_HEIGHT

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.cond, self.then, self.else_, self.h, self.leafy)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.cond, self.then, self.else_, self.h, self.leafy = state


class Lambda(Node):
    """A function. `arg` is the plain parameter or the `@` name (or None);
    `formals` a list of (name, default Node or None) or None for `x: body`.
    The call environment has slots: formals in order, then `arg` if set."""

    # `miss`: how often a call of it from a builtin (`call`) failed to be computed
    # synchronously in a row (see `Apply.miss`).
    # `curried`: the body is itself a function (`x: y: ...`).
    __slots__ = ("arg", "formals", "ellipsis", "body", "name", "nslots", "formal_names", "miss",
                 "curried")

    def __init__(self, arg: str | None, formals: list[tuple[str, Node | None]] | None,
                 ellipsis: bool, body: Node, span: Span | None = None):
        self.arg = arg
        self.formals = formals
        self.ellipsis = ellipsis
        self.body = body
        self.name: str | None = None
        self.nslots = (len(formals) if formals is not None else 0) + (1 if arg else 0)
        self.formal_names = frozenset(n for n, _ in formals) if formals is not None else frozenset()
        self.span = span
        self.miss = 0
        self.curried = type(body) is Lambda

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.arg, self.formals, self.ellipsis, self.body, self.name, self.nslots, self.formal_names, self.curried)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.arg, self.formals, self.ellipsis, self.body, self.name, self.nslots, self.formal_names, self.curried = state
        self.miss = 0


class Apply(Node):
    """`f a b ...`: a function applied to one or more arguments."""

    # `miss`: how often `fast` failed in a row (an application whose function goes
    # async is then not tried synchronously for a while).
    __slots__ = ("fn", "args", "h", "leafy", "miss")

    def __init__(self, fn: Node, args: list[Node], span: Span | None = None):
        self.fn = fn
        self.args = args
        self.span = span
        # Arguments are made lazily (items), so only the function counts.
        self.h = _height(fn)
        self.leafy = self.h <= FAST_HEIGHT
        self.miss = 0

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.fn, self.args, self.h, self.leafy)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.fn, self.args, self.h, self.leafy = state
        self.miss = 0


class UnOp(Node):
    __slots__ = ("expr", "h", "leafy")

    def __init__(self, expr: Node, span: Span | None = None):
        self.expr = expr
        self.span = span
        self.h = _height(expr)
        self.leafy = self.h <= FAST_HEIGHT


class Not(UnOp):
    __slots__ = ()


class Neg(UnOp):
    __slots__ = ()


class BinOp(Node):
    __slots__ = ("left", "right", "h", "leafy")
    op = "?"

    def __init__(self, left: Node, right: Node, span: Span | None = None):
        self.left = left
        self.right = right
        self.span = span
        self.h = _height(left, right)
        self.leafy = self.h <= FAST_HEIGHT

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.span, self.left, self.right, self.h, self.leafy)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.span, self.left, self.right, self.h, self.leafy = state


def _binop(name: str, symbol: str) -> type[BinOp]:
    cls = type(name, (BinOp,), {"__slots__": (), "op": symbol, "__doc__": f"`a {symbol} b`"})
    return cls


Add = _binop("Add", "+")
Sub = _binop("Sub", "-")
Mul = _binop("Mul", "*")
Div = _binop("Div", "/")
Concat = _binop("Concat", "++")
Update = _binop("Update", "//")
Eq = _binop("Eq", "==")
NEq = _binop("NEq", "!=")
Lt = _binop("Lt", "<")
Le = _binop("Le", "<=")
Gt = _binop("Gt", ">")
Ge = _binop("Ge", ">=")
And = _binop("And", "&&")
Or = _binop("Or", "||")
Impl = _binop("Impl", "->")

BINOPS: dict[str, type[BinOp]] = {c.op: c for c in
                                  (Add, Sub, Mul, Div, Concat, Update, Eq, NEq, Lt, Le, Gt, Ge,
                                   And, Or, Impl)}


class CurPos(Node):
    """`__curPos`: an attrset { file, line, column } of its own position."""

    __slots__ = ()

    def __init__(self, span: Span | None = None):
        self.span = span
