"""The lowering of expressions: `Lowering`, the class `parse` (lower.py) runs.

`Lowering` puts together the lowering's parts: the driver and scopes (walk.py),
string and path literals (literals.py), attribute sets and `let` (bindings.py),
and, here, every other expression: numbers, variables, `<path>`, selections and
`?`, operators (Nix's non-associative comparisons, the pipe operators `|>` and
`<|`), calls, `if`/`assert`/`with`, lists and functions with their formals.

Invariants: each `l_X` lowers the tree-sitter node type X as a generator (yielding
children to the driver), each `s_X` lowers a leaf at once; variables are resolved
in the scopes as they are met, so a `Var` knows its depth and index.
The pipe operators `|>` and `<|` (Nix 2.24, experimental feature
`pipe-operators`), unknown to tree-sitter-nix 0.1.0, reach the tree as `->`
(repair.py); `_pipe_chain` groups each chain by Nix's rules into calls.
"""

from __future__ import annotations

import re
from typing import Any

from nixeval.errors import DuplicateAttribute, ParseError
from nixeval.source import Span
from nixeval.syntax import ast as A
from nixeval.syntax.bindings import Bindings
from nixeval.syntax.literals import Literals
from nixeval.syntax.parse_errors import KEYWORDS, TOKEN_NAMES, eof_error, first_error, token_at
from nixeval.syntax.walk import Gen, Scope

_INF = float("inf")
_DBL_MIN = 2.2250738585072014e-308  # the smallest normal double (sys.float_info.min)
# The comparisons Nix's grammar makes non-associative, by precedence level.
_NONASSOC = {"==": 0, "!=": 0, "<": 1, ">": 1, "<=": 1, ">=": 1}
# The operators of a chain that tree-sitter sees as `->` (see repair.py).
_CHAIN_OPS = frozenset(("->", "|>", "<|"))
# Nix's URI token (bytes).
_URI_RE = re.compile(rb"[a-zA-Z][a-zA-Z0-9+\-.]*:[a-zA-Z0-9%/?:@&=+$,\-_.!~*']+")


