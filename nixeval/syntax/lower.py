"""Lowering: tree-sitter's concrete syntax tree -> nixeval's AST, with scope analysis.

This is the only module that touches tree-sitter nodes.

Invariants:
- No recursion per level of nesting: every lowering function is a generator that
  `yield`s a child (a tree-sitter node, or a `_PreAttrs`) and receives its lowered
  AST; `_drive` runs them with an explicit stack. A 100,000-deep input costs heap.
- Scope analysis happens here: each variable becomes `Var(depth, index)`, a
  `WithVar`, or a `ParseError` ("undefined variable") when no `with` encloses it.
- The grammar gaps of tree-sitter-nix 0.1.0 are repaired here (trailing comma in
  formals, `or` as an argument) and the programs the grammar accepts but Nix rejects
  (duplicate attributes and formals, dynamic attributes in `let`) are rejected with
  Nix's messages. See grammar/README.md.
- The pipe operators `|>` and `<|` (Nix 2.24, experimental feature
  `pipe-operators`), unknown to tree-sitter-nix 0.1.0, reach the tree as `->`
  (repair.py); `_pipe_chain` groups each chain by Nix's rules into calls, and
  `parse` raises Nix's error for them when the feature is off.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Collection, Generator
from typing import Any

import tree_sitter
import tree_sitter_nix

from nixeval.errors import ParseError
from nixeval.printer import format_attr_name
from nixeval.source import Source, Span
from nixeval.syntax import ast as A
from nixeval.syntax.diagnose import LexError, comment_crs, diagnose, tokens
from nixeval.syntax.repair import MAX_ROUNDS, PATH_CHARS, Edits, find_pipe_operators, find_repairs
from nixeval.values import NixPath

_INF = float("inf")
_DBL_MIN = 2.2250738585072014e-308  # the smallest normal double (sys.float_info.min)

LANGUAGE = tree_sitter.Language(tree_sitter_nix.language())
_parser = tree_sitter.Parser(LANGUAGE)

Gen = Generator[Any, Any, Any]


class Scope:
    __slots__ = ("names", "is_with")

    def __init__(self, names: dict[str, int] | None, is_with: bool = False):
        self.names = names if names is not None else {}
        self.is_with = is_with


def canon_path(path: str) -> str:
    """Nix's canonPath: absolute, no `.`/`..` components, no trailing slash."""
    out: list[str] = []
    for part in path.split("/"):
        if part == "" or part == ".":
            continue
        if part == "..":
            if out:
                out.pop()
            continue
        out.append(part)
    return "/" + "/".join(out)


_DQ_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}


_DQ_TOKEN_RE = re.compile(r"\\(.)|\r\n?", re.S)


def _dq_token(m: re.Match[str]) -> str:
    c = m.group(1)
    if c is None:
        return "\n"  # CR and CR LF in string literals become LF, as in Nix
    return _DQ_ESCAPES.get(c, c)


def unescape_dq(raw: str) -> str:
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
    type = "_preattrs"  # never a tree-sitter node type

    def __init__(self, rec: bool, span: Span, is_let: bool = False):
        self.rec = rec
        self.static: dict[str, _Entry] = {}
        self.dynamic: list[tuple[Any, Any, Span]] = []  # (name node, value node | _PreAttrs, span)
        self.sources: list[_InheritSource] = []  # of its `inherit (e)`s, in order
        self.span = span
        self.is_let = is_let


_KEYWORDS = {"if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"}
_NONASSOC = {"==": 0, "!=": 0, "<": 1, ">": 1, "<=": 1, ">=": 1}
_TOKEN_NAMES = {"==": "EQ", "!=": "NEQ", "<": "'<'", ">": "'>'", "<=": "LEQ", ">=": "GEQ",
                "&&": "AND", "||": "OR", "->": "IMPL", "//": "UPDATE", "++": "CONCAT",
                "...": "ELLIPSIS", "${": "DOLLAR_CURLY", "''": "IND_STRING_OPEN",
                # New in Nix 2.24; named as current Nix names its tokens.
                "|>": "'|>'", "<|": "'<|'"}
# The operators of a chain that tree-sitter sees as `->` (see repair.py).
_CHAIN_OPS = frozenset(("->", "|>", "<|"))


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


# Nix's URI token (bytes).
_URI_RE = re.compile(rb"[a-zA-Z][a-zA-Z0-9+\-.]*:[a-zA-Z0-9%/?:@&=+$,\-_.!~*']+")


