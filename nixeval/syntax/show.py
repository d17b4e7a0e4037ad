"""Printing an AST back as Nix source, in the form Nix 2.8 shows expressions
(`nix-instantiate --parse`, and the text of a failed `assert`).

Invariants: iterative (an explicit stack of text pieces and nodes), so a 100,000-deep
expression prints without recursion. Operators Nix desugars into calls print as
those calls (`a - b` is `(__sub a b)`, `a < b` is `(__lessThan a b)`).
"""

from __future__ import annotations

from typing import Any

from nixeval.lexical import escape_string, format_attr_name, format_float
from nixeval.syntax import ast as A
from nixeval.values import NixPath

_CALL_OPS = {A.Sub: "__sub", A.Mul: "__mul", A.Div: "__div"}


def show_string(s: str) -> str:
    """A string literal as Nix's `show` writes it: unlike a printed value, every
    `$` is escaped."""
    return escape_string(s).replace("\\${", "${").replace("$", "\\$")


def _attr_path(path: list[A.AttrName]) -> list[Any]:
    out: list[Any] = []
    for i, an in enumerate(path):
        if i:
            out.append(".")
        if an.name is not None:
            out.append(format_attr_name(an.name))
        else:
            out.extend(['"${', an.expr, '}"'])
    return out


def _expand(n: A.Node) -> list[Any]:
    """The pieces (str or Node) that make up the text of `n`."""
    t = type(n)
    if t is A.Const:
        v = n.value  # type: ignore[attr-defined]
        if type(v) is int:
            return [str(v)]
        if type(v) is float:
            return [format_float(v)]
        if type(v) is NixPath:
            return [v.path]
        return [show_string(v)]
    if isinstance(n, (A.Var, A.WithVar)):
        return [n.name]  # type: ignore[attr-defined]
    if t is A.CurPos:
        return ["__curPos"]
    if t is A.Str or t is A.PathInterp:
        # A path's first piece is a path literal; every other literal piece is a string.
        out: list[Any] = ["("]
        for i, p in enumerate(n.parts):  # type: ignore[attr-defined]
            if i:
                out.append(" + ")
            if type(p) is not str:
                out.append(p)
            elif i == 0 and t is A.PathInterp:
                out.append(p)
            else:
                out.append(show_string(p))
        out.append(")")
        return out
    if t is A.Select or t is A.SelectVar:
        out = ["(", n.expr, ")."] + _attr_path(n.path)  # type: ignore[attr-defined]
        if n.default is not None:  # type: ignore[attr-defined]
            out += [" or (", n.default, ")"]  # type: ignore[attr-defined]
        return out
    if t is A.HasAttr:
        return ["((", n.expr, ") ? "] + _attr_path(n.path) + [")"]  # type: ignore[attr-defined]
    if t is A.Attrs:
        out = ["rec { " if n.rec else "{ "]  # type: ignore[attr-defined]
        inherits = []
        for name in sorted(n.static):  # type: ignore[attr-defined]
            vnode, _span, inherited = n.static[name]  # type: ignore[attr-defined]
            if inherited:
                inherits.append(name)
                continue
            out += [format_attr_name(name), " = ", vnode, "; "]
        for name in inherits:
            out.append(f"inherit {format_attr_name(name)} ; ")
        for name_node, vnode, _span in n.dynamic:  # type: ignore[attr-defined]
            out += ['"${', name_node, '}" = ', vnode, "; "]
        out.append("}")
        return out
    if t is A.List:
        out = ["[ "]
        for item in n.items:  # type: ignore[attr-defined]
            out += ["(", item, ") "]
        out.append("]")
        return out
    if t is A.Let:
        out = ["(let "]
        for name, (vnode, outer) in zip(n.names, n.values):  # type: ignore[attr-defined]
            if outer:
                out.append(f"inherit {format_attr_name(name)}; ")
            else:
                out += [format_attr_name(name), " = ", vnode, "; "]
        out += ["in ", n.body, ")"]  # type: ignore[attr-defined]
        return out
    if t is A.With:
        return ["(with ", n.attrs, "; ", n.body, ")"]  # type: ignore[attr-defined]
    if t is A.Assert:
        return ["assert ", n.cond, "; ", n.body]  # type: ignore[attr-defined]
    if t is A.If:
        return ["(if ", n.cond, " then ", n.then, " else ", n.else_, ")"]  # type: ignore[attr-defined]
    if t is A.Lambda:
        out = ["("]
        if n.formals is not None:  # type: ignore[attr-defined]
            out.append("{ ")
            # Sorted by name, as Nix 2.21 prints them ("Consistent order of function
            # arguments in printed expressions"; 2.8 used its symbol table's order).
            formals = sorted(n.formals, key=lambda f: f[0])  # type: ignore[attr-defined]
            for i, (name, default) in enumerate(formals):
                if i:
                    out.append(", ")
                out.append(name)
                if default is not None:
                    out += [" ? ", default]
            if n.ellipsis:  # type: ignore[attr-defined]
                out.append(", ..." if n.formals else "...")  # type: ignore[attr-defined]
            out.append(" }")
            if n.arg is not None:  # type: ignore[attr-defined]
                out.append(f" @ {n.arg}")  # type: ignore[attr-defined]
        else:
            out.append(n.arg)  # type: ignore[attr-defined]
        out += [": ", n.body, ")"]  # type: ignore[attr-defined]
        return out
    if t is A.Apply:
        out = ["(", n.fn]  # type: ignore[attr-defined]
        for a in n.args:  # type: ignore[attr-defined]
            out += [" ", a]
        out.append(")")
        return out
    if t is A.Not:
        return ["(! ", n.expr, ")"]  # type: ignore[attr-defined]
    if t is A.Neg:
        return ["(__sub 0 ", n.expr, ")"]  # type: ignore[attr-defined]
    if t in _CALL_OPS:
        return ["(" + _CALL_OPS[t] + " ", n.left, " ", n.right, ")"]  # type: ignore[attr-defined]
    if t is A.Lt:
        return ["(__lessThan ", n.left, " ", n.right, ")"]  # type: ignore[attr-defined]
    if t is A.Gt:
        return ["(__lessThan ", n.right, " ", n.left, ")"]  # type: ignore[attr-defined]
    if t is A.Le:
        return ["(! (__lessThan ", n.right, " ", n.left, "))"]  # type: ignore[attr-defined]
    if t is A.Ge:
        return ["(! (__lessThan ", n.left, " ", n.right, "))"]  # type: ignore[attr-defined]
    if isinstance(n, A.BinOp):
        return ["(", n.left, f" {n.op} ", n.right, ")"]
    return [f"<{t.__name__}>"]


def show_expr(node: A.Node) -> str:
    out: list[str] = []
    stack: list[Any] = [node]
    while stack:
        x = stack.pop()
        if type(x) is str:
            out.append(x)
        else:
            stack.extend(reversed(_expand(x)))
    return "".join(out)
