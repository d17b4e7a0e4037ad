"""Syntax errors as Nix 2.8 reports them (issue 14, item 2).

tree-sitter parses valid programs; this module runs only when a program is
rejected, to say where and how Nix 2.8 rejects it. Nix reads a program with a
flex lexer and a bison parser (GLR, deterministic except at its two grammar
conflicts); bison stops at the first token after which the input is no longer a
prefix of a valid program, and prints `syntax error, unexpected TOKEN`, followed by
`, expecting A or B ...` when the parser's state has at most four expected tokens.

- `tokens`: a lexer that cuts tokens as Nix 2.8's does (longest match, the first
  rule on a tie; the start conditions of strings, indented strings and paths with
  interpolation).  White space and comments are lexemes too: a token's position is
  its start offset, and the end of file is reported at the start of the last
  lexeme of any kind.
- `_Tables`: LALR(1) tables built here, at first use, from Nix 2.8's grammar as
  bison builds them (precedence and associativity resolve the operator conflicts,
  each state's most frequent reduction is its default reduction), written out
  below from the grammar's productions.
- `diagnose`: runs the tables over the tokens, following both actions at a
  conflict as a GLR parser does, and returns `(message, offset)`, or None when it
  cannot decide (the program parses, or the lexer fails before the parser does:
  those errors are the lowering's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# --- the grammar -------------------------------------------------------------------

# Terminals in bison's symbol order (the order of "expecting" lists).
TERMINALS = [
    "end of file", "error", "invalid token",
    "ID", "ATTRPATH", "STR", "IND_STR", "INT", "FLOAT", "PATH", "HPATH", "SPATH",
    "PATH_END", "URI", "IF", "THEN", "ELSE", "ASSERT", "WITH", "LET", "IN", "REC",
    "INHERIT", "EQ", "NEQ", "AND", "OR", "IMPL", "OR_KW", "DOLLAR_CURLY",
    "IND_STRING_OPEN", "IND_STRING_CLOSE", "ELLIPSIS", "'<'", "'>'", "LEQ", "GEQ",
    "UPDATE", "NOT", "'+'", "'-'", "'*'", "'/'", "CONCAT", "'?'", "NEGATE",
    "':'", "'@'", "';'", "'!'", "'.'", "'\"'", "'('", "')'", "'{'", "'}'", "'['",
    "']'", "'='", "','",
]
_TORDER = {t: i for i, t in enumerate(TERMINALS)}

# (level, associativity) of the precedence declarations, lowest first.
_PREC_DECLS = [
    ("right", ["IMPL"]), ("left", ["OR"]), ("left", ["AND"]), ("nonassoc", ["EQ", "NEQ"]),
    ("nonassoc", ["'<'", "'>'", "LEQ", "GEQ"]), ("right", ["UPDATE"]), ("left", ["NOT"]),
    ("left", ["'+'", "'-'"]), ("left", ["'*'", "'/'"]), ("right", ["CONCAT"]),
    ("nonassoc", ["'?'"]), ("nonassoc", ["NEGATE"]),
]
PREC: dict[str, tuple[int, str]] = {
    t: (level, assoc) for level, (assoc, ts) in enumerate(_PREC_DECLS, 1) for t in ts}

# lhs: alternatives; each alternative is a string of symbols, `%prec X` at the end.
_GRAMMAR = """
start: expr
expr: expr_function
expr_function: ID ':' expr_function
 | '{' formals '}' ':' expr_function
 | '{' formals '}' '@' ID ':' expr_function
 | ID '@' '{' formals '}' ':' expr_function
 | ASSERT expr ';' expr_function
 | WITH expr ';' expr_function
 | LET binds IN expr_function
 | expr_if
expr_if: IF expr THEN expr ELSE expr
 | expr_op
expr_op: '!' expr_op %prec NOT
 | '-' expr_op %prec NEGATE
 | expr_op EQ expr_op
 | expr_op NEQ expr_op
 | expr_op '<' expr_op
 | expr_op LEQ expr_op
 | expr_op '>' expr_op
 | expr_op GEQ expr_op
 | expr_op AND expr_op
 | expr_op OR expr_op
 | expr_op IMPL expr_op
 | expr_op UPDATE expr_op
 | expr_op '?' attrpath
 | expr_op '+' expr_op
 | expr_op '-' expr_op
 | expr_op '*' expr_op
 | expr_op '/' expr_op
 | expr_op CONCAT expr_op
 | expr_app