class Lowering:
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
        self._methods = {name[2:]: getattr(self, name) for name in dir(self) if name.startswith("l_")}
        self._leaves = {"integer_expression": self.s_integer_expression,
                        "float_expression": self.s_float_expression,
                        "uri_expression": self.s_uri_expression,
                        "variable_expression": self.s_variable_expression}

    # --- helpers ---------------------------------------------------------------

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
        raise ParseError(f"undefined variable '{name}'", span)

    # --- the driver --------------------------------------------------------------

    def lower(self, root: Any) -> A.Node:
        return self._drive(root)

    def _drive(self, first: Any) -> Any:
        leaves = self._leaves
        leaf = leaves.get(first.type)
        if leaf is not None:
            return leaf(first)
        stack: list[Gen] = []
        gen = self._dispatch(first)
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
        if type(n) is _PreAttrs:
            return self.l_preattrs(n)
        meth = self._methods.get(n.type)
        if meth is None:
            if n.type == "ERROR" or n.is_missing:
                raise self.syntax_error(n)
            raise self.error(f"syntax error, unexpected {n.type}", n)
        return meth(n)

    def syntax_error(self, n: Any) -> ParseError:
        return syntax_error(self.source, n, edits=self.edits)

    # --- leaves ----------------------------------------------------------------

    def l_source_code(self, n: Any) -> Gen:
        body = n.child_by_field_name("expression")
        if body is None:
            raise _eof_error(self.source, n)
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
        if name in _KEYWORDS:
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

    # --- attribute paths ---------------------------------------------------------

    def _static_name(self, a: Any) -> str | None:
        """The name of a static attrpath component (identifier, "string", ${"string"}),
        or None when it is dynamic."""
        t = a.type
        if t == "identifier":
            if a.is_missing:
                raise self.syntax_error(a)
            name = self.text(a)
            if name in _KEYWORDS:
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
                    raise self.error(f"syntax error, unexpected {_TOKEN_NAMES[op]}", op_node)
            right = n.child_by_field_name("right")
            if right.type == "binary_expression":
                rop = right.child_by_field_name("operator")
                if _NONASSOC.get(self.text(rop)) == level:
                    raise self.error(f"syntax error, unexpected {_TOKEN_NAMES[self.text(rop)]}", rop)
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
        return A.Assert(c, b, self.text(cond_node), self.span(n))

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
            if name == "or" or name in _KEYWORDS:
                raise self.error(f"syntax error, unexpected {'OR_KW' if name == 'or' else name.upper()}", c)
            if name in names:
                raise ParseError(f"duplicate formal function argument '{name}'", self.span(c))
            names[name] = len(names) + 1
        if arg is not None:
            if arg in names:
                raise ParseError(f"duplicate formal function argument '{arg}'", span)
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
                    raise self.syntax_error(_first_error(c) or c)
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
        return ParseError(f"syntax error, unexpected {_token_at(self.source, at)}{expecting}",
                          Span(self.source, at, at + 1))

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
                        raise ParseError(f"attribute '{format_attr_name(name)}' already defined at {pre.static[name].span.short()}", aspan)
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
            last = i == len(path) - 1
            if an.name is None:
                if pre.is_let and target is pre:
                    raise ParseError("dynamic attributes not allowed in let", an.span)
                if last:
                    target.dynamic.append((comps[i], value, an.span))
                else:
                    nested = _PreAttrs(False, an.span)
                    target.dynamic.append((comps[i], nested, an.span))
                    target = nested
                continue
            name = an.name
            existing = target.static.get(name)
            if last:
                if existing is None:
                    e = _Entry(an.span)
                    e.value = value
                    target.static[name] = e
                    continue
                # Both this value and the existing one are attrset literals: merge.
                if (existing.nested is not None or self._is_attrs_literal(existing)) and \
                        value.type in ("attrset_expression", "rec_attrset_expression") and not existing.inherited and existing.inherit_from is None:
                    into = self._nested_of(existing)
                    yield from self._collect_merge(into, value, path[: i + 1])
                    continue
                raise ParseError(f"attribute '{self._path_str(path[: i + 1])}' already defined at {existing.span.short()}", an.span)
            if existing is None:
                e = _Entry(an.span)
                e.nested = _PreAttrs(False, an.span)
                target.static[name] = e
                target = e.nested
                continue
            if existing.nested is not None or self._is_attrs_literal(existing):
                target = self._nested_of(existing)
                continue
            raise ParseError(f"attribute '{self._path_str(path)}' already defined at {existing.span.short()}", an.span)

    def _collect_merge(self, into: _PreAttrs, value: Any, prefix: list[A.AttrName]) -> Gen:
        other = _PreAttrs(False, self.span(value))
        bs = next((c for c in value.children if c.type == "binding_set"), None)
        yield from self._collect(other, bs)
        for name, e in other.static.items():
            if name in into.static:
                raise ParseError(f"attribute '{self._path_str(prefix)}.{format_attr_name(name)}' already defined at {into.static[name].span.short()}", e.span)
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
            # Collecting a literal only yields for attribute names; run it here.
            self._drive_collect(nested, bs)
            e.nested = nested
            e.value = None
        return e.nested

    def _drive_collect(self, pre: _PreAttrs, bs: Any) -> None:
        def wrapper() -> Gen:
            yield from self._collect(pre, bs)
            return None
        self._drive_gen(wrapper())

    def _drive_gen(self, gen: Gen) -> Any:
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
            stack.append(gen)
            gen = self._dispatch(child)
            val = None

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
        dynamic = []
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


def _first_error(root: Any) -> Any:
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




def _eof_error(source: Source, root: Any, expecting: str = "", edits: Edits | None = None) -> ParseError:
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
            return _token_at(source, pos), pos
    return None