class Lowering(Literals, Bindings):
    """tree-sitter's tree of one program -> its AST (see `nixeval.syntax.lower.parse`)."""

    # --- leaves ----------------------------------------------------------------

    def l_source_code(self, n: Any) -> Gen:
        body = n.child_by_field_name("expression")
        if body is None:
            raise eof_error(self.source, n)
        return (yield body)

    def l_parenthesized_expression(self, n: Any) -> Gen:
        return (yield n.child_by_field_name("expression"))

    def s_integer_expression(self, n: Any) -> A.Node:
        text = self.text(n)
        value = int(text)
        if value > 2**63 - 1:
            raise self.error(f"invalid integer '{text}'", n)
        return A.Const(value, self.span(n))

    def s_float_expression(self, n: Any) -> A.Node:
        text = self.text(n)
        value = float(text)
        # Nix's lexer rejects what strtod reports as out of range (ERANGE): an
        # overflow to infinity, or an underflow to a subnormal number or to zero.
        if value == _INF or (0.0 < value < _DBL_MIN) or (
                value == 0.0 and any(c in "123456789" for c in text.split("e")[0].split("E")[0])):
            raise self.error(f"invalid float '{text}'", n)
        return A.Const(value, self.span(n))

    def s_uri_expression(self, n: Any) -> A.Node:
        return A.Const(self.text(n), self.span(n))

    def s_variable_expression(self, n: Any) -> A.Node:
        ident = n.child_by_field_name("name")
        if ident is None or ident.is_missing:
            raise self.syntax_error(ident if ident is not None else n)
        name = self.text(ident)
        if name in KEYWORDS:
            raise self.error(f"syntax error, unexpected {name.upper()}", n)
        if name == "or":
            # `or` is a keyword, accepted as a variable only as a function argument
            # (`f or`), where Nix's grammar allows it for compatibility.
            p = n.parent
            if p is None or p.type != "apply_expression" or p.child_by_field_name("argument") != n:
                raise self.error("syntax error, unexpected OR_KW", n)
            return self.resolve(name, self.span(p))
        if name == "__curPos":
            return A.CurPos(self.span(n))
        return self.resolve(name, self.span(n))

    def l_spath_expression(self, n: Any) -> Gen:
        name = self.text(n)[1:-1]
        span = self.span(n)
        fn = self.resolve("__findFile", span)
        nix_path = self.resolve("__nixPath", span)
        return A.Apply(fn, [nix_path, A.Const(name, span)], span)
        yield  # pragma: no cover

    # --- selections --------------------------------------------------------------

    def _attr_name(self, a: Any) -> Gen:
        """An attrpath component, lowered now (select and has-attr paths)."""
        name = self._static_name(a)
        if name is not None:
            return A.AttrName(name, None, self.span(a))
        return A.AttrName(None, (yield from self._dynamic_name(a)), self.span(a))

    def _attrpath(self, p: Any) -> Gen:
        names = []
        for a in p.children_by_field_name("attr"):
            names.append((yield from self._attr_name(a)))
        return names

    def l_select_expression(self, n: Any) -> Gen:
        expr = yield n.child_by_field_name("expression")
        path = yield from self._attrpath(n.child_by_field_name("attrpath"))
        d = n.child_by_field_name("default")
        default = (yield d) if d is not None else None
        return A.make_select(expr, path, default, self.span(n))

    def l_has_attr_expression(self, n: Any) -> Gen:
        expr = yield n.child_by_field_name("expression")
        path = yield from self._attrpath(n.child_by_field_name("attrpath"))
        return A.HasAttr(expr, path, self.span(n))

    # --- operators ---------------------------------------------------------------

    def l_unary_expression(self, n: Any) -> Gen:
        op = self.text(n.child_by_field_name("operator"))
        arg = yield n.child_by_field_name("argument")
        span = self.span(n)
        return A.Not(arg, span) if op == "!" else A.Neg(arg, span)

    def l_binary_expression(self, n: Any) -> Gen:
        op_node = n.child_by_field_name("operator")
        op = self.text(op_node)
        if self.pipes and op in _CHAIN_OPS:
            # (A chain of `->` alone too: lowered here in one go, it comes out as
            # below, and a long one costs no walk of its spine per operator.)
            operands, ops = self._chain(n)
            return (yield from self._pipe_chain(n, operands, ops))
        level = _NONASSOC.get(op)
        if level is not None:
            # `a == b == c` and `a < b < c` are syntax errors in Nix.
            left = n.child_by_field_name("left")
            if left.type == "binary_expression":
                lop = left.child_by_field_name("operator")
                if _NONASSOC.get(self.text(lop)) == level:
                    raise self.error(f"syntax error, unexpected {TOKEN_NAMES[op]}", op_node)
            right = n.child_by_field_name("right")
            if right.type == "binary_expression":
                rop = right.child_by_field_name("operator")
                if _NONASSOC.get(self.text(rop)) == level:
                    raise self.error(f"syntax error, unexpected {TOKEN_NAMES[self.text(rop)]}", rop)
        left = yield n.child_by_field_name("left")
        right = yield n.child_by_field_name("right")
        # Nix reports binary-operator errors at the operator's position... except
        # where it reports the whole expression's; see eval for which.
        return A.BINOPS[op](left, right, self.span(n))

    def _chain(self, n: Any) -> tuple[list[Any], list[tuple[str, Any]]]:
        """The operands and operators of the chain of `->` and pipe operators that
        node `n` heads: the pipes were written over with `->` (see repair.py), which
        is right-associative and of lowest precedence to tree-sitter, so the chain is
        the right spine of `->` nodes."""
        operands: list[Any] = []
        ops: list[tuple[str, Any]] = []
        while n.type == "binary_expression":
            op_node = n.child_by_field_name("operator")
            op = self.text(op_node)
            if op not in _CHAIN_OPS:
                break
            operands.append(n.child_by_field_name("left"))
            ops.append((op, op_node))
            n = n.child_by_field_name("right")
        operands.append(n)
        return operands, ops

    def _pipe_chain(self, n: Any, operands: list[Any], ops: list[tuple[str, Any]]) -> Gen:
        """A chain of operands joined by `->` and pipe operators, grouped as Nix's
        grammar groups it: `->` binds tighter than the pipes; the pipes of a chain
        are of one kind (mixing `|>` and `<|` without parentheses is a syntax error
        at the first operator of the other kind); `|>` is left-associative (`a |> f
        |> g` is `g (f a)`), `<|` right-associative (`f <| g <| a` is `f (g a)`).
        A pipe is a call at the operator's position; a call whose function is itself
        a call takes one more argument instead, as an application does."""
        kind = None
        for op, op_node in ops:
            if op == "->":
                continue
            if kind is None:
                kind = op
            elif op != kind:
                raise self.error(f"syntax error, unexpected '{op}'{_expecting(n)}", op_node)
        values = []
        for o in operands:
            values.append((yield o))
        # Segments: the operands between two pipes, joined by `->` (right-associative).
        segments: list[A.Node] = []
        pipe_spans: list[Span] = []
        first = 0
        for i in range(len(operands)):
            if i < len(ops) and ops[i][0] == "->":
                continue
            acc = values[i]
            end = self.end(operands[i])
            for j in range(i - 1, first - 1, -1):
                acc = A.BINOPS["->"](values[j], acc, Span(self.source, self.start(operands[j]), end))
            segments.append(acc)
            if i < len(ops):
                pipe_spans.append(self.span(ops[i][1]))
            first = i + 1
        if kind == "|>":
            acc = segments[0]
            for k in range(1, len(segments)):
                acc = _pipe_call(segments[k], acc, pipe_spans[k - 1])
        else:
            acc = segments[-1]
            for k in range(len(segments) - 2, -1, -1):
                acc = _pipe_call(segments[k], acc, pipe_spans[k])
        return acc

    def l_apply_expression(self, n: Any) -> Gen:
        args_nodes = []
        f = n
        while f.type == "apply_expression":
            args_nodes.append(f.child_by_field_name("argument"))
            f = f.child_by_field_name("function")
        fn = yield f
        args = []
        for a in reversed(args_nodes):
            args.append((yield a))
        if type(fn) is A.Apply:
            # Nix's parser extends a call whose function is itself a call (`(f a) b`,
            # `<p> x`: parentheses make no node) into one call, at the inner position.
            return A.Apply(fn.fn, fn.args + args, fn.span)
        return A.Apply(fn, args, self.span(n))

    # --- control -----------------------------------------------------------------

    def l_if_expression(self, n: Any) -> Gen:
        c = yield n.child_by_field_name("condition")
        t = yield n.child_by_field_name("consequence")
        e = yield n.child_by_field_name("alternative")
        return A.If(c, t, e, self.span(n))

    def l_assert_expression(self, n: Any) -> Gen:
        cond_node = n.child_by_field_name("condition")
        c = yield cond_node
        b = yield n.child_by_field_name("body")
        return A.Assert(c, b, self.span(n))

    def l_with_expression(self, n: Any) -> Gen:
        attrs = yield n.child_by_field_name("environment")
        self.scopes.append(Scope(None, is_with=True))
        body = yield n.child_by_field_name("body")
        self.scopes.pop()
        return A.With(attrs, body, self.span(n))

    def l_list_expression(self, n: Any) -> Gen:
        items = []
        for c in n.children_by_field_name("element"):
            items.append((yield c))
        return A.List(items, self.span(n))

    # --- functions ---------------------------------------------------------------

    def l_function_expression(self, n: Any) -> Gen:
        span = self.span(n)
        universal = n.child_by_field_name("universal")
        formals_node = n.child_by_field_name("formals")
        arg = self.text(universal) if universal is not None else None
        if arg is not None and formals_node is not None and universal.start_byte > formals_node.start_byte:
            # `{ }@x:1`: Nix's lexer reads `x:1` as a URI, whatever follows `@`.
            at = self.start(universal)
            if _URI_RE.match(self.data, at) and self.data.find(b":", at) == self.end(universal):
                raise ParseError("syntax error, unexpected URI, expecting ID", Span(self.source, at, at + 1))
        if formals_node is None:
            assert arg is not None
            self.scopes.append(Scope({arg: 1}))
            body = yield n.child_by_field_name("body")
            self.scopes.pop()
            return A.Lambda(arg, None, False, body, span)
        formal_nodes, ellipsis = self._formals(formals_node)
        names: dict[str, int] = {}
        for c in formal_nodes:
            name = self.text(c.child_by_field_name("name"))
            if name == "or" or name in KEYWORDS:
                raise self.error(f"syntax error, unexpected {'OR_KW' if name == 'or' else name.upper()}", c)
            if name in names:
                raise DuplicateAttribute(f"duplicate formal function argument '{name}'", self.span(c))
            names[name] = len(names) + 1
        if arg is not None:
            if arg in names:
                raise DuplicateAttribute(f"duplicate formal function argument '{arg}'", span)
            names[arg] = len(names) + 1
        self.scopes.append(Scope(names))
        formals: list[tuple[str, A.Node | None]] = []
        for c in formal_nodes:
            name = self.text(c.child_by_field_name("name"))
            d = c.child_by_field_name("default")
            formals.append((name, (yield d) if d is not None else None))
        body = yield n.child_by_field_name("body")
        self.scopes.pop()
        return A.Lambda(arg, formals, ellipsis, body, span)

    def _formals(self, formals_node: Any) -> tuple[list[Any], bool]:
        """The formal nodes of `{ ... }` and whether it has an ellipsis, checked
        against Nix's grammar: `formals: formal ',' formals | formal | '...' | (empty)`,
        so a trailing comma is allowed after a formal (with or without a default)
        but not after `...`, and commas never lead or double.

        tree-sitter-nix 0.1.0 has no trailing comma and recovers from one in two
        shapes: a `,` followed by a formal with a MISSING name, or an ERROR holding
        the `,`. Both are read back here as the comma token they are; anything
        else in an ERROR is a real syntax error."""
        tokens: list[tuple[str, Any]] = []  # ("formal" | "," | "...", node)
        for c in formals_node.children:
            t = c.type
            if t == "formal":
                ident = c.child_by_field_name("name")
                if ident is None or ident.is_missing:
                    if c.child_by_field_name("default") is not None:
                        raise self.syntax_error(c)
                    continue  # the placeholder after a comma: the comma is its own token
                if c.has_error:
                    raise self.syntax_error(first_error(c) or c)
                tokens.append(("formal", c))
            elif t == ",":
                tokens.append((",", c))
            elif t == "ellipses":
                tokens.append(("...", c))
            elif t == "ERROR":
                for x in c.children:
                    tokens.append(("," if x.type == "," else "?", x))
            elif c.is_missing:
                raise self.syntax_error(c)
        formal_nodes = []
        ellipsis = False
        i = 0
        while i < len(tokens):
            kind, node = tokens[i]
            if kind == "formal":
                formal_nodes.append(node)
                if i + 1 < len(tokens) and tokens[i + 1][0] != ",":
                    raise self._unexpected(tokens[i + 1][1], ", expecting '}'")
                i += 2
            elif kind == "...":
                ellipsis = True
                if i + 1 < len(tokens):
                    raise self._unexpected(tokens[i + 1][1], ", expecting '}'")
                i += 1
            else:  # a comma where a formal should be, or a token tree-sitter could not place
                raise self._unexpected(node, ", expecting '}'" if i and kind == "," else "")
        return formal_nodes, ellipsis

    def _unexpected(self, n: Any, expecting: str = "") -> ParseError:
        at = self.start(n)
        return ParseError(f"syntax error, unexpected {token_at(self.source, at)}{expecting}",
                          Span(self.source, at, at + 1))