expr_app: expr_app expr_select
 | expr_select
expr_select: expr_simple '.' attrpath
 | expr_simple '.' attrpath OR_KW expr_select
 | expr_simple OR_KW
 | expr_simple
expr_simple: ID
 | INT
 | FLOAT
 | '"' string_parts '"'
 | IND_STRING_OPEN ind_string_parts IND_STRING_CLOSE
 | path_start PATH_END
 | path_start string_parts_interpolated PATH_END
 | SPATH
 | URI
 | '(' expr ')'
 | LET '{' binds '}'
 | REC '{' binds '}'
 | '{' binds '}'
 | '[' expr_list ']'
string_parts: STR
 | string_parts_interpolated
 |
string_parts_interpolated: string_parts_interpolated STR
 | string_parts_interpolated DOLLAR_CURLY expr '}'
 | DOLLAR_CURLY expr '}'
 | STR DOLLAR_CURLY expr '}'
path_start: PATH
 | HPATH
ind_string_parts: ind_string_parts IND_STR
 | ind_string_parts DOLLAR_CURLY expr '}'
 |
binds: binds attrpath '=' expr ';'
 | binds INHERIT attrs ';'
 | binds INHERIT '(' expr ')' attrs ';'
 |
attrs: attrs attr
 | attrs string_attr
 |
attrpath: attrpath '.' attr
 | attrpath '.' string_attr
 | attr
 | string_attr
attr: ID
 | OR_KW
string_attr: '"' string_parts '"'
 | DOLLAR_CURLY expr '}'
expr_list: expr_list expr_select
 |
formals: formal ',' formals
 | formal
 |
 | ELLIPSIS
formal: ID
 | ID '?' expr