_TOKEN_RE = re.compile(rb"[a-zA-Z_][a-zA-Z0-9_'-]*|[0-9]+(\.[0-9]*)?|\.\.\.|\$\{|''|==|!=|<=|>=|&&|\|\||\|>|<\||->|//|\+\+|.", re.S)


def _token_at(source: Source, pos: int) -> str:
    m = _TOKEN_RE.match(source.data, pos)
    text = m.group(0).decode("utf-8", "replace") if m else ""
    if text in _KEYWORDS:
        return text.upper()
    if text == "or":
        return "OR_KW"
    if re.match(r"[a-zA-Z_]", text):
        return "ID"
    if re.match(r"[0-9]+\.", text):
        return "FLOAT"
    if text[:1].isdigit():
        return "INT"
    if text in _TOKEN_NAMES:
        return _TOKEN_NAMES[text]
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
            return _eof_error(source, root, expecting, edits)
        tok, at = found
        return ParseError(f"syntax error, unexpected {tok}{expecting}", Span(source, at, at + 1))
    if n.type == "ERROR":
        first = n.children[0] if n.child_count else None
        if first is not None and first.type in ('"', "''") and (
                n.child_count == 1 or end >= len(source.data.rstrip(b" \t\r\n"))):
            return _eof_error(source, root, "", edits)  # an unterminated string
        found = _next_token(source, start)
        if found is None:
            return _eof_error(source, root, "", edits)
        tok, at = found
        return ParseError(f"syntax error, unexpected {tok}", Span(source, at, at + 1))
    return ParseError("syntax error", Span(source, start, end))


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
    try:
        for kind, pos, _end in tokens(data):
            if kind == "end of file":
                return pos if pos < len(data) and data[pos] == 0 else None
    except LexError:
        pass
    return data.index(b"\0")


def _c_string(s: str) -> str:
    """A string literal's piece as Nix 2.8 makes its value, from a C string: it ends
    at a NUL byte."""
    return s[:s.index("\x00")] if "\x00" in s else s


def parse(source: Source, base_dir: str, global_names: dict[str, int], home: str | None = None,
          features: Collection[str] = ()) -> A.Node:
    """Parse and lower a whole program; raises ParseError for invalid programs.
    `features`: the enabled experimental features (of those in SYNTAX_FEATURES, the
    ones that change what parses: a cache of ASTs must key on them)."""
    full = source.data
    if b"\0" in source.data:
        # A NUL byte that Nix's lexer reads as a token is token 0, the end of file:
        # the program ends there. One inside a string or comment does not end it
        # (a string's value ends at it: `_c_string`).
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
        err = _as_nix_reports(source, placeholder, full, edits)
        if err is not placeholder:
            raise err
    # Without the feature, Nix's lexer fails on the first pipe operator it reads:
    # that error wins over any error found further on.
    pipe_off = edits is not None and bool(edits.subs) and "pipe-operators" not in features
    if root.has_error:
        bad = _first_error(root)
        if bad is not None:
            err = _as_nix_reports(source, syntax_error(source, bad, edits=edits), full, edits)
            if pipe_off:
                raise _pipe_feature_error(source, edits, err) from None
            raise err
    lowering = Lowering(source, base_dir, global_names, home, edits)
    lowering.clean = not root.has_error
    # Building many objects with the cyclic GC running is much slower (it rescans
    # the growing heap): the AST has no cycles to collect, so pause it meanwhile.
    gc_was = gc.isenabled()
    gc.disable()
    try:
        node = lowering.lower(root)
    except ParseError as err:
        better = _as_nix_reports(source, err, full, edits)
        if pipe_off:
            raise _pipe_feature_error(source, edits, better) from None
        if better is not err:
            raise better from None
        raise
    finally:
        if gc_was:
            gc.enable()
    if pipe_off:
        raise _pipe_feature_error(source, edits, None)
    return node


def _as_nix_reports(source: Source, err: ParseError, full: bytes, edits: Edits | None) -> ParseError:
    """A syntax error where and as Nix 2.8's parser reports it (diagnose.py, which
    reads `full`, the program before it was cut at a NUL byte), or `err` when the
    diagnosis cannot decide or `err` is not a syntax error. The diagnosis knows no
    pipe operator (Nix 2.8 has none): from the first one on, `err` stands."""
    if not err.message.startswith("syntax error"):
        return err
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


# The experimental features that change what parses (a cache of ASTs keys on them).
SYNTAX_FEATURES = frozenset({"pipe-operators"})


def _pipe_feature_error(source: Source, edits: Any, err: ParseError | None) -> ParseError:
    """Nix's error for a pipe operator read without the `pipe-operators` feature (its
    lexer requires the feature as it reads the token), or `err` when Nix would have
    failed first: an error before the first pipe operator, other than an undefined
    variable (those are found after parsing)."""
    at = edits.subs[0][0]
    if err is not None and err.span is not None and err.span.start < at \
            and not err.message.startswith("undefined variable"):
        return err
    return ParseError("experimental Nix feature 'pipe-operators' is disabled; "
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
