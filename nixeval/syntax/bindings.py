"""Attribute sets, `let` and `inherit`: merging attribute paths and lowering bindings.

Owns `Bindings`, the part of the lowering that collects the bindings of a set or
`let` into a `_PreAttrs` (`a.b = 1; a.c = 2;` merged into one nested set, nested
attrset literals merged as Nix merges them), rejects what Nix rejects (duplicate
attributes, dynamic attributes in `let` and `inherit`) with Nix's messages, and
lowers the result into `A.Attrs` or `A.Let` with scopes for `rec` and `let`.

Invariants: collecting lowers no value (only attribute names are read, values stay
tree-sitter nodes until `l_preattrs`/`l_let_expression` lower them through the
driver); the sources of `inherit (e)` are evaluated once, from a hidden slot of the
set's or let's environment (Nix >= 2.21).
"""

from __future__ import annotations

from typing import Any

from nixeval.errors import DuplicateAttribute, ParseError
from nixeval.lexical import format_attr_name
from nixeval.source import Span
from nixeval.syntax import ast as A
from nixeval.syntax.literals import unescape_dq
from nixeval.syntax.parse_errors import KEYWORDS
from nixeval.syntax.walk import Gen, Scope, Walk


class _Entry:
    """One attribute of an attrset literal being assembled (before lowering)."""

    __slots__ = ("value", "nested", "span", "inherited", "inherit_from")

    def __init__(self, span: Span):
        self.value: Any = None  # tree-sitter node of the value
        self.nested: _PreAttrs | None = None
        self.span = span
        self.inherited = False
        self.inherit_from: _InheritSource | None = None  # the `e` of `inherit (e) name`


class _InheritSource:
    """The source `e` of one `inherit (e) a b ...;`, shared by the names it inherits:
    Nix >= 2.21 evaluates it once (a hidden slot of the set's or let's environment,
    at `index`, once lowered to `node`)."""

    __slots__ = ("tree", "node", "index")

    def __init__(self, tree: Any):
        self.tree = tree  # tree-sitter node of `e`
        self.node: A.Node | None = None
        self.index = 0


class _PreAttrs:
    """An attrset literal with attribute paths merged (`a.b = 1; a.c = 2;`)."""

    __slots__ = ("rec", "static", "dynamic", "sources", "span", "is_let")
    type = "preattrs"  # dispatched to `l_preattrs`; never a tree-sitter node type

    def __init__(self, rec: bool, span: Span, is_let: bool = False):
        self.rec = rec
        self.static: dict[str, _Entry] = {}
        self.dynamic: list[tuple[Any, Any, Span]] = []  # (name node, value node | _PreAttrs, span)
        self.sources: list[_InheritSource] = []  # of its `inherit (e)`s, in order
        self.span = span
        self.is_let = is_let