def _pipe_call(fn: A.Node, arg: A.Node, span: Span) -> A.Node:
    """`arg |> fn` or `fn <| arg`: a call at the operator; Nix's parser extends a
    call whose function is itself a call (`x |> f a` is `f a x`)."""
    if type(fn) is A.Apply:
        return A.Apply(fn.fn, fn.args + [arg], fn.span)
    return A.Apply(fn, [arg], span)


def _expecting(n: Any) -> str:
    """What Nix's parser expects after the expression `n` (a chain of pipes) once it
    has reduced it (it reduces by default before it reads a token that cannot
    follow): the token that closes the enclosing construct, when it is one."""
    child, p = n, n.parent
    while p is not None:
        t = p.type
        if t == "source_code":
            return ", expecting end of file"
        if t in ("parenthesized_expression", "inherit_from"):
            return ", expecting ')'"
        if t == "interpolation":
            return ", expecting '}'"
        if t == "binding":
            return ", expecting ';'"
        if t in ("assert_expression", "with_expression"):
            if child != p.child_by_field_name("body"):
                return ", expecting ';'"
        elif t == "if_expression":
            if child == p.child_by_field_name("condition"):
                return ", expecting 'then'"
            if child == p.child_by_field_name("consequence"):
                return ", expecting 'else'"
        elif t not in ("function_expression", "let_expression"):
            return ""
        child, p = p, p.parent
    return ""