"""


def _rules() -> list[tuple[str, tuple[str, ...], str | None]]:
    """(lhs, body, %prec terminal or None) of each production, rule 0 first."""
    rules: list[tuple[str, tuple[str, ...], str | None]] = []
    lhs = ""
    for raw in _GRAMMAR.strip().splitlines():
        line = raw.strip()
        if line.startswith("|"):
            body = line[1:]
        else:
            lhs, _, body = line.partition(":")
            lhs = lhs.strip()
        prec = None
        if "%prec" in body:
            body, _, prec = body.partition("%prec")
            prec = prec.strip()
        syms = tuple(_symbols(body))
        rules.append((lhs, syms, prec))
    return rules


def _symbols(body: str) -> list[str]:
    """Symbols of a rule body (`'"'` is the double quote token)."""
    return re.findall(r"'[^ ]+'|[A-Za-z_]+", body)


# --- LALR(1) tables ----------------------------------------------------------------


class _Tables:
    """actions[state][terminal] -> list of ("s", state) / ("r", rule) / ("a", 0)
    (accept) / ("e", 0) (an error a %nonassoc declaration makes), more than one at
    the grammar's conflicts, the shift first; default[state] -> the rule reduced on
    any other terminal, or None; goto[state][nonterminal] -> state."""

    def __init__(self) -> None:
        rules = _rules()
        self.rules = rules
        nts = {lhs for lhs, _, _ in rules}
        self.nts = nts
        by_lhs: dict[str, list[int]] = {}
        for i, (lhs, _, _) in enumerate(rules):
            by_lhs.setdefault(lhs, []).append(i)
        # nullable and FIRST
        nullable: set[str] = set()
        first: dict[str, set[str]] = {n: set() for n in nts}
        changed = True
        while changed:
            changed = False
            for lhs, body, _ in rules:
                if lhs not in nullable and all(sym in nullable for sym in body):
                    nullable.add(lhs)
                    changed = True
                for sym in body:
                    f = first[sym] if sym in nts else {sym}
                    if not f <= first[lhs]:
                        first[lhs] |= f
                        changed = True
                    if sym not in nullable:
                        break

        def first_seq(seq: tuple[str, ...], la: str) -> set[str]:
            out: set[str] = set()
            for sym in seq:
                if sym in nts:
                    out |= first[sym]
                    if sym not in nullable:
                        return out
                else:
                    out.add(sym)
                    return out
            out.add(la)
            return out

        # LR(0) kernels: item = (rule, dot)
        def closure0(items: frozenset) -> set:
            out = set(items)
            todo = list(items)
            while todo:
                r, d = todo.pop()
                body = rules[r][1]
                if d < len(body) and body[d] in nts:
                    for r2 in by_lhs[body[d]]:
                        if (r2, 0) not in out:
                            out.add((r2, 0))
                            todo.append((r2, 0))
            return out

        start = frozenset({(0, 0)})
        kernels = [start]
        index = {start: 0}
        trans: list[dict[str, int]] = []
        i = 0
        while i < len(kernels):
            items = closure0(kernels[i])
            moves: dict[str, set] = {}
            for r, d in items:
                body = rules[r][1]
                if d < len(body):
                    moves.setdefault(body[d], set()).add((r, d + 1))
            t: dict[str, int] = {}
            for sym, k in moves.items():
                fk = frozenset(k)
                if fk not in index:
                    index[fk] = len(kernels)
                    kernels.append(fk)
                t[sym] = index[fk]
            trans.append(t)
            i += 1
        # lookaheads: spontaneous generation and propagation (dragon book 4.7.5)
        las: list[dict[tuple[int, int], set[str]]] = [{it: set() for it in k} for k in kernels]
        las[0][(0, 0)].add("end of file")
        prop: list[tuple[int, tuple[int, int], int, tuple[int, int]]] = []

        def closure1(item: tuple[int, int]) -> set[tuple[int, int, str]]:
            out = {(item[0], item[1], "#")}
            todo = list(out)
            while todo:
                r, d, la = todo.pop()
                body = rules[r][1]
                if d < len(body) and body[d] in nts:
                    for b in first_seq(body[d + 1:], la):
                        for r2 in by_lhs[body[d]]:
                            x = (r2, 0, b)
                            if x not in out:
                                out.add(x)
                                todo.append(x)
            return out

        for st, kernel in enumerate(kernels):
            for it in kernel:
                for r, d, la in closure1(it):
                    body = rules[r][1]
                    if d < len(body):
                        to = trans[st][body[d]]
                        if la == "#":
                            prop.append((st, it, to, (r, d + 1)))
                        else:
                            las[to][(r, d + 1)].add(la)
        changed = True
        while changed:
            changed = False
            for st, it, to, it2 in prop:
                src, dst = las[st][it], las[to][it2]
                if not src <= dst:
                    dst |= src
                    changed = True
        # actions
        self.actions: list[dict[str, list[tuple[str, int]]]] = []
        self.default: list[int | None] = []
        self.goto: list[dict[str, int]] = []
        for st, kernel in enumerate(kernels):
            acts: dict[str, list[tuple[str, int]]] = {}
            for sym, to in trans[st].items():
                if sym not in nts:
                    acts[sym] = [("s", to)]
            # reductions: kernel items at the end, and empty rules of the closure
            reds: dict[int, set[str]] = {}
            for it in kernel:
                r, d = it
                if d == len(rules[r][1]):
                    reds.setdefault(r, set()).update(las[st][it])
                for r2, d2, la in closure1(it):
                    if d2 == 0 and not rules[r2][1]:
                        reds.setdefault(r2, set()).update(
                            las[st][it] if la == "#" else {la})
            red_counts: dict[int, int] = {}
            for r, lookaheads in reds.items():
                for la in lookaheads:
                    cur = acts.get(la, [])
                    if r == 0:
                        acts[la] = [("a", 0)]
                        continue
                    shift = [a for a in cur if a[0] == "s"]
                    if shift:
                        rp = self._rule_prec(r)
                        tp = PREC.get(la)
                        if rp is not None and tp is not None:
                            if rp[0] > tp[0] or (rp[0] == tp[0] and tp[1] == "left"):
                                acts[la] = [a for a in cur if a[0] != "s"] + [("r", r)]
                            elif rp[0] == tp[0] and tp[1] == "nonassoc":
                                acts[la] = [("e", 0)]
                            continue  # shift wins
                    acts[la] = cur + [("r", r)]
            for la in acts:  # a conflict'st first action is the one bison'st GLR stack
                acts[la].sort(key=lambda a: (a[0] != "s", a[1]))  # keeps, others split
            for acts_la in acts.values():
                for kind, r in acts_la:
                    if kind == "r":
                        red_counts[r] = red_counts.get(r, 0) + 1
            default = None
            if red_counts:
                default = max(sorted(red_counts), key=lambda r: red_counts[r])
                for la in list(acts):
                    if acts[la] == [("r", default)]:
                        del acts[la]
            self.actions.append(acts)
            self.default.append(default)
            self.goto.append({sym: to for sym, to in trans[st].items() if sym in nts})

    def _rule_prec(self, r: int) -> tuple[int, str] | None:
        lhs, body, prec = self.rules[r]
        if prec is not None:
            return PREC.get(prec)
        for s in reversed(body):
            if s not in self.nts:
                return PREC.get(s)
        return None

    def expected(self, state: int) -> list[str]:
        return sorted((t for t, acts in self.actions[state].items()
                       if any(a[0] != "e" for a in acts)), key=_TORDER.__getitem__)


_TABLES: _Tables | None = None


def tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _Tables()
    return _TABLES


# --- the lexer ---------------------------------------------------------------------

_PC = rb"[a-zA-Z0-9._\-+]"
_KEYWORDS = {b"if": "IF", b"then": "THEN", b"else": "ELSE", b"assert": "ASSERT",
             b"with": "WITH", b"let": "LET", b"in": "IN", b"rec": "REC",
             b"inherit": "INHERIT", b"or": "OR_KW"}
_OPS = {b"...": "ELLIPSIS", b"==": "EQ", b"!=": "NEQ", b"<=": "LEQ", b">=": "GEQ",
        b"&&": "AND", b"||": "OR", b"->": "IMPL", b"//": "UPDATE", b"++": "CONCAT"}
_CHARS = {c for t in TERMINALS if len(t) == 3 and t[0] == "'" for c in [t[1]]}

# INITIAL: (regex, kind), in the lexer's rule order; the longest match wins.
_INITIAL = [(re.compile(p, re.S), k) for p, k in [
    (rb"inherit|assert|then|else|with|let|rec|if|in|or", "kw"),
    (rb"\.\.\.|==|!=|<=|>=|&&|\|\||->|//|\+\+", "op"),
    (rb"[a-zA-Z_][a-zA-Z0-9_'\-]*", "ID"),
    (rb"[0-9]+", "INT"),
    (rb"(?:[1-9][0-9]*\.[0-9]*|0?\.[0-9]+)(?:[Ee][+-]?[0-9]+)?", "FLOAT"),
    (rb"\$\{", "DOLLAR_CURLY"),
    (rb"\}", "close"),
    (rb"\{", "open"),
    (rb'"', "quote"),
    (rb"''(?: *\n)?", "IND_STRING_OPEN"),
    (_PC + rb"*/\$\{", "pathseg"),
    (rb"~/\$\{", "hpathseg"),
    (_PC + rb"*(?:/" + _PC + rb"+)+/?", "PATH"),
    (rb"~(?:/" + _PC + rb"+)+/?", "HPATH"),
    (rb"<" + _PC + rb"+(?:/" + _PC + rb"+)*>", "SPATH"),
    (rb"[a-zA-Z][a-zA-Z0-9+\-.]*:[a-zA-Z0-9%/?:@&=+$,\-_.!~*']+", "URI"),
    (rb"[ \t\r\n]+", "ws"),
    (rb"#[^\r\n]*", "comment"),
    (rb"/\*(?:[^*]|\*+[^*/])*\*+/", "ws"),
]]
_STR_BODY = rb"(?:[^$\"\\]|\$[^{\"\\]|\\.|\$\\.)"
_STRING = [(re.compile(p, re.S), k) for p, k in [
    (_STR_BODY + rb"*\$(?=\")", "STR"),
    (_STR_BODY + rb"+", "STR"),
    (rb"\$\{", "DOLLAR_CURLY"),
    (rb'"', "unquote"),
    (rb"\$\\|\$|\\", "STR"),
]]
_IND = [(re.compile(p, re.S), k) for p, k in [
    (rb"(?:[^$']|\$[^{']|'[^'$])+", "IND_STR"),
    (rb"''\$", "IND_STR"),
    (rb"\$", "IND_STR"),
    (rb"'''", "IND_STR"),
    (rb"''\\.", "IND_STR"),
    (rb"\$\{", "DOLLAR_CURLY"),
    (rb"''", "IND_STRING_CLOSE"),
    (rb"'", "IND_STR"),
]]
_INPATH = [(re.compile(p, re.S), k) for p, k in [
    (rb"\$\{", "DOLLAR_CURLY"),
    (_PC + rb"*(?:/" + _PC + rb"+)+/?|" + _PC + rb"*/|" + _PC + rb"+", "STR"),
]]


def _float_ok(text: bytes) -> bool:
    """strtod without ERANGE: no overflow, no underflow to a subnormal or zero."""
    value = float(text)
    return value != float("inf") and not (0.0 < value < 2.2250738585072014e-308) and not (
        value == 0.0 and re.search(rb"[1-9]", text.split(b"e")[0].split(b"E")[0]))


class LexError(Exception):
    """The lexer fails (a trailing slash, ...): not a syntax error of the parser."""


def _longest(rules: list, data: bytes, pos: int) -> tuple[str, int]:
    best, kind = 0, ""
    for rx, k in rules:
        m = rx.match(data, pos)
        if m and m.end() - pos > best:
            best, kind = m.end() - pos, k
    return kind, pos + best


def tokens(data: bytes, comment_crs: list[int] | None = None) -> Iterator[tuple[str, int, int]]:
    """(terminal, offset of its position, the same offset) of each token, ending with
    ("end of file", offset, offset): the start of the last lexeme, or a NUL byte. `comment_crs` collects
    the offsets of the bare CRs that end a `#` comment."""
    states = ["INITIAL"]
    pos, n = 0, len(data)
    last = before = 0  # the starts of the last lexeme and of the one before it
    while True:
        state = states[-1]
        if pos >= n:
            if state == "INPATH":
                # Nix's lexer restores the position it had before the path's last
                # piece: the path's end, and the end of file after it, are there.
                states.pop()
                last = before
                yield "PATH_END", last, last
                continue
            if state == "INPATH_SLASH":
                raise LexError("path has a trailing slash")
            yield "end of file", last, last
            return
        start = pos
        if state == "INITIAL":
            kind, end = _longest(_INITIAL, data, pos)
            if not kind and data[pos] == 0:
                # A NUL byte read as a token is token 0: the end of file.
                yield "end of file", pos, pos
                return
            if not kind:  # any other byte: a token of its own
                end = pos + 1
                c = chr(data[pos])
                kind = "char"
                tok = f"'{c}'" if c in _CHARS else "invalid token"
            text = data[start:end]
            last, before = start, last
            pos = end
            if kind == "comment":
                if comment_crs is not None and data[end:end + 1] == b"\r" \
                        and data[end + 1:end + 2] != b"\n":
                    comment_crs.append(end)
                continue
            if kind == "ws":
                continue
            if kind == "kw":
                tok = _KEYWORDS[text]
            elif kind == "op":
                tok = _OPS[text]
            elif kind == "INT" and int(text) > 2**63 - 1:
                raise LexError("invalid integer")
            elif kind == "FLOAT" and not _float_ok(text):
                raise LexError("invalid float")
            elif kind in ("ID", "INT", "FLOAT", "SPATH", "URI", "DOLLAR_CURLY", "IND_STRING_OPEN"):
                tok = kind
                if kind == "DOLLAR_CURLY":
                    states.append("INITIAL")
                elif kind == "IND_STRING_OPEN":
                    states.append("IND")
            elif kind == "close":
                tok = "'}'"
                if len(states) > 1:
                    states.pop()
            elif kind == "open":
                tok = "'{'"
                states.append("INITIAL")
            elif kind == "quote":
                tok = "'\"'"
                states.append("STRING")
            elif kind in ("pathseg", "hpathseg"):
                end = end - 2
                pos = end
                tok = "PATH" if kind == "pathseg" else "HPATH"
                states.append("INPATH_SLASH")
            elif kind in ("PATH", "HPATH"):
                tok = kind
                states.append("INPATH_SLASH" if text.endswith(b"/") else "INPATH")
            yield tok, start, start
            continue
        table = _STRING if state == "STRING" else _IND if state == "IND" else _INPATH
        kind, end = _longest(table, data, pos)
        if state in ("INPATH", "INPATH_SLASH"):
            if kind == "DOLLAR_CURLY":
                states[-1] = "INPATH"
                states.append("INITIAL")
            elif kind == "STR":
                states[-1] = "INPATH_SLASH" if data[end - 1:end] == b"/" else "INPATH"
            elif state == "INPATH":
                # The path ends before this byte; Nix places its end at the start of
                # the path's last piece.
                states.pop()
                yield "PATH_END", last, last
                continue
            else:
                raise LexError("path has a trailing slash")
            last, before = start, last
            pos = end
            yield kind, start, start
            continue
        if not kind:  # cannot happen: every byte starts a lexeme of strings
            raise LexError("no rule")
        last, before = start, last
        pos = end
        if kind == "unquote":
            states.pop()
            yield "'\"'", start, start
        elif kind == "IND_STRING_CLOSE":
            states.pop()
            yield kind, start, start
        else:
            if kind == "DOLLAR_CURLY":
                states.append("INITIAL")
            yield kind, start, start


def comment_crs(data: bytes) -> list[int]:
    """The bare CRs (not before a LF) that end a `#` comment: Nix's lexer ends a
    comment there (the rest of the line is code), tree-sitter-nix reads on to the LF."""
    found: list[int] = []
    try:
        for tok, _, _ in tokens(data, found):
            if tok == "end of file":
                break
    except LexError:
        pass
    return found


# --- the parser --------------------------------------------------------------------


def diagnose(data: bytes) -> tuple[str, int] | None:
    """Nix 2.8's syntax error for `data` (already cut at a NUL byte): the message
    and the byte offset of its position; None when the parser accepts `data` or the
    lexer fails first."""
    t = tables()
    # A stack is a linked list of (state, rest): shared tails, no copying (deep
    # nesting stays linear).
    stacks: list[tuple] = [(0, None)]
    try:
        for tok, at, _ in tokens(data):
            # Bison's GLR parser: stacks in order, each reduced until it shifts or
            # dies; a conflict's other actions go to new stacks at the end; when all
            # die, it reports the state of the last one that died.
            shifted: list[tuple] = []
            last_dead = None
            work: list[tuple[tuple, tuple[str, int] | None]] = [(st, None) for st in stacks]
            i = 0
            while i < len(work):
                st, pending = work[i]
                i += 1
                while True:
                    if i + len(work) > 100000:
                        return None
                    if pending is None:
                        acts = t.actions[st[0]].get(tok)
                        if acts is None:
                            d = t.default[st[0]]
                            acts = [("r", d)] if d is not None else []
                        if not acts or acts[0][0] == "e":
                            last_dead = st
                            break
                        pending = acts[0]
                        work.extend((st, a) for a in acts[1:])
                    kind, arg = pending
                    pending = None
                    if kind == "a":
                        return None
                    if kind == "s":
                        shifted.append((arg, st))
                        break
                    lhs, body, _ = t.rules[arg]
                    for _ in body:
                        st = st[1]
                    st = (t.goto[st[0]][lhs], st)
            if not shifted:
                assert last_dead is not None
                exp = t.expected(last_dead[0])
                msg = f"syntax error, unexpected {tok}"
                if 0 < len(exp) <= 4:
                    msg += ", expecting " + " or ".join(exp)
                return msg, at
            stacks = shifted
    except LexError:
        return None
    return None