class Bindings(Walk):
    """The lowering of attribute sets, `let` and `inherit` (mixed into `Lowering`)."""

    # --- attribute names ---------------------------------------------------------

    def _static_name(self, a: Any) -> str | None:
        """The name of a static attrpath component (identifier, "string", ${"string"}),
        or None when it is dynamic."""
        t = a.type
        if t == "identifier":
            if a.is_missing:
                raise self.syntax_error(a)
            name = self.text(a)
            if name in KEYWORDS:
                raise self.error(f"syntax error, unexpected {name.upper()}, expecting ID or OR_KW or DOLLAR_CURLY or '\"'", a)
            return name
        if t == "interpolation":
            inner = a.child_by_field_name("expression")
            if inner is not None and inner.type == "string_expression":
                return self._static_name(inner)
            return None
        if t == "string_expression":
            children = a.children
            if any(c.type == "interpolation" for c in children):
                return None
            if len(children) < 2 or children[-1].is_missing:
                raise self.syntax_error(a)
            return unescape_dq(self.slice(self.end(children[0]), self.start(children[-1])))
        raise self.syntax_error(a)

    def _dynamic_name(self, a: Any) -> Gen:
        """Lower a dynamic attrpath component to the expression giving the name."""
        if a.type == "interpolation":
            return (yield a.child_by_field_name("expression"))
        return (yield a)

    # --- attribute sets and let --------------------------------------------------

    def _collect(self, pre: _PreAttrs, binding_set: Any) -> Gen:
        """Merge the bindings of a binding_set into `pre` (no lowering of values,
        except dynamic attribute names and `inherit (e)` sources are kept as nodes)."""
        if binding_set is None:
            return
        for b in binding_set.children:
            t = b.type
            if t == "binding":
                yield from self._add_binding(pre, b)
            elif t == "inherit" or t == "inherit_from":
                src = b.child_by_field_name("expression") if t == "inherit_from" else None
                attrs = b.child_by_field_name("attrs")
                if attrs is None:
                    raise self.syntax_error(b)
                if attrs.child_count == 1 and attrs.children[0].is_missing:
                    continue  # `inherit;` inherits nothing
                source = None
                if src is not None:
                    source = _InheritSource(src)
                    pre.sources.append(source)
                for a in attrs.children_by_field_name("attr"):
                    name = self._static_name(a)
                    # Nix >= 2.21 places an inherited attribute (its position, the
                    # variable or select, a duplicate) at its own name.
                    aspan = self.span(a)
                    if name is None:
                        raise ParseError("dynamic attributes not allowed in inherit", aspan)
                    if name in pre.static:
                        raise DuplicateAttribute(f"attribute '{format_attr_name(name)}' already defined at {pre.static[name].span.short()}", aspan)
                    e = _Entry(aspan)
                    e.value = name
                    if source is None:
                        e.inherited = True
                    else:
                        e.inherit_from = source
                    pre.static[name] = e
            elif t == ";" or t == "comment":
                continue
            else:
                raise self.syntax_error(b)
        return

    def _add_binding(self, pre: _PreAttrs, b: Any) -> Gen:
        path_node = b.child_by_field_name("attrpath")
        value = b.child_by_field_name("expression")
        if path_node is None or value is None:
            raise self.syntax_error(b)
        if not self.clean:
            for c in b.children:
                if c.is_missing or c.type == "ERROR":
                    raise self.syntax_error(c)
        comps = path_node.children_by_field_name("attr")
        # Nix places every attribute a binding defines at the binding's attrpath.
        pspan = self.span(path_node)
        path = [A.AttrName(self._static_name(a), None, pspan if a.type != "interpolation" else self.span(a)) for a in comps]
        target = pre
        for i, an in enumerate(path):
            aspan: Span = an.span  # type: ignore[assignment]  # every name above has a span
            last = i == len(path) - 1
            if an.name is None:
                if pre.is_let and target is pre:
                    raise ParseError("dynamic attributes not allowed in let", aspan)
                if last:
                    target.dynamic.append((comps[i], value, aspan))
                else:
                    nested = _PreAttrs(False, aspan)
                    target.dynamic.append((comps[i], nested, aspan))
                    target = nested
                continue
            name = an.name
            existing = target.static.get(name)
            if last:
                if existing is None:
                    e = _Entry(aspan)
                    e.value = value
                    target.static[name] = e
                    continue
                # Both this value and the existing one are attrset literals: merge.
                if (existing.nested is not None or self._is_attrs_literal(existing)) and \
                        value.type in ("attrset_expression", "rec_attrset_expression") and not existing.inherited and existing.inherit_from is None:
                    into = self._nested_of(existing)
                    yield from self._collect_merge(into, value, path[: i + 1])
                    continue
                raise DuplicateAttribute(f"attribute '{self._path_str(path[: i + 1])}' already defined at {existing.span.short()}", aspan)
            if existing is None:
                e = _Entry(aspan)
                e.nested = _PreAttrs(False, aspan)
                target.static[name] = e
                target = e.nested
                continue
            if existing.nested is not None or self._is_attrs_literal(existing):
                target = self._nested_of(existing)
                continue
            raise DuplicateAttribute(f"attribute '{self._path_str(path)}' already defined at {existing.span.short()}", aspan)

    def _collect_merge(self, into: _PreAttrs, value: Any, prefix: list[A.AttrName]) -> Gen:
        other = _PreAttrs(False, self.span(value))
        bs = next((c for c in value.children if c.type == "binding_set"), None)
        yield from self._collect(other, bs)
        for name, e in other.static.items():
            if name in into.static:
                raise DuplicateAttribute(f"attribute '{self._path_str(prefix)}.{format_attr_name(name)}' already defined at {into.static[name].span.short()}", e.span)
            into.static[name] = e
        into.dynamic.extend(other.dynamic)
        into.sources.extend(other.sources)

    @staticmethod
    def _path_str(path: list[A.AttrName]) -> str:
        # Nix's `showAttrPath` prints each name as an identifier, quoted when it is not one.
        return ".".join(format_attr_name(a.name) if a.name is not None else '"${..}"' for a in path)

    @staticmethod
    def _is_attrs_literal(e: _Entry) -> bool:
        v = e.value
        return (not e.inherited and e.inherit_from is None and v is not None
                and not isinstance(v, str) and v.type in ("attrset_expression", "rec_attrset_expression"))

    def _nested_of(self, e: _Entry) -> _PreAttrs:
        """The _PreAttrs of an entry, converting an attrset literal value into one."""
        if e.nested is None:
            v = e.value
            nested = _PreAttrs(v.type == "rec_attrset_expression", self.span(v))
            bs = next((c for c in v.children if c.type == "binding_set"), None)
            # Collecting a literal lowers no value: run it to the end here.
            self._drive(self._collect(nested, bs))
            e.nested = nested
            e.value = None
        return e.nested

    def _check_children(self, n: Any) -> None:
        if self.clean:
            return
        for c in n.children:
            if c.is_missing or c.type == "ERROR":
                raise self.syntax_error(c)

    def l_attrset_expression(self, n: Any) -> Gen:
        self._check_children(n)
        pre = _PreAttrs(False, self.span(n))
        yield from self._collect(pre, next((c for c in n.children if c.type == "binding_set"), None))
        return (yield pre)

    def l_rec_attrset_expression(self, n: Any) -> Gen:
        self._check_children(n)
        pre = _PreAttrs(True, self.span(n))
        yield from self._collect(pre, next((c for c in n.children if c.type == "binding_set"), None))
        return (yield pre)

    def l_let_attrset_expression(self, n: Any) -> Gen:
        self._check_children(n)
        pre = _PreAttrs(True, self.span(n))
        yield from self._collect(pre, next((c for c in n.children if c.type == "binding_set"), None))
        attrs = yield pre
        span = self.span(n)
        return A.Select(attrs, [A.AttrName("body", None, span)], None, span)

    def _lower_entry(self, e: _Entry, name: str, owner: Span) -> Gen:
        if e.nested is not None:
            return (yield e.nested)
        if e.inherit_from is not None:
            # `(e).name`, `e` read from its hidden slot (depth 0: the value is made in
            # the environment holding it). That variable's `name` is the expression
            # `e` itself: `--parse` prints it there, `a = (e).a;` as Nix 2.8 shows it.
            src = e.inherit_from
            var = A.make_var(src.node, 0, src.index, e.span)  # type: ignore[arg-type]
            return A.make_select(var, [A.AttrName(name, None, e.span)], None, e.span)
        v = yield e.value
        if type(v) is A.Lambda and v.name is None:
            v.name = name
        return v

    def l_preattrs(self, pre: _PreAttrs) -> Gen:
        static: dict[str, tuple[A.Node, Span | None, bool]] = {}
        sources: list[A.Node] = []
        hidden = bool(pre.sources) and not pre.rec
        if hidden:
            # Not rec: the sources of `inherit (e)` read the enclosing scope; the
            # set's values are made in an environment holding them (see A.Attrs).
            for k, src in enumerate(pre.sources):
                src.node = yield src.tree
                src.index = k + 1
                sources.append(src.node)
            self.scopes.append(Scope({}))
        # `inherit x;` reads the enclosing scope, even in rec sets and let.
        for name, e in pre.static.items():
            if e.inherited:
                static[name] = (self.resolve(name, e.span), e.span, True)
        if pre.rec:
            self.scopes.append(Scope({name: i + 1 for i, name in enumerate(pre.static)}))
            # In a rec set they read the set's own scope (slots after the names).
            for k, src in enumerate(pre.sources):
                src.node = yield src.tree
                src.index = len(pre.static) + k + 1
                sources.append(src.node)
        for name, e in pre.static.items():
            if not e.inherited:
                static[name] = ((yield from self._lower_entry(e, name, pre.span)), e.span, False)
        dynamic: list[tuple[A.Node, A.Node, Span | None]] = []
        for name_node, value, span in pre.dynamic:
            name_expr = yield from self._dynamic_name(name_node)
            dynamic.append((name_expr, (yield value), span))
        if pre.rec:
            self.scopes.pop()
        if hidden:
            self.scopes.pop()
        ordered = {name: static[name] for name in pre.static}
        return A.Attrs(pre.rec, ordered, dynamic, pre.span, tuple(sources))

    def l_let_expression(self, n: Any) -> Gen:
        self._check_children(n)
        pre = _PreAttrs(True, self.span(n), is_let=True)
        yield from self._collect(pre, next((c for c in n.children if c.type == "binding_set"), None))
        names = list(pre.static)
        values: list[tuple[A.Node, bool]] = [None] * len(names)  # type: ignore[list-item]
        for i, name in enumerate(names):
            e = pre.static[name]
            if e.inherited:
                values[i] = (self.resolve(name, e.span), True)
        self.scopes.append(Scope({name: i + 1 for i, name in enumerate(names)}))
        # The sources of `inherit (e)` read the let's scope (slots after the names).
        sources: list[A.Node] = []
        for k, src in enumerate(pre.sources):
            src.node = yield src.tree
            src.index = len(names) + k + 1
            sources.append(src.node)
        for i, name in enumerate(names):
            e = pre.static[name]
            if not e.inherited:
                values[i] = ((yield from self._lower_entry(e, name, pre.span)), False)
        body_node = n.child_by_field_name("body")
        if body_node is None:
            raise self.syntax_error(n)
        body = yield body_node
        self.scopes.pop()
        return A.Let(names, values, body, self.span(n), tuple(sources))
